import { describe, expect, it } from "vitest";
import { compare, compareAbsolute, compareMeans, compareProportions, sampleRatioMismatch, type Comparison } from "./compare";
import { allFinite, type StatsOutcome } from "./outcome";
import reference from "./reference.json";
import { compareRequest, type CompareResult } from "./schemas";

/** The result, failing the test with the problem if there is none. */
function value(outcome: StatsOutcome<CompareResult>): CompareResult {
  if (!outcome.ok) throw new Error(`expected a result, got ${JSON.stringify(outcome.problem)}`);
  return outcome.value;
}

function problem(outcome: StatsOutcome<CompareResult>) {
  if (outcome.ok) throw new Error(`expected a problem, got ${JSON.stringify(outcome.value)}`);
  return outcome.problem;
}

describe("compare agrees with scipy on every reference case", () => {
  const cases = reference.compare.map((c) => ({ ...c, label: JSON.stringify(c.request) }));
  const proportions = cases.filter((c) => c.request.metric === "proportion");
  const means = cases.filter((c) => c.request.metric === "mean");

  it("covers tiny and huge arms, one-sided zeros, all-converted arms, unequal splits and alphas from 10⁻⁶ to 0.95", () => {
    expect(proportions.length).toBeGreaterThanOrEqual(150);
    expect(means.length).toBeGreaterThanOrEqual(130);
    const arms = (c: (typeof cases)[number]) => [c.request.control, c.request.treatment] as unknown as Record<string, number>[];
    expect(proportions.some((c) => arms(c).some((a) => a.users === 2))).toBe(true);
    expect(proportions.some((c) => arms(c).some((a) => a.users === 1e7))).toBe(true);
    expect(proportions.some((c) => c.request.treatment.conversions === 0)).toBe(true);
    expect(proportions.some((c) => arms(c).some((a) => a.users === a.conversions))).toBe(true);
    expect(means.some((c) => arms(c).some((a) => a.n === 2))).toBe(true);
    expect(means.some((c) => arms(c).some((a) => a.n === 1e7))).toBe(true);
    expect(cases.some((c) => "expectedSplit" in c.request)).toBe(true);
    for (const alpha of [0.01, 0.1, 1e-6, 0.9]) expect(cases.some((c) => (c.request as { alpha?: number }).alpha === alpha), `alpha ${alpha}`).toBe(true);
    expect(cases.some((c) => c.expected.srm.mismatch)).toBe(true);
  });

  it.each([
    ["proportion", proportions],
    ["mean", means],
  ] as const)("%s: p-values and interval bounds within 10⁻⁶ absolute (and 10⁻⁹ relative), chance to beat within 10⁻³", (_metric, group) => {
    const problems: string[] = [];
    const check = (what: string, got: number, want: number, absolute: number, label: string) => {
      const error = Math.abs(got - want);
      if (!(error <= absolute) || !(error <= Math.max(absolute, 1e-9 * Math.abs(want)))) problems.push(`${what}: ${got} vs ${want} for ${label}`);
    };
    for (const c of group) {
      const result = value(compare(compareRequest.parse(c.request)));
      const e = c.expected;
      check("absoluteLift", result.absoluteLift, e.absoluteLift, 1e-9, c.label);
      check("relativeLift", result.relativeLift, e.relativeLift, 1e-9, c.label);
      check("pValue", result.pValue, e.pValue, 1e-6, c.label);
      check("ciAbsolute[0]", result.ciAbsolute[0], e.ciAbsolute[0]!, 1e-6, c.label);
      check("ciAbsolute[1]", result.ciAbsolute[1], e.ciAbsolute[1]!, 1e-6, c.label);
      check("ciRelative[0]", result.ciRelative[0], e.ciRelative[0]!, 1e-6, c.label);
      check("ciRelative[1]", result.ciRelative[1], e.ciRelative[1]!, 1e-6, c.label);
      check("chanceToBeat", result.chanceToBeat, e.chanceToBeat, 1e-3, c.label);
      check("srm.pValue", result.srm.pValue, e.srm.pValue, 1e-6, c.label);
      if (result.srm.mismatch !== e.srm.mismatch) problems.push(`srm.mismatch for ${c.label}`);
      // Tighter than promised, to catch a slipping algorithm long before it matters.
      check("pValue (tight)", result.pValue, e.pValue, 1e-11, c.label);
      check("chanceToBeat (tight)", result.chanceToBeat, e.chanceToBeat, 1e-5, c.label);
    }
    expect(problems).toEqual([]);
  });
});

describe("two proportions", () => {
  const arm = (users: number, conversions: number) => ({ users, conversions });

  it("has no answer when neither arm varies, and says so for both fields", () => {
    for (const [control, treatment, words] of [
      [arm(100, 0), arm(120, 0), "Neither arm has a conversion"],
      [arm(100, 100), arm(7, 7), "Every user converted in both arms"],
      [arm(1, 0), arm(1, 0), "Neither arm has a conversion"],
    ] as const) {
      const found = problem(compareProportions(control, treatment));
      expect(found.code).toBe("no_variation");
      expect(found.message).toContain(words);
      expect(found.paths).toEqual(["control.conversions", "treatment.conversions"]);
    }
  });

  it("has no relative lift (so no answer) when the control rate is 0", () => {
    const found = problem(compareProportions(arm(500, 0), arm(500, 12)));
    expect(found).toMatchObject({ code: "zero_control", paths: ["control.conversions"] });
    expect(found.message).toMatch(/rate of 0/);
  });

  it("answers when only the treatment has no conversions, or every control user converted", () => {
    const none = value(compareProportions(arm(100, 5), arm(100, 0)));
    expect(none.relativeLift).toBe(-1);
    expect(none.chanceToBeat).toBeLessThan(0.05);
    const all = value(compareProportions(arm(80, 80), arm(60, 0)));
    expect(all.absoluteLift).toBe(-1);
    // Both rates sit on the boundary, so the Wald interval has no width: a point, not NaN.
    expect(all.ciAbsolute).toEqual([-1, -1]);
    expect(all.ciRelative).toEqual([-1, -1]);
    expect(all.pValue).toBeLessThan(1e-20);
  });

  it("mirrors when the arms swap", () => {
    const ab = value(compareProportions(arm(1000, 100), arm(1100, 131)));
    const ba = value(compareProportions(arm(1100, 131), arm(1000, 100)));
    expect(ba.absoluteLift).toBeCloseTo(-ab.absoluteLift, 15);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 14);
    expect(ba.chanceToBeat).toBeCloseTo(1 - ab.chanceToBeat, 12);
    expect(ba.ciAbsolute[0]).toBeCloseTo(-ab.ciAbsolute[1], 15);
  });

  it("gives p = 1, chance ½ and an interval around 0 for identical arms", () => {
    const same = value(compareProportions(arm(400, 40), arm(400, 40)));
    expect(same).toMatchObject({ absoluteLift: 0, relativeLift: 0, pValue: 1 });
    expect(same.chanceToBeat).toBeCloseTo(0.5, 12);
    expect(same.ciAbsolute[0]).toBeCloseTo(-same.ciAbsolute[1], 15);
  });

  it("widens its intervals as alpha shrinks", () => {
    const widths = [0.2, 0.1, 0.05, 0.01, 1e-4].map((alpha) => {
      const r = value(compareProportions(arm(2000, 200), arm(2000, 236), { alpha }));
      return r.ciAbsolute[1] - r.ciAbsolute[0];
    });
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThan(widths[i - 1]!);
  });
});

describe("two means (Welch)", () => {
  it("has no relative lift when the control mean is 0", () => {
    const found = problem(compareMeans({ n: 10, mean: 0, sd: 1 }, { n: 10, mean: 1, sd: 1 }));
    expect(found).toMatchObject({ code: "zero_control", paths: ["control.mean"] });
  });

  it("turns overflow and underflow into a problem, never NaN or Infinity", () => {
    for (const [control, treatment] of [
      [{ n: 10, mean: 1e308, sd: 1e308 }, { n: 10, mean: -1e308, sd: 1e308 }],
      [{ n: 10, mean: 1, sd: 5e-324 }, { n: 10, mean: 2, sd: 5e-324 }],
      [{ n: 2, mean: 1, sd: 1e300 }, { n: 2, mean: 2, sd: 1e300 }],
    ]) {
      const outcome = compareMeans(control!, treatment!);
      expect(outcome.ok ? allFinite(outcome.value) : outcome.problem.code).toBe("out_of_range");
    }
  });

  it("uses Welch–Satterthwaite degrees of freedom: 2 for two equal arms of two, → 1 when one arm dominates", () => {
    // SE = 1 and df = 2, so with t = √2 the two-sided p-value is 1 − t/√(2 + t²) = 1 − 1/√2.
    const equal = value(compareMeans({ n: 2, mean: 10, sd: 1 }, { n: 2, mean: 10 + Math.SQRT2, sd: 1 }));
    expect(equal.pValue).toBeCloseTo(1 - Math.SQRT1_2, 14);
    // One arm's variance negligible: df = 1 and the critical value is tan(0.475π).
    const lopsided = value(compareMeans({ n: 2, mean: 10, sd: 1e-6 }, { n: 2, mean: 11, sd: 1 }));
    const halfWidth = (lopsided.ciAbsolute[1] - lopsided.ciAbsolute[0]) / 2;
    expect(halfWidth / Math.SQRT1_2).toBeCloseTo(Math.tan(0.475 * Math.PI), 9);
  });

  it("gives chance Φ(lift/SE) and mirrors when the arms swap", () => {
    const ab = value(compareMeans({ n: 50, mean: 20, sd: 4 }, { n: 60, mean: 21, sd: 5 }));
    const ba = value(compareMeans({ n: 60, mean: 21, sd: 5 }, { n: 50, mean: 20, sd: 4 }));
    expect(ab.chanceToBeat + ba.chanceToBeat).toBeCloseTo(1, 14);
    expect(ab.pValue).toBeCloseTo(ba.pValue, 14);
  });
});

describe("sample-ratio mismatch", () => {
  it("flags 10 000 vs 10 500 on a 50/50 split and accepts it on a matching split", () => {
    expect(sampleRatioMismatch(10_000, 10_500, [0.5, 0.5]).mismatch).toBe(true);
    const matching = sampleRatioMismatch(10_000, 10_500, [10_000 / 20_500, 10_500 / 20_500]);
    expect(matching.pValue).toBeCloseTo(1, 12);
    expect(matching.mismatch).toBe(false);
    expect(sampleRatioMismatch(1, 1, [0.5, 0.5])).toEqual({ pValue: 1, mismatch: false });
  });

  it("flags below p = 0.001 and not at it", () => {
    const atThreshold = sampleRatioMismatch(10_000, 10_466, [0.5, 0.5]);
    expect(atThreshold.pValue).toBeGreaterThan(0.001);
    expect(atThreshold.mismatch).toBe(false);
    const past = sampleRatioMismatch(10_000, 10_480, [0.5, 0.5]);
    expect(past.pValue).toBeLessThan(0.001);
    expect(past.mismatch).toBe(true);
  });
});

describe("compareAbsolute: a control at 0 still has an absolute answer", () => {
  const answer = (outcome: StatsOutcome<Comparison>): Comparison => {
    if (!outcome.ok) throw new Error(`expected a result, got ${JSON.stringify(outcome.problem)}`);
    return outcome.value;
  };

  it("gives 500/0 vs 500/6 its lift, Wald interval, z-test p-value, chance to beat and SRM, without a relative lift", () => {
    // References from scipy 1.x: p = 2·norm.sf(0.012 / √(0.006·0.994·(2/500))); interval
    // 0.012 ± norm.ppf(0.975)·√(0.012·0.988/500); chance = ∫ Beta(7,495).pdf · Beta(1,501).cdf
    // (integrate.quad); SRM = chisquare([500, 500]).pvalue.
    const r = answer(compareAbsolute({ metric: "proportion", control: { users: 500, conversions: 0 }, treatment: { users: 500, conversions: 6 }, alpha: 0.05, expectedSplit: [0.5, 0.5] }));
    expect(r.relativeLift).toBeNull();
    expect(r.ciRelative).toBeNull();
    expect(r.absoluteLift).toBeCloseTo(0.012, 15);
    expect(Math.abs(r.pValue - 0.01401528293993006)).toBeLessThan(1e-9);
    expect(Math.abs(r.ciAbsolute[0] - 0.0024559614650663166)).toBeLessThan(1e-9);
    expect(Math.abs(r.ciAbsolute[1] - 0.021544038534933682)).toBeLessThan(1e-9);
    expect(Math.abs(r.chanceToBeat - 0.9923505791108598)).toBeLessThan(1e-4);
    expect(r.srm).toEqual({ pValue: 1, mismatch: false });
  });

  it("gives a mean with control 0 its Welch answer, without a relative lift", () => {
    // scipy: ttest_ind_from_stats(1, 1, 10, 0, 1, 10, equal_var=False).pvalue; df = 18, so the
    // interval is 1 ± t.ppf(0.975, 18)·√0.2 and the chance norm.cdf(1/√0.2).
    const r = answer(compareAbsolute({ metric: "mean", control: { n: 10, mean: 0, sd: 1 }, treatment: { n: 10, mean: 1, sd: 1 }, alpha: 0.05, expectedSplit: [0.5, 0.5] }));
    expect(r).toMatchObject({ absoluteLift: 1, relativeLift: null, ciRelative: null });
    expect(Math.abs(r.pValue - 0.03824961451611385)).toBeLessThan(1e-9);
    expect(Math.abs(r.ciAbsolute[0] - 0.06043910051869816)).toBeLessThan(1e-9);
    expect(Math.abs(r.ciAbsolute[1] - 1.9395608994813018)).toBeLessThan(1e-9);
    expect(Math.abs(r.chanceToBeat - 0.9873263406612659)).toBeLessThan(1e-12);
  });

  it("agrees with compare() wherever the control is not 0, and still refuses no variation", () => {
    const request = compareRequest.parse({ metric: "proportion", control: { users: 1000, conversions: 100 }, treatment: { users: 1100, conversions: 131 } });
    expect(compareAbsolute(request)).toEqual(compare(request));
    const means = compareRequest.parse({ metric: "mean", control: { n: 50, mean: 20, sd: 4 }, treatment: { n: 60, mean: 21, sd: 5 } });
    expect(compareAbsolute(means)).toEqual(compare(means));
    const nothing = compareAbsolute(compareRequest.parse({ metric: "proportion", control: { users: 100, conversions: 0 }, treatment: { users: 120, conversions: 0 } }));
    expect(nothing).toMatchObject({ ok: false, problem: { code: "no_variation" } });
  });

  it("leaves compare() and the default options refusing a control at 0", () => {
    const request = compareRequest.parse({ metric: "proportion", control: { users: 500, conversions: 0 }, treatment: { users: 500, conversions: 6 } });
    expect(compare(request)).toMatchObject({ ok: false, problem: { code: "zero_control" } });
    expect(compareProportions({ users: 500, conversions: 0 }, { users: 500, conversions: 6 }, { allowZeroControl: false })).toMatchObject({ ok: false });
    expect(compareMeans({ n: 10, mean: 0, sd: 1 }, { n: 10, mean: 1, sd: 1 }, { allowZeroControl: true })).toMatchObject({ ok: true, value: { relativeLift: null } });
  });
});
