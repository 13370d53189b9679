import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import type { Db } from "../../db/client";
import { organisations } from "../../db/schema";
import type { AppEnv } from "../../http/env";
import { notFound } from "../../http/errors";
import { requireRole } from "../../http/guards";
import { readBody } from "../../http/validate";

/** PATCH /api/orgs/:orgId: the settings an admin may change (at least one). */
export const orgSettingsPatch = z
  .strictObject({
    /** Floor visits a month each director is expected to make. */
    visitTargetPerMonth: z.number().int().min(0).max(31).optional(),
    /** What new business cases start with: 0.08 is 8 %. */
    defaultDiscountRate: z.number().min(0).lt(1, "Must be below 1 (0.08 is 8 %)").optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "Send at least one setting to change");
export type OrgSettingsPatch = z.infer<typeof orgSettingsPatch>;

/** The organisation itself: its name, the caller's role and its settings. */
export function organisationRoutes(db: Db) {
  const answer = async (orgId: string, role: string) => {
    const [org] = await db
      .select({ name: organisations.name, visitTargetPerMonth: organisations.visitTargetPerMonth, defaultDiscountRate: organisations.defaultDiscountRate })
      .from(organisations)
      .where(eq(organisations.id, orgId));
    if (!org) throw notFound();
    return { id: orgId, name: org.name, role, visitTargetPerMonth: org.visitTargetPerMonth, defaultDiscountRate: org.defaultDiscountRate };
  };
  return new Hono<AppEnv>()
    .get("/", async (c) => c.json(await answer(c.get("orgId"), c.get("role"))))
    .patch("/", requireRole("admin"), async (c) => {
      const body = await readBody(c, orgSettingsPatch);
      const orgId = c.get("orgId");
      await db.update(organisations).set(body).where(eq(organisations.id, orgId));
      return c.json(await answer(orgId, c.get("role")));
    });
}
