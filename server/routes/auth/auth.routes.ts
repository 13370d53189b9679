import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { changePasswordBody, loginBody, loginResponse } from "../../../shared/schemas/auth";
import type { LoginThrottle } from "../../auth/login-throttle";
import { checkPassword } from "../../auth/password-check";
import { refuseCommonPassword } from "../../auth/password-rules";
import { hashPassword } from "../../auth/passwords";
import { sessionCacheFor } from "../../auth/session-cache";
import { currentTokenHash, endAllSessions, endSession, loginShape, revokeSessions, startSession } from "../../auth/sessions";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { ApiError } from "../../http/errors";
import { clientAddress } from "../../http/client";
import { requireUser } from "../../http/guards";
import { logEvent } from "../../http/request-log";
import { apiRouter, errors, json, jsonBody } from "../../http/openapi";

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

const logoutEverywhere = (db: Db) =>
  createRoute({
    method: "post",
    path: "/logout-all",
    tags: ["Session"],
    summary: "End every session of the logged-in person, this one included (clears the cookie)",
    middleware: [requireUser(db)] as const,
    responses: { 204: { description: "Every session ended" }, ...errors(401) },
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

const changePassword = (db: Db) =>
  createRoute({
    method: "post",
    path: "/password",
    tags: ["Session"],
    summary: "Change one's own password (needs the current one); ends one's other sessions, keeps this one",
    middleware: [requireUser(db)] as const,
    request: { body: jsonBody(changePasswordBody) },
    responses: {
      204: { description: "Changed" },
      ...errors(400, 401, 429),
    },
  });

export function authRoutes(db: Db, throttle: LoginThrottle) {
  const auth = apiRouter()
    .openapi(login, async (c) => {
      const { email, password } = c.req.valid("json");
      let user: { id: string; passwordHash: string } | undefined;
      const lookUp = async () => {
        [user] = await db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email));
        return user?.passwordHash;
      };
      if (!(await checkPassword(c, throttle, { email, password, hash: lookUp })) || !user) {
        throw new ApiError(401, "invalid_credentials", "E-mail address or password is wrong");
      }
      await startSession(db, c, user.id);
      logEvent(c, "login_succeeded", { userId: user.id, ip: clientAddress(c) });
      return c.json(await loginShape(db, user.id), 200);
    })
    .openapi(logout, async (c) => {
      await endSession(db, c);
      return c.body(null, 204);
    })
    .openapi(logoutEverywhere(db), async (c) => {
      const ended = await endAllSessions(db, c, c.get("session").user.id);
      logEvent(c, "sessions_ended", { ended });
      return c.body(null, 204);
    });

  const account = apiRouter()
    .openapi(me(db), (c) => c.json(c.get("session"), 200))
    .openapi(changePassword(db), async (c) => {
      const { currentPassword, newPassword } = c.req.valid("json");
      const { id: userId, email } = c.get("session").user;
      refuseCommonPassword(newPassword, "newPassword");
      const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
      // Guessing the current password from a borrowed session counts as guessing at the login.
      if (!user || !(await checkPassword(c, throttle, { email, password: currentPassword, hash: user.passwordHash }, { during: "password_change" }))) {
        throw new ApiError(401, "invalid_credentials", "The current password is wrong");
      }
      const passwordHash = await hashPassword(newPassword);
      const ended = await db.transaction(
        async (tx) => {
          await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
          return revokeSessions(tx, userId, currentTokenHash(c));
        },
        { behavior: "immediate" },
      );
      sessionCacheFor(db).forgetUser(userId);
      logEvent(c, "password_changed", { sessionsEnded: ended });
      return c.body(null, 204);
    });

  return { auth, me: account };
}
