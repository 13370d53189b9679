import { createRoute } from "@hono/zod-openapi";
import { compare } from "../../../shared/stats/compare";
import { differenceInDifferences } from "../../../shared/stats/did";
import type { StatsOutcome } from "../../../shared/stats/outcome";
import { sampleSize } from "../../../shared/stats/sample-size";
import { compareRequest, compareResult, didRequest, didResult, sampleSizeRequest, sampleSizeResult } from "../../../shared/stats/schemas";
import { allFinite, failure, success } from "../../../shared/stats/outcome";
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

const pilotVersusControl = createRoute({
  method: "post",
  path: "/did",
  tags: ["Calculators"],
  summary: "A store pilot against control stores: difference in differences with randomisation inference",
  request: { body: jsonBody(didRequest) },
  responses: { 200: json(didResult, "Effect, interval, Welch and randomisation p-values"), ...errors(400, 401) },
});

/** The statistics calculators, for any logged-in user; they read and write nothing. */
export function statsRoutes(db: Db) {
  const router = apiRouter();
  router.use(requireUser(db));
  return router
    .openapi(compareArms, (c) => c.json(answer(compare(c.req.valid("json"))), 200))
    .openapi(sampleSizeFor, (c) => c.json(answer(sampleSize(c.req.valid("json"))), 200))
    .openapi(pilotVersusControl, (c) => {
      const result = differenceInDifferences(c.req.valid("json"));
      // Values near the largest double overflow in the means: a 400, not a body full of nulls.
      const checked = allFinite({ ...result, relativeEffect: result.relativeEffect ?? 0 })
        ? success(result)
        : failure<typeof result>("out_of_range", "The values are too large to compute with", ["pilot", "control"]);
      return c.json(answer(checked), 200);
    });
}
