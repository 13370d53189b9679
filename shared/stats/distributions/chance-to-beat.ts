/**
 * P(X > Y) for independent Beta variables: an exact finite sum, or an Edgeworth-corrected
 * normal approximation once every parameter is large (see betaChanceToBeat).
 */
import { lnBeta } from "./beta-functions";
import { normalCdf, normalPdf } from "./normal";

/** Above this, the smallest Beta parameter is large enough for the Edgeworth approximation. */
export const BETA_EXACT_LIMIT = 20_000;

/**
 * P(X_B > X_A) for independent X_A ~ Beta(aA, bA) and X_B ~ Beta(aB, bB) with integer
 * parameters ≥ 1 (a Beta(1, 1) prior updated with conversions and non-conversions).
 *
 * Exact when the smallest parameter is at most BETA_EXACT_LIMIT: the closed form
 *   P = Σ_{i=0}^{aB−1} B(aA+i, bA+bB) / ((bB+i)·B(1+i, bB)·B(aA, bA))
 * (Evan Miller, "Formulas for Bayesian A/B testing"), summed in log space with the terms
 * built by their ratio, over whichever of the four parameters is smallest (the symmetries
 * P(B > A) = 1 − P(A > B) and X ↦ 1 − X let any of them be the summation index).
 *
 * Otherwise every parameter exceeds 20 000 and the difference X_B − X_A is close to normal;
 * the first Edgeworth term corrects for its skewness. The error left is of order 1/n for the
 * smallest parameter n, measured below 2·10⁻⁶ at the limit (distributions.test.ts), far inside
 * the 10⁻³ this number is reported to.
 */
export function betaChanceToBeat(aA: number, bA: number, aB: number, bB: number): number {
  if (![aA, bA, aB, bB].every((v) => Number.isInteger(v) && v >= 1)) return NaN;
  const smallest = Math.min(aA, bA, aB, bB);
  if (smallest > BETA_EXACT_LIMIT) return betaChanceEdgeworth(aA, bA, aB, bB);
  // P(X_B > X_A) = P(1−X_A > 1−X_B), and 1 − X ~ Beta(b, a).
  if (smallest === aB) return betaSum(aA, bA, aB, bB);
  if (smallest === aA) return 1 - betaSum(aB, bB, aA, bA);
  if (smallest === bA) return betaSum(bB, aB, bA, aA);
  return 1 - betaSum(bA, aA, bB, aB);
}

/** Evan Miller's sum, over i < aB. */
function betaSum(aA: number, bA: number, aB: number, bB: number): number {
  // term_0 = B(aA, bA+bB) / (bB·B(1, bB)·B(aA, bA)) and B(1, bB) = 1/bB.
  let lnTerm = lnBeta(aA, bA + bB) - lnBeta(aA, bA);
  // Running log-sum-exp: total = e^lnMax · scaled.
  let lnMax = lnTerm;
  let scaled = 1;
  for (let i = 0; i < aB - 1; i++) {
    // term_{i+1} / term_i = (aA+i)(bB+i) / ((aA+bA+bB+i)(1+i))
    lnTerm += Math.log(((aA + i) / (aA + bA + bB + i)) * ((bB + i) / (1 + i)));
    if (lnTerm > lnMax) {
      scaled = scaled * Math.exp(lnMax - lnTerm) + 1;
      lnMax = lnTerm;
    } else {
      scaled += Math.exp(lnTerm - lnMax);
    }
  }
  return Math.min(1, Math.max(0, Math.exp(lnMax + Math.log(scaled))));
}

/** Mean, variance and third central moment of Beta(a, b). */
function betaMoments(a: number, b: number) {
  const s = a + b;
  const mean = a / s;
  const variance = (a * b) / (s * s * (s + 1));
  const third = (2 * a * b * (b - a)) / (s * s * s * (s + 1) * (s + 2));
  return { mean, variance, third };
}

function betaChanceEdgeworth(aA: number, bA: number, aB: number, bB: number): number {
  const A = betaMoments(aA, bA);
  const B = betaMoments(aB, bB);
  const sd = Math.sqrt(A.variance + B.variance);
  const z = (B.mean - A.mean) / sd;
  const skew = (B.third - A.third) / (sd * sd * sd);
  const p = normalCdf(z) + (skew / 6) * (z * z - 1) * normalPdf(z);
  return Math.min(1, Math.max(0, p));
}
