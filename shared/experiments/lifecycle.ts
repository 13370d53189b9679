import { defineLifecycle } from "../lifecycle";
import { EXPERIMENT_MOVES } from "../permissions";
import type { ExperimentFields } from "../schemas/experiment";
import type { ExperimentStatus } from "../enums";

/** What an experiment still lacks before it may run (the plan comes before the hammer). */
export type ReadinessGap = "primary_kpi" | "baseline" | "sample_size" | "plan_owner";

export function readinessGaps(fields: Partial<ExperimentFields>): ReadinessGap[] {
  const gaps: ReadinessGap[] = [];
  if (!fields.primaryKpiId) gaps.push("primary_kpi");
  if (fields.baseline === null || fields.baseline === undefined) gaps.push("baseline");
  if (!fields.requiredSampleSize) gaps.push("sample_size");
  if (!(fields.plan ?? []).some((block) => block.ownerId)) gaps.push("plan_owner");
  return gaps;
}

/**
 * The experiment lifecycle: its moves (from the one rule book, shared/permissions.ts), the moves a
 * role can make from a status, and whether a move may be made, and if not, why.
 */
export const experimentLifecycle = defineLifecycle<ExperimentStatus, Partial<ExperimentFields>, ReadinessGap>({
  noun: "An experiment",
  moves: EXPERIMENT_MOVES,
  gaps: (to, fields) => (to === "running" ? readinessGaps(fields) : []),
  gapText: {
    primary_kpi: "a primary KPI",
    baseline: "a baseline for the primary KPI",
    sample_size: "the required sample size",
    plan_owner: "at least one building block with an owner",
  },
  gapIntro: () => "Before it can run",
});

/** ICE priority: impact × confidence × ease (1–1000), or null while a score is missing. */
export function iceScore(fields: Pick<Partial<ExperimentFields>, "impact" | "confidence" | "ease">): number | null {
  const { impact, confidence, ease } = fields;
  return impact && confidence && ease ? impact * confidence * ease : null;
}
