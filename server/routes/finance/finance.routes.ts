import { createRoute } from "@hono/zod-openapi";
import { businessCase } from "../../../shared/finance/business-case";
import type { FinanceOutcome } from "../../../shared/finance/outcome";
import { businessCaseRequest, businessCaseResult } from "../../../shared/finance/schemas";
import type { Db } from "../../db/client";
import { ApiError } from "../../http/errors";
import { requireUser } from "../../http/guards";
import { apiRouter, errors, json, jsonBody } from "../../http/openapi";

/**
 * Amounts too large to compute with are a 400 like any other bad input: the plain reason as
 * the message, the fields as issues.
 */
function answer<T>(outcome: FinanceOutcome<T>): T {
  if (outcome.ok) return outcome.value;
  const { message, paths } = outcome.problem;
  throw new ApiError(400, "validation_failed", message, paths.map((path) => ({ path, message })));
}

const calculate = createRoute({
  method: "post",
  path: "/business-case",
  tags: ["Calculators"],
  summary: "NPV, ROI and payback of a business case in three scenarios",
  request: { body: jsonBody(businessCaseRequest) },
  responses: { 200: json(businessCaseResult, "The low, base and high scenarios"), ...errors(400, 401) },
});

/** The business-case calculator, for any logged-in user; it reads and writes nothing. */
export function financeRoutes(db: Db) {
  const router = apiRouter();
  router.use(requireUser(db));
  return router.openapi(calculate, (c) => c.json(answer(businessCase(c.req.valid("json"))), 200));
}
