import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import type { HistoryEntry, HistoryResponse } from "../../../shared/history";
import type { Db } from "../../db/client";
import { history, users } from "../../db/schema";
import type { AppEnv } from "../../http/env";
import { notFound } from "../../http/errors";
import { uuidParam } from "../../http/validate";
import { readRecords, SETTING_TABLES, type SettingEntity } from "../../sync/write";
import { PUSH_ENTITIES, type PushEntity } from "../../../shared/sync/constants";

const isRecord = (name: string): name is PushEntity => (PUSH_ENTITIES as readonly string[]).includes(name);
const isSetting = (name: string): name is SettingEntity => Object.hasOwn(SETTING_TABLES, name);

/** Whether the organisation has (or had: archived ones count) this record or setting. */
async function exists(db: Db, orgId: string, entity: string, id: string): Promise<boolean> {
  if (isRecord(entity)) return (await readRecords(db, orgId, entity, [id])).has(id);
  if (!isSetting(entity)) return false;
  const table = SETTING_TABLES[entity] as typeof SETTING_TABLES.location;
  const rows = await db.select({ id: table.id }).from(table).where(and(eq(table.orgId, orgId), eq(table.id, id)));
  return rows.length > 0;
}

/**
 * GET /history/:entity/:entityId — every change of one record (or setting: location,
 * journey_stage, segment, theme), newest first. Every member
 * reads every record of the organisation (archived ones too, so a restore can be judged);
 * another organisation's record, or an unknown one, is a 404 like every organisation route.
 */
export function historyRoutes(db: Db) {
  return new Hono<AppEnv>().get("/:entity/:entityId", async (c) => {
    const entity = c.req.param("entity");
    const entityId = uuidParam(c, "entityId");
    const orgId = c.get("orgId");
    if (!(await exists(db, orgId, entity, entityId))) throw notFound();
    const rows = await db
      .select({ at: history.at, userId: history.userId, name: users.name, op: history.op, fields: history.fields, conflict: history.conflict })
      .from(history)
      .leftJoin(users, eq(users.id, history.userId))
      .where(and(eq(history.orgId, orgId), eq(history.entity, entity), eq(history.entityId, entityId)))
      .orderBy(desc(history.id));
    const entries: HistoryEntry[] = rows.map((row) => ({
      at: row.at,
      by: { id: row.userId, name: row.name ?? "" },
      op: row.op,
      fields: row.fields,
      ...(row.conflict ? { conflict: true as const } : {}),
    }));
    return c.json({ entries } satisfies HistoryResponse);
  });
}
