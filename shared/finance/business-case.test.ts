import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { annuityFactor, businessCase, losesMoney, OUT_OF_RANGE_MESSAGE, scenarioFromLift } from "./business-case";
import type { FinanceOutcome } from "./outcome";
import reference from "./reference.json";
import { businessCaseRequest, type BusinessCaseRequest, type BusinessCaseResult, type Scenario } from "./schemas";
import { SCENARIOS } from "./constants";
import { seededRandom } from "../../tests/support/random";

const FIGURES = ["annualBenefit", "npv", "roi", "paybackMonths"] as const;
type Figure = (typeof FIGURES)[number];

/** The result, failing the test with the problem if there is none. */
function value<T>(outcome: FinanceOutcome<T>): T {
  if (!outcome.ok) throw new Error(`expected figures, got ${JSON.stringify(outcome.problem)}`);
  return outcome.value;
}

function problem<T>(outcome: FinanceOutcome<T>) {
  if (outcome.ok) throw new Error(`expected a problem, got ${JSON.stringify(outcome.value)}`);
  return outcome.problem;
}

/** The worked example of the contract; each test changes what it is about. */
const EXAMPLE: BusinessCaseRequest = {
  investment: 100_000,
  runningCostPerYear: 20_000,
  horizonYears: 5,
  discountRate: 0.08,
  annualVolume: 1_000_000,
  valuePerUnit: 2.5,
  lift: { low: 0.01, base: 0.02, high: 0.03 },
};

type ReferenceCase = (typeof reference.cases)[number];
type Answered = ReferenceCase & { expected: { scenarios: Record<string, Record<Figure, number | null>> }; scale: Record<string, Record<Figure, number | null>> };
const answered = reference.cases.filter((c): c is Answered => "expected" in c);
const refused = reference.cases.filter((c) => "problem" in c) as (ReferenceCase & { problem: { code: string; paths: string[] } })[];
const label = (c: ReferenceCase) => ("label" in c && c.label ? c.label : JSON.stringify(c.request));

/**
 * Why `got` is not the reference figure, or null. Allowed: 1e-9 of the figure's scale (the
 * size of the terms it is the sum or difference of; equal to the figure's own size unless it
 * is a near-cancellation like an NPV close to 0). null must be null, and 0 exactly 0.
 */
function mismatch(got: number | null, want: number | null, scale: number | null, bound = 1e-9): string | null {
  if (want === null || got === null) return got === want ? null : `${got} vs ${want}`;
  if (want === 0 && scale === 0) return got === 0 ? null : `${got} vs exactly 0`;
  return Math.abs(got - want) <= bound * (scale ?? Math.abs(want)) ? null : `${got} vs ${want} (scale ${scale})`;
}

describe("businessCase agrees with the exact reference (scripts/finance-reference.py, fractions.Fraction)", () => {
  it(`covers the edge cases: ${reference.cases.length} cases`, () => {
    const requests = reference.cases.map((c) => c.request);
    expect(reference.cases.length).toBeGreaterThanOrEqual(200);
    expect(requests.some((r) => r.investment === 0)).toBe(true);
    expect(requests.some((r) => r.runningCostPerYear === 0)).toBe(true);
    expect(requests.some((r) => r.investment === 0 && r.runningCostPerYear === 0)).toBe(true);
    expect(requests.some((r) => r.discountRate === 0)).toBe(true);
    expect(requests.some((r) => r.discountRate > 0.99)).toBe(true);
    for (const years of [1, 10]) expect(requests.some((r) => r.horizonYears === years), `H = ${years}`).toBe(true);
    expect(requests.some((r) => SCENARIOS.every((s) => r.lift[s] < 0))).toBe(true);
    expect(requests.some((r) => r.annualVolume >= 1e12)).toBe(true);
    expect(requests.some((r) => r.annualVolume >= 1e300)).toBe(true);
    const scenarios = answered.flatMap((c) => SCENARIOS.map((s) => ({ request: c.request, s, figures: c.expected.scenarios[s]! })));
    // The net a year exactly 0: the benefit equals the running cost.
    expect(scenarios.some(({ request, figures }) => figures.annualBenefit === request.runningCostPerYear && request.investment > 0)).toBe(true);
    // Payback exactly at the end of the horizon, and one cent past it.
    expect(scenarios.some(({ request, figures }) => figures.paybackMonths === 12 * request.horizonYears)).toBe(true);
    expect(answered.some((c) => c.label === "payback one cent past the horizon" && c.expected.scenarios.base!.paybackMonths === null)).toBe(true);
    expect(scenarios.some(({ figures }) => figures.roi === null)).toBe(true);
    expect(scenarios.some(({ figures }) => figures.roi === 0)).toBe(true);
    expect(scenarios.some(({ figures }) => figures.paybackMonths === null)).toBe(true);
    // No investment: 0 months where the scenario earns, null where it loses or breaks even.
    expect(scenarios.some(({ request, figures }) => request.investment === 0 && figures.annualBenefit > request.runningCostPerYear && figures.paybackMonths === 0)).toBe(true);
    expect(scenarios.some(({ request, figures }) => request.investment === 0 && figures.npv < 0 && figures.paybackMonths === null)).toBe(true);
    expect(scenarios.some(({ request, figures }) => request.investment === 0 && figures.annualBenefit === request.runningCostPerYear && figures.paybackMonths === null)).toBe(true);
    expect(refused.length).toBeGreaterThanOrEqual(4);
  });

  it("every figure of every answered case within 1e-9 of its scale, nulls and zeros exactly", () => {
    const problems: string[] = [];
    let worst = 0;
    for (const c of answered) {
      const result = value(businessCase(businessCaseRequest.parse(c.request)));
      for (const s of SCENARIOS) {
        for (const figure of FIGURES) {
          const got = result.scenarios[s][figure];
          const want = c.expected.scenarios[s]![figure];
          const scale = c.scale[s]![figure];
          const found = mismatch(got, want, scale);
          if (found) problems.push(`${s}.${figure}: ${found} for ${label(c)}`);
          if (got !== null && want !== null && scale) worst = Math.max(worst, Math.abs(got - want) / scale);
        }
      }
    }
    expect(problems).toEqual([]);
    // Far tighter than promised, to catch a slipping formula long before it matters.
    expect(worst).toBeLessThan(1e-14);
  });

  it("where a figure is not a near-cancellation, it is within 1e-9 of the figure itself", () => {
    const problems: string[] = [];
    let checked = 0;
    for (const c of answered) {
      const result = value(businessCase(businessCaseRequest.parse(c.request)));
      for (const s of SCENARIOS) {
        for (const figure of FIGURES) {
          const want = c.expected.scenarios[s]![figure];
          const scale = c.scale[s]![figure];
          if (want === null || want === 0 || scale === null || scale > 10 * Math.abs(want)) continue;
          checked += 1;
          const found = mismatch(result.scenarios[s][figure], want, Math.abs(want));
          if (found) problems.push(`${s}.${figure}: ${found} for ${label(c)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(answered.length * 3 * 3);
  });

  it("refuses exactly the reference cases whose amounts leave the double range, naming the same fields", () => {
    for (const c of refused) {
      const found = problem(businessCase(businessCaseRequest.parse(c.request)));
      expect(found.code, label(c)).toBe(c.problem.code);
      expect([...found.paths].sort(), label(c)).toEqual([...c.problem.paths].sort());
      expect(found.message).toBe(OUT_OF_RANGE_MESSAGE);
    }
  });
});

describe("hand-checked examples", () => {
  it("the worked example: 100 000 invested, 20 000 a year, 5 years at 8 %, 1 000 000 visitors worth 2.50 per point of lift", () => {
    // Annuity factor Σ 1.08^−y, y = 1..5 = 0.925926 + 0.857339 + 0.793832 + 0.735030 + 0.680583 = 3.992710.
    // Total cost I + H·C = 100 000 + 5 × 20 000 = 200 000.
    // low  (1 %): benefit 1 000 000 × 0.01 × 2.5 = 25 000; N = 5 000;
    //      npv = −100 000 + 5 000 × 3.992710 = −80 036.45; roi = (125 000 − 200 000) / 200 000 = −0.375;
    //      payback 12 × 100 000 / 5 000 = 240 months > 60: none.
    // base (2 %): benefit 50 000; N = 30 000; npv = −100 000 + 119 781.30 = 19 781.30;
    //      roi = (250 000 − 200 000) / 200 000 = 0.25; payback 1 200 000 / 30 000 = 40 months.
    // high (3 %): benefit 75 000; N = 55 000; npv = −100 000 + 219 599.05 = 119 599.05;
    //      roi = (375 000 − 200 000) / 200 000 = 0.875; payback 1 200 000 / 55 000 = 21.82 months.
    const { low, base, high } = value(businessCase(EXAMPLE)).scenarios;
    expect(annuityFactor(0.08, 5)).toBeCloseTo(3.99271, 5);
    expect(low.annualBenefit).toBeCloseTo(25_000, 6);
    expect(low.npv).toBeCloseTo(-80_036.45, 2);
    expect(low.roi).toBeCloseTo(-0.375, 12);
    expect(low.paybackMonths).toBeNull();
    expect(base.annualBenefit).toBeCloseTo(50_000, 6);
    expect(base.npv).toBeCloseTo(19_781.3, 2);
    expect(base.roi).toBeCloseTo(0.25, 12);
    expect(base.paybackMonths).toBeCloseTo(40, 10);
    expect(high.annualBenefit).toBeCloseTo(75_000, 6);
    expect(high.npv).toBeCloseTo(119_599.05, 2);
    expect(high.roi).toBeCloseTo(0.875, 12);
    expect(high.paybackMonths).toBeCloseTo(21.818_181_8, 6);
    expect([low, base, high].map(losesMoney)).toEqual([true, false, false]);
  });

  it("no investment pays back at once (0 months) where the scenario earns, and never (null) where it loses money every year", () => {
    // I = 0, C = 20 000, H = 3, r = 0 (so the annuity factor is 3), 100 000 units worth 1.50; total cost 60 000.
    // low  (−5 %): benefit −7 500; N = −27 500; npv = 3 × −27 500 = −82 500; roi = (−22 500 − 60 000) / 60 000 = −1.375.
    // base (10 %): benefit 15 000; N = −5 000; npv = −15 000; roi = (45 000 − 60 000) / 60 000 = −0.25.
    // high (20 %): benefit 30 000; N = 10 000; npv = 30 000; roi = (90 000 − 60 000) / 60 000 = 0.5.
    const request = { ...EXAMPLE, investment: 0, horizonYears: 3, discountRate: 0, annualVolume: 100_000, valuePerUnit: 1.5, lift: { low: -0.05, base: 0.1, high: 0.2 } };
    const { low, base, high } = value(businessCase(request)).scenarios;
    expect(low).toEqual({ annualBenefit: -7_500, npv: -82_500, roi: -1.375, paybackMonths: null });
    expect(base.npv).toBeCloseTo(-15_000, 9);
    expect(base.roi).toBeCloseTo(-0.25, 12);
    expect(base.paybackMonths).toBeNull();
    expect(high.npv).toBeCloseTo(30_000, 9);
    expect(high.roi).toBeCloseTo(0.5, 12);
    expect(high.paybackMonths).toBe(0);
    expect([low, base, high].map(losesMoney)).toEqual([true, true, false]);
  });

  it("nothing spent at all has no ROI (its denominator is 0) but still an NPV", () => {
    // I = 0, C = 0: total cost 0, so roi is null; benefit 1 000 × 0.5 × 4 = 2 000 a year for 2 years at 0 %: npv 4 000.
    const request = { ...EXAMPLE, investment: 0, runningCostPerYear: 0, horizonYears: 2, discountRate: 0, annualVolume: 1_000, valuePerUnit: 4, lift: { low: 0, base: 0.5, high: 1 } };
    const { low, base, high } = value(businessCase(request)).scenarios;
    // The low scenario earns nothing (N = 0): nothing is ever paid back, so no payback either.
    expect(low).toEqual({ annualBenefit: 0, npv: 0, roi: null, paybackMonths: null });
    expect(base).toEqual({ annualBenefit: 2_000, npv: 4_000, roi: null, paybackMonths: 0 });
    expect(high).toEqual({ annualBenefit: 4_000, npv: 8_000, roi: null, paybackMonths: 0 });
  });

  it("payback exactly at the end of the horizon counts; one cent more does not", () => {
    // 1 000 units × 0.5 × 4 = 2 000 a year, minus 1 000 running cost: N = 1 000 (all exact in binary).
    // I = 5 000 over H = 5: 12 × 5 000 / 1 000 = 60 months = 12 × 5, so it pays back, just.
    // I = 5 000.01: 60.00012 months > 60: not within the horizon.
    const terms = { investment: 5_000, runningCostPerYear: 1_000, horizonYears: 5, discountRate: 0.08, annualVolume: 1_000, valuePerUnit: 4 };
    expect(value(scenarioFromLift(terms, 0.5)).paybackMonths).toBe(60);
    expect(value(scenarioFromLift({ ...terms, investment: 5_000.01 }, 0.5)).paybackMonths).toBeNull();
    // One year: 1 000 invested, N = 1 000, exactly 12 months.
    expect(value(scenarioFromLift({ ...terms, investment: 1_000, horizonYears: 1 }, 0.5)).paybackMonths).toBe(12);
  });

  it("a net of exactly 0 a year never pays back, and the NPV is just the investment lost", () => {
    // benefit 1 000 × 0.5 × 4 = 2 000 = C: N = 0; npv = −40 000; roi = (5 × 2 000 − (40 000 + 10 000)) / 50 000 = −0.8.
    const terms = { investment: 40_000, runningCostPerYear: 2_000, horizonYears: 5, discountRate: 0.08, annualVolume: 1_000, valuePerUnit: 4 };
    expect(value(scenarioFromLift(terms, 0.5))).toEqual({ annualBenefit: 2_000, npv: -40_000, roi: -0.8, paybackMonths: null });
    expect(value(scenarioFromLift({ ...terms, investment: 0 }, 0.5))).toEqual({ annualBenefit: 2_000, npv: 0, roi: 0, paybackMonths: null });
  });

  it("the annuity factor is the horizon when nothing is discounted, and 1 / 1.08 for one year at 8 %", () => {
    for (let years = 1; years <= 10; years++) expect(annuityFactor(0, years)).toBe(years);
    expect(annuityFactor(0.08, 1)).toBe(1 / 1.08);
  });
});

describe("never NaN or Infinity", () => {
  it("2 000 valid requests from 10⁻³⁰⁰ to 10³⁰⁸: figures finite throughout, or out_of_range naming request fields", () => {
    const { next, pick } = seededRandom(20261126);
    const amount = () => pick([0, 5e-324, Number.MAX_VALUE, Math.exp(-690 + next() * 1400), Math.exp(next() * 30)]);
    const lift = () => pick([1, -1]) * pick([0, 1e-300, Number.MAX_VALUE, Math.exp(-690 + next() * 1400), next()]);
    const fields = new Set(["investment", "runningCostPerYear", "annualVolume", "valuePerUnit", "lift.low", "lift.base", "lift.high"]);
    const problems: string[] = [];
    let answeredCount = 0;
    for (let i = 0; i < 2_000; i++) {
      const request = businessCaseRequest.parse({
        investment: amount(),
        runningCostPerYear: amount(),
        horizonYears: 1 + Math.floor(next() * 10),
        discountRate: pick([0, 0.999_999_999, next() * 0.999]),
        annualVolume: amount(),
        valuePerUnit: amount(),
        lift: { low: lift(), base: lift(), high: lift() },
      });
      const outcome = businessCase(request);
      if (outcome.ok) {
        answeredCount += 1;
        for (const s of SCENARIOS) {
          const scenario: Scenario = outcome.value.scenarios[s];
          for (const figure of FIGURES) {
            const x = scenario[figure];
            const nullable = figure === "roi" || figure === "paybackMonths";
            if (!(x === null ? nullable : Number.isFinite(x))) problems.push(`${s}.${figure} = ${x} for ${JSON.stringify(request)}`);
          }
          if (scenario.paybackMonths !== null && !(scenario.paybackMonths >= 0 && scenario.paybackMonths <= 12 * request.horizonYears)) {
            problems.push(`payback ${scenario.paybackMonths} outside the horizon for ${JSON.stringify(request)}`);
          }
        }
      } else if (outcome.problem.paths.length === 0 || !outcome.problem.paths.every((p) => fields.has(p))) {
        problems.push(`paths ${outcome.problem.paths} for ${JSON.stringify(request)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(answeredCount).toBeGreaterThan(500);
  });

  it("an annual benefit past the double range names the volume, the value and that scenario's lift only", () => {
    const found = problem(businessCase({ ...EXAMPLE, annualVolume: 1e300, valuePerUnit: 1, lift: { low: 0.01, base: 0.02, high: 1e10 } }));
    expect(found).toEqual({ code: "out_of_range", message: OUT_OF_RANGE_MESSAGE, paths: ["annualVolume", "valuePerUnit", "lift.high"] });
  });

  it("a cost total past the double range is refused, not passed off as an ROI of 0", () => {
    // Benefit 10³⁰⁸ = C, so N = 0 and npv = −10³⁰⁸ is finite; but I + H·C = 2·10³⁰⁸ is not, and (0 − I) / ∞ would read as 0.
    const lift = { low: 1, base: 1, high: 1 };
    const found = problem(businessCase({ ...EXAMPLE, investment: 1e308, runningCostPerYear: 1e308, horizonYears: 1, annualVolume: 1e308, valuePerUnit: 1, lift }));
    expect(found.paths).toContain("investment");
    expect(found.paths).toContain("runningCostPerYear");
  });

  it("a payback of a few months on amounts near the double range is found, not lost to 12 × I overflowing", () => {
    // I = 10³⁰⁸ (12 × I overflows), N = 10³⁰⁸ − 0: payback 12 months over one year.
    const terms = { investment: 1e308, runningCostPerYear: 0, horizonYears: 1, discountRate: 0, annualVolume: 1e308, valuePerUnit: 1 };
    const result = value(scenarioFromLift(terms, 1));
    expect(result.paybackMonths).toBe(12);
    expect(result.npv).toBe(0);
  });
});

describe("behaviour a board relies on", () => {
  it("a higher lift never gives a lower benefit, NPV or ROI, nor a later payback", () => {
    const lifts = [-0.2, -0.01, 0, 0.001, 0.01, 0.02, 0.05, 0.2, 1];
    let previous: Scenario | null = null;
    for (const lift of lifts) {
      const scenario = value(scenarioFromLift(EXAMPLE, lift));
      if (previous) {
        expect(scenario.annualBenefit).toBeGreaterThan(previous.annualBenefit);
        expect(scenario.npv).toBeGreaterThan(previous.npv);
        expect(scenario.roi!).toBeGreaterThan(previous.roi!);
        if (previous.paybackMonths !== null) expect(scenario.paybackMonths!).toBeLessThanOrEqual(previous.paybackMonths);
      }
      previous = scenario;
    }
  });

  it("each scenario is the same function of its own lift: businessCase is scenarioFromLift three times", () => {
    const result: BusinessCaseResult = value(businessCase(EXAMPLE));
    const { lift, ...terms } = EXAMPLE;
    for (const s of SCENARIOS) expect(result.scenarios[s]).toEqual(value(scenarioFromLift(terms, lift[s])));
  });

  it("a negative zero never shows (a zero lift on no volume with a negative lift)", () => {
    const scenario = value(scenarioFromLift({ ...EXAMPLE, investment: 0, runningCostPerYear: 0, annualVolume: 0 }, -0.5));
    expect(Object.is(scenario.annualBenefit, 0)).toBe(true);
    expect(Object.is(scenario.npv, 0)).toBe(true);
  });

  it("the module imports nothing but zod and itself, so the web can use it", () => {
    const folder = import.meta.dirname;
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
      const imports = [...readFileSync(join(folder, file), "utf8").matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);
      for (const source of imports) expect(source === "zod" || /^\.\/[\w-]+$/.test(source), `${file} imports ${source}`).toBe(true);
    }
  });
});
