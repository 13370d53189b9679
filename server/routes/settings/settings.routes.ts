import { randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq, inArray, isNull, max } from "drizzle-orm";
import type { Context } from "hono";
import {
  journeyStageCreate,
  journeyStageItem,
  journeyStageOrder,
  journeyStagePatch,
  locationCreate,
  locationItem,
  locationPatch,
  segmentCreate,
  segmentItem,
  segmentPatch,
  themeCreate,
  themeItem,
  themePatch,
} from "../../../shared/schemas/settings";
import type { Db } from "../../db/client";
import type { Writer } from "../../orgs/create";
import { writeSettings, type SettingEntity } from "../../sync/write";
import { journeyStages, locations, segments, themes } from "../../db/schema";
import type { AppEnv } from "../../http/env";
import { ApiError, notFound } from "../../http/errors";
import { requireAbility } from "../../http/guards";
import { apiRouter, errors, json, jsonBody, ORG_ERRORS } from "../../http/openapi";

type SettingTable = typeof locations | typeof journeyStages | typeof segments | typeof themes;
type Row<T extends SettingTable> = T["$inferSelect"];

interface SettingNoun<T extends SettingTable, C extends z.ZodType, P extends z.ZodType, I extends z.ZodType> {
  entity: SettingEntity;
  table: T;
  create: C;
  patch: P;
  /** The wire shape of one (what `toWire` makes of a row). */
  item: I;
  /** What the document calls them ("locations"). */
  plural: string;
  /** Extra column values a new row needs beyond its body (the stage position, say). */
  newRowExtras?: (tx: Writer, orgId: string) => Promise<Partial<Row<T>>>;
}

/** Who changes a setting, for its history. */
interface Author {
  orgId: string;
  userId: string;
}

/** The wire shape: the row without tenant, sequence and archive timestamp, with an archived flag. */
function toWire<T extends SettingTable>(row: Row<T>) {
  const { orgId: _org, seq: _seq, archivedAt, ...rest } = row;
  return { ...rest, archived: archivedAt !== null };
}

const ArchivedQuery = z.object({ archived: z.string().optional().describe('"include": archived ones too') });
const SettingId = z.object({ id: z.uuid() });

/** The routes every setting has: list for all members, create and change for admins. */
function settingDeclarations<C extends z.ZodType, P extends z.ZodType, I extends z.ZodType>(noun: SettingNoun<SettingTable, C, P, I>) {
  const tags = ["Settings"];
  return {
    list: createRoute({
      method: "get",
      path: "/",
      tags,
      summary: `The organisation's ${noun.plural}`,
      request: { query: ArchivedQuery },
      responses: { 200: json(z.object({ items: z.array(noun.item) }), "Live ones (archived too with archived=include), by name or position"), ...errors(...ORG_ERRORS) },
    }),
    create: createRoute({
      method: "post",
      path: "/",
      tags,
      summary: `Add to the ${noun.plural} (admins)`,
      middleware: [requireAbility("manage_settings")] as const,
      request: { body: jsonBody(noun.create) },
      responses: { 201: json(noun.item, "Created"), ...errors(...ORG_ERRORS, 403) },
    }),
    change: createRoute({
      method: "patch",
      path: "/{id}",
      tags,
      summary: `Rename, change or (un)archive one of the ${noun.plural} (admins)`,
      middleware: [requireAbility("manage_settings")] as const,
      request: { params: SettingId, body: jsonBody(noun.patch) },
      responses: { 200: json(noun.item, "As changed"), ...errors(...ORG_ERRORS, 403) },
    }),
  };
}

/**
 * What every organisation setting (locations, journey stages, segments, themes) can do, always
 * inside the caller's org: the declarations and the reads and writes behind them. Each noun's
 * router chains them itself, so its answers are typed by its own wire schema.
 */
function setting<T extends SettingTable, C extends z.ZodType, P extends z.ZodType, I extends z.ZodType>(db: Db, noun: SettingNoun<T, C, P, I>) {
  // The four tables share these columns; drizzle cannot see that through the union type.
  const table = noun.table as typeof locations;
  const orderBy = "position" in noun.table ? asc(journeyStages.position) : asc(table.name);

  async function findOne(orgId: string, id: string, reader: Writer = db) {
    const [row] = await reader.select().from(table).where(and(eq(table.id, id), eq(table.orgId, orgId)));
    if (!row) throw notFound();
    return row as Row<T>;
  }

  return {
    routes: settingDeclarations(noun),

    async list(orgId: string, query: z.output<typeof ArchivedQuery>) {
      const scope = eq(table.orgId, orgId);
      const rows = await db
        .select()
        .from(table)
        .where(query.archived === "include" ? scope : and(scope, isNull(table.archivedAt)))
        .orderBy(orderBy);
      return { items: rows.map((row) => toWire(row as Row<T>)) };
    },

    async create({ orgId, userId }: Author, body: object) {
      const now = new Date().toISOString();
      // Sequence number and row in one transaction, so no pull can pass the number first.
      const row = await db.transaction(
        async (tx) => {
          const extras = noun.newRowExtras ? await noun.newRowExtras(tx, orgId) : {};
          const row = { ...body, ...extras, id: randomUUID(), orgId, archivedAt: null, createdAt: now, updatedAt: now };
          await writeSettings(tx, { orgId, userId, now: new Date(now) }, [{ entity: noun.entity, before: null, after: row }]);
          return row;
        },
        { behavior: "immediate" },
      );
      return toWire(row as Row<T>);
    },

    async change({ orgId, userId }: Author, id: string, body: { archived?: boolean }) {
      const { archived, ...changes } = body;
      await db.transaction(
        async (tx) => {
          // Read inside the write lock, so the history's "from" is what this change replaced.
          const current = await findOne(orgId, id, tx);
          const set: Record<string, unknown> = { ...changes, updatedAt: new Date().toISOString() };
          if (archived !== undefined) set.archivedAt = archived ? (current.archivedAt ?? set.updatedAt) : null;
          await writeSettings(tx, { orgId, userId, now: new Date() }, [{ entity: noun.entity, before: current, after: { ...current, ...set } }]);
        },
        { behavior: "immediate" },
      );
      return toWire(await findOne(orgId, id));
    },
  };
}

const author = (c: Context<AppEnv>): Author => ({ orgId: c.get("orgId"), userId: c.get("session").user.id });

export function locationRoutes(db: Db) {
  const noun = setting(db, { entity: "location", table: locations, create: locationCreate, patch: locationPatch, item: locationItem, plural: "locations" });
  return apiRouter()
    .openapi(noun.routes.list, async (c) => c.json(await noun.list(c.get("orgId"), c.req.valid("query")), 200))
    .openapi(noun.routes.create, async (c) => c.json(await noun.create(author(c), c.req.valid("json")), 201))
    .openapi(noun.routes.change, async (c) => c.json(await noun.change(author(c), c.req.valid("param").id, c.req.valid("json")), 200));
}

export function segmentRoutes(db: Db) {
  const noun = setting(db, { entity: "segment", table: segments, create: segmentCreate, patch: segmentPatch, item: segmentItem, plural: "segments" });
  return apiRouter()
    .openapi(noun.routes.list, async (c) => c.json(await noun.list(c.get("orgId"), c.req.valid("query")), 200))
    .openapi(noun.routes.create, async (c) => c.json(await noun.create(author(c), c.req.valid("json")), 201))
    .openapi(noun.routes.change, async (c) => c.json(await noun.change(author(c), c.req.valid("param").id, c.req.valid("json")), 200));
}

export function themeRoutes(db: Db) {
  const noun = setting(db, { entity: "theme", table: themes, create: themeCreate, patch: themePatch, item: themeItem, plural: "themes" });
  return apiRouter()
    .openapi(noun.routes.list, async (c) => c.json(await noun.list(c.get("orgId"), c.req.valid("query")), 200))
    .openapi(noun.routes.create, async (c) => c.json(await noun.create(author(c), c.req.valid("json")), 201))
    .openapi(noun.routes.change, async (c) => c.json(await noun.change(author(c), c.req.valid("param").id, c.req.valid("json")), 200));
}

const reorderStages = createRoute({
  method: "put",
  path: "/order",
  tags: ["Settings"],
  summary: "Put the journey stages in a new order (admins): the full list of the organisation's stage ids",
  middleware: [requireAbility("manage_settings")] as const,
  request: { body: jsonBody(journeyStageOrder) },
  responses: { 200: json(z.object({ items: z.array(journeyStageItem) }), "The stages in their new order"), ...errors(...ORG_ERRORS, 403) },
});

export function journeyStageRoutes(db: Db) {
  const noun = setting(db, {
    entity: "journey_stage",
    table: journeyStages,
    create: journeyStageCreate,
    patch: journeyStagePatch,
    item: journeyStageItem,
    plural: "journey stages",
    newRowExtras: async (tx, orgId) => {
      const [last] = await tx.select({ position: max(journeyStages.position) }).from(journeyStages).where(eq(journeyStages.orgId, orgId));
      return { position: (last?.position ?? -1) + 1 };
    },
  });
  return apiRouter()
    .openapi(noun.routes.list, async (c) => c.json(await noun.list(c.get("orgId"), c.req.valid("query")), 200))
    .openapi(noun.routes.create, async (c) => c.json(await noun.create(author(c), c.req.valid("json")), 201))
    .openapi(noun.routes.change, async (c) => c.json(await noun.change(author(c), c.req.valid("param").id, c.req.valid("json")), 200))
    .openapi(reorderStages, async (c) => c.json({ items: await reorder(db, author(c), c.req.valid("json").ids) }, 200));
}

/** Reordering sends the full order of the organisation's stages, so it cannot leave gaps or ties. */
async function reorder(db: Db, { orgId, userId }: Author, ids: string[]) {
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
        { orgId, userId, now: new Date(now) },
        ids.map((id, position) => ({ entity: "journey_stage" as const, before: byId.get(id)!, after: { ...byId.get(id)!, position } })),
      );
    },
    { behavior: "immediate" },
  );
  const rows = await db.select().from(journeyStages).where(and(eq(journeyStages.orgId, orgId), inArray(journeyStages.id, ids))).orderBy(asc(journeyStages.position));
  return rows.map((row) => toWire<typeof journeyStages>(row));
}
