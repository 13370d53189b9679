import { describe, expect, it } from "vitest";
import reference from "./reference.json";
import { sampleSize } from "./sample-size";
import { sampleSizeRequest } from "./schemas";

const perVariant = (input: Parameters<typeof sampleSizeRequest.parse>[0]) => {
  const outcome = sampleSize(sampleSizeRequest.parse(input));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problem));
  return outcome.value.perVariant;
};

describe("sample size per variant", () => {
  it(`matches scipy exactly on ${reference.sampleSize.length} cases (baselines 10⁻⁴–0.99, lifts ±0.5 %–200 %, alpha 0.01–0.2, power 0.5–0.99)`, () => {
    const wrong = reference.sampleSize.filter((c) => perVariant(c.request) !== c.expected.perVariant).map((c) => JSON.stringify(c));
    expect(wrong).toEqual([]);
    // No reference value sits so close to a whole number that rounding noise could flip it.
    for (const c of reference.sampleSize) expect(Math.abs(c.expected.unrounded - Math.round(c.expected.unrounded))).toBeGreaterThan(1e-7);
    expect(reference.sampleSize.some((c) => (c.request as { power?: number }).power === 0.9)).toBe(true);
  });

  it("gives the textbook 3 841 for 10 % → 12 % at alpha 0.05 and power 0.8 (the defaults)", () => {
    expect(perVariant({ baseline: 0.1, mde: 0.2 })).toBe(3841);
    expect(perVariant({ baseline: 0.1, mde: 0.2, alpha: 0.05, power: 0.8 })).toBe(3841);
  });

  it("needs more users for more power, a stricter alpha or a smaller effect", () => {
    const base = perVariant({ baseline: 0.05, mde: 0.1 });
    expect(perVariant({ baseline: 0.05, mde: 0.1, power: 0.9 })).toBeGreaterThan(base);
    expect(perVariant({ baseline: 0.05, mde: 0.1, alpha: 0.01 })).toBeGreaterThan(base);
    expect(perVariant({ baseline: 0.05, mde: 0.05 })).toBeGreaterThan(base);
  });

  it("has no answer when the rate to detect leaves (0, 1), or the effect is lost in rounding", () => {
    for (const [baseline, mde] of [
      [0.6, 1],
      [0.5, 1],
      [0.1, -1],
      [0.1, -2],
    ] as const) {
      const outcome = sampleSize(sampleSizeRequest.parse({ baseline, mde }));
      expect(outcome).toMatchObject({ ok: false, problem: { code: "rate_out_of_range", paths: ["mde"] } });
    }
    expect(sampleSize(sampleSizeRequest.parse({ baseline: 0.1, mde: 1e-17 }))).toMatchObject({ ok: false, problem: { code: "effect_too_small", paths: ["mde"] } });
  });
});
