/** Plain summaries of a list of numbers, shared by the pilot statistics and the benefit tracking. */

export const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** The sample variance (divided by n − 1). */
export function sampleVariance(values: readonly number[]): number {
  const m = mean(values);
  return values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1);
}
