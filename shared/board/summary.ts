import { z } from "zod";
import { BUSINESS_CASE_STATUSES, EXPERIMENT_STATUSES, FIX_LEVELS, KPI_DIRECTIONS, KPI_KINDS, KPI_UNITS } from "../enums";
import { ROLES } from "../roles";
import { boardCaseBenefits, totalQuarter } from "../schemas/case-benefits";

/** One director's (or board member's) time on the floor. */
export const immersionPerson = z.object({
  userId: z.string(),
  name: z.string(),
  /** Their role now; null for someone who visited but is no longer a member. */
  role: z.enum(ROLES).nullable(),
  visits30: z.number(),
  visits90: z.number(),
  lastVisitAt: z.string().nullable(),
  /** visits30 ≥ the organisation's target a month. */
  onTrack: z.boolean(),
});
export type ImmersionPerson = z.infer<typeof immersionPerson>;

export const boardImmersion = z.object({
  targetPerMonth: z.number(),
  /** Every executive and board member, plus anyone else who visited in the last 90 days; by name. */
  people: z.array(immersionPerson),
  /** Those of `people` without a visit in the last 30 days. */
  notOnFloor: z.array(z.string()),
});
export type BoardImmersion = z.infer<typeof boardImmersion>;

export const boardFindings = z.object({
  /** Live findings (in the months asked for). */
  total: z.number(),
  /** Of those, still new or triaged. */
  open: z.number(),
  /** Journey stage × severity; journeyStageId null for findings without a stage. */
  heatmap: z.array(z.object({ journeyStageId: z.string().nullable(), severity: z.number().nullable(), count: z.number() })),
  /** By the level to fix; null for findings without a level. */
  byLevel: z.array(z.object({ level: z.enum(FIX_LEVELS).nullable(), count: z.number() })),
});
export type BoardFindings = z.infer<typeof boardFindings>;

export const boardExperiments = z.object({
  byStatus: z.record(z.enum(EXPERIMENT_STATUSES), z.number()),
  /** Won or won-and-scaled. */
  won: z.number(),
  lost: z.number(),
  inconclusive: z.number(),
  /** won / (won + lost + inconclusive), null before any experiment has an outcome. */
  winRate: z.number().nullable(),
});
export type BoardExperiments = z.infer<typeof boardExperiments>;

export const boardCases = z.object({
  byStatus: z.record(z.enum(BUSINESS_CASE_STATUSES), z.number()),
  approvedCount: z.number(),
  /** Σ base-scenario NPV of the approved cases. */
  promised: z.number(),
  /** Σ base-scenario annual benefit of the approved cases. */
  annualBenefitPromised: z.number(),
  /**
   * Σ the quarterly benefit targets of the approved cases so far (each case from its go-live,
   * along its ramp-up, to today).
   */
  promisedToDate: z.number(),
  /** Σ the actuals so far of the approved cases (recorded by their owners, or measured). */
  delivered: z.number(),
  /** Target against actual per quarter, in total and per approved case (by title). */
  benefits: z.object({
    /** Σ the targets of the quarters that have an actual: what `delivered` is compared with. */
    promisedWithActuals: z.number(),
    quarters: z.array(totalQuarter),
    cases: z.array(boardCaseBenefits),
  }),
  /** Cases waiting for the board, by title. */
  submitted: z.array(z.object({ id: z.string(), title: z.string() })),
  /** The approved cases behind the totals, by title: each one's base NPV and benefit a year (null without figures), target to date and delivered. */
  approved: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      npv: z.number().nullable(),
      annualBenefit: z.number().nullable(),
      promisedToDate: z.number(),
      delivered: z.number(),
    }),
  ),
});
export type BoardCases = z.infer<typeof boardCases>;

export const kpiPoint = z.object({ periodStart: z.string(), value: z.number() });
export type KpiPoint = z.infer<typeof kpiPoint>;

export const boardKpiTile = z.object({
  kpiId: z.string(),
  name: z.string(),
  unit: z.enum(KPI_UNITS),
  direction: z.enum(KPI_DIRECTIONS),
  kind: z.enum(KPI_KINDS),
  hard: z.literal(true),
  latest: kpiPoint.nullable(),
  previous: kpiPoint.nullable(),
  /**
   * The last 12 periods of the KPI's main period, oldest first: the catalogue's figure
   * (shared/kpi/overall.ts) — the organisation-wide value, else the locations combined (counts
   * added up, the rest averaged, weighted by sample size when every location gives one).
   */
  trend: z.array(kpiPoint),
});
export type BoardKpiTile = z.infer<typeof boardKpiTile>;

/** GET /api/orgs/:orgId/board/summary (board and admin). */
export const boardSummaryResponse = z
  .object({
    generatedAt: z.string(),
    immersion: boardImmersion,
    findings: boardFindings,
    experiments: boardExperiments,
    cases: boardCases,
    kpis: z.array(boardKpiTile),
  })
  .meta({ id: "BoardSummary" });
export type BoardSummary = z.infer<typeof boardSummaryResponse>;

