import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq } from "drizzle-orm";
import { historyResponse, type HistoryEntry } from "../../../shared/history";
import type { Db } from "../../db/client";
import { history, users } from "../../db/schema";
import { notFound } from "../../http/errors";
import { apiRouter, errors, json, ORG_ERRORS } from "../../http/openapi";
import { readRecords, SETTING_TABLES, type SettingEntity } from "../../sync/write";
import { PUSH_ENTITIES, type PushEntity } from "../../../shared/sync/constants";

const SETTING_ENTITIES = Object.keys(SETTING_TABLES) as SettingEntity[];
const isRecord = (name: string): name is PushEntity => (PUSH_ENTITIES as readonly string[]).includes(name);

/** Whether the organisation has (or had: archived ones count) this record or setting. */
async function exists(db: Db, orgId: string, entity: PushEntity | SettingEntity, id: string): Promise<boolean> {
  if (isRecord(entity)) return (await readRecords(db, orgId, entity, [id])).has(id);
  const table = SETTING_TABLES[entity] as typeof SETTING_TABLES.location;
  const rows = await db.select({ id: table.id }).from(table).where(and(eq(table.orgId, orgId), eq(table.id, id)));
  return rows.length > 0;
}

const recordHistory = createRoute({
  method: "get",
  path: "/{entity}/{entityId}",
  tags: ["Trust"],
  summary: "Every change of one record or setting, newest first: who changed which field from what to what",
  request: { params: z.object({ entity: z.enum([...PUSH_ENTITIES, ...SETTING_ENTITIES]), entityId: z.uuid() }) },
  responses: { 200: json(historyResponse, "The changes"), ...errors(...ORG_ERRORS) },
});

/**
 * GET /history/:entity/:entityId — every change of one record (or setting: location,
 * journey_stage, segment, theme), newest first. Every member
 * reads every record of the organisation (archived ones too, so a restore can be judged);
 * another organisation's record, or an unknown one, is a 404 like every organisation route.
 */
export function historyRoutes(db: Db) {
  return apiRouter().openapi(recordHistory, async (c) => {
    const { entity, entityId } = c.req.valid("param");
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
    return c.json({ entries }, 200);
  });
}
