/**
 * ln Γ and ln B: Stirling's series with its correction term for arguments ≥ 10 (shifted up by
 * the recurrence below that); ln B in the cancellation-free forms R's lbeta uses. The
 * regularized incomplete beta: the continued fraction evaluated by modified Lentz (Numerical
 * Recipes §6.4), on whichever side of the mean it converges fast.
 */

const LN_SQRT_2PI = 0.918938533204672741780329736406; // ln √(2π)

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
