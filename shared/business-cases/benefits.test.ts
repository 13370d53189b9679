import { describe, expect, test } from "vitest";
import {
  benefitTotals,
  dayNumber,
  levelOver,
  periodDays,
  quarterDays,
  quarterOf,
  quartersBetween,
  rampFactor,
  scopesOverlap,
  trackBenefits,
  type BenefitMeasurement,
  type BenefitScope,
  type KpiFacts,
  type TrackedCase,
} from "./benefits";

const CONVERSION = "7d0e3c57-8a7d-4b36-9b59-3f4c1f0c0a10";
const SPEND = "7d0e3c57-8a7d-4b36-9b59-3f4c1f0c0a11";
const STORE_A = "7d0e3c57-8a7d-4b36-9b59-3f4c1f0c0a01";
const STORE_B = "7d0e3c57-8a7d-4b36-9b59-3f4c1f0c0a02";
const STORE_C = "7d0e3c57-8a7d-4b36-9b59-3f4c1f0c0a03";
const SEGMENT = "7d0e3c57-8a7d-4b36-9b59-3f4c1f0c0a04";

const KPIS = new Map<string, KpiFacts>([
  [CONVERSION, { kind: "proportion", unit: "percent", direction: "higher" }],
  [SPEND, { kind: "mean", unit: "eur", direction: "higher" }],
]);

/** A weekly value (dated to its Monday) of the conversion KPI, organisation-wide unless a store or segment is given. */
const week = (periodStart: string, value: number, extra: Partial<BenefitMeasurement> = {}): BenefitMeasurement => ({
  kpiId: CONVERSION,
  period: "week",
  periodStart,
  value,
  locationId: null,
  segmentId: null,
  sampleSize: null,
  ...extra,
});

const ORG_WIDE: BenefitScope = { locationIds: [], segmentId: null, baselineFrom: "2025-12-01", baselineTo: "2025-12-28" };

/**
 * A conversion case: 400,000 visitors a year × 2 points × €35 = €280,000 a year, €70,000 a full
 * quarter, approved on 10 December 2025, horizon 3 years.
 */
const base: TrackedCase = {
  id: "case-a",
  kpiId: CONVERSION,
  lift: { low: 0.005, base: 0.02, high: 0.035 },
  annualVolume: 400_000,
  valuePerUnit: 35,
  horizonYears: 3,
  approvedAt: "2025-12-10T14:00:00.000Z",
  goLive: "2026-01-01",
  rampUpMonths: 0,
  benefitScope: null,
  benefitActuals: null,
};
const QUARTER = 70_000;

const track = (cases: TrackedCase[], measurements: BenefitMeasurement[], today: string) => trackBenefits({ cases, kpis: KPIS, measurements, today });
const one = (theCase: TrackedCase, measurements: BenefitMeasurement[], today: string) => track([theCase], measurements, today).get(theCase.id)!;

describe("days and quarters", () => {
  test("quarters, their days across a leap year, and the days a day, a week and a month cover", () => {
    expect(quarterOf("2026-03-31T23:59:59.999Z")).toBe("2026-Q1");
    expect(quarterOf("2026-04-01")).toBe("2026-Q2");
    expect(quartersBetween("2025-Q3", "2026-Q2")).toEqual(["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]);
    const length = (q: string) => quarterDays(q).end - quarterDays(q).first;
    expect([length("2026-Q1"), length("2026-Q2"), length("2026-Q3"), length("2026-Q4"), length("2028-Q1")]).toEqual([90, 91, 92, 92, 91]);
    const span = (period: "day" | "week" | "month", start: string) => {
      const d = periodDays({ period, periodStart: start });
      return d.end - d.first;
    };
    expect([span("day", "2026-02-03"), span("week", "2026-02-02"), span("month", "2026-02-01"), span("month", "2028-02-01")]).toEqual([1, 7, 28, 29]);
  });

  test("a linear ramp-up is valued at each day's middle, so its days add up to half its length", () => {
    const plan = { start: dayNumber("2026-01-01"), rampDays: 10, end: null };
    expect(rampFactor(plan.start - 1, plan)).toBe(0);
    expect(rampFactor(plan.start, plan)).toBe(0.05);
    expect(rampFactor(plan.start + 9, plan)).toBe(0.95);
    expect(rampFactor(plan.start + 10, plan)).toBe(1);
    let total = 0;
    for (let d = plan.start; d < plan.start + 10; d++) total += rampFactor(d, plan);
    expect(total).toBeCloseTo(5, 12);
  });
});

describe("targets", () => {
  test("start at go-live, not at approval: whole quarters earn a quarter of the base annual benefit, the current one to date", () => {
    const result = one(base, [], "2026-05-10");
    expect(result).toMatchObject({ tracked: true, start: "2026-01-01", goLiveSet: true });
    // Approved in December; nothing is promised for 2025-Q4, before go-live.
    expect(result.quarters.map((q) => q.quarter)).toEqual(["2026-Q1", "2026-Q2"]);
    expect(result.quarters[0]).toMatchObject({ days: 90, daysInQuarter: 90, toDate: false, target: QUARTER });
    // Q2 to 10 May: 40 of its 91 days.
    expect(result.quarters[1]).toMatchObject({ days: 40, daysInQuarter: 91, toDate: true });
    expect(result.quarters[1]!.target).toBeCloseTo((QUARTER * 40) / 91, 9);
    expect(result.promised).toBeCloseTo(QUARTER + (QUARTER * 40) / 91, 9);
  });

  test("follow a linear ramp-up of six months, and stop at the end of the horizon", () => {
    const ramped = { ...base, rampUpMonths: 6, horizonYears: 1 };
    const result = one(ramped, [], "2027-05-01");
    // Six months from 1 January are 181 days. Q1 (90 days): Σ (i + ½)/181 for i < 90 = 90 · 45/181;
    // Q2 (91 days): Σ for 90 ≤ i < 181 = 12,330.5/181; then full quarters; nothing after 2026.
    expect(result.quarters.map((q) => q.quarter)).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    expect(result.quarters[0]!.target).toBeCloseTo((QUARTER * (90 * 45)) / 181 / 90, 9);
    expect(result.quarters[1]!.target).toBeCloseTo((QUARTER * 12_330.5) / 181 / 91, 9);
    expect(result.quarters[2]!.target).toBeCloseTo(QUARTER, 9);
    expect(result.quarters[3]!.target).toBeCloseTo(QUARTER, 9);
    expect(result.quarters.every((q) => !q.toDate)).toBe(true);
  });

  test("a go-live mid-quarter counts the quarter's days from go-live; without a go-live the approval day stands in", () => {
    const mid = one({ ...base, goLive: "2026-02-15" }, [], "2026-06-30");
    // 15 February to 31 March: 45 of Q1's 90 days.
    expect(mid.quarters[0]).toMatchObject({ quarter: "2026-Q1", days: 45 });
    expect(mid.quarters[0]!.target).toBeCloseTo(QUARTER / 2, 9);
    const unset = one({ ...base, goLive: null }, [], "2026-01-31");
    expect(unset).toMatchObject({ start: "2025-12-10", goLiveSet: false });
    // 10 to 31 December: 22 of 2025-Q4's 92 days.
    expect(unset.quarters[0]).toMatchObject({ quarter: "2025-Q4", days: 22 });
    expect(unset.quarters[0]!.target).toBeCloseTo((QUARTER * 22) / 92, 9);
  });

  test("a case going live in the future, or not approved, or without its amounts, has no quarters", () => {
    expect(one({ ...base, goLive: "2026-09-01" }, [], "2026-08-01")).toMatchObject({ tracked: true, start: "2026-09-01", quarters: [], promised: 0 });
    for (const theCase of [{ ...base, approvedAt: null }, { ...base, lift: null }, { ...base, annualVolume: null }, { ...base, valuePerUnit: null }]) {
      expect(one(theCase, [], "2026-08-01")).toMatchObject({ tracked: false, quarters: [], promised: 0, delivered: 0 });
    }
  });
});

describe("measured actuals", () => {
  /** Four December weeks at 20 % (the baseline), then weeks from 12 January. */
  const december = ["2025-12-01", "2025-12-08", "2025-12-15", "2025-12-22"].map((monday) => week(monday, 20));

  test("the week of go-live counts for its days from go-live: a weekly value dated to its Monday is read by overlap", () => {
    // Go-live on Wednesday 14 January; the week of Monday 12 January counts for 14–18 January (5 days).
    const theCase = { ...base, goLive: "2026-01-14", benefitScope: ORG_WIDE };
    const result = one(theCase, [...december, week("2026-01-12", 22), week("2026-01-19", 23)], "2026-01-25");
    const q1 = result.quarters[0]!;
    expect(q1).toMatchObject({ quarter: "2026-Q1", days: 12, toDate: true, source: "measured", gap: null });
    const level = (22 * 5 + 23 * 7) / 12;
    expect(q1.measured!.level).toBeCloseTo(level, 12);
    expect(q1.measured!.baseline).toBeCloseTo(20, 12);
    expect(q1.measured!.movement).toBeCloseTo(level - 20, 12);
    expect(q1.measured!.share).toBe(1);
    // (level − 20) points as a rate × 400,000 × €35 / 4 × 12/90 days.
    expect(q1.actual).toBeCloseTo((((level - 20) / 100) * 400_000 * 35 * 12) / 4 / 90, 9);
    expect(result.delivered).toBeCloseTo(q1.actual!, 9);
    expect(result.promisedWithActuals).toBeCloseTo(q1.target, 9);
  });

  test("a week across the year end counts in both quarters for the days it has in each", () => {
    const theCase = { ...base, goLive: "2025-12-29", benefitScope: { ...ORG_WIDE, baselineTo: "2025-12-21" } };
    // Week of Monday 29 December: 29–31 December in Q4, 1–4 January in Q1.
    const result = one(theCase, [...december.slice(0, 3), week("2025-12-29", 21)], "2026-01-04");
    expect(result.quarters.map((q) => [q.quarter, q.days])).toEqual([
      ["2025-Q4", 3],
      ["2026-Q1", 4],
    ]);
    expect(result.quarters[0]!.measured!.level).toBe(21);
    expect(result.quarters[1]!.measured!.level).toBe(21);
    expect(result.quarters[0]!.actual).toBeCloseTo((0.01 * 400_000 * 35 * 3) / 4 / 92, 9);
    expect(result.quarters[1]!.actual).toBeCloseTo((0.01 * 400_000 * 35 * 4) / 4 / 90, 9);
  });

  test("compares like with like: only the scope's own figures count, weighted by sample size when every value has one", () => {
    const scope: BenefitScope = { locationIds: [STORE_A, STORE_B], segmentId: null, baselineFrom: "2025-12-01", baselineTo: "2025-12-14" };
    const theCase = { ...base, benefitScope: scope };
    const measurements = [
      week("2025-12-01", 20, { locationId: STORE_A, sampleSize: 1000 }),
      week("2025-12-08", 22, { locationId: STORE_B, sampleSize: 3000 }),
      week("2026-01-05", 23, { locationId: STORE_A, sampleSize: 1000 }),
      week("2026-01-05", 25, { locationId: STORE_B, sampleSize: 1000 }),
      // Not the scope: the organisation-wide figure, another store, a segment, another KPI.
      week("2026-01-05", 40),
      week("2026-01-05", 40, { locationId: STORE_C, sampleSize: 1000 }),
      week("2026-01-05", 40, { locationId: STORE_A, segmentId: SEGMENT, sampleSize: 1000 }),
      week("2026-01-05", 40, { locationId: STORE_A, kpiId: SPEND, sampleSize: 1000 }),
    ];
    const q1 = one(theCase, measurements, "2026-01-11").quarters[0]!;
    // Baseline (20 · 7 · 1000 + 22 · 7 · 3000) / (7 · 4000) = 21.5; level (23 + 25) / 2 = 24.
    expect(q1.measured).toMatchObject({ baseline: 21.5, level: 24 });
    expect(q1.measured!.movement).toBeCloseTo(2.5, 12);
  });

  test("a mean KPI in euros is taken as it is; for a lower-is-better KPI the benefit is the reduction", () => {
    const spend = one({ ...base, kpiId: SPEND, lift: { low: 0, base: 2, high: 3 }, annualVolume: 10_000, valuePerUnit: 0.3, benefitScope: ORG_WIDE }, [week("2025-12-01", 40, { kpiId: SPEND }), week("2026-01-05", 41.5, { kpiId: SPEND })], "2026-01-11");
    expect(spend.quarters[0]!.actual).toBeCloseTo((1.5 * 10_000 * 0.3 * 11) / 4 / 90, 9);
    const kpis = new Map(KPIS).set(SPEND, { kind: "mean", unit: "count", direction: "lower" });
    const waiting = trackBenefits({
      cases: [{ ...base, kpiId: SPEND, lift: { low: 1, base: 2, high: 3 }, annualVolume: 1_000, valuePerUnit: 5, benefitScope: ORG_WIDE }],
      kpis,
      measurements: [week("2025-12-01", 12, { kpiId: SPEND }), week("2026-01-05", 10.5, { kpiId: SPEND })],
      today: "2026-01-11",
    }).get("case-a")!;
    expect(waiting.quarters[0]!.actual).toBeCloseTo((1.5 * 1_000 * 5 * 11) / 4 / 90, 9);
  });

  test("says why nothing is measured: no scope, no figures in the baseline period, none in the quarter", () => {
    expect(one(base, [], "2026-01-11").quarters[0]).toMatchObject({ actual: null, source: null, measured: null, gap: "no_scope" });
    expect(one({ ...base, kpiId: null }, [], "2026-01-11").quarters[0]!.gap).toBe("no_kpi");
    expect(one({ ...base, benefitScope: ORG_WIDE }, [week("2026-01-05", 22)], "2026-01-11").quarters[0]!.gap).toBe("no_baseline_data");
    expect(one({ ...base, benefitScope: ORG_WIDE }, [week("2025-12-01", 20)], "2026-01-11").quarters[0]!.gap).toBe("no_data");
  });
});

describe("one movement, never booked twice", () => {
  const december = week("2025-12-01", 20);
  const january = week("2026-01-05", 23);

  test("two cases measuring the same KPI over the same scope split the movement in proportion to their targets", () => {
    // A promises €70,000 for Q1, B (half the volume) €35,000: A books 2/3 of the movement, B 1/3.
    const a = { ...base, id: "case-a", benefitScope: ORG_WIDE };
    const b = { ...base, id: "case-b", annualVolume: 200_000, benefitScope: ORG_WIDE };
    const results = track([a, b], [december, january], "2026-03-31");
    const qa = results.get("case-a")!.quarters[0]!;
    const qb = results.get("case-b")!.quarters[0]!;
    expect(qa.measured).toMatchObject({ movement: 3, sharedWith: ["case-b"] });
    expect(qb.measured).toMatchObject({ movement: 3, sharedWith: ["case-a"] });
    expect(qa.measured!.share).toBeCloseTo(2 / 3, 12);
    expect(qb.measured!.share).toBeCloseTo(1 / 3, 12);
    // The points booked add up to the 3 points measured, never 6.
    expect(qa.measured!.movement * qa.measured!.share + qb.measured!.movement * qb.measured!.share).toBeCloseTo(3, 12);
    expect(qa.actual).toBeCloseTo((0.03 * 400_000 * 35) / 4 * (2 / 3), 6);
    expect(qb.actual).toBeCloseTo((0.03 * 200_000 * 35) / 4 * (1 / 3), 6);
  });

  test("the split follows each quarter's targets (a case still ramping up takes less), and only overlapping scopes share", () => {
    const a = { ...base, id: "case-a", benefitScope: ORG_WIDE };
    const ramping = { ...base, id: "case-b", rampUpMonths: 6, benefitScope: ORG_WIDE };
    const elsewhere = { ...base, id: "case-c", benefitScope: { ...ORG_WIDE, locationIds: [STORE_C] } };
    const otherSegment = { ...base, id: "case-d", benefitScope: { ...ORG_WIDE, locationIds: [STORE_A], segmentId: SEGMENT } };
    const results = track([a, ramping, elsewhere, otherSegment], [december, january], "2026-03-31");
    const target = (id: string) => results.get(id)!.quarters[0]!.target;
    // The organisation's figure covers every store and segment: everything overlaps A's scope …
    expect(results.get("case-a")!.quarters[0]!.measured!.sharedWith).toEqual(["case-b", "case-c", "case-d"]);
    expect(results.get("case-a")!.quarters[0]!.measured!.share).toBeCloseTo(QUARTER / (target("case-a") + target("case-b") + target("case-c") + target("case-d")), 12);
    expect(target("case-b")).toBeLessThan(QUARTER / 2);
    // … but store C and store A's segment do not overlap each other.
    expect(results.get("case-c")!.quarters[0]!.measured).toBeNull();
    expect(scopesOverlap(elsewhere.benefitScope, otherSegment.benefitScope)).toBe(false);
    expect(scopesOverlap(otherSegment.benefitScope, { ...ORG_WIDE, locationIds: [STORE_A, STORE_B] })).toBe(true);
  });

  test("a case that recorded its own actual still takes its share: the other case never books the whole movement", () => {
    const recorded = { quarter: "2026-Q1", amount: 12_345, method: "Till data of the pilot stores against last year", recordedBy: "u-1", recordedAt: "2026-04-03T09:00:00.000Z" };
    const a = { ...base, id: "case-a", benefitScope: ORG_WIDE, benefitActuals: [recorded] };
    const b = { ...base, id: "case-b", benefitScope: ORG_WIDE };
    const results = track([a, b], [december, january], "2026-03-31");
    expect(results.get("case-b")!.quarters[0]!.measured!.share).toBeCloseTo(0.5, 12);
  });
});

describe("recorded actuals", () => {
  test("override the measured figure of their quarter, which stays on show; other quarters keep theirs", () => {
    const recorded = { quarter: "2026-Q1", amount: 15_000, method: "Finance: margin on extra Saturday sales, three stores", recordedBy: "u-owner", recordedAt: "2026-04-02T10:00:00.000Z" };
    const theCase = { ...base, benefitScope: ORG_WIDE, benefitActuals: [recorded] };
    const result = one(theCase, [week("2025-12-01", 20), week("2026-01-05", 21), week("2026-04-06", 22)], "2026-05-31");
    const [q1, q2] = result.quarters;
    expect(q1).toMatchObject({ source: "recorded", actual: 15_000, recorded });
    expect(q1!.measured!.amount).toBeCloseTo(0.01 * 400_000 * 35 / 4, 6);
    expect(q2).toMatchObject({ source: "measured", recorded: null });
    expect(q2!.actual).toBeCloseTo(((0.02 * 400_000 * 35) / 4) * (61 / 91), 6);
    expect(result.delivered).toBeCloseTo(15_000 + q2!.actual!, 6);
  });

  test("stand without any scope; a quarter with neither counts nothing and is left out of the target compared with", () => {
    const recorded = { quarter: "2026-Q2", amount: -2_000, method: "Finance: the roll-out cost a week of sales in two stores", recordedBy: "u-owner", recordedAt: "2026-07-02T10:00:00.000Z" };
    const result = one({ ...base, benefitActuals: [recorded] }, [], "2026-07-15");
    expect(result.quarters.map((q) => q.actual)).toEqual([null, -2_000, null]);
    expect(result.delivered).toBe(-2_000);
    expect(result.promisedWithActuals).toBeCloseTo(QUARTER, 9);
  });
});

describe("totals", () => {
  test("add the cases up quarter by quarter, counting the cases that have an actual", () => {
    const recorded = (quarter: string, amount: number) => ({ quarter, amount, method: "Finance", recordedBy: "u", recordedAt: "2026-07-01T00:00:00Z" });
    const results = track(
      [
        { ...base, id: "case-a", benefitActuals: [recorded("2026-Q1", 50_000), recorded("2026-Q2", 60_000)] },
        { ...base, id: "case-b", goLive: "2026-04-01", benefitActuals: [recorded("2026-Q2", 20_000)] },
        { ...base, id: "case-c", goLive: "2026-04-01" },
      ],
      [],
      "2026-06-30",
    );
    const totals = benefitTotals(results.values());
    expect(totals.quarters).toEqual([
      { quarter: "2026-Q1", target: QUARTER, actual: 50_000, cases: 1, withActual: 1 },
      { quarter: "2026-Q2", target: 3 * QUARTER, actual: 80_000, cases: 3, withActual: 2 },
    ]);
    expect(totals).toMatchObject({ promised: 4 * QUARTER, delivered: 130_000, promisedWithActuals: 3 * QUARTER });
  });

  test("the level over a window is null when nothing was measured in it", () => {
    expect(levelOver([week("2026-01-05", 20)], { first: dayNumber("2026-01-12"), end: dayNumber("2026-01-19") })).toBeNull();
  });
});
