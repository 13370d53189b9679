import type { KpiKind } from "../enums";
import { MAX_SAMPLE_SIZE } from "../limits";
import { DEFAULT_ALPHA, DEFAULT_POWER } from "../stats/defaults";
import { sampleSize } from "../stats/sample-size";

/**
 * The sample an experiment needs per group, and whether the size set on it still fits the
 * inputs it is worked out from (the baseline and the minimum detectable effect, at 95 %
 * confidence and 80 % power). The screens (the plan, the results) and the server (the gates
 * before a verdict) judge it the same way: a size left over from an earlier baseline or MDE is
 * stale, and never reads as reached.
 */

export type SampleSizeAnswer =
  | { ok: true; perVariant: number }
  | { ok: false; reason: "needs_baseline" | "needs_mde" | "rate_out_of_range" | "effect_too_small" | "baseline_out_of_range" };

/**
 * Users per variant to detect the minimum detectable effect on the baseline rate with the usual
 * two-sided test (95 % confidence, 80 % power), for a proportion KPI.
 */
export function sampleSizeFor(baseline: number | null | undefined, mde: number | null | undefined): SampleSizeAnswer {
  if (baseline === null || baseline === undefined) return { ok: false, reason: "needs_baseline" };
  if (mde === null || mde === undefined || mde === 0) return { ok: false, reason: "needs_mde" };
  if (!(baseline > 0 && baseline < 1)) return { ok: false, reason: "baseline_out_of_range" };
  const outcome = sampleSize({ baseline, mde, alpha: DEFAULT_ALPHA, power: DEFAULT_POWER });
  if (!outcome.ok) return { ok: false, reason: outcome.problem.code === "rate_out_of_range" ? "rate_out_of_range" : "effect_too_small" };
  // More users than an experiment can hold (and than the record accepts): the effect is too small to test.
  if (outcome.value.perVariant > MAX_SAMPLE_SIZE) return { ok: false, reason: "effect_too_small" };
  return { ok: true, perVariant: outcome.value.perVariant };
}

export interface SampleSizeFields {
  baseline?: number | null | undefined;
  mde?: number | null | undefined;
  requiredSampleSize?: number | null | undefined;
}

export interface SampleSizeCheck {
  /** The size set on the experiment, or null. */
  stored: number | null;
  /** What the baseline and MDE give for a rate KPI; null for a mean KPI (its size is the team's own calculation) or inputs that give none. */
  computed: number | null;
  /** What the groups are judged against: the larger of the two, so a group below either is short. */
  required: number | null;
  /** A stored size that is not what the baseline and MDE now give. */
  stale: boolean;
}

export function sampleSizeCheck(fields: SampleSizeFields, kind: KpiKind | null | undefined): SampleSizeCheck {
  const stored = fields.requiredSampleSize && fields.requiredSampleSize > 0 ? fields.requiredSampleSize : null;
  const answer = kind === "proportion" ? sampleSizeFor(fields.baseline, fields.mde) : null;
  const computed = answer?.ok ? answer.perVariant : null;
  const required = stored === null ? computed : computed === null ? stored : Math.max(stored, computed);
  return { stored, computed, required, stale: stored !== null && computed !== null && stored !== computed };
}
