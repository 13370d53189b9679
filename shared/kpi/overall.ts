import { MEASUREMENT_PERIODS, type KpiUnit, type MeasurementPeriod } from "../enums";
import type { KpiMeasurementFields } from "../schemas/kpi";

/**
 * A KPI's one figure per period, as the catalogue lists it and the board's tile shows it: one
 * rule, here, so the two never disagree (the board once showed a plain mean where the catalogue
 * weighed by sample size). The screens state the rule in their help text. Zod-free: the screens
 * import it.
 */

/** What the rule reads of a measurement; `updatedAt` settles two devices' values for one period. */
export type Dated = Pick<KpiMeasurementFields, "period" | "periodStart" | "locationId" | "segmentId" | "value" | "sampleSize"> & { updatedAt?: string };

/** The periods a KPI is measured in, the most used first (ties: day, week, month). */
export function periodsUsed(measurements: readonly Pick<KpiMeasurementFields, "period">[]): MeasurementPeriod[] {
  const counts = new Map<MeasurementPeriod, number>();
  for (const m of measurements) counts.set(m.period, (counts.get(m.period) ?? 0) + 1);
  return periodsByCount(counts);
}

/** Periods by how many measurements each has, the most first (ties: day, week, month): the first is the KPI's main period. */
export function periodsByCount(counts: ReadonlyMap<MeasurementPeriod, number>): MeasurementPeriod[] {
  return MEASUREMENT_PERIODS.filter((p) => (counts.get(p) ?? 0) > 0).sort((a, b) => counts.get(b)! - counts.get(a)!);
}

/** Two devices may each have entered the same period: the value changed last counts. */
export function latestPerDay<M extends Dated>(measurements: readonly M[]): Map<string, M> {
  const byDay = new Map<string, M>();
  for (const m of measurements) {
    const current = byDay.get(m.periodStart);
    if (!current || (m.updatedAt ?? "") > (current.updatedAt ?? "")) byDay.set(m.periodStart, m);
  }
  return byDay;
}

export interface OverallTrend {
  period: MeasurementPeriod;
  /** One figure per period start, oldest first. */
  points: { at: string; value: number }[];
  /** Set when the latest figure combines the locations' values (there is no organisation-wide one for it). */
  combined: { how: "average" | "total"; locations: number } | null;
}

/**
 * A KPI's figures in its main period (the one it is measured in most), for all customers
 * (segment values are left out): per period the organisation-wide value, or, where there is
 * none, the locations combined — a count is added up; a rate, an amount or a score is averaged,
 * weighted by sample size when every location gives one (so 100 visitors in a small store do
 * not weigh as much as 10,000 in a big one), else a plain average.
 */
export function overallTrend(measurements: readonly Dated[], unit: KpiUnit | null | undefined): OverallTrend | null {
  const allCustomers = measurements.filter((m) => m.segmentId === null);
  const period = periodsUsed(allCustomers)[0];
  if (!period) return null;
  const inPeriod = allCustomers.filter((m) => m.period === period);
  const organisation = latestPerDay(inPeriod.filter((m) => m.locationId === null));
  const locations = [...new Set(inPeriod.flatMap((m) => (m.locationId ? [m.locationId] : [])))];
  const perLocation = locations.map((id) => latestPerDay(inPeriod.filter((m) => m.locationId === id)));
  const how = unit === "count" ? "total" : "average";
  const combine = (rows: Dated[]) => {
    if (how === "total") return rows.reduce((sum, m) => sum + m.value, 0);
    const weighted = rows.every((m) => m.sampleSize !== null && m.sampleSize > 0);
    const weight = (m: Dated) => (weighted ? m.sampleSize! : 1);
    return rows.reduce((sum, m) => sum + m.value * weight(m), 0) / rows.reduce((sum, m) => sum + weight(m), 0);
  };
  const days = [...new Set(inPeriod.map((m) => m.periodStart))].sort();
  const points = days.map((day) => {
    const own = organisation.get(day);
    if (own) return { at: day, value: own.value, locations: 0 };
    const rows = perLocation.flatMap((byDay) => byDay.get(day) ?? []);
    return { at: day, value: combine(rows), locations: rows.length };
  });
  const last = points.at(-1)!;
  return { period, points: points.map(({ at, value }) => ({ at, value })), combined: last.locations > 0 ? { how, locations: last.locations } : null };
}
