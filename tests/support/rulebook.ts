import { canDelete, canEdit, type Person, type RecordFacts } from "../../shared/permissions";
import type { RecordState } from "../../shared/sync/merge";
import type { Mutation } from "../../shared/sync/protocol";

/** A record as the server holds it, as far as the rule book asks: who created it, and its merged state. */
export interface Held {
  authorId: string;
  state: RecordState;
}

/** Whether the server holds a live finding made on this visit. */
export function visitHasFindings(all: ReadonlyMap<string, Held>, visitId: string): boolean {
  for (const [key, held] of all) if (key.startsWith("finding:") && held.state.deletedAt === null && held.state.fields.visitId === visitId) return true;
  return false;
}

/**
 * What the rule book (shared/permissions.ts) answers to `m` from `person`, for the record as the
 * server holds it then (`all`: every record the server holds, for what a record's facts depend on).
 */
export function verdictOn(person: Person, m: Mutation, held: Held | undefined, all: ReadonlyMap<string, Held> = new Map()): string {
  const facts: RecordFacts | null = held ? { authorId: held.authorId, status: (held.state.fields.status as string | undefined) ?? null } : null;
  if (m.op === "delete") {
    const hasFindings = m.entity === "visit" && visitHasFindings(all, m.entityId);
    const verdict = canDelete(person, m.entity, { ...(facts ?? { authorId: person.id }), hasFindings });
    return verdict.ok ? "applied" : `rejected ${verdict.code}`;
  }
  // A field sent with the value it already holds is no edit: no rule refuses it.
  const changes = held ? Object.fromEntries(Object.entries(m.fields).filter(([name, value]) => JSON.stringify(value) !== JSON.stringify(held.state.fields[name] ?? null))) : m.fields;
  const verdict = canEdit(person, m.entity, facts, changes);
  return verdict.ok ? "applied" : `rejected ${verdict.code}`;
}
