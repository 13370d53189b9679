import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { loginBody, loginResponse } from "../../../shared/schemas/auth";
import { dummyHash, verifyPassword } from "../../auth/passwords";
import { AttemptLimiter } from "../../auth/rate-limit";
import { endSession, loginShape, startSession } from "../../auth/sessions";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { ApiError } from "../../http/errors";
import { clientAddress } from "../../http/client";
import { requireUser } from "../../http/guards";
import { logEvent } from "../../http/request-log";
import { apiRouter, errors, json, jsonBody } from "../../http/openapi";

export interface LoginLimits {
  perEmail: number;
  perIp: number;
  windowMs: number;
}
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perEmail: 10, perIp: 100, windowMs: 15 * 60_000 };

const login = createRoute({
  method: "post",
  path: "/login",
  tags: ["Session"],
  summary: "Log in with e-mail address and password",
  security: [],
  request: { body: jsonBody(loginBody) },
  responses: {
    200: json(loginResponse, "Logged in (sets the session cookie)"),
    ...errors(400, 401, 429),
  },
});

const logout = createRoute({
  method: "post",
  path: "/logout",
  tags: ["Session"],
  summary: "End the session (clears the cookie)",
  security: [],
  responses: { 204: { description: "Logged out, or was not logged in" } },
});

const me = (db: Db) =>
  createRoute({
    method: "get",
    path: "/",
    tags: ["Session"],
    summary: "Who is logged in, and their organisations",
    middleware: [requireUser(db)] as const,
    responses: { 200: json(loginResponse, "The session's person and memberships"), ...errors(401) },
  });

export function authRoutes(db: Db, limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
  const byEmail = new AttemptLimiter(limits.perEmail, limits.windowMs);
  const byIp = new AttemptLimiter(limits.perIp, limits.windowMs);

  const auth = apiRouter()
    .openapi(login, async (c) => {
      const { email, password } = c.req.valid("json");
      const ip = clientAddress(c);
      const wait = Math.max(byEmail.blockedFor(email), byIp.blockedFor(ip));
      if (wait > 0) {
        c.header("Retry-After", String(wait));
        logEvent(c, "rate_limited", { email, ip });
        const minutes = Math.ceil(wait / 60);
        throw new ApiError(429, "too_many_attempts", `Too many login attempts; try again in ${minutes} minute${minutes === 1 ? "" : "s"}`);
      }
      const [user] = await db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email));
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
      if (!user || !ok) {
        byEmail.fail(email);
        byIp.fail(ip);
        logEvent(c, "login_failed", { email, ip, knownEmail: Boolean(user) });
        throw new ApiError(401, "invalid_credentials", "E-mail address or password is wrong");
      }
      byEmail.clear(email);
      await startSession(db, c, user.id);
      logEvent(c, "login_succeeded", { userId: user.id, ip });
      return c.json(await loginShape(db, user.id), 200);
    })
    .openapi(logout, async (c) => {
      await endSession(db, c);
      return c.body(null, 204);
    });

  return { auth, me: apiRouter().openapi(me(db), (c) => c.json(c.get("session"), 200)) };
}
