import { createRoute, z } from "@hono/zod-openapi";
import { benefitsResult } from "../../../shared/business-cases/benefits";
import { businessCaseDecision, caseDecisionRequest, caseDecisionResult } from "../../../shared/schemas/business-case";
import { benefitsOf, liveCase } from "../../business-cases/benefits";
import type { Db } from "../../db/client";
import { apiRouter, errors, json, jsonBody, ORG_ERRORS } from "../../http/openapi";
import { BUSINESS_CASE, moveLog, moveRecord } from "../../lifecycle/move";

const CaseId = z.object({ id: z.uuid() });
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
  responses: { 200: json(benefitsResult, "Quarters since approval (none for a case not approved)"), ...errors(...ORG_ERRORS) },
});

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
    .openapi(benefits, async (c) => {
      const { id } = c.req.valid("param");
      const row = await liveCase(db, c.get("orgId"), id);
      const delivered = await benefitsOf(db, c.get("orgId"), [row]);
      return c.json(delivered.get(id)!, 200);
    });
}
