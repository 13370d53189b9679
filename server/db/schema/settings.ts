import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { organisations } from "./people";
import type { LocationKind } from "../../../shared/enums";

/** Columns every organisation setting shares: tenant, name, archive flag and timestamps. */
const settingColumns = () => ({
  id: text().primaryKey(),
  orgId: text().notNull().references(() => organisations.id),
  name: text().notNull(),
  archivedAt: text(),
  createdAt: text().notNull(),
  updatedAt: text().notNull(),
  /** Position in the change sequence, so devices pull settings changes like any other. */
  seq: integer().notNull(),
});

export const locations = sqliteTable(
  "locations",
  { ...settingColumns(), kind: text().$type<LocationKind>().notNull() },
  (t) => [index("locations_org_idx").on(t.orgId), index("locations_org_seq_idx").on(t.orgId, t.seq)],
);

export const journeyStages = sqliteTable(
  "journey_stages",
  { ...settingColumns(), position: integer().notNull() },
  (t) => [index("journey_stages_org_idx").on(t.orgId, t.position), index("journey_stages_org_seq_idx").on(t.orgId, t.seq)],
);

export const segments = sqliteTable(
  "segments",
  { ...settingColumns(), motives: text({ mode: "json" }).$type<string[]>().notNull() },
  (t) => [index("segments_org_idx").on(t.orgId), index("segments_org_seq_idx").on(t.orgId, t.seq)],
);

export const themes = sqliteTable(
  "themes",
  {
    ...settingColumns(),
    description: text().notNull(),
    notDoing: integer({ mode: "boolean" }).notNull(),
  },
  (t) => [index("themes_org_idx").on(t.orgId), index("themes_org_seq_idx").on(t.orgId, t.seq)],
);
