import { DEFAULT_ALPHA, EVEN_SPLIT } from "./defaults";
import { betaChanceToBeat, chiSquare1Sf, normalCdf, normalQuantile, normalSf, studentTQuantile, studentTSf } from "./distributions";
import { allFinite, failure, success, type StatsOutcome } from "./outcome";
import type { CompareRequest, CompareResult, MeanArm, ProportionArm } from "./schemas";

/** A sample-ratio mismatch is flagged below this p-value (strict enough to rarely cry wolf). */
export const SRM_THRESHOLD = 0.001;

export interface CompareOptions {
  /** Two-sided significance level; the intervals have coverage 1 − alpha. */
  alpha: number;
  /** The share of users meant for control and treatment; any two positive numbers, normalised here. */
  expectedSplit: readonly [number, number];
  /**
   * Answer a control value of 0 with the absolute parts only (relative lift and its interval
   * null) instead of the `zero_control` problem: a small pilot whose control has no conversions
   * still has a lift, an interval, a p-value and a chance to beat. Off by default, because the
   * API's response shape needs numbers for the relative parts.
   */
  allowZeroControl: boolean;
}

const DEFAULTS: CompareOptions = { alpha: DEFAULT_ALPHA, expectedSplit: [...EVEN_SPLIT], allowZeroControl: false };

/** A comparison against a control value of 0: everything but the relative lift, which does not exist. */
export type AbsoluteCompareResult = Omit<CompareResult, "relativeLift" | "ciRelative"> & { relativeLift: null; ciRelative: null };

/** What compareAbsolute answers: the full comparison, or only its absolute parts when the control is 0. */
export type Comparison = CompareResult | AbsoluteCompareResult;

/** Whether a comparison has its relative parts. */
export const hasRelativeLift = (result: Comparison): result is CompareResult => result.relativeLift !== null;

type AllowingZeroControl = Partial<CompareOptions> & { allowZeroControl: boolean };
type RefusingZeroControl = Partial<CompareOptions> & { allowZeroControl?: false };

/** Compares control and treatment as the request's metric says. Inputs are those schemas.ts accepts. */
export function compare(request: CompareRequest): StatsOutcome<CompareResult> {
  const options = { alpha: request.alpha, expectedSplit: request.expectedSplit };
  return request.metric === "proportion"
    ? compareProportions(request.control, request.treatment, options)
    : compareMeans(request.control, request.treatment, options);
}

/**
 * As compare(), but a control value of 0 gives the absolute parts (lift, interval, p-value,
 * chance to beat, sample-ratio check) instead of the `zero_control` problem. No variation
 * at all is still a problem: there is no standard error to test with.
 */
export function compareAbsolute(request: CompareRequest): StatsOutcome<Comparison> {
  const options = { alpha: request.alpha, expectedSplit: request.expectedSplit, allowZeroControl: true };
  return request.metric === "proportion"
    ? compareProportions(request.control, request.treatment, options)
    : compareMeans(request.control, request.treatment, options);
}

/**
 * Two conversion rates:
 * - p-value: two-sided z-test with the pooled standard error (the one "no difference" implies);
 * - absolute interval: the unpooled (Wald) standard error and the normal quantile;
 * - relative interval: the delta method, Var(p_t/p_c) ≈ Var(p_t)/p_c² + p_t²·Var(p_c)/p_c⁴;
 * - chance to beat: P(p_t > p_c) under independent Beta(1 + k, 1 + n − k) posteriors.
 *
 * No answer (a problem instead) when neither arm varies — no conversions at all, or every
 * user converted in both — since the pooled standard error is then 0, or when the control rate
 * is 0, since a lift relative to 0 does not exist (unless `allowZeroControl`: then the absolute
 * parts, with the relative ones null).
 */
export function compareProportions(control: ProportionArm, treatment: ProportionArm, options?: RefusingZeroControl): StatsOutcome<CompareResult>;
export function compareProportions(control: ProportionArm, treatment: ProportionArm, options: AllowingZeroControl): StatsOutcome<Comparison>;
export function compareProportions(control: ProportionArm, treatment: ProportionArm, options: Partial<CompareOptions> = {}): StatsOutcome<Comparison> {
  const { alpha, expectedSplit, allowZeroControl } = { ...DEFAULTS, ...options };
  const { users: nc, conversions: kc } = control;
  const { users: nt, conversions: kt } = treatment;
  const pooled = (kc + kt) / (nc + nt);
  if (pooled === 0 || pooled === 1) {
    const what = pooled === 0 ? "Neither arm has a conversion" : "Every user converted in both arms";
    return failure("no_variation", `${what}, so there is no variation to test a difference against`, ["control.conversions", "treatment.conversions"]);
  }
  if (kc === 0 && !allowZeroControl) {
    return failure("zero_control", "The control arm has no conversions: a lift relative to a rate of 0 does not exist", ["control.conversions"]);
  }
  const pc = kc / nc;
  const pt = kt / nt;
  const lift = pt - pc;
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / nc + 1 / nt));
  const pValue = Math.min(1, 2 * normalSf(Math.abs(lift / sePooled)));

  const seControl = Math.sqrt((pc * (1 - pc)) / nc);
  const seTreatment = Math.sqrt((pt * (1 - pt)) / nt);
  const critical = -normalQuantile(alpha / 2);
  const result: Comparison = {
    ...lifts(pc, pt, seControl, seTreatment, critical),
    pValue,
    chanceToBeat: betaChanceToBeat(1 + kc, 1 + nc - kc, 1 + kt, 1 + nt - kt),
    srm: sampleRatioMismatch(nc, nt, expectedSplit),
  };
  return finished(result);
}

/**
 * Two means from summary statistics (n, mean, sample sd):
 * - p-value: Welch's t-test, Welch–Satterthwaite degrees of freedom, Student t distribution;
 * - absolute interval: the same standard error and the t quantile with those degrees of freedom;
 * - relative interval: the delta method with the same critical value;
 * - chance to beat: Φ(lift / SE).
 *
 * No answer when the control mean is 0 (no relative lift; with `allowZeroControl` the absolute
 * parts, the relative ones null) or the numbers overflow.
 */
export function compareMeans(control: MeanArm, treatment: MeanArm, options?: RefusingZeroControl): StatsOutcome<CompareResult>;
export function compareMeans(control: MeanArm, treatment: MeanArm, options: AllowingZeroControl): StatsOutcome<Comparison>;
export function compareMeans(control: MeanArm, treatment: MeanArm, options: Partial<CompareOptions> = {}): StatsOutcome<Comparison> {
  const { alpha, expectedSplit, allowZeroControl } = { ...DEFAULTS, ...options };
  if (control.mean === 0 && !allowZeroControl) {
    return failure("zero_control", "The control mean is 0: a lift relative to 0 does not exist", ["control.mean"]);
  }
  const seControl = control.sd / Math.sqrt(control.n);
  const seTreatment = treatment.sd / Math.sqrt(treatment.n);
  // hypot and the weights keep the arithmetic scale-free, so large sds cannot overflow a square.
  const se = Math.hypot(seControl, seTreatment);
  if (!(se > 0) || !Number.isFinite(se)) return outOfRange();
  const wc = (seControl / se) ** 2;
  const wt = (seTreatment / se) ** 2;
  const df = 1 / ((wc * wc) / (control.n - 1) + (wt * wt) / (treatment.n - 1));

  const lift = treatment.mean - control.mean;
  const pValue = Math.min(1, 2 * studentTSf(Math.abs(lift / se), df));
  const critical = -studentTQuantile(alpha / 2, df);
  const result: Comparison = {
    ...lifts(control.mean, treatment.mean, seControl, seTreatment, critical),
    pValue,
    chanceToBeat: normalCdf(lift / se),
    srm: sampleRatioMismatch(control.n, treatment.n, expectedSplit),
  };
  return finished(result);
}

/**
 * Absolute and relative lift with their intervals, from the arms' values and standard errors;
 * the relative parts are null for a control value of 0 (only reached with allowZeroControl).
 */
function lifts(controlValue: number, treatmentValue: number, seControl: number, seTreatment: number, critical: number) {
  const absoluteLift = treatmentValue - controlValue;
  const se = Math.hypot(seControl, seTreatment);
  const ciAbsolute: [number, number] = [absoluteLift - critical * se, absoluteLift + critical * se];
  if (controlValue === 0) return { absoluteLift, ciAbsolute, relativeLift: null, ciRelative: null };
  const relativeLift = absoluteLift / controlValue;
  // Delta method: SE(t/c)² ≈ (SE_t / c)² + (t · SE_c / c²)²
  const seRelative = Math.hypot(seTreatment / controlValue, (treatmentValue / controlValue) * (seControl / controlValue));
  return {
    absoluteLift,
    relativeLift,
    ciAbsolute,
    ciRelative: [relativeLift - critical * seRelative, relativeLift + critical * seRelative] as [number, number],
  };
}

/**
 * Pearson's χ² goodness of fit of the two arm sizes to the expected split (one degree of
 * freedom); a mismatch means the assignment is broken and the comparison cannot be trusted.
 */
export function sampleRatioMismatch(controlCount: number, treatmentCount: number, expectedSplit: readonly [number, number]) {
  const total = controlCount + treatmentCount;
  const shareSum = expectedSplit[0] + expectedSplit[1];
  const expectedControl = (total * expectedSplit[0]) / shareSum;
  const expectedTreatment = (total * expectedSplit[1]) / shareSum;
  const statistic = (controlCount - expectedControl) ** 2 / expectedControl + (treatmentCount - expectedTreatment) ** 2 / expectedTreatment;
  const pValue = Math.min(1, chiSquare1Sf(statistic));
  return { pValue, mismatch: pValue < SRM_THRESHOLD };
}

const outOfRange = <T>() =>
  failure<T>("out_of_range", "These numbers are too large or too small to compute with; try other units", ["control", "treatment"]);

/** The last line of defence: a result with any non-finite number is a problem, never an answer. */
function finished<T extends Comparison>(result: T): StatsOutcome<T> {
  return allFinite(result) ? success(result) : outOfRange();
}
