import { randomUUID } from "node:crypto";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { routePath } from "hono/route";
import { securityEvent, type Logger, type SecurityEvent } from "../log";
import type { AppEnv } from "./env";

/**
 * One line per request: method, route pattern (not the path: ids would make every line unique),
 * status, duration, and who asked when known; the id is also sent back as `X-Request-Id`, so a
 * person reporting a problem can quote it. Set before the handler runs: headers added to a
 * finished answer would make @hono/node-server copy it.
 */
export const requestLog = (log: Logger, proxyHops: number) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    c.set("log", log);
    c.set("requestId", requestId);
    // For server/http/client.ts: set here rather than in a middleware of its own, one step less per request.
    c.set("proxyHops", proxyHops);
    c.header("X-Request-Id", requestId);
    await next();
    if (!log.isLevelEnabled("info")) return;
    log.info(
      {
        requestId,
        method: c.req.method,
        route: routePath(c),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        userId: c.get("session")?.user.id,
        orgId: c.get("orgId"),
        apiKeyId: c.get("apiKey")?.id,
      },
      "request",
    );
  });

/** A security event seen while answering a request, tied to it by its id and to the person asking. */
export function logEvent(c: Context<AppEnv>, event: SecurityEvent, fields: Record<string, unknown> = {}) {
  const log = c.get("log");
  if (!log) return;
  securityEvent(log, event, { requestId: c.get("requestId"), userId: c.get("session")?.user.id, orgId: c.get("orgId"), apiKeyId: c.get("apiKey")?.id, ...fields });
}
