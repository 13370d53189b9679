import { logEvent } from "../../http/request-log";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { archiveResponse } from "../../../shared/archive";
import { archivedRecords, purgeRecord, restoreRecord } from "../../archive/archive";
import type { Db } from "../../db/client";
import type { AppEnv } from "../../http/env";
import { requireAbility } from "../../http/guards";
import { apiRouter, errors, json, ORG_ERRORS } from "../../http/openapi";
import { PUSH_ENTITIES } from "../../../shared/sync/constants";

const tags = ["Trust"];
const ArchivedId = z.object({ entity: z.enum(PUSH_ENTITIES), id: z.uuid() });
const Entity = z.enum(PUSH_ENTITIES);

const list = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Archived records that can still be restored, most recently archived first (admins)",
  middleware: [requireAbility("manage_archive")] as const,
  responses: { 200: json(archiveResponse, "The archive"), ...errors(...ORG_ERRORS, 403) },
});

const restore = createRoute({
  method: "post",
  path: "/{entity}/{id}/restore",
  tags,
  summary: "Bring an archived record back on every device (admins)",
  middleware: [requireAbility("manage_archive")] as const,
  request: { params: ArchivedId },
  responses: {
    200: json(z.object({ entity: Entity, entityId: z.uuid(), restored: z.literal(true) }), "Restored"),
    ...errors(...ORG_ERRORS, 403, 409),
  },
});

const purge = createRoute({
  method: "post",
  path: "/{entity}/{id}/purge",
  tags,
  summary: "Erase an archived record's content for good, 90 days after it was archived (admins)",
  middleware: [requireAbility("manage_archive")] as const,
  request: { params: ArchivedId },
  responses: {
    200: json(z.object({ entity: Entity, entityId: z.uuid(), purged: z.literal(true) }), "Purged"),
    ...errors(...ORG_ERRORS, 403, 409),
  },
});

/** The archive: deleted records, restorable by an admin for 90 days, purgeable after that. */
export function archiveRoutes(db: Db) {
  const by = (c: Context<AppEnv>) => ({ orgId: c.get("orgId"), userId: c.get("session").user.id, now: new Date() });
  return apiRouter()
    .openapi(list, async (c) => c.json({ records: await archivedRecords(db, c.get("orgId")) }, 200))
    .openapi(restore, async (c) => {
      const { entity, id } = c.req.valid("param");
      await restoreRecord(db, by(c), entity, id);
      logEvent(c, "archive_restored", { entity, entityId: id });
      return c.json({ entity, entityId: id, restored: true as const }, 200);
    })
    .openapi(purge, async (c) => {
      const { entity, id } = c.req.valid("param");
      await purgeRecord(db, by(c), entity, id);
      logEvent(c, "archive_purged", { entity, entityId: id });
      return c.json({ entity, entityId: id, purged: true as const }, 200);
    });
}
