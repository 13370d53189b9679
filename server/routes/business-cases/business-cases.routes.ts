import { Hono } from "hono";
import { caseDecisionRequest } from "../../../shared/schemas/business-case";
import { benefitsOf, liveCase } from "../../business-cases/benefits";
import type { Db } from "../../db/client";
import type { AppEnv } from "../../http/env";
import { readBody, uuidParam } from "../../http/validate";
import { BUSINESS_CASE, moveLog, moveRecord } from "../../lifecycle/move";

/**
 * The lifecycle and the benefits of business cases. Everything else about a case travels
 * through sync; its status does not, because each step is a decision someone answers for.
 * Every member may ask for a move: the lifecycle (shared/business-cases/lifecycle.ts) decides
 * per move and role, and a refusal is a 409 saying why.
 */
export function businessCaseRoutes(db: Db) {
  return new Hono<AppEnv>()
    .post("/:id/decisions", async (c) => {
      const id = uuidParam(c, "id");
      const request = await readBody(c, caseDecisionRequest);
      const { user } = c.get("session");
      const result = await moveRecord(db, BUSINESS_CASE, { orgId: c.get("orgId"), userId: user.id, userName: user.name, role: c.get("role") }, id, request);
      return c.json(result);
    })
    .get("/:id/decisions", async (c) => {
      const id = uuidParam(c, "id");
      return c.json({ decisions: await moveLog(db, BUSINESS_CASE, c.get("orgId"), id) });
    })
    // A case that is not (yet) approved answers an empty list: there is nothing to track, and
    // the screen shows that rather than an error.
    .get("/:id/benefits", async (c) => {
      const id = uuidParam(c, "id");
      const row = await liveCase(db, c.get("orgId"), id);
      const benefits = await benefitsOf(db, c.get("orgId"), [row]);
      return c.json(benefits.get(id)!);
    });
}
