import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { FieldConflict, HistoryFieldChange, HistoryOp } from "../../shared/history";
import type { RecordState } from "../../shared/sync/merge";
import { history, journeyStages, locations, segments, themes } from "../db/schema";
import type { Writer } from "../orgs/create";
import { fieldNames, SYNC_ENTITIES, type SyncEntity } from "./entities";
import { announceChange } from "./changes";
import { allocateSeq } from "./sequence";
import type { PushEntity } from "../../shared/sync/constants";
import { evidenceTouched, reviewSubmittedCases } from "../business-cases/snapshots";

/**
 * The one write path of synced records. Whoever writes — a device's push, a lifecycle move, a
 * restore from the archive, a KPI import, the demo — hands the records' new states to
 * `writeRecords`, which gives each a place in the change sequence (so every device pulls it),
 * records who changed what in the history, and upserts, all inside the caller's transaction;
 * once that commits, the organisation's live streams tell its online devices to pull.
 */

export interface WriteContext {
  orgId: string;
  /** Who made the change (the history's "by"). */
  userId: string;
  now: Date;
}

/** A stored record as the write path reads it: merged state, server-owned columns, archive columns. */
export interface StoredState {
  state: RecordState;
  /** Server-owned columns (an experiment's status, a case's approval date). */
  server: Record<string, unknown>;
  authorId: string;
  createdAt: string;
  deletedBy: string | null;
  deletedOn: string | null;
  purgedOn: string | null;
}

export interface RecordWrite {
  entity: PushEntity;
  id: string;
  /** The record before this write, or null for a new one. */
  before: StoredState | null;
  state: RecordState;
  /** Server-owned columns this write sets (left as they are when absent). */
  server?: Record<string, unknown>;
  /** A new record's author (defaults to the writer). */
  authorId?: string;
  /** "move" for lifecycle moves; otherwise derived from the states (create, update, delete, restore). */
  op?: HistoryOp;
  /** Edits that lost a same-field conflict: kept in the history beside the text that stands. */
  conflicts?: FieldConflict[];
  /** Set by a purge: the content is gone for good. */
  purgedOn?: string;
  /** For records made earlier by someone else (the demo's history): when and by whom, instead of now and the writer. */
  createdAt?: string;
  at?: string;
  by?: string;
}

const CHUNK = 400;

/** The stored state of one row of a synced table. */
export function storedState(entity: SyncEntity, row: Record<string, unknown>): StoredState {
  const clocks = row.clocks as Record<string, string>;
  const fields: Record<string, unknown> = {};
  for (const name of fieldNames(entity)) if (name in clocks) fields[name] = row[name];
  const restoredAt = (row.restoredAt as string | null) ?? null;
  const state: RecordState = { fields, clocks, deletedAt: (row.deletedAt as string | null) ?? null, ...(restoredAt ? { restoredAt } : {}) };
  const server = Object.fromEntries((entity.serverFields ?? []).map((name) => [name, row[name]]));
  return {
    state,
    server,
    authorId: row.authorId as string,
    createdAt: row.createdAt as string,
    deletedBy: (row.deletedBy as string | null) ?? null,
    deletedOn: (row.deletedOn as string | null) ?? null,
    purgedOn: (row.purgedOn as string | null) ?? null,
  };
}

/** The stored states of records of one entity in the organisation, by id (another organisation's ids are absent). */
export async function readRecords(tx: Writer, orgId: string, entityName: PushEntity, ids: string[]): Promise<Map<string, StoredState>> {
  const entity = SYNC_ENTITIES[entityName];
  const table = entity.table as typeof import("../db/schema").visits;
  const found = new Map<string, StoredState>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await tx
      .select()
      .from(table)
      .where(and(eq(table.orgId, orgId), inArray(table.id, ids.slice(i, i + CHUNK))));
    for (const row of rows) found.set(row.id, storedState(entity, row as Record<string, unknown>));
  }
  return found;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Each field whose value differs between two versions of a record, from → to. */
function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown>): Record<string, HistoryFieldChange> {
  const out: Record<string, HistoryFieldChange> = {};
  // A new record: every value it was given (the common case of a push, so kept cheap).
  if (!before) {
    for (const [name, value] of Object.entries(after)) if (value !== null && value !== undefined) out[name] = { from: null, to: value };
    return out;
  }
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!same(before[name], after[name])) out[name] = { from: before[name] ?? null, to: after[name] ?? null };
  }
  return out;
}

function opOf(write: RecordWrite): HistoryOp {
  if (write.op) return write.op;
  if (!write.before) return "create";
  const wasLive = write.before.state.deletedAt === null;
  const isLive = write.state.deletedAt === null;
  if (wasLive && !isLive) return "delete";
  if (!wasLive && isLive) return "restore";
  return "update";
}

/**
 * Writes records and their history in the caller's transaction: one sequence number per record,
 * one history entry per record that changed (plus one per lost conflict), one upsert per chunk.
 */
export async function writeRecords(tx: Writer, ctx: WriteContext, writes: RecordWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const now = ctx.now.toISOString();
  let seq = await allocateSeq(tx, writes.length);
  const lastSeq = seq + writes.length - 1;
  const groups = new Map<string, { entity: PushEntity; serverColumns: string[]; rows: Record<string, unknown>[] }>();
  const entries: (typeof history.$inferInsert)[] = [];
  for (const write of writes) {
    const entity = SYNC_ENTITIES[write.entity];
    const before = write.before;
    const op = opOf(write);
    const deleted = write.state.deletedAt !== null;
    const row: Record<string, unknown> = {
      id: write.id,
      orgId: ctx.orgId,
      authorId: before?.authorId ?? write.authorId ?? ctx.userId,
      createdAt: before?.createdAt ?? write.createdAt ?? now,
      updatedAt: write.at ?? now,
      seq: seq++,
      clocks: write.state.clocks,
      deletedAt: write.state.deletedAt,
      restoredAt: write.state.restoredAt ?? null,
      // Who archived it and when, for the archive screen; a restore clears both.
      deletedBy: !deleted ? null : op === "delete" || !before?.deletedBy ? ctx.userId : before.deletedBy,
      deletedOn: !deleted ? null : op === "delete" || !before?.deletedOn ? now : before.deletedOn,
      purgedOn: write.purgedOn ?? before?.purgedOn ?? null,
    };
    for (const name of fieldNames(entity)) row[name] = write.state.fields[name] ?? null;
    const serverColumns = Object.keys(write.server ?? {}).sort();
    Object.assign(row, write.server);
    const key = `${write.entity}|${serverColumns.join(",")}`;
    if (!groups.has(key)) groups.set(key, { entity: write.entity, serverColumns, rows: [] });
    groups.get(key)!.rows.push(row);

    const fields =
      op === "purge" ? {} : changedFields(before ? { ...before.state.fields, ...before.server } : null, write.server ? { ...write.state.fields, ...before?.server, ...write.server } : write.state.fields);
    if (op !== "update" || Object.keys(fields).length > 0) {
      entries.push({ orgId: ctx.orgId, entity: write.entity, entityId: write.id, at: write.at ?? now, userId: write.by ?? ctx.userId, op, fields });
    }
    for (const conflict of write.conflicts ?? []) {
      entries.push({ orgId: ctx.orgId, entity: write.entity, entityId: write.id, at: now, userId: ctx.userId, op: "update", fields: { [conflict.field]: { from: conflict.kept, to: conflict.lost } }, conflict: true });
    }
  }
  for (const { entity, serverColumns, rows } of groups.values()) {
    const table = SYNC_ENTITIES[entity].table as typeof import("../db/schema").visits;
    // Server-owned columns change only when this write sets them (a push never does).
    const untouched = new Set(["id", "orgId", ...(SYNC_ENTITIES[entity].serverFields ?? []).filter((name) => !serverColumns.includes(name))]);
    const set = Object.fromEntries(
      Object.keys(getTableColumns(table))
        .filter((key) => !untouched.has(key))
        .map((key) => [key, sql.raw(`excluded."${toSnakeCase(key)}"`)]),
    );
    for (let i = 0; i < rows.length; i += 100) {
      await tx
        .insert(table)
        .values(rows.slice(i, i + 100) as (typeof table.$inferInsert)[])
        .onConflictDoUpdate({ target: table.id, set });
    }
  }
  await insertHistory(tx, entries);
  // A change to what a submitted case's evidence is read from sends that case back to draft, here,
  // so whoever writes (a push, a lifecycle move, an import, a restore) cannot slip past it.
  const touched = evidenceTouched(writes);
  if (touched) await reviewSubmittedCases(tx, ctx, touched);
  announceChange(tx, ctx.orgId, lastSeq);
}

/** History rows: 9 columns a row, so 1,000 rows a statement stay well under SQLite's limit of bound parameters. */
async function insertHistory(tx: Writer, entries: (typeof history.$inferInsert)[]) {
  for (let i = 0; i < entries.length; i += 1000) await tx.insert(history).values(entries.slice(i, i + 1000));
}

/** The organisation's settings: written by admins over REST, pulled read-only by every device. */
export const SETTING_TABLES = { location: locations, journey_stage: journeyStages, segment: segments, theme: themes } as const;
export type SettingEntity = keyof typeof SETTING_TABLES;

export interface SettingWrite {
  entity: SettingEntity;
  /** The row as stored before (null for a new one) and every column it has after. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> & { id: string };
}

const SETTING_META = new Set(["id", "orgId", "createdAt", "updatedAt", "seq"]);

/**
 * The same path for settings: a sequence number each (so devices pull them), a history entry
 * each, and the rows, in the caller's transaction.
 */
export async function writeSettings(tx: Writer, ctx: WriteContext, writes: SettingWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const now = ctx.now.toISOString();
  let seq = await allocateSeq(tx, writes.length);
  const lastSeq = seq + writes.length - 1;
  const entries: (typeof history.$inferInsert)[] = [];
  for (const write of writes) {
    const table = SETTING_TABLES[write.entity] as typeof locations;
    const row = { ...write.after, orgId: ctx.orgId, updatedAt: now, createdAt: write.before?.createdAt ?? write.after.createdAt ?? now, seq: seq++ };
    const visible = (values: Record<string, unknown> | null) => Object.fromEntries(Object.entries(values ?? {}).filter(([name]) => !SETTING_META.has(name)));
    const fields = changedFields(visible(write.before), visible(write.after));
    if (write.before) {
      await tx
        .update(table)
        .set(row as Partial<typeof table.$inferInsert>)
        .where(and(eq(table.id, write.after.id), eq(table.orgId, ctx.orgId)));
    } else {
      await tx.insert(table).values(row as typeof table.$inferInsert);
    }
    const op: HistoryOp = !write.before ? "create" : write.before.archivedAt === null && write.after.archivedAt ? "delete" : write.before.archivedAt && write.after.archivedAt === null ? "restore" : "update";
    if (op !== "update" || Object.keys(fields).length > 0) entries.push({ orgId: ctx.orgId, entity: write.entity, entityId: write.after.id, at: now, userId: ctx.userId, op, fields });
  }
  await insertHistory(tx, entries);
  announceChange(tx, ctx.orgId, lastSeq);
}
