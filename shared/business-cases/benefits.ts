import type { KpiDirection, KpiKind, KpiUnit, MeasurementPeriod } from "../enums";
import type { CaseLift } from "../schemas/business-case";

/**
 * Benefit tracking of approved business cases, as a finance director reads it:
 *  - targets per calendar quarter start at the case's go-live (the approval day until one is
 *    set) and follow its ramp-up, linear over so many months, until the case's horizon ends;
 *  - the actual of a quarter is what the case's owner recorded for it (an amount and how it was
 *    measured), or else the KPI measured over the case's scope (its locations and segment) in
 *    the quarter against the same scope in a stated baseline period — like with like;
 *  - a measurement counts for the days its period (day, week, month) shares with the window it
 *    is read for, so a week dated to its Monday counts for the days it covers;
 *  - one KPI movement is never booked twice: cases that measure the same KPI over overlapping
 *    scopes in a quarter split the movement in proportion to what each promised for that quarter.
 * Pure and free of zod: the server (the board's summary, the benefits endpoint) and the device
 * (the case screen, offline) work out the same figures from the same records.
 */

/** Where an approved case's KPI is measured, and against which period before the change. */
export interface BenefitScope {
  /** The locations whose figures count; empty: the organisation-wide figures (no location). */
  locationIds: string[];
  /** The segment whose figures count; null: figures for all customers (no segment). */
  segmentId: string | null;
  /** The baseline period, first and last day (YYYY-MM-DD), before go-live. */
  baselineFrom: string;
  baselineTo: string;
}

/** A quarter's benefit as the case's owner recorded it. */
export interface RecordedActual {
  /** "2026-Q3" */
  quarter: string;
  /** The benefit in euros (negative: a loss), for the quarter's days from go-live (to date in the current quarter). */
  amount: number;
  /** How it was measured, in the owner's words. */
  method: string;
  recordedBy: string;
  recordedAt: string;
}

/** What the tracking needs of a business case (only approved ones are tracked). */
export interface TrackedCase {
  id: string;
  kpiId: string | null;
  lift: CaseLift | null;
  annualVolume: number | null;
  valuePerUnit: number | null;
  horizonYears: number | null;
  /** When the board approved it; null: not approved, nothing is tracked. */
  approvedAt: string | null;
  /** The day the change went (or goes) live; null until the owner sets it (then: the approval day). */
  goLive: string | null;
  /** Months from go-live to the full benefit, linearly; null or 0: the full benefit from go-live. */
  rampUpMonths: number | null;
  benefitScope: BenefitScope | null;
  benefitActuals: readonly RecordedActual[] | null;
}

export interface KpiFacts {
  kind: KpiKind;
  unit: KpiUnit;
  direction: KpiDirection;
}

export interface BenefitMeasurement {
  kpiId: string;
  period: MeasurementPeriod;
  /** The first day of the period (YYYY-MM-DD): the day, the Monday of the week, the first of the month. */
  periodStart: string;
  value: number;
  locationId: string | null;
  segmentId: string | null;
  sampleSize: number | null;
}

/** The KPI read over a case's scope for one quarter, against its baseline period. */
export interface MeasuredQuarter {
  /** The KPI's level in the quarter's counted days and in the baseline period, in the KPI's own scale. */
  level: number;
  baseline: number;
  /** level − baseline, in the KPI's own scale (percentage points for a percent KPI). */
  movement: number;
  /** The share of the movement booked to this case: 1, or less when other cases measure it too. */
  share: number;
  /** The other cases measuring the same KPI over an overlapping scope in this quarter. */
  sharedWith: string[];
  /** The euros the case's share of the movement is worth over the quarter's counted days. */
  amount: number;
}

/** Why a quarter has no measured figure. */
export type MeasureGap = "no_kpi" | "no_scope" | "no_baseline_data" | "no_data";

export interface CaseQuarter {
  quarter: string;
  /** Days of the quarter that count: from go-live, within the horizon, up to today. */
  days: number;
  daysInQuarter: number;
  /** True for the current quarter, counted up to today. */
  toDate: boolean;
  target: number;
  /** The recorded actual when there is one, else the measured one; null when neither. */
  actual: number | null;
  source: "recorded" | "measured" | null;
  recorded: RecordedActual | null;
  /** The measured figure (also when a recorded actual overrides it), or null with the reason in `gap`. */
  measured: MeasuredQuarter | null;
  gap: MeasureGap | null;
}

export interface CaseBenefits {
  caseId: string;
  /** Whether the case is tracked (approved, with the amounts it was approved on). */
  tracked: boolean;
  /** The day targets start: the go-live, or the approval day while no go-live is set. */
  start: string | null;
  goLiveSet: boolean;
  rampUpMonths: number;
  quarters: CaseQuarter[];
  /** Σ the targets of the quarters so far (the current one to date). */
  promised: number;
  /** Σ the actuals (quarters without one count nothing). */
  delivered: number;
  /** Σ the targets of the quarters that have an actual: what `delivered` compares with. */
  promisedWithActuals: number;
}

/** How two cases on one KPI share a quarter's movement; the screens name it in these words. */
export const SPLIT_RULE = "in proportion to each case's target for the quarter";

// ---------------------------------------------------------------------------------------------
// Days and quarters. Days are whole UTC days, counted from 1970-01-01; ranges are [first, end).

const DAY_MS = 86_400_000;

export interface DayRange {
  first: number;
  end: number;
}

/** The day number of a date (YYYY-MM-DD) or of a timestamp's (UTC) date. */
export const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

/** YYYY-MM-DD of a day number. */
export const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The day `months` calendar months after `day` (31 January + 1 month runs on into March, as Date does). */
export function addMonths(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()) / DAY_MS;
}

/** "2026-Q3" for any date or timestamp (its UTC calendar quarter). */
export function quarterOf(iso: string): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** Whether a text names a quarter ("2026-Q3"). */
export const isQuarter = (text: string) => QUARTER.test(text);

const quarterIndex = (quarter: string) => Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1;

/** The quarters from `first` to `last`, both included, in order. */
export function quartersBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let n = quarterIndex(first); n <= quarterIndex(last); n++) out.push(`${Math.floor(n / 4)}-Q${(n % 4) + 1}`);
  return out;
}

/** The days of a quarter. */
export function quarterDays(quarter: string): DayRange {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return { first: Date.UTC(year, (q - 1) * 3, 1) / DAY_MS, end: Date.UTC(year, q * 3, 1) / DAY_MS };
}

/** The days a measurement's period covers: a day, the seven days from its Monday, or its calendar month. */
export function periodDays(m: { period: MeasurementPeriod; periodStart: string }): DayRange {
  const first = dayNumber(m.periodStart);
  return { first, end: m.period === "day" ? first + 1 : m.period === "week" ? first + 7 : addMonths(first, 1) };
}

/** How many days two ranges share. */
export const overlapDays = (a: DayRange, b: DayRange) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.first, b.first));

// ---------------------------------------------------------------------------------------------
// Targets

export interface BenefitPlan {
  /** Go-live (or the approval day). */
  start: number;
  /** Days from go-live to the full benefit (0: full from the first day). */
  rampDays: number;
  /** The first day past the case's horizon, or null for none. */
  end: number | null;
}

/**
 * The share of the full benefit a day is expected to earn: nothing before go-live or past the
 * horizon, then rising linearly to 1 over the ramp-up (valued at the middle of the day, so the
 * days of a ramp add up to exactly half of its length in full days).
 */
export function rampFactor(day: number, plan: BenefitPlan): number {
  if (day < plan.start || (plan.end !== null && day >= plan.end)) return 0;
  if (plan.rampDays <= 0) return 1;
  return Math.min(1, (day - plan.start + 0.5) / plan.rampDays);
}

/** The plan of a case: go-live (or the approval day), the ramp-up's length in days, the horizon's end. */
export function planOf(theCase: Pick<TrackedCase, "approvedAt" | "goLive" | "rampUpMonths" | "horizonYears">): BenefitPlan | null {
  const startText = theCase.goLive ?? theCase.approvedAt;
  if (!startText) return null;
  const start = dayNumber(startText);
  const months = theCase.rampUpMonths ?? 0;
  return {
    start,
    rampDays: months > 0 ? addMonths(start, months) - start : 0,
    end: theCase.horizonYears ? addMonths(start, 12 * theCase.horizonYears) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Measurements

/** Whether a measurement is of the scope: its exact location set (or the organisation's figure) and segment (or all customers). */
function inScope(m: BenefitMeasurement, kpiId: string, scope: BenefitScope): boolean {
  if (m.kpiId !== kpiId || m.segmentId !== scope.segmentId) return false;
  return scope.locationIds.length === 0 ? m.locationId === null : m.locationId !== null && scope.locationIds.includes(m.locationId);
}

/**
 * The KPI's level over a window: the mean of the scope's values, each weighted by the days its
 * period shares with the window — and by its sample size when every value counted has one, as
 * the KPI catalogue combines locations. Null when nothing was measured in the window.
 */
export function levelOver(measurements: readonly BenefitMeasurement[], window: DayRange): number | null {
  const counted = measurements.map((m) => ({ m, days: overlapDays(periodDays(m), window) })).filter((x) => x.days > 0);
  if (counted.length === 0) return null;
  const bySample = counted.every((x) => x.m.sampleSize !== null && x.m.sampleSize > 0);
  let sum = 0;
  let weights = 0;
  for (const { m, days } of counted) {
    const weight = days * (bySample ? m.sampleSize! : 1);
    sum += m.value * weight;
    weights += weight;
  }
  return sum / weights;
}

/**
 * Whether two scopes measure some of the same figures: locations in common (the organisation's
 * figure covers every location) and the same segment (all customers cover every segment).
 */
export function scopesOverlap(a: BenefitScope, b: BenefitScope): boolean {
  const locations = a.locationIds.length === 0 || b.locationIds.length === 0 || a.locationIds.some((id) => b.locationIds.includes(id));
  const segments = a.segmentId === null || b.segmentId === null || a.segmentId === b.segmentId;
  return locations && segments;
}

// ---------------------------------------------------------------------------------------------
// The tracking

export interface BenefitInputs {
  cases: readonly TrackedCase[];
  kpis: ReadonlyMap<string, KpiFacts>;
  /** The measurements of the cases' KPIs (others are ignored). */
  measurements: readonly BenefitMeasurement[];
  /** Today (YYYY-MM-DD, UTC): the last day that counts. */
  today: string;
}

const untracked = (caseId: string): CaseBenefits => ({ caseId, tracked: false, start: null, goLiveSet: false, rampUpMonths: 0, quarters: [], promised: 0, delivered: 0, promisedWithActuals: 0 });

interface Working {
  theCase: TrackedCase;
  plan: BenefitPlan;
  annualBenefit: number;
  quarters: CaseQuarter[];
  /** Per quarter: the measured figure before any split, or why there is none. */
  raw: Map<string, { level: number; baseline: number; movement: number; amount: number } | MeasureGap>;
}

/**
 * Target against actual per quarter for every case in `cases` (a case that is not approved, or
 * lacks the lift, volume or value it was approved on, gets an untracked, empty result):
 *  - target = base annual benefit (volume × base lift × value) / 4 × Σ over the quarter's
 *    counted days of the ramp factor / the quarter's days;
 *  - measured = (level − baseline) × volume × value / 4 × counted days / quarter's days × share,
 *    with a percent KPI of kind proportion read as a rate (21.5 → 0.215), and a KPI where lower
 *    is better counting the reduction; the share splits a movement several cases measure;
 *  - actual = the recorded amount when the owner recorded one, else the measured figure.
 */
export function trackBenefits(inputs: BenefitInputs): Map<string, CaseBenefits> {
  const today = dayNumber(inputs.today);
  const out = new Map<string, CaseBenefits>();
  const working: Working[] = [];
  for (const theCase of inputs.cases) {
    const plan = planOf(theCase);
    const { lift, annualVolume, valuePerUnit } = theCase;
    if (!theCase.approvedAt || !plan || !lift || annualVolume === null || valuePerUnit === null) {
      out.set(theCase.id, untracked(theCase.id));
      continue;
    }
    working.push(quartersOf(theCase, plan, annualVolume * lift.base * valuePerUnit, inputs, today));
  }

  // Split each quarter's movement between the cases that measure it over overlapping scopes.
  for (const w of working) {
    for (const q of w.quarters) {
      const raw = w.raw.get(q.quarter)!;
      if (typeof raw === "string") {
        q.gap = raw;
        continue;
      }
      const sharing = working.filter((other) => other !== w && measuresTogether(w, other, q.quarter));
      const weight = (x: Working) => Math.max(0, x.quarters.find((o) => o.quarter === q.quarter)!.target);
      const total = weight(w) + sharing.reduce((sum, x) => sum + weight(x), 0);
      const share = sharing.length === 0 ? 1 : total > 0 ? weight(w) / total : 1 / (sharing.length + 1);
      q.measured = { level: raw.level, baseline: raw.baseline, movement: raw.movement, share, sharedWith: sharing.map((x) => x.theCase.id), amount: raw.amount * share };
    }
  }

  for (const w of working) {
    for (const q of w.quarters) {
      q.actual = q.recorded ? q.recorded.amount : (q.measured?.amount ?? null);
      q.source = q.recorded ? "recorded" : q.measured ? "measured" : null;
    }
    const withActuals = w.quarters.filter((q) => q.actual !== null);
    out.set(w.theCase.id, {
      caseId: w.theCase.id,
      tracked: true,
      start: dayText(w.plan.start),
      goLiveSet: w.theCase.goLive !== null,
      rampUpMonths: w.theCase.rampUpMonths ?? 0,
      quarters: w.quarters,
      promised: sum(w.quarters.map((q) => q.target)),
      delivered: sum(withActuals.map((q) => q.actual!)),
      promisedWithActuals: sum(withActuals.map((q) => q.target)),
    });
  }
  return out;
}

const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);

/** Whether another case measures the same KPI over an overlapping scope in a quarter where both count days. */
function measuresTogether(w: Working, other: Working, quarter: string): boolean {
  const a = w.theCase;
  const b = other.theCase;
  if (!a.kpiId || a.kpiId !== b.kpiId || !a.benefitScope || !b.benefitScope || !scopesOverlap(a.benefitScope, b.benefitScope)) return false;
  return (other.quarters.find((q) => q.quarter === quarter)?.days ?? 0) > 0;
}

function quartersOf(theCase: TrackedCase, plan: BenefitPlan, annualBenefit: number, inputs: BenefitInputs, today: number): Working {
  const w: Working = { theCase, plan, annualBenefit, quarters: [], raw: new Map() };
  const lastDay = Math.min(today, plan.end === null ? Infinity : plan.end - 1);
  if (lastDay < plan.start) return w;
  const kpi = theCase.kpiId ? inputs.kpis.get(theCase.kpiId) : undefined;
  const scope = theCase.benefitScope;
  const own = kpi && scope ? inputs.measurements.filter((m) => inScope(m, theCase.kpiId!, scope)) : [];
  const baseline = scope ? levelOver(own, { first: dayNumber(scope.baselineFrom), end: dayNumber(scope.baselineTo) + 1 }) : null;
  const sign = kpi?.direction === "lower" ? -1 : 1;
  const scale = kpi?.unit === "percent" && kpi.kind === "proportion" ? 1 / 100 : 1;
  const recorded = new Map((theCase.benefitActuals ?? []).map((a) => [a.quarter, a]));

  for (const quarter of quartersBetween(quarterOf(dayText(plan.start)), quarterOf(dayText(lastDay)))) {
    const all = quarterDays(quarter);
    const daysInQuarter = all.end - all.first;
    const window = { first: Math.max(all.first, plan.start), end: Math.min(all.end, lastDay + 1) };
    const days = Math.max(0, window.end - window.first);
    let ramp = 0;
    for (let day = window.first; day < window.end; day++) ramp += rampFactor(day, plan);
    w.quarters.push({
      quarter,
      days,
      daysInQuarter,
      toDate: today + 1 < all.end && window.end === today + 1,
      target: ((annualBenefit / 4) * ramp) / daysInQuarter,
      actual: null,
      source: null,
      recorded: recorded.get(quarter) ?? null,
      measured: null,
      gap: null,
    });
    if (!kpi) w.raw.set(quarter, "no_kpi");
    else if (!scope) w.raw.set(quarter, "no_scope");
    else if (baseline === null) w.raw.set(quarter, "no_baseline_data");
    else {
      const level = levelOver(own, window);
      if (level === null) w.raw.set(quarter, "no_data");
      else {
        const movement = level - baseline;
        const amount = (((sign * movement * scale * theCase.annualVolume! * theCase.valuePerUnit!) / 4) * days) / daysInQuarter;
        w.raw.set(quarter, { level, baseline, movement, amount });
      }
    }
  }
  return w;
}

// ---------------------------------------------------------------------------------------------
// Totals

export interface TotalQuarter {
  quarter: string;
  target: number;
  /** Σ the actuals of the cases that have one for the quarter; null when none has. */
  actual: number | null;
  /** Tracked cases with days in the quarter, and how many of them have an actual. */
  cases: number;
  withActual: number;
}

export interface BenefitTotals {
  quarters: TotalQuarter[];
  promised: number;
  delivered: number;
  promisedWithActuals: number;
}

/** Every case's quarters added up, quarter by quarter, in order. */
export function benefitTotals(results: Iterable<CaseBenefits>): BenefitTotals {
  const byQuarter = new Map<string, TotalQuarter>();
  let promised = 0;
  let delivered = 0;
  let promisedWithActuals = 0;
  for (const result of results) {
    promised += result.promised;
    delivered += result.delivered;
    promisedWithActuals += result.promisedWithActuals;
    for (const q of result.quarters) {
      const total = byQuarter.get(q.quarter) ?? { quarter: q.quarter, target: 0, actual: null, cases: 0, withActual: 0 };
      total.target += q.target;
      total.cases++;
      if (q.actual !== null) {
        total.actual = (total.actual ?? 0) + q.actual;
        total.withActual++;
      }
      byQuarter.set(q.quarter, total);
    }
  }
  const quarters = [...byQuarter.values()].sort((a, b) => quarterIndex(a.quarter) - quarterIndex(b.quarter));
  return { quarters, promised, delivered, promisedWithActuals };
}

