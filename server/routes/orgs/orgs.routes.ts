import { createRoute, z } from "@hono/zod-openapi";
import { and, count, eq } from "drizzle-orm";
import { MAX_VISIT_TARGET } from "../../../shared/limits";
import { ROLES, type Role } from "../../../shared/roles";
import type { Db } from "../../db/client";
import { memberships, organisations } from "../../db/schema";
import { ApiError, notFound } from "../../http/errors";
import { requireAbility } from "../../http/guards";
import { apiRouter, errors, json, jsonBody, ORG_ERRORS } from "../../http/openapi";

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

const Organisation = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: z.enum(ROLES).describe("The caller's role in it"),
    visitTargetPerMonth: z.number(),
    defaultDiscountRate: z.number(),
    separationOfDuties: z.boolean(),
    adminCount: z.number(),
  })
  .meta({ id: "Organisation" });

const readOrganisation = createRoute({
  method: "get",
  path: "/",
  tags: ["Organisation"],
  summary: "The organisation: its name, the caller's role and its settings",
  responses: { 200: json(Organisation, "The organisation"), ...errors(...ORG_ERRORS) },
});

const changeSettings = createRoute({
  method: "patch",
  path: "/",
  tags: ["Organisation"],
  summary: "Change the organisation's settings (admins)",
  middleware: [requireAbility("manage_settings")] as const,
  request: { body: jsonBody(orgSettingsPatch) },
  responses: {
    200: json(Organisation, "The organisation as changed"),
    ...errors(...ORG_ERRORS, 403, 409),
  },
});

/** The organisation itself: its name, the caller's role and its settings. */
export function organisationRoutes(db: Db) {
  const adminCount = async (orgId: string) => {
    const [row] = await db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin")));
    return row?.n ?? 0;
  };
  const answer = async (orgId: string, role: Role) => {
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
  return apiRouter()
    .openapi(readOrganisation, async (c) => c.json(await answer(c.get("orgId"), c.get("role")), 200))
    .openapi(changeSettings, async (c) => {
      const body = c.req.valid("json");
      const orgId = c.get("orgId");
      if (body.separationOfDuties === false && (await adminCount(orgId)) > 1) {
        throw new ApiError(409, "several_admins", "Separation of duties can only be switched off in an organisation with a single admin");
      }
      await db.update(organisations).set(body).where(eq(organisations.id, orgId));
      return c.json(await answer(orgId, c.get("role")), 200);
    });
}
