import { defineLifecycle, type Move, type MoveCheck as LifecycleCheck } from "../lifecycle";
import type { Role } from "../roles";
import type { ExperimentFields, ExperimentStatus } from "../schemas/experiment";

const OPS: readonly Role[] = ["admin", "cx_ops"];
const DECIDERS: readonly Role[] = ["admin", "board"];
const STOPPERS: readonly Role[] = ["admin", "board", "cx_ops"];

/**
 * Every allowed move. `idea → proposed → approved → running → analysing → won | lost |
 * inconclusive → scaled | stopped`, plus sending a proposal back, running longer after an
 * analysis, and stopping at any point before the end.
 */
export const MOVES: readonly Move<ExperimentStatus>[] = [
  { from: "idea", to: "proposed", roles: ["admin", "cx_ops", "executive"] },
  { from: "proposed", to: "idea", roles: ["admin", "cx_ops", "board"] },
  { from: "proposed", to: "approved", roles: DECIDERS },
  { from: "approved", to: "running", roles: OPS },
  { from: "running", to: "analysing", roles: OPS },
  { from: "analysing", to: "running", roles: OPS },
  { from: "analysing", to: "won", roles: OPS },
  { from: "analysing", to: "lost", roles: OPS },
  { from: "analysing", to: "inconclusive", roles: OPS },
  // Only a win is scaled up: a lost or inconclusive experiment ends stopped (or, from analysing, runs longer).
  { from: "won", to: "scaled", roles: DECIDERS },
  ...(["idea", "proposed", "approved", "running", "analysing", "won", "lost", "inconclusive"] as const).map((from) => ({ from, to: "stopped" as const, roles: STOPPERS })),
];

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

const lifecycle = defineLifecycle<ExperimentStatus, Partial<ExperimentFields>, ReadinessGap>({
  noun: "An experiment",
  moves: MOVES,
  gaps: (to, fields) => (to === "running" ? readinessGaps(fields) : []),
  gapText: {
    primary_kpi: "a primary KPI",
    baseline: "a baseline for the primary KPI",
    sample_size: "the required sample size",
    plan_owner: "at least one building block with an owner",
  },
  gapIntro: () => "Before it can run",
});

export type MoveCheck = LifecycleCheck<ReadinessGap>;

/** The moves a role can make from a status (for the buttons a screen shows). */
export const movesFrom = lifecycle.movesFrom;

/** Whether `role` may move an experiment with these fields from `from` to `to`, and if not, why. */
export const checkMove = lifecycle.check;

/** ICE priority: impact × confidence × ease (1–1000), or null while a score is missing. */
export function iceScore(fields: Pick<Partial<ExperimentFields>, "impact" | "confidence" | "ease">): number | null {
  const { impact, confidence, ease } = fields;
  return impact && confidence && ease ? impact * confidence * ease : null;
}
