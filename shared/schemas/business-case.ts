import { z } from "zod";
import { BUSINESS_CASE_STATUSES } from "../enums";
import { MAX_HORIZON_YEARS, MIN_HORIZON_YEARS } from "../finance/constants";
import { DESCRIPTION_MAX, ITEM_TITLE_MAX, LABEL_MAX, TEXT_MAX, TITLE_MAX } from "../limits";

/** An amount of money (or a count), 0 or more; null while not entered. */
const money = z.number().finite().min(0).max(1e13).nullable();

/**
 * A course of action the board can choose; every case keeps a "do nothing" option to compare
 * against. Its amounts are against doing nothing (the reference at 0): what it costs once and
 * each year and what it brings in each year, over the case's horizon at the case's discount rate
 * (shared/business-cases/options.ts). Options written before they had amounts have none.
 */
export const caseOption = z.strictObject({
  id: z.uuid(),
  title: z.string().trim().min(1).max(TITLE_MAX),
  description: z.string().max(DESCRIPTION_MAX),
  doNothing: z.boolean(),
  investment: money.optional(),
  runningCostPerYear: money.optional(),
  annualBenefit: money.optional(),
});
export type CaseOption = z.infer<typeof caseOption>;

export const caseRisk = z.strictObject({
  id: z.uuid(),
  title: z.string().trim().min(1).max(ITEM_TITLE_MAX),
  likelihood: z.number().int().min(1).max(5),
  impact: z.number().int().min(1).max(5),
  mitigation: z.string().max(DESCRIPTION_MAX),
});
export type CaseRisk = z.infer<typeof caseRisk>;

/** The lift in the KPI's own scale (a rate difference for a proportion KPI: 0.02 = +2 points). */
export const caseLift = z.strictObject({
  low: z.number().finite().min(-1e9).max(1e9),
  base: z.number().finite().min(-1e9).max(1e9),
  high: z.number().finite().min(-1e9).max(1e9),
});
export type CaseLift = z.infer<typeof caseLift>;

const ids = (max: number) => z.array(z.uuid()).max(max);

/**
 * A business case as devices write it. The lift scenarios come from the primary experiment's
 * result (low/high = the 95 % interval, base = the measured lift) unless overridden with a
 * reason. `status` is server-owned: it moves only through the decision endpoint.
 */
export const businessCaseFields = z.strictObject({
  title: z.string().trim().min(1).max(TITLE_MAX),
  summary: z.string().max(TEXT_MAX),
  /** What the board is asked to decide (money, people, scope). */
  ask: z.string().max(DESCRIPTION_MAX),
  experimentIds: ids(20),
  /** Floor evidence beyond the experiments' own findings. */
  findingIds: ids(100),
  kpiId: z.uuid().nullable(),
  baseline: z.number().finite().min(-1e12).max(1e12).nullable(),
  lift: caseLift.nullable(),
  liftOverridden: z.boolean(),
  liftOverrideReason: z.string().max(DESCRIPTION_MAX),
  /** What the annual volume counts ("visitors a year"). */
  volumeLabel: z.string().max(LABEL_MAX),
  annualVolume: money,
  valuePerUnit: money,
  investment: money,
  runningCostPerYear: money,
  horizonYears: z.number().int().min(MIN_HORIZON_YEARS).max(MAX_HORIZON_YEARS).nullable(),
  discountRate: z.number().finite().min(0).lt(1).nullable(),
  options: z.array(caseOption).max(20),
  risks: z.array(caseRisk).max(50),
  themeId: z.uuid().nullable(),
  recommendation: z.string().max(TEXT_MAX),
  ownerId: z.uuid().nullable(),
});
export const businessCaseRequired = ["title"] as const;
export type BusinessCaseFields = z.infer<typeof businessCaseFields>;

/** POST /api/orgs/:orgId/business-cases/:id/decisions */
export const caseDecisionRequest = z.strictObject({
  to: z.enum(BUSINESS_CASE_STATUSES),
  reason: z.string().trim().min(1).max(DESCRIPTION_MAX),
});

/** One step of a case's history, as pulled (entity `business_case_decision`) and as the endpoint answers. */
export const businessCaseDecision = z
  .object({
    businessCaseId: z.uuid(),
    from: z.enum(BUSINESS_CASE_STATUSES),
    to: z.enum(BUSINESS_CASE_STATUSES),
    reason: z.string(),
    userId: z.string(),
    userName: z.string(),
    at: z.string(),
    /** False when the organisation had separation of duties switched off (older decisions: null). */
    dutiesSeparated: z.boolean().nullable(),
  })
  .meta({ id: "BusinessCaseDecision" });
export type BusinessCaseDecision = z.infer<typeof businessCaseDecision>;

/** The answer of a decision: the case's new status and the recorded step. */
export const caseDecisionResult = z
  .object({ businessCase: z.object({ id: z.uuid(), status: z.enum(BUSINESS_CASE_STATUSES) }), decision: businessCaseDecision })
  .meta({ id: "BusinessCaseTransition" });
export type CaseDecisionResult = z.infer<typeof caseDecisionResult>;
