/**
 * Student t: its CDF through the incomplete beta; its quantile by safeguarded Newton steps on
 * log P(T > t) against log t, started from the Cornish–Fisher expansion. From 10⁵ degrees of
 * freedom on, that expansion (inverted for the CDF) is the more exact of the two.
 */
import { incompleteBeta, lnBeta } from "./beta-functions";
import { normalQuantile, normalSf } from "./normal";

/**
 * From this many degrees of freedom on, the Cornish–Fisher expansion below (four terms, error
 * O(df⁻⁵)) is exact to double precision out to 10 standard errors — measured below 10⁻²⁰
 * relative at df = 10⁵ — while the continued fraction, with x = df/(df+t²) so close to 1,
 * slowly loses digits (about 10⁻⁹ relative by df = 10⁸).
 */
const LARGE_DF = 1e5;
/** How far out the expansion is trusted (|z| ≤ 10: tails down to 10⁻²³). */
const EXPANSION_REACH = 10;

/** P(T > t) for t ≥ 0 with df degrees of freedom: ½·I_{df/(df+t²)}(df/2, ½). */
function studentUpperTail(t: number, df: number): number {
  if (t === Infinity) return 0;
  if (t === 0) return 0.5;
  if (df >= LARGE_DF && t <= EXPANSION_REACH) return normalSf(inverseCornishFisher(t, df));
  // x = df/(df+t²) and y = t²/(df+t²), through r = df/t² so that a huge t cannot overflow.
  const r = df / t / t;
  if (r < 1e-250) {
    // So far out that x would underflow: I_x(a, ½) = x^a / (a·B(a, ½))·(1 + O(x)), in logs.
    const a = df / 2;
    return 0.5 * Math.exp(a * (Math.log(df) - 2 * Math.log(t)) - lnBeta(a, 0.5) - Math.log(a));
  }
  const x = r / (1 + r);
  const y = 1 / (1 + r);
  return 0.5 * incompleteBeta(df / 2, 0.5, x, y).lower;
}

/** Both tails of Student's t with df > 0 degrees of freedom at t. */
function studentTTails(t: number, df: number): { lower: number; upper: number } {
  if (Number.isNaN(t) || !(df > 0)) return { lower: NaN, upper: NaN };
  const tail = studentUpperTail(Math.abs(t), df);
  return t >= 0 ? { lower: 1 - tail, upper: tail } : { lower: tail, upper: 1 - tail };
}

/** P(T ≤ t). */
export const studentTCdf = (t: number, df: number) => studentTTails(t, df).lower;
/** P(T > t), computed directly. */
export const studentTSf = (t: number, df: number) => studentTTails(t, df).upper;

/** The t density (df > 0), with its normalising constant from ln B. */
function studentTPdf(t: number, df: number): number {
  // ln(1 + t²/df), written so that t² cannot overflow far out in the tail.
  const lnSpread = Math.abs(t) < 1e100 ? Math.log1p((t * t) / df) : 2 * Math.log(Math.abs(t)) - Math.log(df) + Math.log1p(df / t / t);
  return Math.exp(-((df + 1) / 2) * lnSpread - 0.5 * Math.log(df) - lnBeta(df / 2, 0.5));
}

/** The Cornish–Fisher expansion of the t quantile around the normal one z (Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, df: number) {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/** The z with cornishFisher(z, df) = t, by Newton's method (the slope is 1 + O(1/df)). */
function inverseCornishFisher(t: number, df: number) {
  let z = t;
  for (let step = 0; step < 20; step++) {
    const next = z - (cornishFisher(z, df) - t) / (1 + (3 * z * z + 1) / (4 * df));
    if (next === z) break;
    z = next;
  }
  return z;
}

/**
 * The t quantile: the t with P(T ≤ t) = p, for p in (0, 1) and df > 0. For an upper quantile
 * pass the small tail, −quantile(α), so that 1 − α is never rounded.
 *
 * Solves ln P(T > t) = ln p over u = ln t by Newton's method (this function of u is close to
 * a straight line in both the normal-like middle and the power-law tail), keeping a bracket
 * and bisecting whenever a step would leave it.
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  // Now p < ½ and the answer is −t for the t > 0 with P(T > t) = p.
  const target = Math.log(p);
  const z = -normalQuantile(p);
  if (df >= LARGE_DF && z <= EXPANSION_REACH) return -cornishFisher(z, df);
  // Starting guesses, refined below: the Cornish–Fisher expansion (good unless the
  // degrees of freedom are few and the tail far) and the power-law tail P(T > t) ≈ K·t^(−df),
  // K = ν^((ν−2)/2) / B(ν/2, ½), which always lies beyond the answer.
  const expansion = cornishFisher(z, df);
  const powerTail = Math.exp((((df - 2) / 2) * Math.log(df) - lnBeta(df / 2, 0.5) - target) / df);
  // t has heavier tails than the normal, so z itself is a lower bound.
  const guesses = [expansion, powerTail].filter((g) => g > 0 && Number.isFinite(g));
  const start = Math.max(z, Math.min(...guesses));
  let u = Math.log(start);
  let low = -Infinity; // ln P(T > e^u) is above the target below `low`…
  let high = Infinity; // …and below it above `high`
  for (let step = 0; step < 200; step++) {
    const t = Math.exp(u);
    const tail = studentUpperTail(t, df);
    const gap = Math.log(tail) - target;
    if (gap === 0) return -t;
    if (gap > 0) low = Math.max(low, u);
    else high = Math.min(high, u);
    // d/du ln P(T > e^u) = −t·f(t)/P(T > t)
    const slope = (-t * studentTPdf(t, df)) / tail;
    let next = u - gap / slope;
    if (!Number.isFinite(next) || next <= low || next >= high) {
      if (Number.isFinite(low) && Number.isFinite(high)) next = (low + high) / 2;
      else next = gap > 0 ? u + 1 : u - 1;
    }
    // Newton converges quadratically: a step this small leaves an error far below it.
    // (u = ln t, so a step in u is a relative change of t.)
    if (Math.abs(next - u) <= Math.max(1e-13, 8 * Number.EPSILON * Math.abs(u))) return -Math.exp(next);
    if (high - low <= Math.max(1e-15, 4 * Number.EPSILON * Math.abs(u))) return -Math.exp((low + high) / 2);
    u = next;
  }
  return -Math.exp(u);
}
