import { createRoute, z } from "@hono/zod-openapi";
import { businessCaseDecision, caseDecisionRequest, caseDecisionResult } from "../../../shared/schemas/business-case";
import { benefitActualRequest, benefitPlanRequest, caseBenefitsResult, quarterParam } from "../../../shared/schemas/case-benefits";
import { benefitsOfCase, recordActual, removeActual, setBenefitPlan, type BenefitCaller } from "../../business-cases/benefits";
import type { Context } from "hono";
import type { Db } from "../../db/client";
import type { AppEnv } from "../../http/env";
import { apiRouter, errors, json, jsonBody, ORG_ERRORS } from "../../http/openapi";
import { BUSINESS_CASE, moveLog, moveRecord } from "../../lifecycle/move";

const CaseId = z.object({ id: z.uuid() });
const CaseQuarter = z.object({ id: z.uuid(), quarter: quarterParam });
const tags = ["Business cases"];

const decide = createRoute({
  method: "post",
  path: "/{id}/decisions",
  tags,
  summary: "Move a business case along its lifecycle, with a reason (a wrong role `role_not_allowed` or one's own submission `own_proposal` is a 403; `move_not_allowed`, `not_ready` are 409s)",
  request: { params: CaseId, body: jsonBody(caseDecisionRequest) },
  responses: { 200: json(caseDecisionResult, "Moved; the step is recorded"), ...errors(...ORG_ERRORS, 403, 409) },
});

const decisions = createRoute({
  method: "get",
  path: "/{id}/decisions",
  tags,
  summary: "Every step of the case's history, oldest first",
  request: { params: CaseId },
  responses: { 200: json(z.object({ decisions: z.array(businessCaseDecision) }), "Every step, who took it and why"), ...errors(...ORG_ERRORS) },
});

const benefits = createRoute({
  method: "get",
  path: "/{id}/benefits",
  tags,
  summary: "What an approved case delivered against its targets, quarter by quarter",
  request: { params: CaseId },
  responses: { 200: json(caseBenefitsResult, "Quarters from go-live to today (none for a case not approved)"), ...errors(...ORG_ERRORS) },
});

// The benefit tracking is the case owner's (and an admin's), once the board approved the case:
// anyone else gets a 403, a case not approved a 409 `locked`.
const OWNER_ERRORS = [...ORG_ERRORS, 403, 409] as const;

const benefitPlan = createRoute({
  method: "put",
  path: "/{id}/benefit-plan",
  tags,
  summary: "Set an approved case's go-live, ramp-up and measurement scope (its owner or an admin)",
  request: { params: CaseId, body: jsonBody(benefitPlanRequest) },
  responses: { 200: json(caseBenefitsResult, "Saved; the case's benefits with this plan"), ...errors(...OWNER_ERRORS) },
});

const putActual = createRoute({
  method: "put",
  path: "/{id}/benefit-actuals/{quarter}",
  tags,
  summary: "Record a quarter's actual benefit and how it was measured (its owner or an admin); it overrides the measured figure",
  request: { params: CaseQuarter, body: jsonBody(benefitActualRequest) },
  responses: { 200: json(caseBenefitsResult, "Recorded; the case's benefits"), ...errors(...OWNER_ERRORS) },
});

const deleteActual = createRoute({
  method: "delete",
  path: "/{id}/benefit-actuals/{quarter}",
  tags,
  summary: "Remove a quarter's recorded actual (its owner or an admin): the measured figure, if any, stands again",
  request: { params: CaseQuarter },
  responses: { 200: json(caseBenefitsResult, "Removed; the case's benefits"), ...errors(...OWNER_ERRORS) },
});

const caller = (c: Context<AppEnv>): BenefitCaller => ({ orgId: c.get("orgId"), userId: c.get("session").user.id, role: c.get("role") });

/**
 * The lifecycle and the benefits of business cases. Everything else about a case travels
 * through sync; its status does not, because each step is a decision someone answers for.
 * Every member may ask for a move: the lifecycle (shared/business-cases/lifecycle.ts) decides
 * per move and role, and a refusal says why: a 403 for who asks, a 409 for where the case stands.
 */
export function businessCaseRoutes(db: Db) {
  return apiRouter()
    .openapi(decide, async (c) => {
      const { user } = c.get("session");
      const caller = { orgId: c.get("orgId"), userId: user.id, userName: user.name, role: c.get("role") };
      return c.json(await moveRecord(db, BUSINESS_CASE, caller, c.req.valid("param").id, c.req.valid("json")), 200);
    })
    .openapi(decisions, async (c) => c.json({ decisions: await moveLog(db, BUSINESS_CASE, c.get("orgId"), c.req.valid("param").id) }, 200))
    // A case that is not (yet) approved answers an empty list: there is nothing to track, and
    // the screen shows that rather than an error.
    .openapi(benefits, async (c) => c.json(await benefitsOfCase(db, c.get("orgId"), c.req.valid("param").id), 200))
    .openapi(benefitPlan, async (c) => c.json(await setBenefitPlan(db, caller(c), c.req.valid("param").id, c.req.valid("json")), 200))
    .openapi(putActual, async (c) => {
      const { id, quarter } = c.req.valid("param");
      return c.json(await recordActual(db, caller(c), id, quarter, c.req.valid("json")), 200);
    })
    .openapi(deleteActual, async (c) => {
      const { id, quarter } = c.req.valid("param");
      return c.json(await removeActual(db, caller(c), id, quarter), 200);
    });
}
