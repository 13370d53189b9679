import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, max } from "drizzle-orm";
import { Hono } from "hono";
import type { z } from "zod";
import {
  journeyStageCreate,
  journeyStageOrder,
  journeyStagePatch,
  locationCreate,
  locationPatch,
  segmentCreate,
  segmentPatch,
  themeCreate,
  themePatch,
} from "../../../shared/schemas/settings";
import type { Db } from "../../db/client";
import type { Writer } from "../../orgs/create";
import { writeSettings, type SettingEntity } from "../../sync/write";
import { journeyStages, locations, segments, themes } from "../../db/schema";
import type { AppEnv } from "../../http/env";
import { ApiError, notFound } from "../../http/errors";
import { requireAbility } from "../../http/guards";
import { readBody, uuidParam } from "../../http/validate";

type SettingTable = typeof locations | typeof journeyStages | typeof segments | typeof themes;
type Row<T extends SettingTable> = T["$inferSelect"];

interface SettingNoun<T extends SettingTable, C extends z.ZodType, P extends z.ZodType> {
  entity: SettingEntity;
  table: T;
  create: C;
  patch: P;
  /** Extra column values a new row needs beyond its body (the stage position, say). */
  newRowExtras?: (tx: Writer, orgId: string) => Promise<Partial<Row<T>>>;
}

/** The wire shape: the row without tenant, sequence and archive timestamp, with an archived flag. */
function toWire<T extends SettingTable>(row: Row<T>) {
  const { orgId: _org, seq: _seq, archivedAt, ...rest } = row;
  return { ...rest, archived: archivedAt !== null };
}

/**
 * One router for every organisation setting (locations, journey stages, segments, themes):
 * list for all members, create/rename/archive for admins, always inside the caller's org.
 */
function settingRoutes<T extends SettingTable, C extends z.ZodType, P extends z.ZodType>(db: Db, noun: SettingNoun<T, C, P>) {
  // The four tables share these columns; drizzle cannot see that through the union type.
  const table = noun.table as typeof locations;
  const orderBy = "position" in noun.table ? asc(journeyStages.position) : asc(table.name);

  async function findOne(orgId: string, id: string, reader: Writer = db) {
    const [row] = await reader.select().from(table).where(and(eq(table.id, id), eq(table.orgId, orgId)));
    if (!row) throw notFound();
    return row as Row<T>;
  }

  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const includeArchived = c.req.query("archived") === "include";
      const scope = eq(table.orgId, c.get("orgId"));
      const rows = await db
        .select()
        .from(table)
        .where(includeArchived ? scope : and(scope, isNull(table.archivedAt)))
        .orderBy(orderBy);
      return c.json({ items: rows.map((row) => toWire(row as Row<T>)) });
    })
    .post("/", requireAbility("manage_settings"), async (c) => {
      const body = (await readBody(c, noun.create)) as object;
      const orgId = c.get("orgId");
      const now = new Date().toISOString();
      // Sequence number and row in one transaction, so no pull can pass the number first.
      const row = await db.transaction(
        async (tx) => {
          const extras = noun.newRowExtras ? await noun.newRowExtras(tx, orgId) : {};
          const row = { ...body, ...extras, id: randomUUID(), orgId, archivedAt: null, createdAt: now, updatedAt: now };
          await writeSettings(tx, { orgId, userId: c.get("session").user.id, now: new Date(now) }, [{ entity: noun.entity, before: null, after: row }]);
          return row;
        },
        { behavior: "immediate" },
      );
      return c.json(toWire(row as Row<T>), 201);
    })
    .patch("/:id", requireAbility("manage_settings"), async (c) => {
      const id = uuidParam(c, "id");
      const { archived, ...changes } = (await readBody(c, noun.patch)) as { archived?: boolean };
      const orgId = c.get("orgId");
      await db.transaction(
        async (tx) => {
          // Read inside the write lock, so the history's "from" is what this change replaced.
          const current = await findOne(orgId, id, tx);
          const set: Record<string, unknown> = { ...changes, updatedAt: new Date().toISOString() };
          if (archived !== undefined) set.archivedAt = archived ? (current.archivedAt ?? set.updatedAt) : null;
          await writeSettings(tx, { orgId, userId: c.get("session").user.id, now: new Date() }, [{ entity: noun.entity, before: current, after: { ...current, ...set } }]);
        },
        { behavior: "immediate" },
      );
      return c.json(toWire(await findOne(orgId, id)));
    });
}

export function locationRoutes(db: Db) {
  return settingRoutes(db, { entity: "location", table: locations, create: locationCreate, patch: locationPatch });
}

export function segmentRoutes(db: Db) {
  return settingRoutes(db, { entity: "segment", table: segments, create: segmentCreate, patch: segmentPatch });
}

export function themeRoutes(db: Db) {
  return settingRoutes(db, { entity: "theme", table: themes, create: themeCreate, patch: themePatch });
}

export function journeyStageRoutes(db: Db) {
  const router = settingRoutes(db, {
    entity: "journey_stage",
    table: journeyStages,
    create: journeyStageCreate,
    patch: journeyStagePatch,
    newRowExtras: async (tx, orgId) => {
      const [last] = await tx.select({ position: max(journeyStages.position) }).from(journeyStages).where(eq(journeyStages.orgId, orgId));
      return { position: (last?.position ?? -1) + 1 };
    },
  });
  // Reordering sends the full order of the organisation's stages, so it cannot leave gaps or ties.
  return router.put("/order", requireAbility("manage_settings"), async (c) => {
    const { ids } = await readBody(c, journeyStageOrder);
    const orgId = c.get("orgId");
    const now = new Date().toISOString();
    await db.transaction(
      async (tx) => {
        const stages = await tx.select().from(journeyStages).where(eq(journeyStages.orgId, orgId));
        const known = new Set(stages.map((s) => s.id));
        if (ids.length !== known.size || new Set(ids).size !== ids.length || !ids.every((id) => known.has(id))) {
          throw new ApiError(400, "validation_failed", "The order must list every journey stage of the organisation exactly once", [
            { path: "ids", message: "Must be a permutation of the organisation's stage ids" },
          ]);
        }
        const byId = new Map(stages.map((stage) => [stage.id, stage]));
        await writeSettings(
          tx,
          { orgId, userId: c.get("session").user.id, now: new Date(now) },
          ids.map((id, position) => ({ entity: "journey_stage" as const, before: byId.get(id)!, after: { ...byId.get(id)!, position } })),
        );
      },
      { behavior: "immediate" },
    );
    const rows = await db.select().from(journeyStages).where(and(eq(journeyStages.orgId, orgId), inArray(journeyStages.id, ids))).orderBy(asc(journeyStages.position));
    return c.json({ items: rows.map(toWire) });
  });
}
