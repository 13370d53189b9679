import { Hono } from "hono";
import type { ArchiveResponse } from "../../../shared/archive";
import { archivedRecords, purgeRecord, restoreRecord } from "../../archive/archive";
import type { Db } from "../../db/client";
import type { AppEnv } from "../../http/env";
import { notFound } from "../../http/errors";
import { requireAbility } from "../../http/guards";
import { uuidParam } from "../../http/validate";
import { PUSH_ENTITIES, type PushEntity } from "../../../shared/sync/constants";

function entityParam(name: string): PushEntity {
  if (!(PUSH_ENTITIES as readonly string[]).includes(name)) throw notFound();
  return name as PushEntity;
}

/** The archive: deleted records, restorable by an admin for 90 days, purgeable after that. */
export function archiveRoutes(db: Db) {
  return new Hono<AppEnv>()
    .use(requireAbility("manage_archive"))
    .get("/", async (c) => c.json({ records: await archivedRecords(db, c.get("orgId")) } satisfies ArchiveResponse))
    .post("/:entity/:id/restore", async (c) => {
      const entity = entityParam(c.req.param("entity"));
      const id = uuidParam(c, "id");
      await restoreRecord(db, { orgId: c.get("orgId"), userId: c.get("session").user.id, now: new Date() }, entity, id);
      return c.json({ entity, entityId: id, restored: true });
    })
    .post("/:entity/:id/purge", async (c) => {
      const entity = entityParam(c.req.param("entity"));
      const id = uuidParam(c, "id");
      await purgeRecord(db, { orgId: c.get("orgId"), userId: c.get("session").user.id, now: new Date() }, entity, id);
      return c.json({ entity, entityId: id, purged: true });
    });
}
