import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { checkCaseMove, type CaseGap } from "../../shared/business-cases/lifecycle";
import type { ApiIssue } from "../../shared/errors";
import type { BusinessCaseDecision, BusinessCaseStatus, CaseDecisionRequest } from "../../shared/schemas/business-case";
import type { Db } from "../db/client";
import { businessCaseDecisions, businessCases } from "../db/schema";
import type { Caller } from "../experiments/transition";
import { serverHlc } from "../experiments/server-clock";
import { ApiError, notFound } from "../http/errors";
import { requireSeparation } from "../lifecycle/separation";
import { SYNC_ENTITIES } from "../sync/entities";
import { allocateSeq } from "../sync/sequence";
import { storedState, writeRecords } from "../sync/write";

/** The field a screen must fill in for each gap, as the issue's path. */
const GAP_ISSUES: Record<CaseGap, ApiIssue> = {
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

export interface CaseDecisionResult {
  businessCase: { id: string; status: BusinessCaseStatus };
  decision: BusinessCaseDecision;
}

/**
 * Moves a business case along its lifecycle and records the step, in one write-locked
 * transaction: the status is read inside it, so of two board members deciding at the same
 * moment only the first succeeds and the second is told the move no longer exists.
 * Submissions, withdrawals and revisions are recorded too: the history is the whole story.
 */
export async function decideCase(db: Db, caller: Caller, caseId: string, request: CaseDecisionRequest, now = new Date()): Promise<CaseDecisionResult> {
  return db.transaction(
    async (tx) => {
      const [row] = await tx
        .select()
        .from(businessCases)
        .where(and(eq(businessCases.id, caseId), eq(businessCases.orgId, caller.orgId)));
      if (!row || row.deletedAt !== null) throw notFound();

      const from = row.status;
      const check = checkCaseMove(from, request.to, caller.role, {
        lift: row.lift,
        liftOverridden: row.liftOverridden ?? false,
        liftOverrideReason: row.liftOverrideReason ?? "",
        annualVolume: row.annualVolume,
        valuePerUnit: row.valuePerUnit,
        investment: row.investment,
        runningCostPerYear: row.runningCostPerYear,
        horizonYears: row.horizonYears,
        discountRate: row.discountRate,
        options: row.options ?? [],
        recommendation: row.recommendation ?? "",
      });
      if (!check.ok) {
        const issues = check.code === "not_ready" ? check.gaps.map((gap) => GAP_ISSUES[gap]) : undefined;
        throw new ApiError(409, check.code, check.message, issues);
      }

      const enforced = await requireSeparation(tx, caller.orgId, { entity: "business_case", id: caseId, authorId: row.authorId }, from, request.to, { id: caller.userId, role: caller.role });

      const at = now.toISOString();
      const status = serverHlc(now.getTime(), [row.clocks.status, row.clocks.approvedAt]);
      const approving = request.to === "approved";
      // approvedAt is a server field like the status: its clock moves with it, so devices take it.
      const clocks = { ...row.clocks, status, ...(approving ? { approvedAt: status } : {}) };
      const before = storedState(SYNC_ENTITIES.business_case, row as Record<string, unknown>);
      await writeRecords(tx, { orgId: caller.orgId, userId: caller.userId, now }, [
        { entity: "business_case", id: caseId, before, state: { ...before.state, clocks }, server: { status: request.to, ...(approving ? { approvedAt: at } : {}) }, op: "move" },
      ]);
      const decision: BusinessCaseDecision = {
        businessCaseId: caseId,
        from,
        to: request.to,
        reason: request.reason,
        userId: caller.userId,
        userName: caller.userName,
        at,
        dutiesSeparated: enforced,
      };
      await tx.insert(businessCaseDecisions).values({ id: randomUUID(), orgId: caller.orgId, seq: await allocateSeq(tx), ...decision });
      return { businessCase: { id: caseId, status: request.to }, decision };
    },
    { behavior: "immediate" },
  );
}

/** The live case of the organisation, or a 404 (another organisation's, deleted or unknown). */
export async function liveCase(db: Db, orgId: string, caseId: string) {
  const [row] = await db
    .select()
    .from(businessCases)
    .where(and(eq(businessCases.id, caseId), eq(businessCases.orgId, orgId)));
  if (!row || row.deletedAt !== null) throw notFound();
  return row;
}

/** Every step of one case's history, oldest first; a resubmitted case keeps all earlier rounds. */
export async function caseDecisionLog(db: Db, orgId: string, caseId: string): Promise<BusinessCaseDecision[]> {
  await liveCase(db, orgId, caseId);
  return db
    .select({
      businessCaseId: businessCaseDecisions.businessCaseId,
      from: businessCaseDecisions.from,
      to: businessCaseDecisions.to,
      reason: businessCaseDecisions.reason,
      userId: businessCaseDecisions.userId,
      userName: businessCaseDecisions.userName,
      at: businessCaseDecisions.at,
      dutiesSeparated: businessCaseDecisions.dutiesSeparated,
    })
    .from(businessCaseDecisions)
    .where(and(eq(businessCaseDecisions.orgId, orgId), eq(businessCaseDecisions.businessCaseId, caseId)))
    .orderBy(asc(businessCaseDecisions.seq));
}
