import { and, count, desc, eq } from "drizzle-orm";
import { APPROVALS, checkSeparation, separationEnforced, type Person } from "../../shared/permissions";
import { memberships, organisations } from "../db/schema";
import { ApiError } from "../http/errors";
import type { Writer } from "../orgs/create";
import type { DecisionLog } from "./kinds";
import { REFUSAL_STATUS } from "./refusals";

/**
 * Whether the organisation separates duties right now: its setting, unless it has more than one
 * admin, in which case someone else can always approve and the setting cannot switch it off.
 */
export async function separationOfDuties(tx: Writer, orgId: string): Promise<boolean> {
  const [org] = await tx.select({ setting: organisations.separationOfDuties }).from(organisations).where(eq(organisations.id, orgId));
  const [admins] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin")));
  return separationEnforced(org?.setting ?? true, admins?.n ?? 0);
}

/** Who made the latest move of a record into `status` (the proposal or submission an approval answers). */
async function lastMoveInto(tx: Writer, orgId: string, { table, record }: DecisionLog, id: string, status: string): Promise<string | null> {
  const [move] = await tx
    .select({ userId: table.userId })
    .from(table)
    .where(and(eq(table.orgId, orgId), eq(record, id), eq(table.to, status as never)))
    .orderBy(desc(table.seq))
    .limit(1);
  return move?.userId ?? null;
}

/**
 * Refuses (403 own_proposal) an approval by the person who proposed or submitted the record,
 * while the organisation separates duties. Returns whether it does, for the decision log.
 */
export async function requireSeparation(
  tx: Writer,
  orgId: string,
  kind: { entity: keyof typeof APPROVALS; log: DecisionLog },
  record: { id: string; authorId: string },
  from: string,
  to: string,
  person: Person,
): Promise<boolean> {
  const enforced = await separationOfDuties(tx, orgId);
  const { proposal } = APPROVALS[kind.entity];
  const proposedBy = from === proposal ? await lastMoveInto(tx, orgId, kind.log, record.id, proposal) : null;
  const verdict = checkSeparation(kind.entity, from, to, person, { enforced, proposedBy, authorId: record.authorId });
  if (!verdict.ok) throw new ApiError(REFUSAL_STATUS.own_proposal, verdict.code, verdict.message);
  return enforced;
}
