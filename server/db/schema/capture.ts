import { blob, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { LocationKind } from "../../../shared/enums";
import type { FindingRecheck } from "../../../shared/schemas/finding";
import type { MysteryAnswer, MysterySection } from "../../../shared/schemas/mystery";
import { organisations, users } from "./people";

/**
 * Columns every synced record has. Field columns are nullable because a record is merged
 * field by field; the sync layer checks a new record has its required fields.
 */
export const syncColumns = () => ({
  id: text().primaryKey(),
  orgId: text().notNull().references(() => organisations.id),
  authorId: text().notNull().references(() => users.id),
  createdAt: text().notNull(),
  updatedAt: text().notNull(),
  /** Position in the database-wide change sequence: pull cursors compare against it. */
  seq: integer().notNull(),
  /** HLC of each field's last change, for per-field last-writer-wins. */
  clocks: text({ mode: "json" }).$type<Record<string, string>>().notNull(),
  /** HLC of the delete when the record is a tombstone (archived). */
  deletedAt: text(),
  /** HLC of the latest restore from the archive: a delete older than it no longer counts. */
  restoredAt: text(),
  /** Who archived the record and when (server time), for the archive screen and its 90 days. */
  deletedBy: text(),
  deletedOn: text(),
  /** When an admin purged the archived record's content for good (the tombstone stays, so it cannot come back). */
  purgedOn: text(),
});

/**
 * The columns of a lifecycle's decision log (experiments, business cases): every move, who made
 * it, when and why, in the sync sequence. The record's own id column is the table's.
 */
export const decisionColumns = <Status extends string>() => ({
  id: text().primaryKey(),
  orgId: text().notNull().references(() => organisations.id),
  from: text().$type<Status>().notNull(),
  to: text().$type<Status>().notNull(),
  reason: text().notNull(),
  userId: text().notNull().references(() => users.id),
  userName: text().notNull(),
  at: text().notNull(),
  /** False when the decision was made with separation of duties switched off (a single-admin organisation). */
  dutiesSeparated: integer({ mode: "boolean" }),
  seq: integer().notNull(),
});

export const visits = sqliteTable(
  "visits",
  {
    ...syncColumns(),
    kind: text(),
    locationId: text(),
    startedAt: text(),
    endedAt: text(),
    peopleMet: text(),
    notes: text(),
  },
  (t) => [
    index("visits_org_seq_idx").on(t.orgId, t.seq),
    index("visits_org_started_idx").on(t.orgId, t.startedAt),
    // The board's cadence: each person's last visit without scanning everyone's.
    index("visits_org_author_started_idx").on(t.orgId, t.authorId, t.startedAt),
  ],
);

export const findings = sqliteTable(
  "findings",
  {
    ...syncColumns(),
    visitId: text(),
    mysteryShopId: text(),
    journeyStageId: text(),
    locationId: text(),
    segmentId: text(),
    themeId: text(),
    saw: text(),
    felt: text(),
    expectation: text(),
    severity: integer(),
    sentiment: text(),
    level: text(),
    status: text(),
    tags: text({ mode: "json" }).$type<string[]>(),
    photos: text({ mode: "json" }).$type<string[]>(),
    recheck: text({ mode: "json" }).$type<FindingRecheck>(),
  },
  (t) => [index("findings_org_seq_idx").on(t.orgId, t.seq), index("findings_org_location_idx").on(t.orgId, t.locationId)],
);

export const actions = sqliteTable(
  "actions",
  {
    ...syncColumns(),
    findingId: text(),
    title: text(),
    ownerId: text(),
    dueDate: text(),
    priority: text(),
    status: text(),
  },
  (t) => [index("actions_org_seq_idx").on(t.orgId, t.seq)],
);

export const mysteryTemplates = sqliteTable(
  "mystery_templates",
  {
    ...syncColumns(),
    name: text(),
    channel: text(),
    sections: text({ mode: "json" }).$type<MysterySection[]>(),
    archived: integer({ mode: "boolean" }),
    locationKinds: text({ mode: "json" }).$type<LocationKind[]>(),
  },
  (t) => [index("mystery_templates_org_seq_idx").on(t.orgId, t.seq)],
);

export const mysteryShops = sqliteTable(
  "mystery_shops",
  {
    ...syncColumns(),
    templateId: text(),
    locationId: text(),
    visitId: text(),
    startedAt: text(),
    completedAt: text(),
    answers: text({ mode: "json" }).$type<Record<string, MysteryAnswer>>(),
    sections: text({ mode: "json" }).$type<MysterySection[]>(),
  },
  (t) => [index("mystery_shops_org_seq_idx").on(t.orgId, t.seq)],
);

/** Every applied mutation id, so a retried push is answered "duplicate" and changes nothing. */
export const syncMutations = sqliteTable(
  "sync_mutations",
  {
    orgId: text().notNull(),
    id: text().notNull(),
    entity: text().notNull(),
    entityId: text().notNull(),
    clientId: text().notNull(),
    userId: text().notNull(),
    receivedAt: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** The one row holding the last change sequence number handed out. */
export const syncSequence = sqliteTable("sync_sequence", {
  id: integer().primaryKey(),
  value: integer().notNull(),
});

/** Photos, stored once per organisation by content hash. */
export const attachments = sqliteTable(
  "attachments",
  {
    orgId: text().notNull().references(() => organisations.id),
    sha256: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    // Photos are resized on the device (≤ 1600 px) and capped at 10 MB, so a row is small
    // enough to keep in the database and sync along with it to sqld/Turso.
    bytes: blob({ mode: "buffer" }).notNull(),
    uploadedBy: text().notNull(),
    createdAt: text().notNull(),
    /** When the photo clean-up first found no record naming it (null: named, or not checked yet). */
    unnamedSince: text(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.sha256] })],
);
