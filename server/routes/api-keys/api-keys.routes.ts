import { randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, isNull } from "drizzle-orm";
import { apiKeyCreate } from "../../../shared/schemas/api-key";
import { newApiKey } from "../../auth/api-keys";
import type { Db } from "../../db/client";
import { apiKeys, users } from "../../db/schema";
import { notFound } from "../../http/errors";
import { requireAbility } from "../../http/guards";
import { apiRouter, errors, json, jsonBody, ORG_ERRORS } from "../../http/openapi";
import { logEvent } from "../../http/request-log";

/**
 * API keys with which machines send KPI measurements (`POST …/kpis/:kpiId/measurements`, see
 * kpi-feed.routes.ts). Admins make, list and revoke them; a key is shown once, in the answer
 * that makes it, and stored only as its hash. Revoked keys stay in the list, marked so.
 */

const ApiKey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().describe("The key's first characters, to tell keys apart (never the whole key)"),
    createdAt: z.string(),
    createdBy: z.object({ id: z.string(), name: z.string() }),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "ApiKey" });
type ApiKey = z.infer<typeof ApiKey>;

const listKeys = createRoute({
  method: "get",
  path: "/",
  tags: ["API keys"],
  summary: "The organisation's API keys, newest first, revoked ones too (admins); never the keys themselves",
  middleware: [requireAbility("manage_api_keys")] as const,
  responses: { 200: json(z.object({ apiKeys: z.array(ApiKey) }), "The keys"), ...errors(...ORG_ERRORS, 403) },
});

const createKey = createRoute({
  method: "post",
  path: "/",
  tags: ["API keys"],
  summary: "Make an API key for the KPI feed (admins); the answer holds the key, which nothing shows again",
  middleware: [requireAbility("manage_api_keys")] as const,
  request: { body: jsonBody(apiKeyCreate) },
  responses: {
    201: json(z.object({ apiKey: ApiKey, key: z.string().describe("The key, for `Authorization: Bearer <key>`; only this answer shows it") }), "Made"),
    ...errors(...ORG_ERRORS, 403),
  },
});

const revokeKey = createRoute({
  method: "delete",
  path: "/{keyId}",
  tags: ["API keys"],
  summary: "Revoke an API key (admins): from now on it is refused",
  middleware: [requireAbility("manage_api_keys")] as const,
  request: { params: z.object({ keyId: z.uuid() }) },
  responses: { 204: { description: "Revoked (or revoked already)" }, ...errors(...ORG_ERRORS, 403) },
});

const keyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  createdById: apiKeys.createdBy,
  createdByName: users.name,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};
const shape = ({ createdById, createdByName, ...key }: { createdById: string; createdByName: string } & Omit<ApiKey, "createdBy">): ApiKey => ({
  ...key,
  createdBy: { id: createdById, name: createdByName },
});

/** Mounted under /api/orgs/:orgId/api-keys. */
export function apiKeyRoutes(db: Db) {
  return apiRouter()
    .openapi(listKeys, async (c) => {
      const rows = await db
        .select(keyColumns)
        .from(apiKeys)
        .innerJoin(users, eq(users.id, apiKeys.createdBy))
        .where(eq(apiKeys.orgId, c.get("orgId")))
        .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
      return c.json({ apiKeys: rows.map(shape) }, 200);
    })
    .openapi(createKey, async (c) => {
      const { name } = c.req.valid("json");
      const user = c.get("session").user;
      const { key, prefix, tokenHash } = newApiKey();
      const apiKey: ApiKey = { id: randomUUID(), name, prefix, createdAt: new Date().toISOString(), createdBy: { id: user.id, name: user.name }, lastUsedAt: null, revokedAt: null };
      await db.insert(apiKeys).values({ id: apiKey.id, orgId: c.get("orgId"), name, prefix, tokenHash, createdBy: user.id, createdAt: apiKey.createdAt });
      logEvent(c, "api_key_created", { apiKeyId: apiKey.id, name, prefix });
      return c.json({ apiKey, key }, 201);
    })
    .openapi(revokeKey, async (c) => {
      const id = c.req.valid("param").keyId;
      const orgId = c.get("orgId");
      const [found] = await db.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, orgId)));
      if (!found) throw notFound();
      // Revoking twice is the same as once: the first time stands.
      const result = await db
        .update(apiKeys)
        .set({ revokedAt: new Date().toISOString() })
        .where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, orgId), isNull(apiKeys.revokedAt)));
      if (result.rowsAffected > 0) logEvent(c, "api_key_revoked", { apiKeyId: id });
      return c.body(null, 204);
    });
}
