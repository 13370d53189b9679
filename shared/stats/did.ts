import { studentTQuantile, studentTSf } from "./distributions";
import { mean, sampleVariance } from "./summary";

/**
 * Store pilots: a change in a few locations (pilot) against comparable ones (control), read on
 * a KPI each location already measures per period. With a handful of stores a plain two-group
 * test misleads (the stores differed before the pilot began), so each location is compared
 * with itself first — d = mean(after) − mean(before) — and the pilot's d's with the control's:
 * difference in differences, with Welch's t on the d's and, because a handful of stores is far
 * from "large", randomisation inference over which stores were the pilot.
 */

export interface LocationSeries {
  /** The KPI's values in the periods before the pilot's start. */
  pre: number[];
  /** …and from the start on. */
  post: number[];
}

export interface DidRequest {
  pilot: LocationSeries[];
  control: LocationSeries[];
  alpha: number;
}

export interface DidResult {
  effect: number;
  /** The effect as a share of the pilot locations' level before the start; null when that is 0. */
  relativeEffect: number | null;
  se: number;
  df: number;
  ci: [number, number];
  pValue: number;
  permutationPValue: number;
  /** True when every relabelling was counted; false when 100,000 random ones were. */
  permutationExact: boolean;
  units: { pilot: number; control: number };
}

export interface BeforeAfterResult {
  effect: number;
  relativeEffect: number | null;
  se: number;
  df: number;
  ci: [number, number];
  pValue: number;
  units: { pilot: number };
}

/** Up to this many ways of choosing the pilot among the locations, every one is counted. */
export const EXACT_PERMUTATION_LIMIT = 200_000;
export const RANDOM_RELABELLINGS = 100_000;

/** Each location's change: mean of its values after the start minus mean before. */
export const differences = (locations: readonly LocationSeries[]) => locations.map((l) => mean(l.post) - mean(l.pre));

/** C(n, k) as a float, stopping early once it is past `cap` (only compared with it). */
function binomialUpTo(n: number, k: number, cap: number): number {
  let result = 1;
  const m = Math.min(k, n - k);
  for (let i = 1; i <= m; i++) {
    result = (result * (n - m + i)) / i;
    if (result > cap) return result;
  }
  return Math.round(result);
}

/** An interval and two-sided p-value for `effect` with standard error `se` on `df` degrees of freedom. */
function tInference(effect: number, se: number, df: number, alpha: number) {
  if (se === 0) return { ci: [effect, effect] as [number, number], pValue: effect === 0 ? 1 : 0 };
  const t = studentTQuantile(1 - alpha / 2, df);
  return { ci: [effect - t * se, effect + t * se] as [number, number], pValue: Math.min(1, 2 * studentTSf(Math.abs(effect) / se, df)) };
}

/**
 * The share of relabellings whose effect is at least as far from 0 as the observed one (the
 * observed labelling among them, with a tolerance so rounding cannot drop it).
 */
export function permutationPValue(pilotD: readonly number[], controlD: readonly number[]) {
  const pooled = [...pilotD, ...controlD];
  const n = pooled.length;
  const k = pilotD.length;
  const total = pooled.reduce((sum, v) => sum + v, 0);
  const effectOf = (pilotSum: number) => pilotSum / k - (total - pilotSum) / (n - k);
  const observed = Math.abs(effectOf(pilotD.reduce((sum, v) => sum + v, 0)));
  const threshold = observed - 1e-9 * Math.max(1, observed);

  const ways = binomialUpTo(n, k, EXACT_PERMUTATION_LIMIT);
  if (ways <= EXACT_PERMUTATION_LIMIT) {
    let extreme = 0;
    // Every k-subset, by recursion over the next index to take, carrying the running sum.
    const choose = (from: number, left: number, sum: number) => {
      if (left === 0) {
        if (Math.abs(effectOf(sum)) >= threshold) extreme++;
        return;
      }
      for (let i = from; i <= n - left; i++) choose(i + 1, left - 1, sum + pooled[i]!);
    };
    choose(0, k, 0);
    return { pValue: extreme / ways, exact: true };
  }

  // Random relabellings: a partial Fisher–Yates shuffle draws the pilot's k each time. The
  // generator (xorshift32) is inline and seeded from the data: this loop runs millions of
  // times, and the same pilot must always get the same p-value (a number a board has seen
  // should not change on reload).
  const order = Float64Array.from(pooled);
  let state = seedOf(pooled);
  let extreme = 1; // the observed labelling
  for (let round = 0; round < RANDOM_RELABELLINGS; round++) {
    let sum = 0;
    for (let i = 0; i < k; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const j = i + Math.floor(((state >>> 0) / 4294967296) * (n - i));
      const picked = order[j]!;
      order[j] = order[i]!;
      order[i] = picked;
      sum += picked;
    }
    if (Math.abs(effectOf(sum)) >= threshold) extreme++;
  }
  return { pValue: extreme / (RANDOM_RELABELLINGS + 1), exact: false };
}

/** A non-zero 32-bit seed from the values (FNV-1a over their micro-units). */
function seedOf(values: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) h = Math.imul(h ^ (Math.round(v * 1e6) | 0), 0x01000193);
  return h | 0 || 1;
}

/** The pilot locations' level before the start, to read the effect as a share of it. */
function baseline(pilot: readonly LocationSeries[]) {
  const level = mean(pilot.map((l) => mean(l.pre)));
  return level === 0 ? null : level;
}

/** Difference in differences with Welch–Satterthwaite inference and randomisation inference. */
export function differenceInDifferences({ pilot, control, alpha }: DidRequest): DidResult {
  const pilotD = differences(pilot);
  const controlD = differences(control);
  const np = pilotD.length;
  const nc = controlD.length;
  const effect = mean(pilotD) - mean(controlD);
  const vp = sampleVariance(pilotD) / np;
  const vc = sampleVariance(controlD) / nc;
  const se = Math.sqrt(vp + vc);
  // With no spread at all the Welch–Satterthwaite formula is 0/0: the pooled count stands in.
  const df = se === 0 ? np + nc - 2 : (vp + vc) ** 2 / (vp ** 2 / (np - 1) + vc ** 2 / (nc - 1));
  const level = baseline(pilot);
  const permutation = permutationPValue(pilotD, controlD);
  return {
    effect,
    relativeEffect: level === null ? null : effect / level,
    se,
    df,
    ...tInference(effect, se, df, alpha),
    permutationPValue: permutation.pValue,
    permutationExact: permutation.exact,
    units: { pilot: np, control: nc },
  };
}

/**
 * Pilot locations only: their mean change with a one-sample t interval. Without control stores
 * the season, a price change or a local event is in this number too; the screen says so.
 */
export function beforeAfter({ pilot, alpha }: Omit<DidRequest, "control">): BeforeAfterResult {
  const d = differences(pilot);
  const n = d.length;
  const effect = mean(d);
  const se = Math.sqrt(sampleVariance(d) / n);
  const df = n - 1;
  const level = baseline(pilot);
  return { effect, relativeEffect: level === null ? null : effect / level, se, df, ...tInference(effect, se, df, alpha), units: { pilot: n } };
}
