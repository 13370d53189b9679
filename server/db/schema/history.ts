import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { HistoryFieldChange, HistoryOp } from "../../../shared/history";
import { organisations } from "./people";

/**
 * Every change of every synced record: who, when, what (each field from → to). Written in the
 * same transaction as the change by the one write path (server/sync/write.ts).
 */
export const history = sqliteTable(
  "history",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    orgId: text().notNull().references(() => organisations.id),
    entity: text().notNull(),
    entityId: text().notNull(),
    at: text().notNull(),
    /** No foreign key: the person may have left, the history stays. */
    userId: text().notNull(),
    op: text().$type<HistoryOp>().notNull(),
    fields: text({ mode: "json" }).$type<Record<string, HistoryFieldChange>>().notNull(),
    /** Set when this change lost a same-field conflict to another device's newer edit: kept for the record, not applied. */
    conflict: integer({ mode: "boolean" }),
  },
  (t) => [index("history_record_idx").on(t.orgId, t.entity, t.entityId, t.id)],
);
