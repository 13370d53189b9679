import { and, count, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { MAX_VISIT_TARGET } from "../../../shared/limits";
import type { Db } from "../../db/client";
import { memberships, organisations } from "../../db/schema";
import type { AppEnv } from "../../http/env";
import { ApiError, notFound } from "../../http/errors";
import { requireAbility } from "../../http/guards";
import { readBody } from "../../http/validate";

/** PATCH /api/orgs/:orgId: the settings an admin may change (at least one). */
export const orgSettingsPatch = z
  .strictObject({
    /** Floor visits a month each director is expected to make. */
    visitTargetPerMonth: z.number().int().min(0).max(MAX_VISIT_TARGET).optional(),
    /** What new business cases start with: 0.08 is 8 %. */
    defaultDiscountRate: z.number().min(0).lt(1, "Must be below 1 (0.08 is 8 %)").optional(),
    /** Nobody approves what they proposed; an organisation with a single admin may switch it off. */
    separationOfDuties: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "Send at least one setting to change");
export type OrgSettingsPatch = z.infer<typeof orgSettingsPatch>;

/** The organisation itself: its name, the caller's role and its settings. */
export function organisationRoutes(db: Db) {
  const adminCount = async (orgId: string) => {
    const [row] = await db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin")));
    return row?.n ?? 0;
  };
  const answer = async (orgId: string, role: string) => {
    const [org] = await db
      .select({
        name: organisations.name,
        visitTargetPerMonth: organisations.visitTargetPerMonth,
        defaultDiscountRate: organisations.defaultDiscountRate,
        separationOfDuties: organisations.separationOfDuties,
      })
      .from(organisations)
      .where(eq(organisations.id, orgId));
    if (!org) throw notFound();
    return { id: orgId, role, ...org, adminCount: await adminCount(orgId) };
  };
  return new Hono<AppEnv>()
    .get("/", async (c) => c.json(await answer(c.get("orgId"), c.get("role"))))
    .patch("/", requireAbility("manage_settings"), async (c) => {
      const body = await readBody(c, orgSettingsPatch);
      const orgId = c.get("orgId");
      if (body.separationOfDuties === false && (await adminCount(orgId)) > 1) {
        throw new ApiError(409, "several_admins", "Separation of duties can only be switched off in an organisation with a single admin");
      }
      await db.update(organisations).set(body).where(eq(organisations.id, orgId));
      return c.json(await answer(orgId, c.get("role")));
    });
}
