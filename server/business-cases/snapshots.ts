import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNull, max } from "drizzle-orm";
import {
  caseScenarios,
  evidenceChanges,
  evidenceKpiIds,
  freezeEvidence,
  type Actor,
  type CaseSnapshot,
  type EvidenceChange,
  type EvidenceRecords,
} from "../../shared/business-cases/snapshot";
import { describeEvidenceChanges } from "../../shared/business-cases/snapshot-words";
import type { BusinessCaseFields } from "../../shared/schemas/business-case";
import { EMPTY_CASE } from "../../shared/defaults";
import type { ExperimentFields } from "../../shared/schemas/experiment";
import type { KpiFields } from "../../shared/schemas/kpi";
import { businessCaseDecisions, businessCases, caseSnapshots, experiments, kpis, users } from "../db/schema";
import { pilotRecords } from "../experiments/pilot-records";
import { serverHlc } from "../experiments/server-clock";
import type { Writer } from "../orgs/create";
import { SYNC_ENTITIES } from "../sync/entities";
import { allocateSeq } from "../sync/sequence";
import { storedState, writeRecords, type RecordWrite, type WriteContext } from "../sync/write";
import type { PushEntity } from "../../shared/sync/constants";

/**
 * The frozen record of each submission of a business case (shared/business-cases/snapshot.ts):
 * made when a case is submitted, read by the board, and watched by the one write path — a
 * change to the evidence of a submitted case sends it back to draft in the same transaction.
 */

type CaseRow = typeof businessCases.$inferSelect;

/** A row's values without its nulls, as the shared readers take optional fields. */
const present = <T extends Record<string, unknown>>(row: T) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null)) as { [K in keyof T]?: Exclude<T[K], null> };

/** A stored case's fields, each with its empty value where unset: what a submission freezes and the lifecycle checks. */
export function caseFields(row: CaseRow): BusinessCaseFields {
  return {
    title: row.title ?? "",
    summary: row.summary ?? "",
    ask: row.ask ?? "",
    experimentIds: row.experimentIds ?? [],
    findingIds: row.findingIds ?? [],
    kpiId: row.kpiId,
    baseline: row.baseline,
    lift: row.lift,
    liftOverridden: row.liftOverridden ?? false,
    liftOverrideReason: row.liftOverrideReason ?? "",
    volumeLabel: row.volumeLabel ?? "",
    annualVolume: row.annualVolume,
    valuePerUnit: row.valuePerUnit,
    investment: row.investment,
    runningCostPerYear: row.runningCostPerYear,
    horizonYears: row.horizonYears,
    discountRate: row.discountRate,
    options: row.options ?? [],
    risks: row.risks ?? [],
    themeId: row.themeId,
    recommendation: row.recommendation ?? "",
    ownerId: row.ownerId,
  };
}

/**
 * What the evidence of these experiments is read from, as stored now: the live experiments, their
 * KPIs, and what a store pilot's result is measured from.
 */
async function evidenceRecords(tx: Writer, orgId: string, experimentIds: readonly string[], now: Date): Promise<EvidenceRecords> {
  const ids = [...new Set(experimentIds)];
  const rows = ids.length ? await tx.select().from(experiments).where(and(eq(experiments.orgId, orgId), inArray(experiments.id, ids), isNull(experiments.deletedAt))) : [];
  const kpiIds = [...new Set(rows.flatMap((x) => [x.primaryKpiId, ...(x.guardrailKpiIds ?? [])]).filter((id): id is string => typeof id === "string"))];
  const kpiRows = kpiIds.length
    ? await tx
        .select({ id: kpis.id, name: kpis.name, kind: kpis.kind, unit: kpis.unit, direction: kpis.direction })
        .from(kpis)
        .where(and(eq(kpis.orgId, orgId), inArray(kpis.id, kpiIds), isNull(kpis.deletedAt)))
    : [];
  return {
    // The columns hold what the wire schemas let in (shared/schemas), so their types are the fields'.
    experiments: rows.map((row) => ({ ...(present(row) as Partial<ExperimentFields>), id: row.id, status: row.status })),
    kpis: kpiRows.map((row) => ({ ...(present(row) as Partial<KpiFields>), id: row.id })),
    pilot: await pilotRecords(tx, orgId, rows, now),
  };
}

const evidenceNow = async (tx: Writer, orgId: string, experimentIds: readonly string[], now: Date) =>
  freezeEvidence(experimentIds, await evidenceRecords(tx, orgId, experimentIds, now));

async function actorOf(tx: Writer, userId: string): Promise<Actor> {
  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return { id: userId, name: user?.name ?? "" };
}

/**
 * Freezes the case as it is put before the board: its fields, its scenarios and the evidence of
 * its experiments, as the next version. In the caller's transaction (the submission's).
 */
export async function freezeSubmission(tx: Writer, orgId: string, row: CaseRow, by: Actor, now: Date): Promise<CaseSnapshot> {
  const fields = caseFields(row);
  const [last] = await tx
    .select({ version: max(caseSnapshots.version) })
    .from(caseSnapshots)
    .where(and(eq(caseSnapshots.orgId, orgId), eq(caseSnapshots.businessCaseId, row.id)));
  const snapshot: CaseSnapshot = {
    businessCaseId: row.id,
    version: (last?.version ?? 0) + 1,
    submittedAt: now.toISOString(),
    submittedBy: by,
    fields,
    scenarios: caseScenarios(fields),
    experiments: await evidenceNow(tx, orgId, fields.experimentIds, now),
    changed: null,
  };
  await tx.insert(caseSnapshots).values({ id: randomUUID(), orgId, seq: await allocateSeq(tx), ...snapshot });
  return snapshot;
}

/**
 * A case submitted before submissions were frozen, frozen as it stands when the board decides it,
 * under the name and time of its last submission.
 */
export async function freezeLegacySubmission(tx: Writer, orgId: string, row: CaseRow, now: Date): Promise<void> {
  const [submission] = await tx
    .select({ userId: businessCaseDecisions.userId, userName: businessCaseDecisions.userName, at: businessCaseDecisions.at })
    .from(businessCaseDecisions)
    .where(and(eq(businessCaseDecisions.orgId, orgId), eq(businessCaseDecisions.businessCaseId, row.id), eq(businessCaseDecisions.to, "submitted")))
    .orderBy(desc(businessCaseDecisions.seq))
    .limit(1);
  const snapshot = await freezeSubmission(tx, orgId, row, submission ? { id: submission.userId, name: submission.userName } : { id: "", name: "" }, now);
  if (submission) await tx.update(caseSnapshots).set({ submittedAt: submission.at }).where(and(eq(caseSnapshots.orgId, orgId), eq(caseSnapshots.businessCaseId, row.id), eq(caseSnapshots.version, snapshot.version)));
}

/** Which records a write touched that a case's evidence may be read from. */
export interface EvidenceTouch {
  experimentIds: Set<string>;
  kpiIds: Set<string>;
}

const EVIDENCE_ENTITIES = new Set<PushEntity>(["experiment", "kpi", "kpi_measurement"]);

/** The experiments and KPIs these writes touch (a measurement touches its KPI, before and after the write). */
export function evidenceTouched(writes: readonly RecordWrite[]): EvidenceTouch | null {
  if (!writes.some((w) => EVIDENCE_ENTITIES.has(w.entity))) return null;
  const touch: EvidenceTouch = { experimentIds: new Set(), kpiIds: new Set() };
  for (const w of writes) {
    if (w.entity === "experiment") touch.experimentIds.add(w.id);
    else if (w.entity === "kpi") touch.kpiIds.add(w.id);
    else if (w.entity === "kpi_measurement") {
      for (const kpiId of [w.state.fields.kpiId, w.before?.state.fields.kpiId]) if (typeof kpiId === "string") touch.kpiIds.add(kpiId);
    }
  }
  return touch;
}

/**
 * Sends every submitted case whose evidence these writes changed back to draft: the case's
 * status (through the one write path, so it is in the history and reaches every device), a
 * decision in its log saying what changed, and the snapshot marked with the changes. Called by
 * the write path in the writer's transaction, after the writes, so a change and its
 * consequence commit together or not at all.
 */
export async function reviewSubmittedCases(tx: Writer, ctx: WriteContext, touch: EvidenceTouch): Promise<void> {
  const submitted = await tx
    .select()
    .from(businessCases)
    .where(and(eq(businessCases.orgId, ctx.orgId), eq(businessCases.status, "submitted"), isNull(businessCases.deletedAt)));
  if (submitted.length === 0) return;
  let by: Actor | undefined;
  for (const row of submitted) {
    const snapshot = await latestSnapshot(tx, ctx.orgId, row.id);
    if (!snapshot) continue;
    const reads = snapshot.experiments.some((x) => touch.experimentIds.has(x.id)) || evidenceKpiIds(snapshot.experiments).some((id) => touch.kpiIds.has(id));
    if (!reads) continue;
    const now = await evidenceNow(tx, ctx.orgId, snapshot.fields.experimentIds, ctx.now);
    const changes = evidenceChanges(snapshot.experiments, now);
    if (changes.length === 0) continue;
    by ??= await actorOf(tx, ctx.userId);
    await sendBackToDraft(tx, ctx, row, snapshot.id, changes, by);
  }
}

/** The latest snapshot of a case (with its row id), or undefined before its first submission. */
export async function latestSnapshot(tx: Writer, orgId: string, caseId: string) {
  const [row] = await tx
    .select()
    .from(caseSnapshots)
    .where(and(eq(caseSnapshots.orgId, orgId), eq(caseSnapshots.businessCaseId, caseId)))
    .orderBy(desc(caseSnapshots.version))
    .limit(1);
  return row;
}

async function sendBackToDraft(tx: Writer, ctx: WriteContext, row: CaseRow, snapshotId: string, changes: EvidenceChange[], by: Actor) {
  const at = ctx.now.toISOString();
  const status = serverHlc(ctx.now.getTime(), [row.clocks.status]);
  const before = storedState(SYNC_ENTITIES.business_case, row as unknown as Record<string, unknown>);
  await writeRecords(tx, ctx, [{ entity: "business_case", id: row.id, before, state: { ...before.state, clocks: { ...before.state.clocks, status } }, server: { status: "draft" }, op: "move" }]);
  await tx.insert(businessCaseDecisions).values({
    id: randomUUID(),
    orgId: ctx.orgId,
    seq: await allocateSeq(tx),
    businessCaseId: row.id,
    from: "submitted",
    to: "draft",
    reason: describeEvidenceChanges(changes),
    userId: by.id,
    userName: by.name,
    at,
    dutiesSeparated: null,
  });
  await tx
    .update(caseSnapshots)
    .set({ changed: { at, by, changes }, seq: await allocateSeq(tx) })
    .where(eq(caseSnapshots.id, snapshotId));
}

/** A purged case takes what its submissions froze with it: the rows stay (devices pull the emptied version), the content goes. */
export async function purgeSnapshots(tx: Writer, orgId: string, caseId: string): Promise<void> {
  const rows = await tx
    .select({ id: caseSnapshots.id })
    .from(caseSnapshots)
    .where(and(eq(caseSnapshots.orgId, orgId), eq(caseSnapshots.businessCaseId, caseId)));
  for (const { id } of rows) {
    await tx
      .update(caseSnapshots)
      .set({ fields: { ...EMPTY_CASE }, scenarios: null, experiments: [], changed: null, submittedBy: { id: "", name: "" }, seq: await allocateSeq(tx) })
      .where(eq(caseSnapshots.id, id));
  }
}
