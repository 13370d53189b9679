import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { memberPatchBody } from "../../../shared/schemas/auth";
import { sessionCacheFor } from "../../auth/session-cache";
import type { Db } from "../../db/client";
import { memberships, users } from "../../db/schema";
import type { AppEnv } from "../../http/env";
import { conflict, notFound } from "../../http/errors";
import { requireAbility } from "../../http/guards";
import { readBody, uuidParam } from "../../http/validate";
import type { Tx } from "../../orgs/create";

/** Refuses a change that would leave the organisation without an admin. */
async function keepAnAdmin(tx: Tx, orgId: string, userId: string) {
  const admins = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin")));
  if (admins.length === 1 && admins[0]?.userId === userId) throw conflict("An organisation needs at least one admin");
}

export function memberRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const rows = await db
        .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, since: memberships.createdAt })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.orgId, c.get("orgId")))
        .orderBy(users.name);
      return c.json({ members: rows });
    })
    .patch("/:userId", requireAbility("manage_people"), async (c) => {
      const userId = uuidParam(c, "userId");
      const { role } = await readBody(c, memberPatchBody);
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
      return c.json({ userId, role });
    })
    .delete("/:userId", requireAbility("manage_people"), async (c) => {
      const userId = uuidParam(c, "userId");
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
      return c.body(null, 204);
    });
}
