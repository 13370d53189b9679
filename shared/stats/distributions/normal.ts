/**
 * The standard normal: Φ and its complement by W. J. Cody's rational Chebyshev approximations
 * (ACM TOMS 715, the algorithm R's pnorm runs), both tails computed directly so neither loses
 * digits to 1 − p; Φ⁻¹ by Wichura's AS 241 (PPND16), about 1 part in 10¹⁶; and χ² with one
 * degree of freedom, the square of a standard normal.
 */

const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
const SQRT_32 = 5.656854249492380195206754896838;

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
function normalTails(x: number): { lower: number; upper: number } {
  if (Number.isNaN(x)) return { lower: NaN, upper: NaN };
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let num = 0;
    let den = 0;
    if (y > Number.EPSILON / 2) {
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

/** P(χ²₁ > s) for s ≥ 0: a χ² with one degree of freedom is the square of a standard normal. */
export function chiSquare1Sf(s: number): number {
  if (Number.isNaN(s) || s < 0) return NaN;
  return 2 * normalSf(Math.sqrt(s));
}
