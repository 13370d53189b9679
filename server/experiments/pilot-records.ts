import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { ExperimentDesign, MeasurementPeriod } from "../../shared/enums";
import { isMeasuredDesign, type KpiMeasurementRow, type PilotRecords } from "../../shared/experiments/pilot-result";
import { experimentDecisions, kpiMeasurements, type experiments } from "../db/schema";
import type { Writer } from "../orgs/create";

type PilotRow = Pick<typeof experiments.$inferSelect, "id" | "design" | "primaryKpiId" | "guardrailKpiIds">;

/**
 * What the store pilots among these experiments are measured from, as stored now: their KPIs'
 * values per location and their decision logs (which give each its window), as the devices read
 * them (shared/experiments/pilot-result.ts). Nothing is read for an experiment of another design.
 * A submitted case's frozen evidence and the gates before a pilot's win both read it.
 */
export async function pilotRecords(tx: Writer, orgId: string, rows: readonly PilotRow[], now: Date): Promise<PilotRecords> {
  const pilots = rows.filter((x) => isMeasuredDesign(x.design as ExperimentDesign | null));
  const kpiIds = [...new Set(pilots.flatMap((x) => [x.primaryKpiId, ...(x.guardrailKpiIds ?? [])]).filter((id): id is string => typeof id === "string"))];
  const measurements = kpiIds.length
    ? await tx
        .select({ kpiId: kpiMeasurements.kpiId, period: kpiMeasurements.period, periodStart: kpiMeasurements.periodStart, locationId: kpiMeasurements.locationId, segmentId: kpiMeasurements.segmentId, value: kpiMeasurements.value })
        .from(kpiMeasurements)
        .where(and(eq(kpiMeasurements.orgId, orgId), inArray(kpiMeasurements.kpiId, kpiIds), isNull(kpiMeasurements.deletedAt), isNotNull(kpiMeasurements.locationId)))
    : [];
  const decisions = pilots.length
    ? await tx
        .select({ experimentId: experimentDecisions.experimentId, from: experimentDecisions.from, to: experimentDecisions.to, at: experimentDecisions.at })
        .from(experimentDecisions)
        .where(and(eq(experimentDecisions.orgId, orgId), inArray(experimentDecisions.experimentId, pilots.map((x) => x.id))))
    : [];
  return {
    measurements: measurements
      .filter((m) => m.kpiId !== null && m.period !== null && m.periodStart !== null && m.value !== null)
      .map((m) => ({ kpiId: m.kpiId!, period: m.period as MeasurementPeriod, periodStart: m.periodStart!, locationId: m.locationId, segmentId: m.segmentId, value: m.value! }) satisfies KpiMeasurementRow),
    decisions,
    today: now.toISOString().slice(0, 10),
  };
}
