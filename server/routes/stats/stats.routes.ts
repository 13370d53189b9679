import { createRoute } from "@hono/zod-openapi";
import { compare } from "../../../shared/stats/compare";
import type { StatsOutcome } from "../../../shared/stats/outcome";
import { sampleSize } from "../../../shared/stats/sample-size";
import { compareRequest, compareResult, sampleSizeRequest, sampleSizeResult } from "../../../shared/stats/schemas";
import type { Db } from "../../db/client";
import { ApiError } from "../../http/errors";
import { requireUser } from "../../http/guards";
import { apiRouter, errors, json, jsonBody } from "../../http/openapi";

/**
 * A statistic that does not exist for valid-looking numbers (no variation, a control of 0)
 * is a 400 like any other bad input: the plain reason as the message, the fields as issues.
 */
function answer<T>(outcome: StatsOutcome<T>): T {
  if (outcome.ok) return outcome.value;
  const { message, paths } = outcome.problem;
  throw new ApiError(400, "validation_failed", message, paths.map((path) => ({ path, message })));
}

const compareArms = createRoute({
  method: "post",
  path: "/compare",
  tags: ["Calculators"],
  summary: "Compare two arms of an experiment (z-test for rates, Welch's t-test for means)",
  request: { body: jsonBody(compareRequest) },
  responses: { 200: json(compareResult, "Lift, intervals, p-value, chance to beat and sample-ratio check"), ...errors(400, 401) },
});

const sampleSizeFor = createRoute({
  method: "post",
  path: "/sample-size",
  tags: ["Calculators"],
  summary: "Users needed per variant to detect a relative lift in a rate",
  request: { body: jsonBody(sampleSizeRequest) },
  responses: { 200: json(sampleSizeResult, "Users per variant"), ...errors(400, 401) },
});

/** The statistics calculators, for any logged-in user; they read and write nothing. */
export function statsRoutes(db: Db) {
  const router = apiRouter();
  router.use(requireUser(db));
  return router
    .openapi(compareArms, (c) => c.json(answer(compare(c.req.valid("json"))), 200))
    .openapi(sampleSizeFor, (c) => c.json(answer(sampleSize(c.req.valid("json"))), 200));
}
