import type { Mutation } from "../../../../shared/sync/protocol";
import type { StoredRecord } from "./types";

/** A change made on this device and not yet acknowledged by the server, in the order made. */
export interface OutboxEntry {
  seq?: number;
  mutation: Mutation;
}

/** A change the server refused: kept with its reason so the person can see what was not saved. */
export interface RejectedEntry {
  id: string;
  mutation: Mutation;
  error: { code: string; message: string };
  at: string;
}

/** Takes a rejected mutation's fields off a record (those it still holds with that mutation's clock). */
export function undoMutation(record: StoredRecord, mutation: Mutation) {
  if (mutation.op === "delete") {
    if (record.deletedAt === mutation.hlc) record.deletedAt = null;
    return;
  }
  for (const [name, hlc] of Object.entries(record.clocks)) {
    if (hlc === mutation.hlc) {
      delete record.clocks[name];
      delete record.fields[name];
    }
  }
}
