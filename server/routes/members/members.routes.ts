import { logEvent } from "../../http/request-log";
import { and, eq } from "drizzle-orm";
import { createRoute, z } from "@hono/zod-openapi";
import { memberPatchBody } from "../../../shared/schemas/auth";
import { ROLES } from "../../../shared/roles";
import { sessionCacheFor } from "../../auth/session-cache";
import type { Db } from "../../db/client";
import { memberships, users } from "../../db/schema";
import { conflict, notFound } from "../../http/errors";
import { requireAbility } from "../../http/guards";
import { apiRouter, errors, json, jsonBody, ORG_ERRORS } from "../../http/openapi";
import type { Tx } from "../../orgs/create";

/** Refuses a change that would leave the organisation without an admin. */
async function keepAnAdmin(tx: Tx, orgId: string, userId: string) {
  const admins = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin")));
  if (admins.length === 1 && admins[0]?.userId === userId) throw conflict("An organisation needs at least one admin");
}

const UserId = z.object({ userId: z.uuid() });
const Member = z
  .object({ userId: z.uuid(), email: z.string(), name: z.string(), role: z.enum(ROLES), since: z.string() })
  .meta({ id: "Member" });

const listMembers = createRoute({
  method: "get",
  path: "/",
  tags: ["People"],
  summary: "The organisation's members",
  responses: { 200: json(z.object({ members: z.array(Member) }), "Members by name"), ...errors(...ORG_ERRORS) },
});

const changeRole = createRoute({
  method: "patch",
  path: "/{userId}",
  tags: ["People"],
  summary: "Change a member's role (admins)",
  middleware: [requireAbility("manage_people")] as const,
  request: { params: UserId, body: jsonBody(memberPatchBody) },
  responses: { 200: json(z.object({ userId: z.uuid(), role: z.enum(ROLES) }), "The new role"), ...errors(...ORG_ERRORS, 403, 409) },
});

const removeMember = createRoute({
  method: "delete",
  path: "/{userId}",
  tags: ["People"],
  summary: "Remove a member from the organisation (admins)",
  middleware: [requireAbility("manage_people")] as const,
  request: { params: UserId },
  responses: { 204: { description: "Removed" }, ...errors(...ORG_ERRORS, 403, 409) },
});

export function memberRoutes(db: Db) {
  return apiRouter()
    .openapi(listMembers, async (c) => {
      const rows = await db
        .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, since: memberships.createdAt })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.orgId, c.get("orgId")))
        .orderBy(users.name);
      return c.json({ members: rows }, 200);
    })
    .openapi(changeRole, async (c) => {
      const { userId } = c.req.valid("param");
      const { role } = c.req.valid("json");
      const orgId = c.get("orgId");
      await db.transaction(
        async (tx) => {
          if (role !== "admin") await keepAnAdmin(tx, orgId, userId);
          const result = await tx
            .update(memberships)
            .set({ role })
            .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
          if (result.rowsAffected === 0) throw notFound();
        },
        { behavior: "immediate" },
      );
      sessionCacheFor(db).forgetUser(userId);
      logEvent(c, "role_changed", { memberId: userId, role });
      return c.json({ userId, role }, 200);
    })
    .openapi(removeMember, async (c) => {
      const { userId } = c.req.valid("param");
      const orgId = c.get("orgId");
      await db.transaction(
        async (tx) => {
          await keepAnAdmin(tx, orgId, userId);
          const result = await tx.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
          if (result.rowsAffected === 0) throw notFound();
        },
        { behavior: "immediate" },
      );
      sessionCacheFor(db).forgetUser(userId);
      logEvent(c, "member_removed", { memberId: userId });
      return c.body(null, 204);
    });
}
