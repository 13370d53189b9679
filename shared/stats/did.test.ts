import { describe, expect, it } from "vitest";
import { beforeAfter, differenceInDifferences, EXACT_PERMUTATION_LIMIT, permutationPValue, type DidRequest } from "./did";
import reference from "./did-reference.json";

const withAlpha = (request: Omit<DidRequest, "alpha"> & { alpha?: number }): DidRequest => ({ ...request, alpha: request.alpha ?? 0.05 });

function closeRelative(actual: number, expected: number, tolerance: number, what: string) {
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

/** Absolute tolerance on values of order 1, relative on large ones. */
function close(actual: number, expected: number, tolerance: number, what: string) {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

describe("difference in differences agrees with scipy and exact enumeration", () => {
  it("covers small pilots, ties, no spread, a zero baseline and several alphas", () => {
    const cases = reference.did;
    expect(cases.length).toBeGreaterThanOrEqual(120);
    expect(cases.some((c) => c.expected.se === 0 && c.expected.effect === 0)).toBe(true);
    expect(cases.some((c) => c.expected.se === 0 && c.expected.effect !== 0)).toBe(true);
    expect(cases.some((c) => c.expected.relativeEffect === null)).toBe(true);
    expect(cases.some((c) => c.expected.permutationPValue === 1)).toBe(true);
    expect(cases.some((c) => c.expected.pValue < 0.01)).toBe(true);
    expect(cases.some((c) => "alpha" in c.request)).toBe(true);
  });

  it.each(reference.did.map((c, i) => [i, c] as const))("case %i", (_i, { request, expected }) => {
    const result = differenceInDifferences(withAlpha(request));
    closeRelative(result.effect, expected.effect, 1e-9, "effect");
    closeRelative(result.se, expected.se, 1e-9, "se");
    close(result.df, expected.df, 1e-9, "df");
    close(result.ci[0], expected.ci[0]!, 1e-6, "ci low");
    close(result.ci[1], expected.ci[1]!, 1e-6, "ci high");
    close(result.pValue, expected.pValue, 1e-6, "p-value");
    expect(result.permutationExact).toBe(true);
    expect(Math.abs(result.permutationPValue - expected.permutationPValue)).toBeLessThanOrEqual(1e-12);
    if (expected.relativeEffect === null) expect(result.relativeEffect).toBeNull();
    else closeRelative(result.relativeEffect!, expected.relativeEffect, 1e-9, "relative effect");
    expect(result.units).toEqual(expected.units);
  });

  it("beyond 200,000 splits draws 100,000 random relabellings, within Monte Carlo error of the exact value, the same on every call", () => {
    for (const { request, expected } of reference.didRandom) {
      const result = differenceInDifferences(withAlpha(request));
      expect(result.permutationExact).toBe(false);
      // Binomial standard error at 100,000 draws is at most 0.0016: five of them.
      expect(Math.abs(result.permutationPValue - expected.permutationPValue)).toBeLessThan(0.008);
      expect(differenceInDifferences(withAlpha(request)).permutationPValue).toBe(result.permutationPValue);
      closeRelative(result.se, expected.se, 1e-9, "se");
      close(result.pValue, expected.pValue, 1e-6, "p-value");
    }
  });

  it("switches to random relabellings exactly above the limit", () => {
    // C(19, 9) = 92,378 and C(20, 10) = 184,756 are counted; C(21, 10) = 352,716 is drawn.
    const d = (n: number) => Array.from({ length: n }, (_, i) => (i * 37) % 11);
    expect(permutationPValue(d(10), d(10)).exact).toBe(true);
    expect(permutationPValue(d(11), d(10)).exact).toBe(false);
    expect(184_756).toBeLessThanOrEqual(EXACT_PERMUTATION_LIMIT);
  });

  it("counts the observed split even when rounding puts a tie a hair below it", () => {
    // Two pilots and two controls: 6 splits; the observed one and its mirror are the most extreme.
    const p = permutationPValue([0.1 + 0.2, 0.3], [0, 0]);
    expect(p).toEqual({ pValue: 2 / 6, exact: true });
  });
});

describe("before and after, pilot locations only", () => {
  it.each(reference.beforeAfter.map((c, i) => [i, c] as const))("case %i agrees with scipy's one-sample t-test", (_i, { request, expected }) => {
    const result = beforeAfter({ pilot: request.pilot, alpha: request.alpha ?? 0.05 });
    closeRelative(result.effect, expected.effect, 1e-9, "effect");
    closeRelative(result.se, expected.se, 1e-9, "se");
    expect(result.df).toBe(expected.df);
    close(result.ci[0], expected.ci[0]!, 1e-6, "ci low");
    close(result.ci[1], expected.ci[1]!, 1e-6, "ci high");
    close(result.pValue, expected.pValue, 1e-6, "p-value");
  });
});
