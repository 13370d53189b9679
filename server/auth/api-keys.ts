import { and, eq, isNull, lt, or } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import type { Db } from "../db/client";
import { apiKeys } from "../db/schema";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../http/env";
import { requireAbility, requireMember, requireUser } from "../http/guards";
import { logEvent } from "../http/request-log";
import { hashToken, newToken } from "./tokens";

/** Every key starts so, which makes a leaked key easy to recognise (and to scan for). */
export const API_KEY_PREFIX = "csk_";
/** How much of a key the list shows: the prefix and 8 random characters. */
const VISIBLE = API_KEY_PREFIX.length + 8;
/** Longer than any key we make: a longer bearer is not looked up. */
const KEY_MAX = 100;
/** `last_used_at` is written at most this often per key. */
const TOUCH_EVERY_MS = 60_000;

/** A new key (256 random bits): the key itself, to show once, and what is stored. */
export function newApiKey() {
  const key = `${API_KEY_PREFIX}${newToken()}`;
  return { key, prefix: key.slice(0, VISIBLE), tokenHash: hashToken(key) };
}

/** The live (not revoked) key that `key` is, or undefined. */
async function findLiveKey(db: Db, key: string) {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > KEY_MAX) return undefined;
  const [found] = await db
    .select({ id: apiKeys.id, orgId: apiKeys.orgId, createdBy: apiKeys.createdBy })
    .from(apiKeys)
    .where(and(eq(apiKeys.tokenHash, hashToken(key)), isNull(apiKeys.revokedAt)));
  return found;
}

/** Marks the key used, unless it was marked within the last minute (one cheap write, not one per request). */
async function touch(db: Db, id: string, now: Date) {
  const recently = new Date(now.getTime() - TOUCH_EVERY_MS).toISOString();
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now.toISOString() })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, recently))));
}

const invalidKey = () =>
  new ApiError(401, "invalid_api_key", "The API key is missing, unknown or revoked: send `Authorization: Bearer <key>` with a key an admin of this organisation made");

/**
 * Who may write to the KPI feed: a request with `Authorization: Bearer <key>` is judged by the
 * key alone (a cookie beside it is ignored), and the key must be a live key of the organisation
 * in the path; anything else about it is the same 401, so a key says nothing about other
 * organisations. A request without the header is an ordinary member request: a session of
 * someone who may import measurements (the CSV import's rule).
 *
 * The feed router is mounted before the organisation's routes, so the session middleware there
 * never runs for it: this is the only check a feed request passes.
 */
export const requireFeedWriter = (db: Db) => {
  const asMember = [requireUser(db), requireMember(), requireAbility("import_measurements")];
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization");
    if (header === undefined) {
      const run = (i: number): Promise<void> => (i === asMember.length ? next() : asMember[i]!(c, () => run(i + 1)).then(() => undefined));
      return run(0);
    }
    const key = /^Bearer +(\S+) *$/i.exec(header)?.[1];
    const found = key ? await findLiveKey(db, key) : undefined;
    if (!found || found.orgId !== c.req.param("orgId")) {
      c.header("WWW-Authenticate", 'Bearer realm="chefsache", error="invalid_token"');
      logEvent(c, "api_key_refused", { path: c.req.path, prefix: key?.startsWith(API_KEY_PREFIX) ? key.slice(0, VISIBLE) : undefined });
      throw invalidKey();
    }
    c.set("orgId", found.orgId);
    c.set("apiKey", { id: found.id, createdBy: found.createdBy });
    await touch(db, found.id, new Date());
    await next();
  });
};
