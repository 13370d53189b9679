/**
 * Per-field last-writer-wins merge. A record keeps, beside each field's value, the HLC of
 * the change that set it; a change wins a field only with a later HLC. A delete leaves a
 * tombstone that is final: no edit, older or newer, brings the record back. Fields and the
 * tombstone merge independently (each is a maximum), so every replica that has seen the
 * same changes holds the same state, whatever order and however often they arrived.
 */
export type Fields = Record<string, unknown>;

export interface RecordState {
  fields: Fields;
  /** The HLC that last set each field. */
  clocks: Record<string, string>;
  /** HLC of the delete, when the record is a tombstone. */
  deletedAt: string | null;
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
  return { state: { fields, clocks, deletedAt: state.deletedAt }, changed: true };
}

/** The HLC of the newest change a record reflects, for ordering pulls. */
export function latestClock(state: RecordState): string {
  let latest = state.deletedAt ?? "";
  for (const hlc of Object.values(state.clocks)) if (hlc > latest) latest = hlc;
  return latest;
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
  const deletedAt = a.deletedAt === null ? b.deletedAt : b.deletedAt === null ? a.deletedAt : a.deletedAt > b.deletedAt ? a.deletedAt : b.deletedAt;
  return { fields, clocks, deletedAt };
}

/** The state a pulled change describes: only the fields that carry a clock were ever set. */
export function stateFromPull(change: { fields: Fields; clocks?: Record<string, string>; deletedAt?: string | null }): RecordState {
  const clocks = change.clocks ?? {};
  const fields: Fields = {};
  for (const name of Object.keys(clocks)) fields[name] = change.fields[name];
  return { fields, clocks, deletedAt: change.deletedAt ?? null };
}
