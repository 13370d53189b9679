import type { KpiUnit } from "../enums";

/**
 * The values a KPI can take. A percentage lies between 0 and 100 by what it is (a conversion of
 * 150 % is a typing or unit mistake, and the board would read it as a record); a KPI may narrow
 * that with its own minimum and maximum (an NPS from −100 to 100, a score of 1 to 5). Checked
 * everywhere a value is written — the form, the CSV import and its preview, the feed, a push —
 * from this one module, which the screens import too (no zod).
 */

export interface KpiRangeFacts {
  unit?: KpiUnit | null;
  minValue?: number | null;
  maxValue?: number | null;
}

export interface ValueRange {
  /** null: no lower bound. */
  min: number | null;
  max: number | null;
}

/** The bounds a unit sets by itself. */
const UNIT_RANGE: Record<KpiUnit, ValueRange> = {
  percent: { min: 0, max: 100 },
  eur: { min: null, max: null },
  count: { min: null, max: null },
  score: { min: null, max: null },
};

const NO_RANGE: ValueRange = { min: null, max: null };

/** The KPI's valid range: its unit's bounds, narrowed by its own minimum and maximum. */
export function validRange(kpi: KpiRangeFacts): ValueRange {
  const unit = kpi.unit ? UNIT_RANGE[kpi.unit] : NO_RANGE;
  const own = { min: kpi.minValue ?? null, max: kpi.maxValue ?? null };
  const tighter = (a: number | null, b: number | null, pick: (x: number, y: number) => number) => (a === null ? b : b === null ? a : pick(a, b));
  return { min: tighter(unit.min, own.min, Math.max), max: tighter(unit.max, own.max, Math.min) };
}

/** Which side of the KPI's range a value falls outside, with the bound it crosses; null when it fits. */
export function outOfRange(value: number, kpi: KpiRangeFacts): { side: "below"; bound: number } | { side: "above"; bound: number } | null {
  const { min, max } = validRange(kpi);
  if (min !== null && value < min) return { side: "below", bound: min };
  if (max !== null && value > max) return { side: "above", bound: max };
  return null;
}

export type RangeProblem = "min_above_max" | "outside_unit";

/**
 * What is wrong with a KPI's own range, or null: a minimum above the maximum, or — for a
 * percentage — a bound outside 0–100, which would promise values the unit refuses.
 */
export function rangeProblem(kpi: KpiRangeFacts): RangeProblem | null {
  const min = kpi.minValue ?? null;
  const max = kpi.maxValue ?? null;
  if (min !== null && max !== null && min > max) return "min_above_max";
  const unit = kpi.unit ? UNIT_RANGE[kpi.unit] : NO_RANGE;
  const outside = (x: number | null) => x !== null && ((unit.min !== null && x < unit.min) || (unit.max !== null && x > unit.max));
  if (outside(min) || outside(max)) return "outside_unit";
  return null;
}

/** The range problems in plain English (the API's messages; screens say them in their language). */
export const RANGE_PROBLEM_TEXT: Record<RangeProblem, string> = {
  min_above_max: "The minimum is above the maximum",
  outside_unit: "A percentage lies between 0 and 100: its minimum and maximum must too",
};
