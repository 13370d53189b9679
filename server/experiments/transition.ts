import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { ApiIssue } from "../../shared/errors";
import { checkMove, type ReadinessGap } from "../../shared/experiments/lifecycle";
import type { Role } from "../../shared/roles";
import type { ExperimentDecision, TransitionRequest } from "../../shared/schemas/experiment";
import type { Db } from "../db/client";
import { experimentDecisions, experiments, kpis } from "../db/schema";
import { ApiError, notFound } from "../http/errors";
import { requireSeparation } from "../lifecycle/separation";
import { SYNC_ENTITIES } from "../sync/entities";
import { allocateSeq } from "../sync/sequence";
import { storedState, writeRecords } from "../sync/write";
import { serverHlc } from "./server-clock";

export interface Caller {
  orgId: string;
  userId: string;
  userName: string;
  role: Role;
}

/** The field a screen must fill in for each readiness gap, as the issue's path. */
const GAP_ISSUES: Record<ReadinessGap, ApiIssue> = {
  primary_kpi: { path: "primaryKpiId", message: "Choose the primary KPI the experiment must move" },
  baseline: { path: "baseline", message: "Enter the primary KPI's current value (the baseline)" },
  sample_size: { path: "requiredSampleSize", message: "Enter the sample size each variant needs" },
  plan_owner: { path: "plan", message: "Add at least one building block with an owner to the plan" },
};

export interface TransitionResult {
  experiment: { id: string; status: ExperimentDecision["to"] };
  decision: ExperimentDecision;
}

/**
 * Moves an experiment along its lifecycle and logs the decision, in one write-locked
 * transaction: the status is read inside it, so two people approving at the same moment
 * cannot both move it from the same status; the second sees the first's result.
 */
export async function transitionExperiment(db: Db, caller: Caller, experimentId: string, request: TransitionRequest, now = new Date()): Promise<TransitionResult> {
  return db.transaction(
    async (tx) => {
      const [row] = await tx
        .select()
        .from(experiments)
        .where(and(eq(experiments.id, experimentId), eq(experiments.orgId, caller.orgId)));
      if (!row || row.deletedAt !== null) throw notFound();

      const from = row.status;
      // A primary KPI that has since been deleted is no primary KPI.
      const [kpi] = row.primaryKpiId
        ? await tx
            .select({ deletedAt: kpis.deletedAt })
            .from(kpis)
            .where(and(eq(kpis.id, row.primaryKpiId), eq(kpis.orgId, caller.orgId)))
        : [];
      const check = checkMove(from, request.to, caller.role, {
        primaryKpiId: kpi && kpi.deletedAt === null ? row.primaryKpiId : null,
        baseline: row.baseline,
        requiredSampleSize: row.requiredSampleSize,
        plan: row.plan ?? [],
      });
      if (!check.ok) {
        const issues = check.code === "not_ready" ? check.gaps.map((gap) => GAP_ISSUES[gap]) : undefined;
        throw new ApiError(409, check.code, check.message, issues);
      }

      const enforced = await requireSeparation(tx, caller.orgId, { entity: "experiment", id: experimentId, authorId: row.authorId }, from, request.to, { id: caller.userId, role: caller.role });

      const at = now.toISOString();
      const before = storedState(SYNC_ENTITIES.experiment, row as Record<string, unknown>);
      const clocks = { ...row.clocks, status: serverHlc(now.getTime(), [row.clocks.status]) };
      await writeRecords(tx, { orgId: caller.orgId, userId: caller.userId, now }, [
        { entity: "experiment", id: experimentId, before, state: { ...before.state, clocks }, server: { status: request.to }, op: "move" },
      ]);
      const decision: ExperimentDecision = {
        experimentId,
        from,
        to: request.to,
        reason: request.reason,
        userId: caller.userId,
        userName: caller.userName,
        at,
        dutiesSeparated: enforced,
      };
      await tx.insert(experimentDecisions).values({ id: randomUUID(), orgId: caller.orgId, seq: await allocateSeq(tx), ...decision });
      return { experiment: { id: experimentId, status: request.to }, decision };
    },
    { behavior: "immediate" },
  );
}

/** The decision log of one live experiment of the organisation, oldest move first. */
export async function decisionLog(db: Db, orgId: string, experimentId: string): Promise<ExperimentDecision[]> {
  const [row] = await db
    .select({ deletedAt: experiments.deletedAt })
    .from(experiments)
    .where(and(eq(experiments.id, experimentId), eq(experiments.orgId, orgId)));
  if (!row || row.deletedAt !== null) throw notFound();
  return db
    .select({
      experimentId: experimentDecisions.experimentId,
      from: experimentDecisions.from,
      to: experimentDecisions.to,
      reason: experimentDecisions.reason,
      userId: experimentDecisions.userId,
      userName: experimentDecisions.userName,
      at: experimentDecisions.at,
      dutiesSeparated: experimentDecisions.dutiesSeparated,
    })
    .from(experimentDecisions)
    .where(and(eq(experimentDecisions.orgId, orgId), eq(experimentDecisions.experimentId, experimentId)))
    .orderBy(asc(experimentDecisions.seq));
}
