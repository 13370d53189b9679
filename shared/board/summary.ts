import type { Role } from "../roles";
import type { BusinessCaseStatus, ExperimentStatus, FixLevel, KpiDirection, KpiKind, KpiUnit } from "../enums";

/** One director's (or board member's) time on the floor. */
export interface ImmersionPerson {
  userId: string;
  name: string;
  /** Their role now; null for someone who visited but is no longer a member. */
  role: Role | null;
  visits30: number;
  visits90: number;
  lastVisitAt: string | null;
  /** visits30 ≥ the organisation's target a month. */
  onTrack: boolean;
}

export interface BoardImmersion {
  targetPerMonth: number;
  /** Every executive and board member, plus anyone else who visited in the last 90 days; by name. */
  people: ImmersionPerson[];
  /** Those of `people` without a visit in the last 30 days. */
  notOnFloor: string[];
}

export interface BoardFindings {
  /** Live findings (in the months asked for). */
  total: number;
  /** Of those, still new or triaged. */
  open: number;
  /** Journey stage × severity; journeyStageId null for findings without a stage. */
  heatmap: { journeyStageId: string | null; severity: number | null; count: number }[];
  /** By the level to fix; null for findings without a level. */
  byLevel: { level: FixLevel | null; count: number }[];
}

export interface BoardExperiments {
  byStatus: Record<ExperimentStatus, number>;
  /** Won or won-and-scaled. */
  won: number;
  lost: number;
  inconclusive: number;
  /** won / (won + lost + inconclusive), null before any experiment has an outcome. */
  winRate: number | null;
}

export interface BoardCases {
  byStatus: Record<BusinessCaseStatus, number>;
  approvedCount: number;
  /** Σ base-scenario NPV of the approved cases. */
  promised: number;
  /** Σ base-scenario annual benefit of the approved cases. */
  annualBenefitPromised: number;
  /**
   * Σ the quarterly benefit targets of the approved cases so far (each case from its approval
   * quarter to the current one): what `delivered` is measured against.
   */
  promisedToDate: number;
  /** Σ benefits delivered so far by the approved cases (measured, per quarter since approval). */
  delivered: number;
  /** Cases waiting for the board, by title. */
  submitted: { id: string; title: string }[];
}

export interface KpiPoint {
  periodStart: string;
  value: number;
}

export interface BoardKpiTile {
  kpiId: string;
  name: string;
  unit: KpiUnit;
  direction: KpiDirection;
  kind: KpiKind;
  hard: true;
  latest: KpiPoint | null;
  previous: KpiPoint | null;
  /** The last 12 periods, oldest first: the organisation-wide value, else the mean over locations. */
  trend: KpiPoint[];
}

/** GET /api/orgs/:orgId/board/summary (board and admin). */
export interface BoardSummary {
  generatedAt: string;
  immersion: BoardImmersion;
  findings: BoardFindings;
  experiments: BoardExperiments;
  cases: BoardCases;
  kpis: BoardKpiTile[];
}

/** GET /api/orgs/:orgId/business-cases/:id/benefits */
export type { BenefitQuarter, BenefitsDelivered } from "../business-cases/benefits";
