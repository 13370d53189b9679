import { Hono } from "hono";
import { businessCase } from "../../../shared/finance/business-case";
import type { FinanceOutcome } from "../../../shared/finance/outcome";
import { businessCaseRequest } from "../../../shared/finance/schemas";
import type { Db } from "../../db/client";
import type { AppEnv } from "../../http/env";
import { ApiError } from "../../http/errors";
import { requireUser } from "../../http/guards";
import { readBody } from "../../http/validate";

/**
 * Amounts too large to compute with are a 400 like any other bad input: the plain reason as
 * the message, the fields as issues.
 */
function answer<T>(outcome: FinanceOutcome<T>): T {
  if (outcome.ok) return outcome.value;
  const { message, paths } = outcome.problem;
  throw new ApiError(400, "validation_failed", message, paths.map((path) => ({ path, message })));
}

/** The business-case calculator, for any logged-in user; it reads and writes nothing. */
export function financeRoutes(db: Db) {
  return new Hono<AppEnv>()
    .use(requireUser(db))
    .post("/business-case", async (c) => c.json(answer(businessCase(await readBody(c, businessCaseRequest)))));
}
