import { and, eq, inArray } from "drizzle-orm";
import { caseLifecycle, type CaseGap } from "../../shared/business-cases/lifecycle";
import type { ApiIssue } from "../../shared/errors";
import { experimentLifecycle, type ReadinessGap } from "../../shared/experiments/lifecycle";
import type { MoveCheck } from "../../shared/lifecycle";
import type { Role } from "../../shared/roles";
import { businessCaseDecisions, businessCases, experimentDecisions, experiments, kpis } from "../db/schema";
import { gateText, verdictGates } from "../../shared/experiments/gates";
import { ApiError } from "../http/errors";
import { REFUSAL_STATUS } from "./refusals";
import type { ExperimentDesign, KpiDirection, KpiKind } from "../../shared/enums";
import type { Writer } from "../orgs/create";
import { caseFields, freezeLegacySubmission, freezeSubmission, latestSnapshot } from "../business-cases/snapshots";
import { pilotRecords } from "../experiments/pilot-records";
import type { BusinessCaseStatus, ExperimentStatus } from "../../shared/enums";

/** A record that moves through a lifecycle, as the mover needs it. */
export interface MovableRow<S extends string> {
  status: S;
  authorId: string;
  clocks: Record<string, string>;
  deletedAt: string | null;
}

/**
 * What differs between the kinds of record that move with a reason and a logged decision
 * (experiments, business cases); the one mover (./move.ts) does the rest the same way.
 */
export interface MoveKind<S extends string, Row extends MovableRow<S>, RecordKey extends string, IdKey extends string> {
  entity: "experiment" | "business_case";
  /** The key of the moved record in the answer, and of the record's id in each decision. */
  recordKey: RecordKey;
  idKey: IdKey;
  /** The organisation's record, archived or not, or undefined. */
  load(tx: Writer, orgId: string, id: string): Promise<Row | undefined>;
  /** The lifecycle's verdict on the move (shared/…/lifecycle.ts), readiness included. */
  check(tx: Writer, orgId: string, row: Row, to: S, role: Role): Promise<MoveCheck<string>>;
  /** The field a screen must fill in for each readiness gap, as the issue's path. */
  gapIssues: Record<string, ApiIssue>;
  /**
   * Server-owned fields beyond the status that a move stamps with its time, each on entering one
   * status; they move on the status's clock, so devices take them.
   */
  stamps: Record<string, S>;
  /** The decision log: its table (the same columns for every kind but the record's id) and that column. */
  log: DecisionLog;
  /**
   * What else a move records on the record (server-owned fields, on the status's clock), after
   * its role, order and readiness passed; it may refuse the move (an ApiError) when the request
   * lacks what this move needs.
   */
  verdict?(tx: Writer, orgId: string, row: Row, to: S, request: { reason: string; gateReason?: string | undefined }, now: Date): Promise<Record<string, unknown>>;
  /** What else a move does, in its transaction, after the record moved (a submission freezes the case). */
  afterMove?: (tx: Writer, caller: { orgId: string; userId: string; userName: string }, row: Row, from: S, to: S, now: Date) => Promise<void>;
}

export interface DecisionLog {
  table: DecisionTable;
  record: DecisionTable["experimentId"];
}

/** Each kind's decision log has these columns, its record's id under its own name. */
export type DecisionTable = typeof experimentDecisions;

export type AnyMoveKind = MoveKind<string, MovableRow<string>, string, string>;

const EXPERIMENT_GAP_ISSUES: Record<ReadinessGap, ApiIssue> = {
  primary_kpi: { path: "primaryKpiId", message: "Choose the primary KPI the experiment must move" },
  baseline: { path: "baseline", message: "Enter the primary KPI's current value (the baseline)" },
  sample_size: { path: "requiredSampleSize", message: "Enter the sample size each variant needs" },
  plan_owner: { path: "plan", message: "Add at least one building block with an owner to the plan" },
};

const CASE_GAP_ISSUES: Record<CaseGap, ApiIssue> = {
  lift: { path: "lift", message: "Enter the low, base and high lift" },
  override_reason: { path: "liftOverrideReason", message: "Say why the lift differs from the experiment's result" },
  annual_volume: { path: "annualVolume", message: "Enter the annual volume the lift applies to" },
  value_per_unit: { path: "valuePerUnit", message: "Enter what one unit of the KPI is worth" },
  investment: { path: "investment", message: "Enter the one-off investment (0 when there is none)" },
  running_cost: { path: "runningCostPerYear", message: "Enter the running cost per year (0 when there is none)" },
  horizon: { path: "horizonYears", message: "Choose the horizon in years" },
  discount_rate: { path: "discountRate", message: "Enter the discount rate" },
  do_nothing_option: { path: "options", message: 'Add a "do nothing" option to compare against' },
  recommendation: { path: "recommendation", message: "Write the recommendation" },
};

type ExperimentRow = typeof experiments.$inferSelect;
type CaseRow = typeof businessCases.$inferSelect;

export const EXPERIMENT: MoveKind<ExperimentStatus, ExperimentRow, "experiment", "experimentId"> = {
  entity: "experiment",
  recordKey: "experiment",
  idKey: "experimentId",
  load: async (tx, orgId, id) => (await tx.select().from(experiments).where(and(eq(experiments.id, id), eq(experiments.orgId, orgId))))[0],
  async check(tx, orgId, row, to, role) {
    // A primary KPI that has since been deleted is no primary KPI.
    const [kpi] = row.primaryKpiId ? await tx.select({ deletedAt: kpis.deletedAt }).from(kpis).where(and(eq(kpis.id, row.primaryKpiId), eq(kpis.orgId, orgId))) : [];
    return experimentLifecycle.check(row.status, to, role, {
      primaryKpiId: kpi && kpi.deletedAt === null ? row.primaryKpiId : null,
      baseline: row.baseline,
      requiredSampleSize: row.requiredSampleSize,
      plan: row.plan ?? [],
    });
  },
  gapIssues: EXPERIMENT_GAP_ISSUES,
  stamps: {},
  log: { table: experimentDecisions, record: experimentDecisions.experimentId },
  async verdict(tx, orgId, row, to, request, now) {
    // Reopened: the verdict is made anew, past whatever gates its results then have.
    if (to === "analysing") return { verdictGates: null, gateReason: null };
    if (to !== "won") return {};
    const ids = [row.primaryKpiId, ...(row.guardrailKpiIds ?? [])].filter((id): id is string => Boolean(id));
    const found = ids.length === 0 ? [] : await tx.select({ id: kpis.id, name: kpis.name, kind: kpis.kind, direction: kpis.direction, deletedAt: kpis.deletedAt }).from(kpis).where(and(eq(kpis.orgId, orgId), inArray(kpis.id, ids)));
    const kpiOf = new Map(found.filter((k) => k.deletedAt === null).map((k) => [k.id, { name: k.name ?? "", kind: k.kind as KpiKind, direction: k.direction as KpiDirection }]));
    // A store pilot's guardrails are judged as measured, over the window the screens read it in.
    const experiment = { ...row, design: row.design as ExperimentDesign | null, pilotLocationIds: row.pilotLocationIds ?? [], controlLocationIds: row.controlLocationIds ?? [] };
    const gates = verdictGates(experiment, (id) => kpiOf.get(id), await pilotRecords(tx, orgId, [row], now));
    const gateReason = request.gateReason?.trim() ?? "";
    if (gates.length > 0 && gateReason === "") {
      const issues = gates.map((gate) => ({ path: "gateReason", message: gateText(gate, (id) => kpiOf.get(id)?.name ?? "a KPI") }));
      throw new ApiError(REFUSAL_STATUS.gate_reason_required, "gate_reason_required", "Declaring this experiment won needs a reason past its warnings (gateReason)", issues);
    }
    return { verdictGates: gates, gateReason: gates.length > 0 ? gateReason : null };
  },
};

export const BUSINESS_CASE: MoveKind<BusinessCaseStatus, CaseRow, "businessCase", "businessCaseId"> = {
  entity: "business_case",
  recordKey: "businessCase",
  idKey: "businessCaseId",
  load: async (tx, orgId, id) => (await tx.select().from(businessCases).where(and(eq(businessCases.id, id), eq(businessCases.orgId, orgId))))[0],
  check: async (_tx, _orgId, row, to, role) => caseLifecycle.check(row.status, to, role, caseFields(row)),
  gapIssues: CASE_GAP_ISSUES,
  stamps: { approvedAt: "approved" },
  // The board decides on what was submitted: each submission is frozen with its evidence. A case
  // submitted before submissions were frozen is frozen when the board decides it.
  async afterMove(tx, caller, row, from, to, now) {
    if (to === "submitted") await freezeSubmission(tx, caller.orgId, row, { id: caller.userId, name: caller.userName }, now);
    else if (from === "submitted" && !(await latestSnapshot(tx, caller.orgId, row.id))) await freezeLegacySubmission(tx, caller.orgId, row, now);
  },
  log: { table: businessCaseDecisions as unknown as DecisionTable, record: businessCaseDecisions.businessCaseId as unknown as DecisionTable["experimentId"] },
};
