import { and, eq, inArray } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { getTableColumns, sql } from "drizzle-orm";
import { TRIAGE_ROLES, type Role } from "../../shared/roles";
import { OPEN_TO_ALL_STATUSES, type FindingStatus } from "../../shared/schemas/finding";
import { parseHlc } from "../../shared/sync/hlc";
import { applyChange, emptyRecord, type RecordState } from "../../shared/sync/merge";
import {
  formatCursor,
  MAX_CLOCK_AHEAD_MS,
  mutationSchema,
  type Mutation,
  type MutationResult,
  type PushEntity,
  type PushResponse,
} from "../../shared/sync/protocol";
import type { Db } from "../db/client";
import { journeyStages, locations, memberships, segments, syncMutations, themes } from "../db/schema";
import { zodIssues } from "../http/errors";
import type { Tx } from "../orgs/create";
import { fieldNames, partialFields, refIds, refTarget, SYNC_ENTITIES, type RefTarget, type SyncEntity, type SyncTable } from "./entities";
import { allocateSeq, currentSeq } from "./sequence";

export interface PushContext {
  orgId: string;
  userId: string;
  role: Role;
  clientId: string;
  now: Date;
}

/** A record as the batch sees it: its merged state plus who made it and when. */
interface Working {
  entity: PushEntity;
  id: string;
  state: RecordState;
  authorId: string;
  createdAt: string;
  dirty: boolean;
  /** Set when the stored record may not be changed by a push (see SyncEntity.lockedBecause). */
  locked: string | null;
}

class Rejection extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const CHUNK = 400;
function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const SETTING_TABLES = { location: locations, journey_stage: journeyStages, segment: segments, theme: themes } as const;

/** Ids (of one reference kind) that exist in the organisation, looked up in bulk. */
async function existingRefs(tx: Tx, orgId: string, target: RefTarget, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(ids)) {
    let rows: { id: string }[];
    if (target === "member") {
      rows = await tx
        .select({ id: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.orgId, orgId), inArray(memberships.userId, part)));
    } else {
      const table = (target in SETTING_TABLES ? SETTING_TABLES[target as keyof typeof SETTING_TABLES] : SYNC_ENTITIES[target as PushEntity].table) as typeof locations;
      rows = await tx.select({ id: table.id }).from(table).where(and(eq(table.orgId, orgId), inArray(table.id, part)));
    }
    for (const row of rows) found.add(row.id);
  }
  return found;
}

function stateOf(entity: SyncEntity, row: Record<string, unknown>): RecordState {
  const clocks = row.clocks as Record<string, string>;
  const fields: Record<string, unknown> = {};
  for (const name of fieldNames(entity)) if (name in clocks) fields[name] = row[name];
  return { fields, clocks, deletedAt: (row.deletedAt as string | null) ?? null };
}

/**
 * Applies a batch of mutations in one transaction. Reads are done in bulk up front, the
 * mutations are merged in memory in order (so later ones in the batch see earlier ones),
 * and every changed record is written once at the end: a batch costs a handful of
 * statements, not a handful per mutation.
 */
export async function pushMutations(db: Db, ctx: PushContext, raw: unknown[]): Promise<PushResponse> {
  return db.transaction(
    async (tx) => {
      const results: MutationResult[] = [];
      const parsed: (Mutation | null)[] = raw.map((item) => {
        const result = mutationSchema.safeParse(item);
        return result.success ? result.data : null;
      });
      const valid = parsed.filter((m): m is Mutation => m !== null);

      const seen = new Set<string>();
      for (const part of chunks(valid.map((m) => m.id))) {
        const rows = await tx
          .select({ id: syncMutations.id })
          .from(syncMutations)
          .where(and(eq(syncMutations.orgId, ctx.orgId), inArray(syncMutations.id, part)));
        for (const row of rows) seen.add(row.id);
      }

      // Current state of every record the batch touches, from any organisation: an id that
      // belongs to another organisation must be refused, not overwritten.
      const working = new Map<string, Working>();
      const foreign = new Set<string>();
      for (const entityName of Object.keys(SYNC_ENTITIES) as PushEntity[]) {
        const entity = SYNC_ENTITIES[entityName];
        const table = entity.table as SyncTable & typeof import("../db/schema").visits;
        const ids = [...new Set(valid.filter((m) => m.entity === entityName).map((m) => m.entityId))];
        for (const part of chunks(ids)) {
          const rows = await tx.select().from(table).where(inArray(table.id, part));
          for (const row of rows) {
            if (row.orgId !== ctx.orgId) foreign.add(row.id);
            else
              working.set(`${entityName}:${row.id}`, {
                entity: entityName,
                id: row.id,
                state: stateOf(entity, row as Record<string, unknown>),
                authorId: row.authorId,
                createdAt: row.createdAt,
                dirty: false,
                locked: entity.lockedBecause?.(row as Record<string, unknown>) ?? null,
              });
          }
        }
      }

      const refsWanted = new Map<RefTarget, Set<string>>();
      for (const m of valid) {
        const entity = SYNC_ENTITIES[m.entity];
        for (const [field, spec] of Object.entries(entity.refs)) {
          const target = refTarget(spec);
          for (const id of refIds(m.fields[field], spec)) {
            if (!refsWanted.has(target)) refsWanted.set(target, new Set());
            refsWanted.get(target)!.add(id);
          }
        }
      }
      const refsKnown = new Map<RefTarget, Set<string>>();
      for (const [target, ids] of refsWanted) refsKnown.set(target, await existingRefs(tx, ctx.orgId, target, [...ids]));

      const now = ctx.now.toISOString();
      const applied: Mutation[] = [];
      for (const [index, m] of parsed.entries()) {
        const itemId = m?.id ?? idOf(raw[index]);
        if (!m) {
          const issues = zodIssues(mutationSchema.safeParse(raw[index]).error!);
          results.push({ id: itemId, status: "rejected", error: { code: "validation_failed", message: describe(issues) } });
          continue;
        }
        if (seen.has(m.id)) {
          results.push({ id: m.id, status: "duplicate" });
          continue;
        }
        try {
          applyOne(m, ctx, working, foreign, refsKnown, now);
          seen.add(m.id);
          applied.push(m);
          results.push({ id: m.id, status: "applied" });
        } catch (err) {
          if (!(err instanceof Rejection)) throw err;
          results.push({ id: m.id, status: "rejected", error: { code: err.code, message: err.message } });
        }
      }

      await writeRecords(tx, ctx, [...working.values()].filter((w) => w.dirty), now);
      for (const part of chunks(applied)) {
        await tx.insert(syncMutations).values(
          part.map((m) => ({ orgId: ctx.orgId, id: m.id, entity: m.entity, entityId: m.entityId, clientId: ctx.clientId, userId: ctx.userId, receivedAt: now })),
        );
      }
      return { results, cursor: formatCursor(await currentSeq(tx)) };
    },
    { behavior: "immediate" },
  );
}

function idOf(item: unknown): string {
  const id = item && typeof item === "object" ? (item as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id.slice(0, 100) : "";
}

function describe(issues: { path: string; message: string }[]) {
  return issues.map((i) => `${i.path}: ${i.message}`).join("; ");
}

function applyOne(
  m: Mutation,
  ctx: PushContext,
  working: Map<string, Working>,
  foreign: Set<string>,
  refsKnown: Map<RefTarget, Set<string>>,
  now: string,
) {
  const entity = SYNC_ENTITIES[m.entity];
  const hlc = parseHlc(m.hlc)!;
  if (hlc.millis > ctx.now.getTime() + MAX_CLOCK_AHEAD_MS) {
    throw new Rejection("clock_ahead", "The device clock is more than 10 minutes ahead of the server; correct the device's time");
  }
  if (!entity.writers.includes(ctx.role)) throw new Rejection("forbidden", `Your role may not change ${m.entity.replace("_", " ")} records`);
  if (foreign.has(m.entityId)) throw new Rejection("not_found", "No such record in this organisation");

  const key = `${m.entity}:${m.entityId}`;
  const current = working.get(key);
  if (current?.locked) throw new Rejection("locked", current.locked);
  if (m.op === "upsert") {
    const checked = partialFields(entity).safeParse(m.fields);
    if (!checked.success) throw new Rejection("validation_failed", describe(zodIssues(checked.error)));
    for (const [field, spec] of Object.entries(entity.refs)) {
      const target = refTarget(spec);
      for (const value of refIds((checked.data as Record<string, unknown>)[field], spec)) {
        const inBatch = target !== "member" && target in SYNC_ENTITIES && working.has(`${target}:${value}`);
        if (!inBatch && !refsKnown.get(target)?.has(value)) {
          throw new Rejection("invalid_reference", `${field} does not name a ${target.replace("_", " ")} of this organisation`);
        }
      }
    }
    m = { ...m, fields: checked.data as Record<string, unknown> };
    const status = m.fields.status as FindingStatus | undefined;
    if (m.entity === "finding" && status && !OPEN_TO_ALL_STATUSES.includes(status) && !TRIAGE_ROLES.includes(ctx.role)) {
      throw new Rejection("forbidden", "Only CX operations or an admin triage findings");
    }
  }
  const { state, changed } = applyChange(current?.state ?? emptyRecord(), m);
  if (!current && m.op === "upsert") {
    const missing = entity.required.filter((name) => state.fields[name] === undefined || state.fields[name] === null);
    if (missing.length > 0) throw new Rejection("missing_fields", `A new ${m.entity.replace("_", " ")} needs: ${missing.join(", ")}`);
  }
  working.set(key, {
    entity: m.entity,
    id: m.entityId,
    state,
    authorId: current?.authorId ?? ctx.userId,
    createdAt: current?.createdAt ?? now,
    dirty: (current?.dirty ?? false) || changed || !current,
    locked: null,
  });
}

/** Upserts every changed record, each with a fresh sequence number, one statement per chunk and table. */
async function writeRecords(tx: Tx, ctx: PushContext, records: Working[], now: string) {
  if (records.length === 0) return;
  let seq = await allocateSeq(tx, records.length);
  const byEntity = new Map<PushEntity, Record<string, unknown>[]>();
  for (const record of records) {
    const entity = SYNC_ENTITIES[record.entity];
    const row: Record<string, unknown> = {
      id: record.id,
      orgId: ctx.orgId,
      authorId: record.authorId,
      createdAt: record.createdAt,
      updatedAt: now,
      seq: seq++,
      clocks: record.state.clocks,
      deletedAt: record.state.deletedAt,
    };
    for (const name of fieldNames(entity)) row[name] = record.state.fields[name] ?? null;
    if (!byEntity.has(record.entity)) byEntity.set(record.entity, []);
    byEntity.get(record.entity)!.push(row);
  }
  for (const [entityName, rows] of byEntity) {
    const table = SYNC_ENTITIES[entityName].table as typeof import("../db/schema").visits;
    const serverOwned = new Set(["id", "orgId", ...(SYNC_ENTITIES[entityName].serverFields ?? [])]);
    const set = Object.fromEntries(
      Object.keys(getTableColumns(table))
        .filter((key) => !serverOwned.has(key))
        .map((key) => [key, sql.raw(`excluded."${toSnakeCase(key)}"`)]),
    );
    for (const part of chunks(rows, 100)) {
      await tx
        .insert(table)
        .values(part as (typeof table.$inferInsert)[])
        .onConflictDoUpdate({ target: table.id, set });
    }
  }
}
