import { Hono } from "hono";
import { boardSummary } from "../../board/summary";
import type { Db } from "../../db/client";
import type { AppEnv } from "../../http/env";
import { ApiError } from "../../http/errors";
import { requireAbility } from "../../http/guards";

export const MAX_MONTHS = 120;

/** `?months=N` (1–120): only findings created in the last N months, this one included. */
function monthsQuery(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const months = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(months >= 1 && months <= MAX_MONTHS)) {
    throw new ApiError(400, "validation_failed", "The request is not valid", [{ path: "months", message: `Must be a whole number of months from 1 to ${MAX_MONTHS}` }]);
  }
  return months;
}

/** The board's home screen: for the board, and for admins who prepare the meeting. */
export function boardRoutes(db: Db) {
  return new Hono<AppEnv>().get("/summary", requireAbility("board_view"), async (c) => {
    const months = monthsQuery(c.req.query("months"));
    return c.json(await boardSummary(db, c.get("orgId"), { months }));
  });
}
