import { z } from "zod";
import { KPI_DIRECTIONS, KPI_KINDS, KPI_UNITS, MEASUREMENT_PERIODS } from "../enums";
import { DESCRIPTION_MAX, LINE_MAX, MAX_COUNT, TITLE_MAX } from "../limits";

export const kpiFields = z.strictObject({
  name: z.string().trim().min(1).max(TITLE_MAX),
  unit: z.enum(KPI_UNITS),
  direction: z.enum(KPI_DIRECTIONS),
  kind: z.enum(KPI_KINDS),
  /** A "hard" KPI is money or behaviour (conversion, spend), not an opinion score. */
  hard: z.boolean(),
  description: z.string().max(DESCRIPTION_MAX),
  archived: z.boolean(),
  /**
   * The KPI's own valid range, when it has one (an NPS from −100 to 100, a rating of 1 to 5);
   * empty: only its unit's bounds (a percentage 0–100). Every value written is checked against
   * it (shared/kpi/range.ts); a push checks the two together, so each may be sent alone.
   */
  minValue: z.number().finite().min(-1e12).max(1e12).nullable().optional(),
  maxValue: z.number().finite().min(-1e12).max(1e12).nullable().optional(),
});
export const kpiRequired = ["name", "unit", "direction", "kind", "hard"] as const;
export type KpiFields = z.infer<typeof kpiFields>;

/**
 * One value of a KPI for one period (the period starts on `periodStart`: the day, the Monday
 * of the week, the first of the month), optionally for one location and/or segment.
 * A percent KPI stores its value in percent (3.2 means 3.2 %).
 */
export const kpiMeasurementFields = z.strictObject({
  kpiId: z.uuid(),
  period: z.enum(MEASUREMENT_PERIODS),
  periodStart: z.iso.date(),
  locationId: z.uuid().nullable(),
  segmentId: z.uuid().nullable(),
  value: z.number().finite().min(-1e12).max(1e12),
  /** How many users or observations the value is based on, when known. */
  sampleSize: z.number().int().min(0).max(MAX_COUNT).nullable(),
  note: z.string().max(LINE_MAX).nullable(),
});
export const kpiMeasurementRequired = ["kpiId", "period", "periodStart", "value"] as const;
export type KpiMeasurementFields = z.infer<typeof kpiMeasurementFields>;
