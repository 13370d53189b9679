import { z } from "zod";
import { DESCRIPTION_MAX, LINE_MAX, TITLE_MAX } from "../limits";

export const KPI_UNITS = ["percent", "eur", "count", "score"] as const;
export const KPI_DIRECTIONS = ["higher", "lower"] as const;
/** How a KPI is compared between two groups: a rate of users (conversion) or a mean per user (spend). */
export const KPI_KINDS = ["proportion", "mean"] as const;
export const MEASUREMENT_PERIODS = ["day", "week", "month"] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];
export type KpiKind = (typeof KPI_KINDS)[number];
export type MeasurementPeriod = (typeof MEASUREMENT_PERIODS)[number];

export const kpiFields = z.strictObject({
  name: z.string().trim().min(1).max(TITLE_MAX),
  unit: z.enum(KPI_UNITS),
  direction: z.enum(KPI_DIRECTIONS),
  kind: z.enum(KPI_KINDS),
  /** A "hard" KPI is money or behaviour (conversion, spend), not an opinion score. */
  hard: z.boolean(),
  description: z.string().max(DESCRIPTION_MAX),
  archived: z.boolean(),
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
  sampleSize: z.number().int().min(0).max(1e12).nullable(),
  note: z.string().max(LINE_MAX).nullable(),
});
export const kpiMeasurementRequired = ["kpiId", "period", "periodStart", "value"] as const;
export type KpiMeasurementFields = z.infer<typeof kpiMeasurementFields>;
