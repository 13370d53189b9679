/**
 * Per-field last-writer-wins merge. A record keeps, beside each field's value, the HLC of
 * the change that set it; a change wins a field only with a later HLC. A delete leaves a
 * tombstone that no edit, older or newer, brings back; only a restore from the archive (made
 * by the server, with its own HLC) does, and only against deletes older than it: "deleted" is a
 * last-writer-wins register of its own. Fields and that register merge independently (each is
 * a maximum), so every replica that has seen the same changes holds the same state, whatever
 * order and however often they arrived.
 */
export type Fields = Record<string, unknown>;

export interface RecordState {
  fields: Fields;
  /** The HLC that last set each field. */
  clocks: Record<string, string>;
  /** HLC of the delete, when the record is a tombstone. */
  deletedAt: string | null;
  /** HLC of the latest restore (absent or null when never restored): deletes older than it are void. */
  restoredAt?: string | null;
}

export interface Change {
  op: "upsert" | "delete";
  fields: Fields;
  hlc: string;
}

export const emptyRecord = (): RecordState => ({ fields: {}, clocks: {}, deletedAt: null });

/** Applies one change to a record; returns the new state and whether anything changed. Pure. */
export function applyChange(state: RecordState, change: Change): { state: RecordState; changed: boolean } {
  if (change.op === "delete") {
    // The tombstone keeps the latest delete's HLC: a maximum, so replicas agree in any order.
    if (state.deletedAt !== null && state.deletedAt >= change.hlc) return { state, changed: false };
    if (state.restoredAt && state.restoredAt >= change.hlc) return { state, changed: false };
    return { state: { ...state, deletedAt: change.hlc }, changed: true };
  }
  let fields: Fields | null = null;
  let clocks: Record<string, string> | null = null;
  for (const [name, value] of Object.entries(change.fields)) {
    const current = state.clocks[name];
    if (current !== undefined && current >= change.hlc) continue;
    fields ??= { ...state.fields };
    clocks ??= { ...state.clocks };
    fields[name] = value;
    clocks[name] = change.hlc;
  }
  if (!fields || !clocks) return { state, changed: false };
  return { state: { ...state, fields, clocks }, changed: true };
}

/**
 * Joins two states of the same record (a device's and the server's, say): each field from
 * whichever side changed it last, the later tombstone. Commutative, associative and
 * idempotent, so devices converge however often and in whatever order they sync.
 */
export function mergeStates(a: RecordState, b: RecordState): RecordState {
  const fields: Fields = { ...a.fields };
  const clocks: Record<string, string> = { ...a.clocks };
  for (const [name, hlc] of Object.entries(b.clocks)) {
    const mine = clocks[name];
    if (mine === undefined || hlc > mine) {
      clocks[name] = hlc;
      fields[name] = b.fields[name];
    }
  }
  const deleted = later(a.deletedAt, b.deletedAt);
  const restoredAt = later(a.restoredAt ?? null, b.restoredAt ?? null);
  // A delete counts only when it is later than the latest restore.
  const deletedAt = deleted !== null && (restoredAt === null || deleted > restoredAt) ? deleted : null;
  return restoredAt === null ? { fields, clocks, deletedAt } : { fields, clocks, deletedAt, restoredAt };
}

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/**
 * The state after a restore at `hlc` (later than the delete it undoes): live again, fields as
 * they were. Every replica that merges it agrees, because the restore clock is kept.
 */
export function restoreState(state: RecordState, hlc: string): RecordState {
  return { ...state, deletedAt: null, restoredAt: hlc };
}

/** The state a pulled change describes: only the fields that carry a clock were ever set. */
export function stateFromPull(change: { fields: Fields; clocks?: Record<string, string>; deletedAt?: string | null; restoredAt?: string | null }): RecordState {
  const clocks = change.clocks ?? {};
  const fields: Fields = {};
  for (const name of Object.keys(clocks)) fields[name] = change.fields[name];
  return change.restoredAt ? { fields, clocks, deletedAt: change.deletedAt ?? null, restoredAt: change.restoredAt } : { fields, clocks, deletedAt: change.deletedAt ?? null };
}
