import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { purgeSnapshots } from "../business-cases/snapshots";
import { ARCHIVE_MS, type ArchivedRecord } from "../../shared/archive";
import { restoreState } from "../../shared/sync/merge";
import type { Db } from "../db/client";
import { attachments, history, users } from "../db/schema";
import { serverHlc } from "../experiments/server-clock";
import { ApiError, notFound } from "../http/errors";
import { SYNC_ENTITIES } from "../sync/entities";
import { readRecords, writeRecords, type WriteContext } from "../sync/write";
import { PUSH_ENTITIES, type PushEntity } from "../../shared/sync/constants";

/** The field that names a record of each entity in the archive list. */
const TITLE_FIELD: Record<PushEntity, string> = {
  visit: "notes",
  finding: "saw",
  action: "title",
  mystery_template: "name",
  mystery_shop: "locationId",
  experiment: "title",
  kpi: "name",
  kpi_measurement: "periodStart",
  business_case: "title",
};

/** Every archived record of the organisation that can still be restored. */
export async function archivedRecords(db: Db, orgId: string): Promise<ArchivedRecord[]> {
  const out: ArchivedRecord[] = [];
  for (const entity of PUSH_ENTITIES) {
    const table = SYNC_ENTITIES[entity].table as typeof import("../db/schema").visits;
    // Qualified by its table: users, joined for the name, has a `name` column too.
    const title = sql<string | null>`${table}.${sql.identifier(TITLE_FIELD[entity].replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))}`;
    const rows = await db
      .select({ id: table.id, title, deletedOn: table.deletedOn, deletedBy: table.deletedBy, name: users.name })
      .from(table)
      .leftJoin(users, eq(users.id, table.deletedBy))
      .where(and(eq(table.orgId, orgId), isNotNull(table.deletedAt), isNull(table.purgedOn)))
      .orderBy(desc(table.deletedOn));
    for (const row of rows) {
      const deletedAt = row.deletedOn ?? new Date(0).toISOString();
      out.push({
        entity,
        entityId: row.id,
        title: String(row.title ?? ""),
        deletedAt,
        deletedBy: { id: row.deletedBy ?? "", name: row.name ?? "" },
        purgeableFrom: new Date(Date.parse(deletedAt) + ARCHIVE_MS).toISOString(),
      });
    }
  }
  return out.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

async function archived(tx: Parameters<typeof readRecords>[0], orgId: string, entity: PushEntity, id: string) {
  const stored = (await readRecords(tx, orgId, entity, [id])).get(id);
  if (!stored || stored.purgedOn) throw notFound();
  if (stored.state.deletedAt === null) throw new ApiError(409, "not_archived", "This record is not in the archive");
  return stored;
}

/**
 * Brings an archived record back: an ordinary synced change (a restore clock later than the
 * delete), so every device shows it again after its next pull, and the history says who.
 */
export async function restoreRecord(db: Db, ctx: WriteContext, entity: PushEntity, id: string) {
  await db.transaction(
    async (tx) => {
      const before = await archived(tx, ctx.orgId, entity, id);
      // A tombstone of something that was never complete (older servers accepted a bare delete) is no record to bring back.
      const missing = SYNC_ENTITIES[entity].required.filter((name) => before.state.fields[name] === undefined || before.state.fields[name] === null);
      if (missing.length > 0) throw new ApiError(409, "incomplete", `This archived ${entity.replace("_", " ")} lacks ${missing.join(", ")} and cannot be restored`);
      const hlc = serverHlc(ctx.now.getTime(), [before.state.deletedAt ?? undefined, before.state.restoredAt ?? undefined, ...Object.values(before.state.clocks)]);
      await writeRecords(tx, ctx, [{ entity, id, before, state: restoreState(before.state, hlc) }]);
    },
    { behavior: "immediate" },
  );
}

/**
 * Erases an archived record's content for good, once it has been in the archive for 90 days.
 * The tombstone stays (so no device can bring it back) and so does one history line saying who
 * purged it; the older lines lose their field values with the record, a finding its photos.
 */
export async function purgeRecord(db: Db, ctx: WriteContext, entity: PushEntity, id: string) {
  await db.transaction(
    async (tx) => {
      const before = await archived(tx, ctx.orgId, entity, id);
      const since = Date.parse(before.deletedOn ?? "");
      if (Number.isFinite(since) && ctx.now.getTime() - since < ARCHIVE_MS) {
        throw new ApiError(409, "too_recent", `An archived record can be purged ${ARCHIVE_MS / 86_400_000} days after it was archived, from ${new Date(since + ARCHIVE_MS).toISOString().slice(0, 10)}`);
      }
      await tx
        .update(history)
        .set({ fields: {} })
        .where(and(eq(history.orgId, ctx.orgId), eq(history.entity, entity), eq(history.entityId, id)));
      await writeRecords(tx, ctx, [
        { entity, id, before, state: { fields: {}, clocks: {}, deletedAt: before.state.deletedAt }, op: "purge", purgedOn: ctx.now.toISOString() },
      ]);
      if (entity === "business_case") await purgeSnapshots(tx, ctx.orgId, id);
      // A finding's photos go with it, unless another finding of the organisation shows them too.
      const photos = entity === "finding" && Array.isArray(before.state.fields.photos) ? (before.state.fields.photos as string[]) : [];
      for (const sha256 of photos) {
        const shared = await tx.all(sql`select 1 from findings, json_each(findings.photos) where findings.org_id = ${ctx.orgId} and findings.id != ${id} and json_each.value = ${sha256} limit 1`);
        if (shared.length === 0) await tx.delete(attachments).where(and(eq(attachments.orgId, ctx.orgId), eq(attachments.sha256, sha256)));
      }
    },
    { behavior: "immediate" },
  );
}
