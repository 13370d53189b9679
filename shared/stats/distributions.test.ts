import { describe, expect, it } from "vitest";
import {
  BETA_EXACT_LIMIT,
  betaChanceToBeat,
  chiSquare1Sf,
  incompleteBeta,
  lnBeta,
  lnGamma,
  normalCdf,
  normalQuantile,
  normalSf,
  studentTCdf,
  studentTQuantile,
  studentTSf,
} from "./distributions";
import reference from "./reference.json";

/**
 * Every function against scipy 1.17 (shared/stats/reference.json, written by
 * scripts/stats-reference.py). The bounds asserted are far tighter than the 10⁻⁶ the
 * calculators promise; the worst case found is named in each failure message.
 */

interface Worst {
  error: number;
  where: string;
}

/** The largest error over the cases, absolute or relative to the reference value. */
function worst<T>(cases: T[], error: (c: T) => number, where: (c: T) => string): Worst {
  let found: Worst = { error: 0, where: "" };
  for (const c of cases) {
    const e = error(c);
    if (!(e <= found.error)) found = { error: e, where: where(c) }; // NaN counts as the worst
  }
  return found;
}

const absolute = (got: number, want: number) => (got === want ? 0 : Math.abs(got - want));
/** Relative error, with values below 10⁻³⁰⁰ compared absolutely (scipy returns denormals there). */
const relative = (got: number, want: number) => (Math.abs(want) < 1e-300 ? absolute(got, want) : absolute(got, want) / Math.abs(want));

function expectWithin(found: Worst, bound: number) {
  expect(found.error, `worst at ${found.where}: ${found.error}`).toBeLessThanOrEqual(bound);
}

describe("the normal distribution (Cody; AS 241)", () => {
  it(`Φ and 1 − Φ agree with scipy to 10⁻¹² relative out to x = ±37 (${reference.normalCdf.length} points)`, () => {
    const where = (c: { x: number }) => `x = ${c.x}`;
    expectWithin(worst(reference.normalCdf, (c) => relative(normalCdf(c.x), c.cdf), where), 1e-12);
    expectWithin(worst(reference.normalCdf, (c) => relative(normalSf(c.x), c.sf), where), 1e-12);
    expectWithin(worst(reference.normalCdf, (c) => absolute(normalCdf(c.x), c.cdf), where), 1e-15);
  });

  it(`Φ⁻¹ agrees to 10⁻¹⁴ relative from p = 10⁻³⁰⁰ to 1 − 10⁻¹² (${reference.normalQuantile.length} points)`, () => {
    expectWithin(
      worst(reference.normalQuantile, (c) => relative(normalQuantile(c.p), c.x), (c) => `p = ${c.p}`),
      1e-14,
    );
  });

  it("is symmetric and exact at the centre, and infinite only at 0 and 1", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalQuantile(0.5)).toBe(0);
    for (const x of [0.1, 0.7, 1.96, 4, 9, 30]) expect(normalCdf(-x)).toBe(normalSf(x));
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe("Student's t (incomplete beta; Newton on the tail)", () => {
  const dfs = [...new Set(reference.studentTCdf.map((c) => c.df))];

  it(`the CDF and its complement agree with scipy to 10⁻¹³ absolute and 10⁻⁹ relative, df from 1 to 10⁸ (${reference.studentTCdf.length} points)`, () => {
    expect(dfs).toEqual(expect.arrayContaining([1, 2.5, 5, 30, 1000, 1e6]));
    const where = (c: { df: number; x: number }) => `df = ${c.df}, t = ${c.x}`;
    expectWithin(worst(reference.studentTCdf, (c) => absolute(studentTCdf(c.x, c.df), c.cdf), where), 1e-13);
    expectWithin(worst(reference.studentTCdf, (c) => absolute(studentTSf(c.x, c.df), c.sf), where), 1e-13);
    expectWithin(worst(reference.studentTCdf, (c) => relative(studentTCdf(c.x, c.df), c.cdf), where), 1e-9);
    expectWithin(worst(reference.studentTCdf, (c) => relative(studentTSf(c.x, c.df), c.sf), where), 1e-9);
  });

  it(`the quantile agrees to 10⁻¹² relative, p from 10⁻¹² to 1 − 10⁻⁶ (${reference.studentTQuantile.length} points)`, () => {
    expectWithin(
      worst(reference.studentTQuantile, (c) => relative(studentTQuantile(c.p, c.df), c.x), (c) => `df = ${c.df}, p = ${c.p}`),
      1e-12,
    );
  });

  it("has the closed forms of one and two degrees of freedom", () => {
    for (const p of [1e-12, 1e-5, 0.01, 0.2, 0.45]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(-1 / Math.tan(Math.PI * p), 12 - Math.round(Math.log10(1 / p)));
      const q = studentTQuantile(p, 2);
      expect(Math.abs(q - (2 * p - 1) / Math.sqrt(2 * p * (1 - p)))).toBeLessThan(1e-12 * Math.abs(q));
    }
  });

  it("tends to the normal as the degrees of freedom grow, without a jump where the method changes", () => {
    expect(Math.abs(studentTQuantile(0.025, 1e12) - normalQuantile(0.025))).toBeLessThan(1e-11);
    // Across df = 10⁵ the tail may change by its true sensitivity to df (≈ t⁴/4df² per unit, ~10⁻¹³ here).
    for (const t of [0.5, 1.96, 4, 9.999, 10.001, 15]) {
      const below = studentTSf(t, 99_999.9999999);
      const above = studentTSf(t, 100_000);
      expect(Math.abs(below - above) / below, `t = ${t}`).toBeLessThan(1e-11);
    }
  });

  it("inverts its own CDF", () => {
    for (const df of [1, 1.7, 4, 12.5, 200, 5e4, 2e5, 3e7]) {
      for (const p of [1e-300, 1e-30, 1e-9, 0.003, 0.05, 0.31, 0.5, 0.77, 0.999]) {
        const t = studentTQuantile(p, df);
        expect(Number.isFinite(t), `df = ${df}, p = ${p}`).toBe(true);
        expect(relative(studentTCdf(t, df), p), `df = ${df}, p = ${p}`).toBeLessThan(1e-11);
      }
    }
  });
});

describe("χ² with one degree of freedom, and the special functions underneath", () => {
  it(`P(χ²₁ > s) agrees with scipy to 10⁻¹² relative (${reference.chiSquare1Sf.length} points)`, () => {
    expectWithin(worst(reference.chiSquare1Sf, (c) => relative(chiSquare1Sf(c.s), c.sf), (c) => `s = ${c.s}`), 1e-12);
    expect(chiSquare1Sf(0)).toBe(1);
  });

  it("ln Γ, ln B and the regularized incomplete beta agree with scipy", () => {
    expectWithin(worst(reference.lnGamma, (c) => absolute(lnGamma(c.x), c.value) / Math.max(1, Math.abs(c.value)), (c) => `x = ${c.x}`), 1e-14);
    // scipy's own betaln is off by ~10⁻¹¹ relative at (50, 5·10⁶) (checked with mpmath at 40 digits); ours is not.
    expectWithin(worst(reference.lnBeta, (c) => relative(lnBeta(c.a, c.b), c.value), (c) => `a = ${c.a}, b = ${c.b}`), 1e-10);
    const where = (c: { a: number; b: number; x: number }) => `a = ${c.a}, b = ${c.b}, x = ${c.x}`;
    expectWithin(worst(reference.incompleteBeta, (c) => absolute(incompleteBeta(c.a, c.b, c.x).lower, c.lower), where), 1e-11);
    expectWithin(worst(reference.incompleteBeta, (c) => absolute(incompleteBeta(c.a, c.b, c.x).upper, c.upper), where), 1e-11);
  });
});

describe("the Beta chance to beat", () => {
  const chance = (c: (typeof reference.betaChanceToBeat)[number]) => betaChanceToBeat(c.aControl, c.bControl, c.aTreatment, c.bTreatment);
  const where = (c: (typeof reference.betaChanceToBeat)[number]) => `Beta(${c.aControl}, ${c.bControl}) vs Beta(${c.aTreatment}, ${c.bTreatment})`;

  it(`agrees with scipy's numerical integration to 10⁻⁵, exact sum and Edgeworth alike (${reference.betaChanceToBeat.length} cases)`, () => {
    const exact = reference.betaChanceToBeat.filter((c) => Math.min(c.aControl, c.bControl, c.aTreatment, c.bTreatment) <= BETA_EXACT_LIMIT);
    const approximate = reference.betaChanceToBeat.filter((c) => Math.min(c.aControl, c.bControl, c.aTreatment, c.bTreatment) > BETA_EXACT_LIMIT);
    expect(approximate.length).toBeGreaterThanOrEqual(10);
    expectWithin(worst(exact, (c) => absolute(chance(c), c.chance), where), 1e-8);
    expectWithin(worst(approximate, (c) => absolute(chance(c), c.chance), where), 2e-6);
  });

  it("is ½ for identical arms, complementary when the arms swap, and stays in [0, 1]", () => {
    expect(betaChanceToBeat(1, 1, 1, 1)).toBeCloseTo(0.5, 14);
    expect(betaChanceToBeat(31, 970, 31, 970)).toBeCloseTo(0.5, 12);
    for (const [a, b, c, d] of [
      [3, 8, 5, 2],
      [1, 1000, 40, 961],
      [25_001, 75_001, 25_201, 74_801],
    ] as const) {
      expect(betaChanceToBeat(a, b, c, d) + betaChanceToBeat(c, d, a, b)).toBeCloseTo(1, 10);
    }
    expect(betaChanceToBeat(1, 1e7, 1e4, 1e7)).toBe(1);
    expect(betaChanceToBeat(1e4, 1e7, 1, 1e7)).toBe(0);
  });

  it("answers for ten million users well within a request's time", () => {
    const started = performance.now();
    betaChanceToBeat(BETA_EXACT_LIMIT, 1e7, BETA_EXACT_LIMIT + 300, 1e7);
    betaChanceToBeat(5_000_001, 5_000_001, 5_001_001, 4_999_001);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
