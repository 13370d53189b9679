import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organisations, users } from "./people";

/**
 * Keys that let a machine (a BI tool, a till system's export job) send KPI measurements to the
 * organisation. Shown once when made, stored as the SHA-256 of the key like sessions and invites,
 * so a leaked table holds no usable key; `prefix` is the key's first characters, which the list
 * shows so people can tell their keys apart.
 */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text().primaryKey(),
    orgId: text().notNull().references(() => organisations.id),
    name: text().notNull(),
    prefix: text().notNull(),
    tokenHash: text().notNull(),
    /** The admin who made the key; what the key writes is in the history under this person. */
    createdBy: text().notNull().references(() => users.id),
    createdAt: text().notNull(),
    /** When the key last carried a request (updated at most once a minute). */
    lastUsedAt: text(),
    revokedAt: text(),
  },
  (t) => [uniqueIndex("api_keys_token_idx").on(t.tokenHash), index("api_keys_org_idx").on(t.orgId)],
);
