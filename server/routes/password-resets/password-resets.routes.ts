import { randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, isNull } from "drizzle-orm";
import { canDo } from "../../../shared/permissions";
import { loginResponse, resetPasswordBody } from "../../../shared/schemas/auth";
import { refuseCommonPassword } from "../../auth/password-rules";
import { hashPassword } from "../../auth/passwords";
import { sessionCacheFor } from "../../auth/session-cache";
import { loginShape, revokeSessions, startSession } from "../../auth/sessions";
import { hashToken, newToken } from "../../auth/tokens";
import type { Db } from "../../db/client";
import { memberships, organisations, passwordResets, users } from "../../db/schema";
import { requestOrigin } from "../../http/client";
import { ApiError, notFound } from "../../http/errors";
import { requireAbility } from "../../http/guards";
import { apiRouter, errors, json, jsonBody, ORG_ERRORS } from "../../http/openapi";
import { logEvent } from "../../http/request-log";
import type { Writer } from "../../orgs/create";

/** How long a reset link works: long enough to hand it over today, short enough not to linger in a chat. */
const RESET_HOURS = 24;

const createReset = createRoute({
  method: "post",
  path: "/{userId}/password-reset",
  tags: ["People"],
  summary: "Make a one-time link with which a member sets a new password (admins); the answer holds the link",
  middleware: [requireAbility("manage_people")] as const,
  request: { params: z.object({ userId: z.uuid() }) },
  responses: {
    201: json(
      z.object({ link: z.url().describe("The one-time link; only this answer shows it"), expiresAt: z.string() }).meta({ id: "PasswordResetLink" }),
      "Made",
    ),
    ...errors(...ORG_ERRORS, 403),
  },
});

const Token = z.object({ token: z.string().describe("The secret from the reset link") });

const readReset = createRoute({
  method: "get",
  path: "/{token}",
  tags: ["Session"],
  summary: "Whose password a reset link sets, and until when it works",
  security: [],
  request: { params: Token },
  responses: {
    200: json(
      z.object({ email: z.string(), name: z.string(), orgName: z.string(), expiresAt: z.string() }).meta({ id: "PasswordResetOffer" }),
      "The open link",
    ),
    ...errors(404, 410),
  },
});

const useReset = createRoute({
  method: "post",
  path: "/{token}",
  tags: ["Session"],
  summary: "Set a new password with a reset link: ends every session of that person, then logs them in here",
  security: [],
  request: { params: Token, body: jsonBody(resetPasswordBody) },
  responses: { 200: json(loginResponse, "Password set and logged in (sets the session cookie)"), ...errors(400, 404, 410) },
});

/** Admin side, mounted under /api/orgs/:orgId/members. */
export function orgPasswordResetRoutes(db: Db) {
  return apiRouter().openapi(createReset, async (c) => {
    const { userId } = c.req.valid("param");
    const orgId = c.get("orgId");
    const [member] = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
    if (!member) throw notFound();
    const token = newToken();
    const now = new Date();
    const reset = { id: randomUUID(), createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + RESET_HOURS * 3_600_000).toISOString() };
    await db.insert(passwordResets).values({ ...reset, orgId, userId, tokenHash: hashToken(token), createdBy: c.get("session").user.id });
    logEvent(c, "password_reset_created", { resetId: reset.id, memberId: userId });
    return c.json({ link: new URL(`/reset/${token}`, requestOrigin(c)).toString(), expiresAt: reset.expiresAt }, 201);
  });
}

const gone = (code: string, message: string) => new ApiError(410, code, message);

/**
 * The link's reset when it may still be used: not used, not expired, its person still a member
 * of the organisation and its maker still an admin there (a link outlives neither).
 */
async function openReset(reader: Writer, token: string) {
  if (token.length > 100) throw notFound("This reset link is not valid");
  const [reset] = await reader
    .select({
      id: passwordResets.id,
      orgId: passwordResets.orgId,
      userId: passwordResets.userId,
      createdBy: passwordResets.createdBy,
      expiresAt: passwordResets.expiresAt,
      usedAt: passwordResets.usedAt,
      email: users.email,
      name: users.name,
      orgName: organisations.name,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .innerJoin(organisations, eq(organisations.id, passwordResets.orgId))
    .where(eq(passwordResets.tokenHash, hashToken(token)));
  if (!reset) throw notFound("This reset link is not valid");
  if (reset.usedAt) throw gone("link_used", "This reset link was used already; ask an admin for a new one");
  if (Date.parse(reset.expiresAt) <= Date.now()) throw gone("link_expired", "This reset link has expired; ask an admin for a new one");
  const roles = await reader
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.orgId, reset.orgId));
  const maker = roles.find((m) => m.userId === reset.createdBy);
  if (!roles.some((m) => m.userId === reset.userId) || !maker || !canDo(maker, "manage_people")) {
    throw gone("link_withdrawn", "This reset link is no longer valid; ask an admin for a new one");
  }
  return reset;
}

/** The person's side, mounted under /api/password-resets: the token is the credential. */
export function publicPasswordResetRoutes(db: Db) {
  return apiRouter()
    .openapi(readReset, async (c) => {
      const { email, name, orgName, expiresAt } = await openReset(db, c.req.valid("param").token);
      return c.json({ email, name, orgName, expiresAt }, 200);
    })
    .openapi(useReset, async (c) => {
      const { token } = c.req.valid("param");
      const { password } = c.req.valid("json");
      refuseCommonPassword(password);
      const { id, userId } = await openReset(db, token);
      const passwordHash = await hashPassword(password);
      const now = new Date().toISOString();
      const ended = await db.transaction(
        async (tx) => {
          // Checked again under the write lock: two uses at once, or the maker demoted meanwhile.
          await openReset(tx, token);
          // This link is spent, and so are the person's other open ones: the password they would replace is gone.
          await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
          await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
          return revokeSessions(tx, userId);
        },
        { behavior: "immediate" },
      );
      sessionCacheFor(db).forgetUser(userId);
      await startSession(db, c, userId);
      logEvent(c, "password_reset_used", { resetId: id, memberId: userId, sessionsEnded: ended });
      return c.json(await loginShape(db, userId), 200);
    });
}
