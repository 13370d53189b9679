/**
 * Distribution functions for the statistics module, written out rather than imported: a
 * handful of small, published algorithms, each proven against scipy 1.17 in
 * distributions.test.ts (reference values from scripts/stats-reference.py). No npm package
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

const LN_SQRT_2PI = 0.918938533204672741780329736406; // ln √(2π)
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
const SQRT_32 = 5.656854249492380195206754896838;
const DBL_EPSILON = 2.220446049250313e-16;

// ─── Normal ────────────────────────────────────────────────────────────────────────────────

const CODY_A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const CODY_B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const CODY_C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
  11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const CODY_D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091, 34900.952721145977266,
  38912.003286093271411, 19685.429676859990727,
];
const CODY_P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const CODY_Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

/** Both tails of the standard normal at x: lower = P(Z ≤ x), upper = P(Z > x). */
export function normalTails(x: number): { lower: number; upper: number } {
  if (Number.isNaN(x)) return { lower: NaN, upper: NaN };
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let num = 0;
    let den = 0;
    if (y > DBL_EPSILON / 2) {
      const xsq = x * x;
      num = CODY_A[4]! * xsq;
      den = xsq;
      for (let i = 0; i < 3; i++) {
        num = (num + CODY_A[i]!) * xsq;
        den = (den + CODY_B[i]!) * xsq;
      }
    }
    const temp = (x * (num + CODY_A[3]!)) / (den + CODY_B[3]!);
    return { lower: 0.5 + temp, upper: 0.5 - temp };
  }
  let small: number; // the tail beyond |x|
  if (y <= SQRT_32) {
    let num = CODY_C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + CODY_C[i]!) * y;
      den = (den + CODY_D[i]!) * y;
    }
    small = tailFactor(y) * ((num + CODY_C[7]!) / (den + CODY_D[7]!));
  } else if (y < 37.5193) {
    const xsq = 1 / (x * x);
    let num = CODY_P[5]! * xsq;
    let den = xsq;
    for (let i = 0; i < 4; i++) {
      num = (num + CODY_P[i]!) * xsq;
      den = (den + CODY_Q[i]!) * xsq;
    }
    const temp = (xsq * (num + CODY_P[4]!)) / (den + CODY_Q[4]!);
    small = tailFactor(y) * ((ONE_OVER_SQRT_2PI - temp) / y);
  } else {
    small = 0;
  }
  return x > 0 ? { lower: 1 - small, upper: small } : { lower: small, upper: 1 - small };
}

/** exp(−y²/2), split so that the square is exact (Cody's trick; it keeps the tail's relative accuracy). */
function tailFactor(y: number) {
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq * 0.5) * Math.exp(-del * 0.5);
}

/** Φ(x) = P(Z ≤ x). */
export const normalCdf = (x: number) => normalTails(x).lower;
/** 1 − Φ(x) = P(Z > x), computed directly. */
export const normalSf = (x: number) => normalTails(x).upper;

const AS241_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853,
  33430.575583588128105, 2509.0809287301226727,
];
const AS241_B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674,
  5226.495278852854561,
];
const AS241_C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const AS241_D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966,
  5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const AS241_E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const AS241_F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5,
  1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

const horner = (coefficients: number[], x: number) => coefficients.reduceRight((acc, c) => acc * x + c, 0);

/** Φ⁻¹(p) for p in (0, 1); ±Infinity at 0 and 1. For an upper quantile pass the small tail: −Φ⁻¹(α). */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(AS241_A, r)) / horner(AS241_B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = horner(AS241_C, r) / horner(AS241_D, r);
  } else {
    r -= 5;
    value = horner(AS241_E, r) / horner(AS241_F, r);
  }
  return q < 0 ? -value : value;
}

/** The standard normal density. */
export const normalPdf = (x: number) => ONE_OVER_SQRT_2PI * Math.exp(-0.5 * x * x);

// ─── Gamma and beta functions ──────────────────────────────────────────────────────────────

/**
 * ln Γ(x) − Stirling's approximation, for x ≥ 10: the series 1/(12x) − 1/(360x³) + …, cut
 * after the term in x⁻¹³; the first omitted term is below 3·10⁻¹⁷ at x = 10.
 */
function stirlingCorrection(x: number) {
  const x2 = 1 / (x * x);
  return (
    (1 / 12 - x2 * (1 / 360 - x2 * (1 / 1260 - x2 * (1 / 1680 - x2 * (1 / 1188 - x2 * (691 / 360360 - x2 / 156)))))) / x
  );
}

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  // Γ(x) = Γ(x + k) / (x (x+1) … (x+k−1)): shift into the range where Stirling's series is exact enough.
  let shifted = x;
  let product = 1;
  while (shifted < 10) {
    product *= shifted;
    shifted += 1;
  }
  return (shifted - 0.5) * Math.log(shifted) - shifted + LN_SQRT_2PI + stirlingCorrection(shifted) - Math.log(product);
}

/**
 * ln B(a, b) for a, b > 0. With large arguments ln Γ(a) + ln Γ(b) − ln Γ(a+b) would subtract
 * numbers near 10⁸ from each other; these forms (R's lbeta) never do.
 */
export function lnBeta(a: number, b: number): number {
  if (!(a > 0 && b > 0)) return NaN;
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (q === Infinity) return -Infinity;
  const share = p / (p + q);
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(share) + q * Math.log1p(-share);
  }
  if (q >= 10) {
    const corr = stirlingCorrection(q) - stirlingCorrection(p + q);
    return lnGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-share);
  }
  return lnGamma(p) + lnGamma(q) - lnGamma(p + q);
}

/**
 * The continued fraction for I_x(a, b), by the modified Lentz method. It converges quickly
 * for x < (a+1)/(a+b+2), in O(√max(a, b)) steps.
 */
function betaContinuedFraction(a: number, b: number, x: number, y: number): number {
  const TINY = 1e-300;
  const MAX_STEPS = 200_000;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  // 1 − (a+b)·x/(a+1); near x = 1 the same in terms of y = 1 − x, which x no longer carries
  // to full precision (it is where a t-test with many degrees of freedom lands).
  let d = x > 0.5 ? (1 - b + qab * y) / qap : 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_STEPS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) return h;
  }
  return h;
}

/**
 * The regularized incomplete beta I_x(a, b) and its complement 1 − I_x(a, b), each computed
 * without subtracting from 1 where it is the small one. Pass y = 1 − x when the caller knows
 * it more precisely than 1 − x would give.
 */
export function incompleteBeta(a: number, b: number, x: number, y = 1 - x): { lower: number; upper: number } {
  if (!(a > 0 && b > 0) || !(x >= 0 && x <= 1) || !(y >= 0 && y <= 1)) return { lower: NaN, upper: NaN };
  if (x === 0) return { lower: 0, upper: 1 };
  if (y === 0) return { lower: 1, upper: 0 };
  const lnX = x < 0.5 ? Math.log(x) : Math.log1p(-y);
  const lnY = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  const front = Math.exp(a * lnX + b * lnY - lnBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (front * betaContinuedFraction(a, b, x, y)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (front * betaContinuedFraction(b, a, y, x)) / b;
  return { lower: 1 - upper, upper };
}

// ─── Student t ─────────────────────────────────────────────────────────────────────────────

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
export function studentTTails(t: number, df: number): { lower: number; upper: number } {
  if (Number.isNaN(t) || !(df > 0)) return { lower: NaN, upper: NaN };
  const tail = studentUpperTail(Math.abs(t), df);
  return t >= 0 ? { lower: 1 - tail, upper: tail } : { lower: tail, upper: 1 - tail };
}

/** P(T ≤ t). */
export const studentTCdf = (t: number, df: number) => studentTTails(t, df).lower;
/** P(T > t), computed directly. */
export const studentTSf = (t: number, df: number) => studentTTails(t, df).upper;

/** The t density (df > 0), with its normalising constant from ln B. */
export function studentTPdf(t: number, df: number): number {
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
    if (Math.abs(next - u) <= Math.max(1e-13, 8 * DBL_EPSILON * Math.abs(u))) return -Math.exp(next);
    if (high - low <= Math.max(1e-15, 4 * DBL_EPSILON * Math.abs(u))) return -Math.exp((low + high) / 2);
    u = next;
  }
  return -Math.exp(u);
}

// ─── Chi-square ────────────────────────────────────────────────────────────────────────────

/** P(χ²₁ > s) for s ≥ 0: a χ² with one degree of freedom is the square of a standard normal. */
export function chiSquare1Sf(s: number): number {
  if (Number.isNaN(s) || s < 0) return NaN;
  return 2 * normalSf(Math.sqrt(s));
}

// ─── Beta chance to beat ───────────────────────────────────────────────────────────────────

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
