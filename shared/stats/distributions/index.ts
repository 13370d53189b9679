/**
 * Distribution functions for the statistics module, written out rather than imported: a
 * handful of small, published algorithms, each proven against scipy 1.17 in
 * shared/stats/distributions.test.ts (reference values from scripts/stats-reference.py). No npm package
 * gives all of them at double precision with honest far tails and no runtime weight.
 *
 * - Φ and its complement: W. J. Cody's rational Chebyshev approximations (ACM TOMS 715), the
 *   algorithm R's pnorm runs; both tails computed directly, so neither loses digits to 1 − p.
 * - Φ⁻¹: Wichura's AS 241 (PPND16), about 1 part in 10¹⁶.
 * - ln Γ and ln B: Stirling's series with its correction term for arguments ≥ 10 (shifted up
 *   by the recurrence below that); ln B in the cancellation-free forms R's lbeta uses.
 * - The regularized incomplete beta: the continued fraction evaluated by modified Lentz
 *   (Numerical Recipes §6.4), on whichever side of the mean it converges fast.
 * - Student t: its CDF through the incomplete beta; its quantile by safeguarded Newton steps
 *   on log P(T > t) against log t, started from the Cornish–Fisher expansion. From 10⁵
 *   degrees of freedom on, that expansion (inverted for the CDF) is the more exact of the two.
 * - χ² with one degree of freedom: P(χ²₁ > s) = 2·Φ(−√s).
 * - P(X > Y) for independent Beta variables: an exact finite sum, or an Edgeworth-corrected
 *   normal approximation once every parameter is large (see betaChanceToBeat).
 *
 * Arguments outside a function's domain give NaN here; callers (compare.ts, sample-size.ts)
 * check their inputs and turn anything non-finite into a typed problem, never a NaN result.
 */
export { incompleteBeta, lnBeta, lnGamma } from "./beta-functions";
export { BETA_EXACT_LIMIT, betaChanceToBeat } from "./chance-to-beat";
export { chiSquare1Sf, normalCdf, normalQuantile, normalSf } from "./normal";
export { studentTCdf, studentTQuantile, studentTSf } from "./student-t";
