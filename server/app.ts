import { serveStatic } from "@hono/node-server/serve-static";
import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { Db } from "./db/client";
import { compressJson } from "./http/compress";
import { apiDocument } from "./http/document";
import { docsRoutes } from "./http/docs";
import { ApiError, errorBody, handleError } from "./http/errors";
import { requestLog } from "./http/request-log";
import { shellPageWithSession } from "./http/shell-page";
import { createLogger, type Logger } from "./log";
import { watchIntegrity, type IntegrityWatch } from "./ops/integrity";
import { requireMember, requireUser, sameOriginWrites } from "./http/guards";
import { apiRouter } from "./http/openapi";
import { apiSecurityHeaders, pageSecurityHeaders } from "./http/security-headers";
import { DEFAULT_LOGIN_LIMITS, LoginThrottle, type LoginLimits } from "./auth/login-throttle";
import { authRoutes } from "./routes/auth/auth.routes";
import { healthRoutes } from "./routes/health/health.routes";
import { orgInviteRoutes, publicInviteRoutes } from "./routes/invites/invites.routes";
import { memberRoutes } from "./routes/members/members.routes";
import { attachmentRoutes, MB, type PhotoLimits } from "./routes/attachments/attachments.routes";
import { DEFAULT_PHOTO_QUOTA_MB } from "./config";
import { orgPasswordResetRoutes, publicPasswordResetRoutes } from "./routes/password-resets/password-resets.routes";
import { setupRoutes } from "./routes/setup/setup.routes";
import { financeRoutes } from "./routes/finance/finance.routes";
import { statsRoutes } from "./routes/stats/stats.routes";
import { syncRoutes } from "./routes/sync/sync.routes";
import { LiveStreams } from "./sync/live";
import { experimentRoutes } from "./routes/experiments/experiments.routes";
import { kpiRoutes } from "./routes/kpis/kpis.routes";
import { FEED_PATH, kpiFeedRoutes } from "./routes/kpis/kpi-feed.routes";
import { apiKeyRoutes } from "./routes/api-keys/api-keys.routes";
import { organisationRoutes } from "./routes/orgs/orgs.routes";
import { businessCaseRoutes } from "./routes/business-cases/business-cases.routes";
import { boardRoutes } from "./routes/board/board.routes";
import { archiveRoutes } from "./routes/archive/archive.routes";
import { historyRoutes } from "./routes/history/history.routes";
import { journeyStageRoutes, locationRoutes, segmentRoutes, themeRoutes } from "./routes/settings/settings.routes";

export interface AppOptions {
  db: Db;
  /** Folder of the built PWA to serve; omitted in API tests. */
  webRoot?: string;
  loginLimits?: LoginLimits;
  /** Reverse proxies in front that append to X-Forwarded-For (0: none, the default; see server/http/client.ts). */
  proxyHops?: number;
  /** Where request lines and security events go (default: stdout at LOG_LEVEL). */
  log?: Logger;
  /** What one organisation's photos may take up together (default: PHOTO_QUOTA_MB's default, 5,000 MB). */
  photoQuotaBytes?: number;
  /** The one-time code printed at start while there is no organisation: setting up from another machine needs it. */
  setupCode?: string;
  /** The database's background integrity check, for `/api/health/ready` (default: one that has not run, and never runs by itself). */
  integrity?: IntegrityWatch;
  /** Free space on the database file's disk, for `/api/health/ready` (default: not checked). */
  freeDiskBytes?: () => Promise<number>;
  /** The live streams (`…/sync/events`); main.ts keeps them to end them on shutdown (default: fresh ones, 25 s heartbeat). */
  live?: LiveStreams;
}

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The 1 MB body limit, for requests that carry a body. Reads skip it: looking at the body
 * of a GET makes @hono/node-server build a full Request, which costs more than the read.
 * Photo uploads and the KPI feed have their own, larger limits.
 */
function limitBody() {
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody("payload_too_large", "The request body is larger than 1 MB"), 413),
  });
  const PHOTO_UPLOAD = /^\/api\/orgs\/[^/]+\/attachments\/[^/]+$/;
  return createMiddleware((c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    if (c.req.method === "PUT" && PHOTO_UPLOAD.test(c.req.path)) return next();
    if (c.req.method === "POST" && FEED_PATH.test(c.req.path)) return next();
    return limit(c, next);
  });
}

/** Everything an organisation owns, each router behind the membership check. */
function orgRoutes(db: Db, photos: PhotoLimits, live: LiveStreams) {
  const org = apiRouter();
  org.use(requireUser(db), requireMember());
  return org
    .route("/", organisationRoutes(db))
    .route("/members", memberRoutes(db))
    .route("/members", orgPasswordResetRoutes(db))
    .route("/invites", orgInviteRoutes(db))
    .route("/api-keys", apiKeyRoutes(db))
    .route("/locations", locationRoutes(db))
    .route("/journey-stages", journeyStageRoutes(db))
    .route("/segments", segmentRoutes(db))
    .route("/themes", themeRoutes(db))
    .route("/sync", syncRoutes(db, live))
    .route("/attachments", attachmentRoutes(db, photos))
    .route("/experiments", experimentRoutes(db))
    .route("/kpis", kpiRoutes(db))
    .route("/business-cases", businessCaseRoutes(db))
    .route("/board", boardRoutes(db))
    .route("/history", historyRoutes(db))
    .route("/archive", archiveRoutes(db));
}

/** The API's routes, each declared once; their type types the PWA's calls (web/src/data/routes.ts). */
interface ApiSettings {
  loginLimits: LoginLimits;
  photos: PhotoLimits;
  setupCode: string | undefined;
  integrity: IntegrityWatch;
  freeDiskBytes: (() => Promise<number>) | undefined;
  live: LiveStreams;
}

function apiRoutes(db: Db, { loginLimits, photos, setupCode, integrity, freeDiskBytes, live }: ApiSettings) {
  // One throttle for every place that checks a password someone typed.
  const throttle = new LoginThrottle(loginLimits);
  const { auth, me } = authRoutes(db, throttle);
  const api = apiRouter();
  api.use(apiSecurityHeaders(), compressJson(), limitBody(), sameOriginWrites());
  return api
    .route("/health", healthRoutes(db, integrity, freeDiskBytes))
    .route("/setup", setupRoutes(db, setupCode))
    .route("/auth", auth)
    .route("/me", me)
    .route("/invites", publicInviteRoutes(db, throttle))
    .route("/password-resets", publicPasswordResetRoutes(db))
    .route("/stats", statsRoutes(db))
    .route("/finance", financeRoutes(db))
    // Before the organisation's routes: a feed request with an API key never meets their session check.
    .route("/orgs/:orgId/kpis", kpiFeedRoutes(db))
    .route("/orgs/:orgId", orgRoutes(db, photos, live));
}

export type ApiRoutes = ReturnType<typeof apiRoutes>;

export function createApp({
  db,
  webRoot,
  loginLimits = DEFAULT_LOGIN_LIMITS,
  proxyHops: hops = 0,
  log = createLogger(),
  photoQuotaBytes = DEFAULT_PHOTO_QUOTA_MB * MB,
  setupCode,
  integrity = watchIntegrity(db.$client),
  freeDiskBytes,
  live = new LiveStreams(db),
}: AppOptions) {
  const api = apiRoutes(db, { loginLimits, photos: { quotaBytes: photoQuotaBytes }, setupCode, integrity, freeDiskBytes, live });
  api.get("/openapi.json", (c) => c.json(apiDocument(api)));
  api.route("/docs", docsRoutes());
  api.all("*", () => {
    throw new ApiError(404, "not_found", "No such API route");
  });

  const app = new Hono();
  app.use(requestLog(log, hops));
  app.route("/api", api);
  if (webRoot) mountWeb(app, db, webRoot);
  app.onError(handleError);
  api.onError(handleError);
  return app;
}

/**
 * Serves the built PWA: hashed assets cached for a year, everything else revalidated, unknown
 * paths get the shell (with the session in it when a logged-in browser opens a screen). Text
 * files go out as the brotli or gzip copy the build wrote beside them (scripts/precompress.ts)
 * when the browser accepts it; `Vary` says so whichever copy is sent.
 */
function mountWeb(app: Hono, db: Db, webRoot: string) {
  const compressed = precompressedFiles(webRoot);
  const screen = shellPageWithSession(db, webRoot);
  app.use(pageSecurityHeaders());
  app.use("/assets/*", staticFiles({ root: webRoot }, compressed, "public, max-age=31536000, immutable"));
  // "/" is a screen (it opens the last organisation), not the file index.html.
  app.get("/", screen);
  app.use("*", staticFiles({ root: webRoot }, compressed, "no-cache"));
  app.get("*", screen, staticFiles({ root: webRoot, path: "index.html" }, compressed, "no-cache"));
}

/** The files the build wrote compressed copies of, found once: the built PWA does not change while the server runs. */
function precompressedFiles(dir: string): Set<string> {
  const found = new Set<string>();
  // No build yet: the server still answers the API (main.ts warns), it just has no files.
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".br")) found.add(resolve(entry.parentPath, entry.name.slice(0, -".br".length)));
  }
  return found;
}

/**
 * serveStatic with its headers: they are set on the answer it returns (headers set in its
 * `onFound` come after the answer is made, and are lost).
 */
function staticFiles(options: { root: string; path?: string }, compressed: Set<string>, cacheControl: string) {
  const served = new WeakMap<Context, string>();
  const serve = serveStatic({ ...options, precompressed: true, onFound: (path, c) => void served.set(c, path) });
  return createMiddleware(async (c, next) => {
    const answer = await serve(c, next);
    const path = served.get(c);
    if (!answer || path === undefined) return answer;
    answer.headers.set("Cache-Control", cacheControl);
    if (compressed.has(resolve(path.replace(/\.(br|gz)$/, "")))) answer.headers.set("Vary", "Accept-Encoding");
    return answer;
  });
}
