import { createRoute, z } from "@hono/zod-openapi";
import { experimentDecision, transitionRequest, transitionResult } from "../../../shared/schemas/experiment";
import type { Db } from "../../db/client";
import { apiRouter, errors, json, jsonBody, ORG_ERRORS } from "../../http/openapi";
import { EXPERIMENT, moveLog, moveRecord } from "../../lifecycle/move";

const ExperimentId = z.object({ id: z.uuid() });

const transition = createRoute({
  method: "post",
  path: "/{id}/transitions",
  tags: ["Experiments"],
  summary: "Move an experiment along its lifecycle, with a reason (a wrong role `role_not_allowed` or one's own proposal `own_proposal` is a 403; `move_not_allowed`, `not_ready`, `gate_reason_required` are 409s)",
  description:
    "A move to `won` past a decision-quality gate — a sample-ratio mismatch, a guardrail KPI significantly worse, the primary KPI's groups below the required sample size — " +
    "needs `gateReason`; without it the answer is a 409 `gate_reason_required` with one issue per gate. A store pilot (`pilot_control`, `before_after`) is judged on its guardrails as measured " +
    "from their values per location in its window (no sample-ratio or sample-size gate: its stores are chosen, not randomised users). The gates and the reason are stored on the experiment (`verdictGates`, `gateReason`) " +
    "and cleared when the verdict is reopened.",
  request: { params: ExperimentId, body: jsonBody(transitionRequest) },
  responses: { 200: json(transitionResult, "Moved; the decision is logged"), ...errors(...ORG_ERRORS, 403, 409) },
});

const decisions = createRoute({
  method: "get",
  path: "/{id}/decisions",
  tags: ["Experiments"],
  summary: "The experiment's decision log, oldest move first",
  request: { params: ExperimentId },
  responses: { 200: json(z.object({ decisions: z.array(experimentDecision) }), "Every move, who made it and why"), ...errors(...ORG_ERRORS) },
});

/**
 * The lifecycle of experiments. Everything else about an experiment travels through sync;
 * its status does not, because each move is a decision someone answers for. Every member
 * may ask for a move: the lifecycle (shared/experiments/lifecycle.ts) decides per move and
 * role, and a refusal says why: a 403 for who asks, a 409 for where the record stands.
 */
export function experimentRoutes(db: Db) {
  return apiRouter()
    .openapi(transition, async (c) => {
      const { user } = c.get("session");
      const caller = { orgId: c.get("orgId"), userId: user.id, userName: user.name, role: c.get("role") };
      return c.json(await moveRecord(db, EXPERIMENT, caller, c.req.valid("param").id, c.req.valid("json")), 200);
    })
    .openapi(decisions, async (c) => c.json({ decisions: await moveLog(db, EXPERIMENT, c.get("orgId"), c.req.valid("param").id) }, 200));
}
