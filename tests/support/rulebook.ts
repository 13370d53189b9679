import { canDelete, canEdit, type Person, type RecordFacts } from "../../shared/permissions";
import type { RecordState } from "../../shared/sync/merge";
import type { Mutation } from "../../shared/sync/protocol";

/** A record as the server holds it, as far as the rule book asks: who created it, and its merged state. */
export interface Held {
  authorId: string;
  state: RecordState;
}

/** What the rule book (shared/permissions.ts) answers to `m` from `person`, for the record as the server holds it then. */
export function verdictOn(person: Person, m: Mutation, held: Held | undefined): string {
  const facts: RecordFacts | null = held ? { authorId: held.authorId, status: (held.state.fields.status as string | undefined) ?? null } : null;
  if (m.op === "delete") {
    const verdict = canDelete(person, m.entity, facts ?? { authorId: person.id });
    return verdict.ok ? "applied" : `rejected ${verdict.code}`;
  }
  // A field sent with the value it already holds is no edit: no rule refuses it.
  const changes = held ? Object.fromEntries(Object.entries(m.fields).filter(([name, value]) => JSON.stringify(value) !== JSON.stringify(held.state.fields[name] ?? null))) : m.fields;
  const verdict = canEdit(person, m.entity, facts, changes);
  return verdict.ok ? "applied" : `rejected ${verdict.code}`;
}
