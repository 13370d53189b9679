import { z } from "zod";
import { EXPERIMENT_DESIGNS, EXPERIMENT_STATUSES, VERDICT_GATES } from "../enums";
import { DESCRIPTION_MAX, ITEM_TITLE_MAX, LABEL_MAX, MAX_COUNT, MAX_SAMPLE_SIZE, TEXT_MAX, TITLE_MAX } from "../limits";

/** A building block of the plan (the "tactical midfield"): what has to be ready before the hammer. */
export const planBlock = z.strictObject({
  id: z.uuid(),
  title: z.string().trim().min(1).max(ITEM_TITLE_MAX),
  ownerId: z.uuid().nullable(),
  dueDate: z.iso.date().nullable(),
  done: z.boolean(),
});
export type PlanBlock = z.infer<typeof planBlock>;

const count = z.number().int().min(0).max(MAX_COUNT);
export const proportionArm = z.strictObject({ users: count, conversions: count });
export const meanArm = z.strictObject({ n: count, mean: z.number().finite(), sd: z.number().finite().min(0) });
export type ProportionArm = z.infer<typeof proportionArm>;
export type MeanArm = z.infer<typeof meanArm>;

/** Summary statistics of one KPI in both groups; which arm shape follows from the KPI's kind. */
export const kpiResult = z.union([
  z.strictObject({ kpiId: z.uuid(), control: proportionArm, treatment: proportionArm }),
  z.strictObject({ kpiId: z.uuid(), control: meanArm, treatment: meanArm }),
]);
export type KpiResult = z.infer<typeof kpiResult>;

const score = z.number().int().min(1).max(10).nullable();
const ids = (max: number) => z.array(z.uuid()).max(max);

/**
 * An experiment as devices write it. The hypothesis reads: "because we saw [findingIds], we
 * believe that [change] for [segmentId] at [journeyStageId] will move [primaryKpiId] by
 * [expectedLift]". Lifts and the minimum detectable effect are relative (0.05 = +5 %).
 * `status` is not here: it moves only through the lifecycle endpoint, which logs the decision.
 */
export const experimentFields = z.strictObject({
  title: z.string().trim().min(1).max(TITLE_MAX),
  findingIds: ids(50),
  change: z.string().max(DESCRIPTION_MAX),
  segmentId: z.uuid().nullable(),
  journeyStageId: z.uuid().nullable(),
  primaryKpiId: z.uuid().nullable(),
  expectedLift: z.number().finite().min(-10).max(10).nullable(),
  guardrailKpiIds: ids(10),
  /** The primary KPI's current value, in the KPI's own scale (a rate 0–1 for a proportion KPI). */
  baseline: z.number().finite().min(-1e12).max(1e12).nullable(),
  mde: z.number().finite().min(-10).max(10).nullable(),
  /** Users (or observations) needed per variant. */
  requiredSampleSize: z.number().int().min(1).max(MAX_SAMPLE_SIZE).nullable(),
  design: z.enum(EXPERIMENT_DESIGNS).nullable(),
  /** For an A/B split: the share of users sent to the new version (0.5 when split equally, the default). */
  treatmentShare: z.number().gt(0).lt(1).nullable(),
  pilotLocationIds: ids(200),
  controlLocationIds: ids(200),
  /**
   * A store pilot's window (pilot_control and before_after): its first day, its last (empty:
   * still running, read up to today) and the first day of the comparison period before it
   * (empty: as many periods before the start as the pilot runs, at least 4). The result is
   * read from the KPI's measurements in this window, on the device.
   */
  pilotStart: z.iso.date().nullable(),
  pilotEnd: z.iso.date().nullable(),
  preFrom: z.iso.date().nullable(),
  impact: score,
  confidence: score,
  ease: score,
  ownerId: z.uuid().nullable(),
  /** The functions or people involved across the organisation (IT, store operations, marketing …). */
  team: z.array(z.string().trim().min(1).max(LABEL_MAX)).max(30),
  themeId: z.uuid().nullable(),
  plan: z.array(planBlock).max(100),
  results: z.array(kpiResult).max(20),
  notes: z.string().max(TEXT_MAX),
});
export const experimentRequired = ["title"] as const;
export type ExperimentFields = z.infer<typeof experimentFields>;

/** POST /api/orgs/:orgId/experiments/:id/transitions */
export const transitionRequest = z.strictObject({
  to: z.enum(EXPERIMENT_STATUSES),
  reason: z.string().trim().min(1).max(DESCRIPTION_MAX),
  /**
   * Why it is won all the same, when a decision-quality gate stands in the way (a sample-ratio
   * mismatch, a guardrail significantly worse, a short sample: shared/experiments/gates.ts).
   * Without it such a win is a 409 `gate_reason_required` listing the gates; stored with the
   * verdict (the experiment's `gateReason`) and printed in the board pack.
   */
  gateReason: z.string().trim().max(DESCRIPTION_MAX).optional(),
});

/** One gate a win went past, as stored on the experiment (`verdictGates`). */
export const verdictGate = z
  .object({
    code: z.enum(VERDICT_GATES),
    kpiId: z.string(),
    pValue: z.number().nullable().describe("srm: the sample-ratio check's p-value; guardrail_hurt: the comparison's"),
    count: z.number().nullable().describe("short_sample: the smaller group's size"),
    required: z.number().nullable().describe("short_sample: the size each group needs"),
  })
  .meta({ id: "VerdictGate" });

/** One move in the decision log, as pulled (entity `experiment_decision`) and as the endpoint answers. */
export const experimentDecision = z
  .object({
    experimentId: z.uuid(),
    from: z.enum(EXPERIMENT_STATUSES),
    to: z.enum(EXPERIMENT_STATUSES),
    reason: z.string(),
    userId: z.string(),
    userName: z.string(),
    at: z.string(),
    /** False when the organisation had separation of duties switched off (older decisions: null). */
    dutiesSeparated: z.boolean().nullable(),
  })
  .meta({ id: "ExperimentDecision" });
export type ExperimentDecision = z.infer<typeof experimentDecision>;

/** The answer of a move: the experiment's new status and the logged decision. */
export const transitionResult = z
  .object({ experiment: z.object({ id: z.uuid(), status: z.enum(EXPERIMENT_STATUSES) }), decision: experimentDecision })
  .meta({ id: "ExperimentTransition" });
export type TransitionResult = z.infer<typeof transitionResult>;
