import { z } from "zod";
import type { CaseLift } from "../schemas/business-case";
import type { KpiDirection, KpiKind, KpiUnit } from "../enums";
import { mean } from "../stats/summary";

/** What the benefit tracking needs of an approved case. */
export interface BenefitCase {
  /** The case's KPI (null when it names none: then nothing can be measured). */
  kpi: { kind: KpiKind; unit: KpiUnit; direction: KpiDirection } | null;
  /** The KPI's value before the change, in the KPI's own scale (a rate for a proportion KPI). */
  baseline: number | null;
  lift: CaseLift | null;
  annualVolume: number | null;
  valuePerUnit: number | null;
  approvedAt: string | null;
}

export interface BenefitMeasurement {
  /** The first day of the measured period (YYYY-MM-DD). */
  periodStart: string;
  value: number;
  locationId: string | null;
  segmentId: string | null;
}

export const benefitQuarter = z.object({
  quarter: z.string().describe('"2026-Q3"'),
  target: z.number().describe("A quarter of the base scenario's annual benefit."),
  actual: z.number().nullable().describe("What the measured KPI earned in the quarter, or null when nothing was measured in it."),
});
export type BenefitQuarter = z.infer<typeof benefitQuarter>;

/** GET /api/orgs/:orgId/business-cases/:id/benefits: what an approved case delivered, quarter by quarter. */
export const benefitsResult = z
  .object({
    quarters: z.array(benefitQuarter),
    promised: z.number().describe("The targets of every quarter so far (the current one included)."),
    delivered: z.number().describe("The actuals so far (quarters without measurements count as nothing)."),
  })
  .meta({ id: "BenefitsDelivered" });
export type BenefitsDelivered = z.infer<typeof benefitsResult>;

export const NO_BENEFITS: BenefitsDelivered = { quarters: [], promised: 0, delivered: 0 };

/** "2026-Q3" for any ISO date or timestamp (its UTC calendar quarter). */
export function quarterOf(iso: string): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The quarters from `first` to `last`, both included, in order. */
export function quartersBetween(first: string, last: string): string[] {
  const parse = (q: string) => Number(q.slice(0, 4)) * 4 + Number(q.slice(6)) - 1;
  const out: string[] = [];
  for (let n = parse(first); n <= parse(last); n++) out.push(`${Math.floor(n / 4)}-Q${(n % 4) + 1}`);
  return out;
}


const DAY = 24 * 3600_000;
/** The share of `iso`'s quarter that lies on or after that day (1 on the quarter's first day). */
export function shareOfQuarterFrom(iso: string): number {
  const day = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  const month = Math.floor((Number(iso.slice(5, 7)) - 1) / 3) * 3;
  const start = Date.UTC(Number(iso.slice(0, 4)), month, 1);
  const end = Date.UTC(Number(iso.slice(0, 4)), month + 3, 1);
  return Math.round((end - day) / DAY) / Math.round((end - start) / DAY);
}

/**
 * Target against actual per calendar quarter, from the quarter of approval to the current one:
 *  - target = base annual benefit / 4 = annualVolume · lift.base · valuePerUnit / 4;
 *  - actual = (mean measured KPI − baseline) · annualVolume / 4 · valuePerUnit, where the mean
 *    is over the organisation-wide measurements (no location, no segment) of the quarter when
 *    there are any, else over all of the quarter's measurements.
 * Both are gross benefit, before running cost, so they compare like for like. A percent KPI of
 * kind proportion stores 21.5 for 21.5 %, while baseline and lift are rates: values are
 * divided by 100 first. For a KPI where lower is better the lift is the reduction, so the
 * actual is baseline − measured. Only measurements from the day of approval on count, and the
 * approval quarter's target and actual are its share after approval; the current quarter counts
 * whole (its actual is the rate measured so far). Nothing without the amounts a case is
 * approved with.
 */
export function benefitsDelivered(theCase: BenefitCase, measurements: readonly BenefitMeasurement[], now: Date): BenefitsDelivered {
  const { lift, annualVolume, valuePerUnit, approvedAt } = theCase;
  if (!approvedAt || !lift || annualVolume === null || valuePerUnit === null) return NO_BENEFITS;
  const current = quarterOf(now.toISOString());
  const first = quarterOf(approvedAt);
  if (first > current) return NO_BENEFITS;
  const target = (annualVolume * lift.base * valuePerUnit) / 4;
  const approvedOn = approvedAt.slice(0, 10);
  const firstShare = shareOfQuarterFrom(approvedOn);
  const sign = theCase.kpi?.direction === "lower" ? -1 : 1;
  const scale = theCase.kpi?.unit === "percent" && theCase.kpi.kind === "proportion" ? 1 / 100 : 1;
  const measurable = theCase.kpi !== null && theCase.baseline !== null;

  const byQuarter = new Map<string, BenefitMeasurement[]>();
  if (measurable) {
    for (const m of measurements) {
      const q = quarterOf(m.periodStart);
      if (m.periodStart < approvedOn || q > current) continue;
      const list = byQuarter.get(q) ?? [];
      list.push(m);
      byQuarter.set(q, list);
    }
  }

  const quarters = quartersBetween(first, current).map((quarter): BenefitQuarter => {
    const share = quarter === first ? firstShare : 1;
    const inQuarter = byQuarter.get(quarter) ?? [];
    if (inQuarter.length === 0) return { quarter, target: target * share, actual: null };
    const orgWide = inQuarter.filter((m) => m.locationId === null && m.segmentId === null);
    const measured = mean((orgWide.length > 0 ? orgWide : inQuarter).map((m) => m.value * scale));
    return { quarter, target: target * share, actual: (sign * (measured - theCase.baseline!) * annualVolume * valuePerUnit * share) / 4 };
  });
  return {
    quarters,
    promised: quarters.reduce((sum, q) => sum + q.target, 0),
    delivered: quarters.reduce((sum, q) => sum + (q.actual ?? 0), 0),
  };
}
