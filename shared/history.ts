/** GET /api/orgs/:orgId/history/:entity/:entityId — every change of one record, newest first. */
export type HistoryOp = "create" | "update" | "delete" | "restore" | "move" | "purge";

export interface HistoryFieldChange {
  from: unknown;
  to: unknown;
}

export interface HistoryEntry {
  at: string;
  by: { id: string; name: string };
  op: HistoryOp;
  fields: Record<string, HistoryFieldChange>;
  /** Present (true) on an edit that lost a same-field conflict: its text is kept here, the other one stands. */
  conflict?: true;
}

export interface HistoryResponse {
  entries: HistoryEntry[];
}

/** A text that lost to another device's newer edit of the same field (a push result's `conflicts`). */
export interface FieldConflict {
  field: string;
  kept: unknown;
  lost: unknown;
}
