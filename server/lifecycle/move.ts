import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Role } from "../../shared/roles";
import type { Db } from "../db/client";
import type { Writer } from "../orgs/create";
import { serverHlc } from "../experiments/server-clock";
import { ApiError, notFound } from "../http/errors";
import { SYNC_ENTITIES } from "../sync/entities";
import { allocateSeq } from "../sync/sequence";
import { storedState, writeRecords } from "../sync/write";
import type { DecisionTable, MovableRow, MoveKind } from "./kinds";
import { REFUSAL_STATUS } from "./refusals";
import { requireSeparation } from "./separation";

export { BUSINESS_CASE, EXPERIMENT } from "./kinds";

/** Who asks for a move. */
export interface Caller {
  orgId: string;
  userId: string;
  userName: string;
  role: Role;
}

export interface MoveRequest<S extends string> {
  to: S;
  reason: string;
  /** Why it is won past a decision-quality gate (experiments; see MoveKind.verdict). */
  gateReason?: string | undefined;
}

/** One logged move: who took the record from where to where, when and why. */
export type Decision<S extends string, IdKey extends string> = { [K in IdKey]: string } & {
  from: S;
  to: S;
  reason: string;
  userId: string;
  userName: string;
  at: string;
  /** False when the organisation had separation of duties switched off (older decisions: null). */
  dutiesSeparated: boolean | null;
};

/** The answer to a move: the record's new status (under the kind's key) and the decision. */
export type Moved<S extends string, RecordKey extends string, IdKey extends string> = { [K in RecordKey]: { id: string; status: S } } & { decision: Decision<S, IdKey> };

/**
 * Moves a record along its lifecycle and logs the decision, in one write-locked transaction:
 * the status is read inside it, so of two people moving it at the same moment only the first
 * succeeds and the second is told the move no longer exists. Every move is logged (proposals,
 * withdrawals and revisions too): the log is the whole story.
 */
export async function moveRecord<S extends string, Row extends MovableRow<S>, RecordKey extends string, IdKey extends string>(
  db: Db,
  kind: MoveKind<S, Row, RecordKey, IdKey>,
  caller: Caller,
  id: string,
  request: MoveRequest<S>,
  now = new Date(),
): Promise<Moved<S, RecordKey, IdKey>> {
  return db.transaction(
    async (tx) => {
      const row = await liveRecord(tx, kind, caller.orgId, id);

      const from = row.status;
      const check = await kind.check(tx, caller.orgId, row, request.to, caller.role);
      if (!check.ok) {
        const issues = check.code === "not_ready" ? check.gaps.map((gap) => kind.gapIssues[gap]!) : undefined;
        throw new ApiError(REFUSAL_STATUS[check.code], check.code, check.message, issues);
      }

      const enforced = await requireSeparation(tx, caller.orgId, kind, { id, authorId: row.authorId }, from, request.to, { id: caller.userId, role: caller.role });
      const recorded = kind.verdict ? await kind.verdict(tx, caller.orgId, row, request.to, request, now) : {};

      const at = now.toISOString();
      const stamped = Object.keys(kind.stamps);
      const status = serverHlc(now.getTime(), [row.clocks.status, ...stamped.map((field) => row.clocks[field])]);
      const stamps = stamped.filter((field) => kind.stamps[field] === request.to);
      const clocks = { ...row.clocks, status, ...Object.fromEntries([...stamps, ...Object.keys(recorded)].map((field) => [field, status])) };
      const before = storedState(SYNC_ENTITIES[kind.entity], row as unknown as Record<string, unknown>);
      await writeRecords(tx, { orgId: caller.orgId, userId: caller.userId, now }, [
        { entity: kind.entity, id, before, state: { ...before.state, clocks }, server: { status: request.to, ...Object.fromEntries(stamps.map((field) => [field, at])), ...recorded }, op: "move" },
      ]);
      const decision = {
        [kind.idKey]: id,
        from,
        to: request.to,
        reason: request.reason,
        userId: caller.userId,
        userName: caller.userName,
        at,
        dutiesSeparated: enforced,
      } as Decision<S, IdKey>;
      await tx.insert(kind.log.table).values({ id: randomUUID(), orgId: caller.orgId, seq: await allocateSeq(tx), ...decision } as unknown as DecisionTable["$inferInsert"]);
      await kind.afterMove?.(tx, caller, row, from, request.to, now);
      return { [kind.recordKey]: { id, status: request.to }, decision } as Moved<S, RecordKey, IdKey>;
    },
    { behavior: "immediate" },
  );
}

/** The live record of the organisation, or a 404 (another organisation's, archived or unknown). */
export async function liveRecord<Row extends MovableRow<string>>(tx: Writer, kind: { load: (tx: Writer, orgId: string, id: string) => Promise<Row | undefined> }, orgId: string, id: string): Promise<Row> {
  const row = await kind.load(tx, orgId, id);
  if (!row || row.deletedAt !== null) throw notFound();
  return row;
}

/** Every move of one live record of the organisation, oldest first (a record moved back and on keeps every round). */
export async function moveLog<S extends string, Row extends MovableRow<S>, IdKey extends string>(db: Db, kind: MoveKind<S, Row, string, IdKey>, orgId: string, id: string): Promise<Decision<S, IdKey>[]> {
  await liveRecord(db, kind, orgId, id);
  const { table, record } = kind.log;
  const decisions = await db
    .select({
      recordId: record,
      from: table.from,
      to: table.to,
      reason: table.reason,
      userId: table.userId,
      userName: table.userName,
      at: table.at,
      dutiesSeparated: table.dutiesSeparated,
    })
    .from(table)
    .where(and(eq(table.orgId, orgId), eq(record, id)))
    .orderBy(asc(table.seq));
  return decisions.map(({ recordId, ...decision }) => ({ [kind.idKey]: recordId, ...decision }) as Decision<S, IdKey>);
}
