import { createRoute, z } from "@hono/zod-openapi";
import { boardSummaryResponse } from "../../../shared/board/summary";
import { boardSummary } from "../../board/summary";
import type { Db } from "../../db/client";
import { requireAbility } from "../../http/guards";
import { apiRouter, errors, json, ORG_ERRORS } from "../../http/openapi";

export const MAX_MONTHS = 120;

/** `?months=N` (1–120): only findings created in the last N months, this one included. */
const SummaryQuery = z.object({
  months: z
    .string()
    .refine((value) => /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_MONTHS, `Must be a whole number of months from 1 to ${MAX_MONTHS}`)
    .optional()
    .describe(`Only findings created in the last N months (1 to ${MAX_MONTHS}), this one included`),
});

const summary = createRoute({
  method: "get",
  path: "/summary",
  tags: ["Board"],
  summary: "The board's home screen: time on the floor, findings, experiments, cases, hard KPIs (board and admins)",
  middleware: [requireAbility("board_view")] as const,
  request: { query: SummaryQuery },
  responses: { 200: json(boardSummaryResponse, "The summary"), ...errors(...ORG_ERRORS, 403) },
});

/** The board's home screen: for the board, and for admins who prepare the meeting. */
export function boardRoutes(db: Db) {
  return apiRouter().openapi(summary, async (c) => {
    const { months } = c.req.valid("query");
    return c.json(await boardSummary(db, c.get("orgId"), { months: months === undefined ? undefined : Number(months) }), 200);
  });
}
