import { createMemo } from "solid-js";
import { localDate } from "../../capture/model";
import { useList } from "../../data/records";
import type { PilotRecords } from "../../../../shared/experiments/pilot-result";

/**
 * What a store pilot's measured result is read from, from this device's store: every KPI
 * measurement (as the statistics read it), the experiments' decision logs, and today. Read only
 * while `wanted` (a screen that needs them for store pilots alone).
 */
export function usePilotRecords(wanted?: () => boolean) {
  const measurements = useList("kpi_measurement", wanted);
  const decisions = useList("experiment_decision", wanted);
  const records = createMemo(
    (): PilotRecords => ({
      measurements: measurements.all().flatMap((m) =>
        m.kpiId && m.period && m.periodStart && typeof m.value === "number"
          ? [{ kpiId: m.kpiId, period: m.period, periodStart: m.periodStart, locationId: m.locationId ?? null, segmentId: m.segmentId ?? null, value: m.value }]
          : [],
      ),
      decisions: decisions.all(),
      today: localDate(new Date()),
    }),
  );
  return { records, loaded: () => measurements.loaded() && decisions.loaded() };
}
