import { logEvent } from "../../http/request-log";
import { randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { canDo } from "../../../shared/permissions";
import { ROLES } from "../../../shared/roles";
import { acceptInviteBody, inviteBody, loginResponse } from "../../../shared/schemas/auth";
import type { LoginThrottle } from "../../auth/login-throttle";
import { checkPassword, tooManyAttempts } from "../../auth/password-check";
import { refuseCommonPassword } from "../../auth/password-rules";
import { hashPassword } from "../../auth/passwords";
import { AttemptLimiter } from "../../auth/rate-limit";
import { loginShape, startSession } from "../../auth/sessions";
import { sessionCacheFor } from "../../auth/session-cache";
import { hashToken, newToken } from "../../auth/tokens";
import type { Db } from "../../db/client";
import { invites, memberships, organisations, users } from "../../db/schema";
import { ApiError, conflict, notFound } from "../../http/errors";
import { requestOrigin } from "../../http/client";
import { requireAbility } from "../../http/guards";
import { apiRouter, errors, json, jsonBody, ORG_ERRORS } from "../../http/openapi";
import { addMember, insertUser, type Writer } from "../../orgs/create";

const INVITE_DAYS = 14;

const inviteColumns = {
  id: invites.id,
  email: invites.email,
  role: invites.role,
  createdAt: invites.createdAt,
  expiresAt: invites.expiresAt,
};

const Invite = z
  .object({ id: z.uuid(), email: z.string(), role: z.enum(ROLES), createdAt: z.string(), expiresAt: z.string() })
  .meta({ id: "Invite" });

const listInvites = createRoute({
  method: "get",
  path: "/",
  tags: ["People"],
  summary: "Open invites, newest first (admins)",
  middleware: [requireAbility("manage_people")] as const,
  responses: { 200: json(z.object({ invites: z.array(Invite) }), "Invites neither accepted, revoked nor expired"), ...errors(...ORG_ERRORS, 403) },
});

const invite = createRoute({
  method: "post",
  path: "/",
  tags: ["People"],
  summary: "Invite someone by e-mail address (admins); the answer holds the link to send them",
  middleware: [requireAbility("manage_people")] as const,
  request: { body: jsonBody(inviteBody) },
  responses: {
    201: json(z.object({ invite: Invite, link: z.url().describe("The one-time link; only this answer shows it") }), "Invited"),
    ...errors(...ORG_ERRORS, 403, 409),
  },
});

const revokeInvite = createRoute({
  method: "delete",
  path: "/{inviteId}",
  tags: ["People"],
  summary: "Revoke an open invite (admins)",
  middleware: [requireAbility("manage_people")] as const,
  request: { params: z.object({ inviteId: z.uuid() }) },
  responses: { 204: { description: "Revoked" }, ...errors(...ORG_ERRORS, 403) },
});

const Token = z.object({ token: z.string().describe("The secret from the invite link") });

const readInvite = createRoute({
  method: "get",
  path: "/{token}",
  tags: ["People"],
  summary: "What an invite link offers: the organisation, the role, and whether the address has an account",
  security: [],
  request: { params: Token },
  responses: {
    200: json(
      z.object({ orgId: z.uuid(), orgName: z.string(), email: z.string(), role: z.enum(ROLES), existingUser: z.boolean() }).meta({ id: "InviteOffer" }),
      "The open invite",
    ),
    ...errors(404, 409),
  },
});

const acceptInvite = createRoute({
  method: "post",
  path: "/{token}/accept",
  tags: ["People"],
  summary: "Accept an invite: a new account (name and password) or an existing one (its password); logs in",
  security: [],
  request: { params: Token, body: jsonBody(acceptInviteBody) },
  responses: { 200: json(loginResponse, "Joined and logged in (sets the session cookie)"), ...errors(400, 401, 404, 409, 429) },
});

/** Admin side, mounted under /api/orgs/:orgId/invites. */
export function orgInviteRoutes(db: Db) {
  return apiRouter()
    .openapi(listInvites, async (c) => {
      const rows = await db
        .select(inviteColumns)
        .from(invites)
        .where(
          and(
            eq(invites.orgId, c.get("orgId")),
            isNull(invites.acceptedAt),
            isNull(invites.revokedAt),
            gt(invites.expiresAt, new Date().toISOString()),
          ),
        )
        .orderBy(desc(invites.createdAt));
      return c.json({ invites: rows }, 200);
    })
    .openapi(invite, async (c) => {
      const { email, role } = c.req.valid("json");
      const orgId = c.get("orgId");
      const [member] = await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.orgId, orgId), eq(users.email, email)));
      if (member) throw conflict(`${email} is already a member of this organisation`);
      const token = newToken();
      const now = new Date();
      const invite = {
        id: randomUUID(),
        email,
        role,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString(),
      };
      await db.insert(invites).values({ ...invite, orgId, tokenHash: hashToken(token), createdBy: c.get("session").user.id });
      const link = new URL(`/invite/${token}`, requestOrigin(c)).toString();
      logEvent(c, "invite_created", { inviteId: invite.id, email, role });
      return c.json({ invite, link }, 201);
    })
    .openapi(revokeInvite, async (c) => {
      const id = c.req.valid("param").inviteId;
      const result = await db
        .update(invites)
        .set({ revokedAt: new Date().toISOString() })
        .where(and(eq(invites.id, id), eq(invites.orgId, c.get("orgId")), isNull(invites.acceptedAt), isNull(invites.revokedAt)));
      if (result.rowsAffected === 0) throw notFound();
      logEvent(c, "invite_revoked", { inviteId: id });
      return c.body(null, 204);
    });
}

/**
 * An invite grants what its maker may grant when it is used, not when it was made: once they are
 * no longer an admin of the organisation (demoted or removed), their open invites grant nothing.
 */
async function refuseIfIssuerNoLongerAdmin(reader: Writer, invite: { orgId: string; createdBy: string }) {
  const [issuer] = await reader
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, invite.orgId), eq(memberships.userId, invite.createdBy)));
  if (!issuer || !canDo(issuer, "manage_people")) {
    throw new ApiError(409, "invite_issuer_not_admin", "The person who made this invite is no longer an admin of this organisation; ask an admin for a new invite");
  }
}

/** Invitee side, mounted under /api/invites: the token is the credential. */
export function publicInviteRoutes(db: Db, throttle: LoginThrottle) {
  // Accepting as an existing user checks that user's password: a login attempt at that account
  // (the login limits apply), and at most five per invite.
  const passwordFailures = new AttemptLimiter(5, 15 * 60_000);

  async function openInvite(token: string) {
    if (token.length > 100) throw notFound("This invite link is not valid");
    const [invite] = await db
      .select({ ...inviteColumns, orgId: invites.orgId, orgName: organisations.name, createdBy: invites.createdBy })
      .from(invites)
      .innerJoin(organisations, eq(organisations.id, invites.orgId))
      .where(
        and(
          eq(invites.tokenHash, hashToken(token)),
          isNull(invites.acceptedAt),
          isNull(invites.revokedAt),
          gt(invites.expiresAt, new Date().toISOString()),
        ),
      );
    if (!invite) throw notFound("This invite link is not valid, was used already or has expired");
    await refuseIfIssuerNoLongerAdmin(db, invite);
    const [existing] = await db.select().from(users).where(eq(users.email, invite.email));
    return { invite, existing };
  }

  return apiRouter()
    .openapi(readInvite, async (c) => {
      const { invite, existing } = await openInvite(c.req.valid("param").token);
      return c.json({ orgId: invite.orgId, orgName: invite.orgName, email: invite.email, role: invite.role, existingUser: Boolean(existing) }, 200);
    })
    .openapi(acceptInvite, async (c) => {
      const body = c.req.valid("json");
      const { invite, existing } = await openInvite(c.req.valid("param").token);
      let passwordHash = "";
      if (existing) {
        const wait = passwordFailures.reserve(invite.id);
        if (wait > 0) throw tooManyAttempts(c, { refused: "invite", retryAfter: wait }, { inviteId: invite.id, email: invite.email });
        let matches: boolean;
        try {
          matches = await checkPassword(c, throttle, { email: invite.email, password: body.password, hash: existing.passwordHash }, { inviteId: invite.id });
        } catch (error) {
          // Refused, or the server was busy: no password was checked.
          passwordFailures.release(invite.id);
          throw error;
        }
        if (!matches) throw new ApiError(401, "invalid_credentials", "This e-mail address already has an account; enter its password");
      } else {
        if (!body.name) {
          throw new ApiError(400, "validation_failed", "The request is not valid", [{ path: "name", message: "Required" }]);
        }
        refuseCommonPassword(body.password);
        passwordHash = await hashPassword(body.password);
      }
      const now = new Date().toISOString();
      const userId = await db.transaction(
        async (tx) => {
          const claimed = await tx
            .update(invites)
            .set({ acceptedAt: now })
            .where(and(eq(invites.id, invite.id), isNull(invites.acceptedAt), isNull(invites.revokedAt)));
          if (claimed.rowsAffected === 0) throw conflict("This invite was used already");
          // Again under the write lock: the maker may have been demoted since the link was opened.
          await refuseIfIssuerNoLongerAdmin(tx, invite);
          const id = existing?.id ?? (await insertUser(tx, { email: invite.email, name: body.name ?? "", passwordHash }, now));
          const [already] = await tx
            .select({ role: memberships.role })
            .from(memberships)
            .where(and(eq(memberships.orgId, invite.orgId), eq(memberships.userId, id)));
          if (!already) await addMember(tx, invite.orgId, id, invite.role, now);
          return id;
        },
        { behavior: "immediate" },
      );
      sessionCacheFor(db).forgetUser(userId);
      await startSession(db, c, userId);
      logEvent(c, "invite_accepted", { inviteId: invite.id, userId, orgId: invite.orgId, role: invite.role });
      return c.json(await loginShape(db, userId), 200);
    });
}
