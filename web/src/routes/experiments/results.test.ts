import { describe, expect, it } from "vitest";
import type { KpiResult } from "../../../../shared/schemas/experiment";
import {
  compareForReading,
  compareResult,
  expectedSplitFor,
  formatChance,
  formatPValue,
  intervalSide,
  kpiSlots,
  liftFormat,
  readResult,
  sampleProgress,
  sampleRatioApplies,
  type UnitWord,
} from "./results";
import type { CompareResult } from "../../../../shared/stats/schemas";
import { pluralOf } from "../../format";

/** "point" or "points" as the number is shown, as the screens' plural texts say it in English. */
const points: UnitWord = (count, shown) => (pluralOf(count, "en", shown) === "one" ? "point" : "points");

const KPI = "00000000-0000-4000-8000-000000000001";
const OTHER = "00000000-0000-4000-8000-000000000002";

describe("kpiSlots", () => {
  it("lists the primary KPI first and each guardrail once", () => {
    expect(kpiSlots({ primaryKpiId: KPI, guardrailKpiIds: [OTHER, KPI, OTHER] })).toEqual([
      { kpiId: KPI, role: "primary" },
      { kpiId: OTHER, role: "guardrail" },
    ]);
    expect(kpiSlots({ primaryKpiId: null, guardrailKpiIds: [] })).toEqual([]);
  });
});

/** A made-up comparison, so the wording can be checked at chances on either side of the threshold. */
const comparison = (chanceToBeat: number, ci: [number, number] = [0.004, 0.041]): CompareResult => ({
  absoluteLift: (ci[0] + ci[1]) / 2,
  relativeLift: 0.1,
  ciAbsolute: ci,
  ciRelative: [0.02, 0.2],
  pValue: 0.02,
  chanceToBeat,
  srm: { pValue: 0.5, mismatch: false },
});
const rate = { kind: "proportion", unit: "percent" } as const;

describe("readResult: the verdict in the KPI's direction", () => {
  it("calls a likely rise better when higher is better", () => {
    const reading = readResult(comparison(0.97), { ...rate, direction: "higher" }, "en");
    expect(reading.description.text).toBe("likely better: 97 % chance; the lift is between +0.4 and +4.1 points");
    expect(reading.tone).toBe("better");
    expect(reading.guardrail).toBe("held");
  });

  it("calls the same rise worse when lower is better, and the guardrail hurt", () => {
    const reading = readResult(comparison(0.97), { ...rate, direction: "lower" }, "en");
    expect(reading.description.text).toBe("likely worse: 97 % chance; the lift is between +0.4 and +4.1 points");
    expect(reading).toMatchObject({ tone: "worse", guardrail: "hurt" });
  });

  it("calls a likely drop better when lower is better", () => {
    const reading = readResult(comparison(0.02, [-0.03, -0.01]), { ...rate, direction: "lower" }, "nl");
    expect(reading.description.text).toBe("waarschijnlijk beter: 98 % kans; het verschil ligt tussen -3,0 en -1,0 procentpunt");
    expect(reading).toMatchObject({ tone: "better", guardrail: "held" });
  });

  it("stays unclear below 95 % either way, which holds a guardrail", () => {
    const reading = readResult(comparison(0.9, [-0.01, 0.03]), { ...rate, direction: "higher" }, "en");
    expect(reading.description.verdict).toBe("unclear");
    expect(reading.description.text).toContain("90 % chance of better");
    expect(reading).toMatchObject({ tone: "unclear", guardrail: "held" });
  });

  it("speaks of euros for a money KPI", () => {
    const reading = readResult(comparison(0.99, [0.4, 2.1]), { kind: "mean", unit: "eur", direction: "higher" }, "en");
    // Money as everywhere else in the language: "+€2.10", never "+2.1 €".
    expect(reading.description.text).toBe("likely better: 99 % chance; the lift is between +€0.40 and +€2.10");
  });

  it("never rounds a bound of an interval that excludes 0 to 0", () => {
    // Width 12 gives whole numbers: −0.3 would read "0", as if the interval touched 0.
    const reading = readResult(comparison(0.001, [-12.3, -0.3]), { kind: "mean", unit: "count", direction: "higher" }, "en");
    expect(reading.description.text).toBe("likely worse: > 99 % chance; the lift is between -12.3 and -0.3");
    const format = liftFormat(comparison(0.001, [-12.3, -0.3]), { kind: "mean", unit: "count", direction: "higher" }, "en", { points });
    expect(format.absolute(-0.3)).toBe("-0.3");
    // An interval across 0 keeps the usual precision.
    expect(readResult(comparison(0.4, [-12.3, 0.3]), { kind: "mean", unit: "count", direction: "higher" }, "en").description.text).toContain("between -12 and 0");
  });

  it("says one point, and points for any other number as shown", () => {
    const format = liftFormat(comparison(0.99, [0.004, 0.016]), { ...rate, direction: "higher" }, "en", { points });
    expect(format.absolute(0.01)).toBe("+1.0 points");
    const whole = liftFormat(comparison(0.99, [0.0, 0.12]), { ...rate, direction: "higher" }, "en", { points });
    expect(whole.absolute(0.01)).toBe("+1 point");
    expect(whole.absolute(0.02)).toBe("+2 points");
    expect(readResult(comparison(0.99, [0.002, 0.01]), { ...rate, direction: "higher" }, "en").description.text).toMatch(/and \+1\.00 points$/);
    expect(readResult(comparison(0.7, [-0.11, 0.01]), { ...rate, direction: "higher" }, "en").description.text).toMatch(/between -11 and \+1 point$/);
    expect(readResult(comparison(0.7, [-0.11, 0.01]), { ...rate, direction: "higher" }, "nl").description.text).toMatch(/tussen -11 en \+1 procentpunt$/);
  });
});

describe("numbers for the result", () => {
  it("shows rate lifts in points, relative lifts in percent and money in euros, per language", () => {
    const result = comparison(0.99, [0.004, 0.041]);
    const en = liftFormat(result, { ...rate, direction: "higher" }, "en", { points });
    expect(en.absolute(0.0225)).toBe("+2.3 points");
    expect(en.relative(0.1097)).toBe("+11%");
    expect(en.value(0.205)).toBe("20.5%");
    const money = liftFormat(comparison(0.99, [0.42, 2.1]), { kind: "mean", unit: "eur", direction: "higher" }, "nl", { points });
    expect(money.absolute(1.26).replace(/\s/g, " ")).toBe("€ +1,26");
    expect(money.value(23.5).replace(/\s/g, " ")).toBe("€ 23,50");
  });

  it("says which side of zero an interval is on, in the KPI's direction", () => {
    expect(intervalSide([0.1, 0.3], "higher")).toBe("better");
    expect(intervalSide([0.1, 0.3], "lower")).toBe("worse");
    expect(intervalSide([-0.3, -0.1], "lower")).toBe("better");
    expect(intervalSide([-0.1, 0.3], "higher")).toBe("either");
  });

  it("never claims certainty and writes small p-values as a bound", () => {
    expect(formatChance(0.9996, "en")).toBe("> 99 %");
    expect(formatChance(0.001, "nl")).toBe("< 1 %");
    expect(formatChance(0.874, "en")).toBe("87 %");
    expect(formatPValue(0.01452, "nl")).toBe("0,015");
    expect(formatPValue(0.00002, "en")).toBe("< 0.001");
  });
});

describe("compareResult", () => {
  it("compares proportions on the device with the shared engine", () => {
    const outcome = compareResult({ kpiId: KPI, control: { users: 4000, conversions: 820 }, treatment: { users: 4000, conversions: 910 } }, "ab_split");
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.value.absoluteLift).toBeCloseTo(0.0225, 12);
    expect(outcome.value.ciAbsolute[0]).toBeCloseTo(0.004464104, 8);
    expect(outcome.value.srm.mismatch).toBe(false);
  });

  it("hands back the engine's problem instead of numbers", () => {
    const outcome = compareResult({ kpiId: KPI, control: { users: 100, conversions: 0 }, treatment: { users: 100, conversions: 0 } }, null);
    expect(outcome).toMatchObject({ ok: false, problem: { code: "no_variation" } });
  });

  it("checks an intended unequal A/B split against that split, not against equal groups", () => {
    const ninetyTen = { kpiId: KPI, control: { users: 9000, conversions: 900 }, treatment: { users: 1000, conversions: 110 } };
    const intended = compareResult(ninetyTen, "ab_split", 0.1);
    expect(intended.ok && intended.value.srm.mismatch).toBe(false);
    // Without the share the same groups look broken; and a share only counts for an A/B split.
    const assumedEqual = compareResult(ninetyTen, "ab_split", null);
    expect(assumedEqual.ok && assumedEqual.value.srm.mismatch).toBe(true);
    expect(expectedSplitFor("ab_split", 0.1)).toEqual([0.9, 0.1]);
    expect(expectedSplitFor("before_after", 0.1)).toEqual([0.5, 0.5]);
    expect(expectedSplitFor("ab_split", null)).toEqual([0.5, 0.5]);
  });

  it("flags a lopsided A/B split, and checks the split only where groups are random", () => {
    const outcome = compareResult({ kpiId: KPI, control: { users: 5000, conversions: 500 }, treatment: { users: 4000, conversions: 400 } }, "ab_split");
    expect(outcome.ok && outcome.value.srm.mismatch).toBe(true);
    expect(sampleRatioApplies("ab_split")).toBe(true);
    expect(sampleRatioApplies(null)).toBe(true);
    expect(sampleRatioApplies("pilot_control")).toBe(false);
    expect(sampleRatioApplies("before_after")).toBe(false);
  });
});

describe("compareForReading: a control at 0 still has a result", () => {
  const pilot: KpiResult = { kpiId: KPI, control: { users: 500, conversions: 0 }, treatment: { users: 500, conversions: 6 } };

  it("gives 500/0 vs 500/6 its absolute lift, interval, p-value, chance and SRM, but no relative lift", () => {
    const outcome = compareForReading(pilot, "ab_split");
    if (!outcome.ok) throw new Error(outcome.problem.code);
    // scipy: 2·norm.sf of the pooled z, and 0.012 ± norm.ppf(0.975)·√(0.012·0.988/500).
    expect(outcome.value.absoluteLift).toBeCloseTo(0.012, 15);
    expect(outcome.value.pValue).toBeCloseTo(0.01401528294, 9);
    expect(outcome.value.ciAbsolute[0]).toBeCloseTo(0.00245596147, 9);
    expect(outcome.value.ciAbsolute[1]).toBeCloseTo(0.02154403853, 9);
    expect(outcome.value.chanceToBeat).toBeCloseTo(0.99235, 4);
    expect(outcome.value.srm.mismatch).toBe(false);
    expect(outcome.value.relativeLift).toBeNull();
    expect(outcome.value.ciRelative).toBeNull();
    // The engine's own answer for the API stays a problem.
    expect(compareResult(pilot, "ab_split")).toMatchObject({ ok: false, problem: { code: "zero_control" } });
  });

  it("words the verdict and formats the lift from the absolute parts alone", () => {
    const outcome = compareForReading(pilot, "ab_split");
    if (!outcome.ok) throw new Error(outcome.problem.code);
    const traits = { kind: "proportion", unit: "percent", direction: "higher" } as const;
    const reading = readResult(outcome.value, traits, "en");
    expect(reading.tone).toBe("better");
    expect(reading.description.text).toBe("likely better: 99 % chance; the lift is between +0.2 and +2.2 points");
    expect(liftFormat(outcome.value, traits, "en", { points }).absolute(0.012)).toBe("+1.2 points");
  });

  it("agrees with compareResult when the control is not 0, and still refuses figures without variation", () => {
    const usual: KpiResult = { kpiId: KPI, control: { users: 4000, conversions: 820 }, treatment: { users: 4000, conversions: 910 } };
    expect(compareForReading(usual, "ab_split")).toEqual(compareResult(usual, "ab_split"));
    const nothing: KpiResult = { kpiId: KPI, control: { users: 100, conversions: 0 }, treatment: { users: 100, conversions: 0 } };
    expect(compareForReading(nothing, null)).toMatchObject({ ok: false, problem: { code: "no_variation" } });
  });
});

describe("sampleProgress", () => {
  const proportion = (c: number, t: number): KpiResult => ({ kpiId: KPI, control: { users: c, conversions: 1 }, treatment: { users: t, conversions: 1 } });

  it("counts each group against the required size per variant", () => {
    const progress = sampleProgress(proportion(4000, 2000), 4000);
    expect(progress).toEqual({
      required: 4000,
      reached: false,
      arms: [
        { arm: "control", count: 4000, share: 1, reached: true },
        { arm: "treatment", count: 2000, share: 0.5, reached: false },
      ],
    });
  });

  it("is reached when both groups have enough, and caps the bar at full", () => {
    const progress = sampleProgress(proportion(9000, 5000), 4000);
    expect(progress?.reached).toBe(true);
    expect(progress?.arms.map((a) => a.share)).toEqual([1, 1]);
  });

  it("uses n for a mean KPI and says nothing when no size is required", () => {
    const mean: KpiResult = { kpiId: KPI, control: { n: 30, mean: 1, sd: 1 }, treatment: { n: 120, mean: 1, sd: 1 } };
    expect(sampleProgress(mean, 60)?.arms.map((a) => [a.count, a.share, a.reached])).toEqual([
      [30, 0.5, false],
      [120, 1, true],
    ]);
    expect(sampleProgress(mean, null)).toBeNull();
    expect(sampleProgress(mean, 0)).toBeNull();
  });
});
