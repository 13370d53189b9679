import { z } from "zod";

/** GET /api/orgs/:orgId/history/:entity/:entityId — every change of one record, newest first. */
export const HISTORY_OPS = ["create", "update", "delete", "restore", "move", "purge"] as const;
export type HistoryOp = (typeof HISTORY_OPS)[number];

export const historyFieldChange = z.object({ from: z.unknown(), to: z.unknown() });
export type HistoryFieldChange = z.infer<typeof historyFieldChange>;

export const historyEntry = z
  .object({
    at: z.string(),
    by: z.object({ id: z.string(), name: z.string() }),
    op: z.enum(HISTORY_OPS),
    fields: z.record(z.string(), historyFieldChange),
    /** Present (true) on an edit that lost a same-field conflict: its text is kept here, the other one stands. */
    conflict: z.literal(true).optional(),
  })
  .meta({ id: "HistoryEntry" });
export type HistoryEntry = z.infer<typeof historyEntry>;

export const historyResponse = z.object({ entries: z.array(historyEntry) });
export type HistoryResponse = z.infer<typeof historyResponse>;

/** A text that lost to another device's newer edit of the same field (a push result's `conflicts`). */
export const fieldConflict = z.object({ field: z.string(), kept: z.unknown(), lost: z.unknown() }).meta({ id: "FieldConflict" });
export type FieldConflict = z.infer<typeof fieldConflict>;
