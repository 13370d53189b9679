import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { canDo, type OrgAbility } from "../../shared/permissions";
import { loadSession } from "../auth/sessions";
import { requestHost } from "./client";
import { logEvent } from "./request-log";
import type { Context } from "hono";
import type { Db } from "../db/client";
import type { AppEnv } from "./env";
import { forbidden, notFound, unauthenticated } from "./errors";

export const requireUser = (db: Db) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const session = await loadSession(db, c);
    if (!session) throw unauthenticated();
    c.set("session", session);
    await next();
  });

/**
 * The tenant boundary: every `/api/orgs/:orgId/…` route passes here. A caller who is not
 * a member gets the same 404 as for an organisation that does not exist, so ids leak nothing.
 */
export const requireMember = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const orgId = c.req.param("orgId");
    const membership = c.get("session").memberships.find((m) => m.orgId === orgId);
    if (!orgId || !z.uuid().safeParse(orgId).success || !membership) throw notFound();
    c.set("orgId", membership.orgId);
    c.set("role", membership.role);
    await next();
  });

/** An organisation-wide ability from the rule book (shared/permissions.ts); others get a 403. */
export const requireAbility = (ability: OrgAbility) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!canDo({ role: c.get("role") }, ability)) throw forbidden();
    await next();
  });

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF defence for cookie-authenticated writes: a browser always sends Origin (or
 * Sec-Fetch-Site) on cross-site writes, so a write whose origin is not ours is refused.
 * Clients that send neither (curl, server-to-server) carry no ambient cookie risk.
 */
export const sameOriginWrites = () =>
  createMiddleware(async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header("origin");
      const site = c.req.header("sec-fetch-site");
      const host = requestHost(c);
      const originHost = origin && origin !== "null" ? safeHost(origin) : origin === "null" ? "null" : undefined;
      if ((originHost !== undefined && originHost !== host) || site === "cross-site") {
        logEvent(c as Context<AppEnv>, "forbidden", { code: "cross_origin", method: c.req.method, path: c.req.path, origin });
        return c.json({ error: { code: "cross_origin", message: "Cross-origin writes are not allowed" } }, 403);
      }
    }
    await next();
  });

function safeHost(origin: string) {
  try {
    return new URL(origin).host;
  } catch {
    return "invalid";
  }
}
