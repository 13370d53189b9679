import { normalQuantile } from "./distributions";
import { failure, success, type StatsOutcome } from "./outcome";
import type { SampleSizeRequest, SampleSizeResult } from "./schemas";

/**
 * Users needed per variant to detect a relative lift `mde` on a conversion rate `baseline`
 * with a two-sided test at level alpha and the given power:
 *
 *   n = (z₁₋α/₂·√(2·p̄(1−p̄)) + z₁₋β·√(p₁(1−p₁) + p₂(1−p₂)))² / (p₂ − p₁)²,
 *   p₂ = p₁(1 + mde), p̄ = (p₁ + p₂)/2, rounded up.
 *
 * A problem instead when p₂ falls outside (0, 1) or the effect is too small to tell from none.
 */
export function sampleSize({ baseline, mde, alpha, power }: SampleSizeRequest): StatsOutcome<SampleSizeResult> {
  const p1 = baseline;
  const p2 = p1 * (1 + mde);
  if (!(p2 > 0 && p2 < 1)) {
    return failure("rate_out_of_range", `The rate to detect, baseline × (1 + mde) = ${p2}, must lie between 0 and 1`, ["mde"]);
  }
  const mean = (p1 + p2) / 2;
  const zAlpha = -normalQuantile(alpha / 2);
  const zPower = normalQuantile(power);
  const root = zAlpha * Math.sqrt(2 * mean * (1 - mean)) + zPower * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  const n = (root * root) / ((p2 - p1) * (p2 - p1));
  if (!Number.isFinite(n)) {
    return failure("effect_too_small", "The minimum detectable effect is too small: no finite sample detects it", ["mde"]);
  }
  return success({ perVariant: Math.ceil(n) });
}
