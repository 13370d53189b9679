import { Hono } from "hono";
import { compare } from "../../../shared/stats/compare";
import type { StatsOutcome } from "../../../shared/stats/outcome";
import { sampleSize } from "../../../shared/stats/sample-size";
import { compareRequest, sampleSizeRequest } from "../../../shared/stats/schemas";
import type { Db } from "../../db/client";
import type { AppEnv } from "../../http/env";
import { ApiError } from "../../http/errors";
import { requireUser } from "../../http/guards";
import { readBody } from "../../http/validate";

/**
 * A statistic that does not exist for valid-looking numbers (no variation, a control of 0)
 * is a 400 like any other bad input: the plain reason as the message, the fields as issues.
 */
function answer<T>(outcome: StatsOutcome<T>): T {
  if (outcome.ok) return outcome.value;
  const { message, paths } = outcome.problem;
  throw new ApiError(400, "validation_failed", message, paths.map((path) => ({ path, message })));
}

/** The statistics calculators, for any logged-in user; they read and write nothing. */
export function statsRoutes(db: Db) {
  return new Hono<AppEnv>()
    .use(requireUser(db))
    .post("/compare", async (c) => c.json(answer(compare(await readBody(c, compareRequest)))))
    .post("/sample-size", async (c) => c.json(answer(sampleSize(await readBody(c, sampleSizeRequest)))));
}
