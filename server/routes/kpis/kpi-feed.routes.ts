import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { MEASUREMENT_PERIODS } from "../../../shared/enums";
import { measurementRowReader } from "../../../shared/kpi/measurement-row";
import { LINE_MAX } from "../../../shared/limits";
import { requireFeedWriter } from "../../auth/api-keys";
import type { Db } from "../../db/client";
import type { AppEnv } from "../../http/env";
import { errorBody } from "../../http/errors";
import { apiRouter, ErrorBody, errors, json, jsonBody } from "../../http/openapi";
import { findKpi, lookupsOf, MAX_IMPORT_ROWS, writeImport, type ImportRow } from "./measurements";

/**
 * The KPI feed: machines (a BI tool, a till system's nightly export) send measurements as JSON
 * with an API key an admin made. The rows are those of the CSV import and are read by the same
 * code (shared/kpi/measurement-row.ts); the JSON's shape is checked first (a 400 for the whole
 * request, like every route), then each row's content (unknown store, no such date, a duplicate
 * of an earlier row), which is reported per row while the good rows are written.
 */

/** The feed's body limit: 10,000 rows with ids and notes do not fit in the API's 1 MB (server/app.ts skips that one here). */
export const FEED_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** The path the larger limit applies to. */
export const FEED_PATH = /^\/api\/orgs\/[^/]+\/kpis\/[^/]+\/measurements$/;

/** Longer than any id or name (names are at most 120 characters). */
const placeName = z.string().max(200).nullable().optional();

export const feedRow = z
  .strictObject({
    period: z.enum(MEASUREMENT_PERIODS),
    periodStart: z.string().max(40).describe("Any day of the period, YYYY-MM-DD (DD-MM-YYYY and 2025-W02 are read too); it is stored as the period's first day"),
    location: placeName.describe("A location's id or name (any case); absent or null for the whole organisation"),
    segment: placeName.describe("A segment's id or name (any case); absent or null for all customers"),
    value: z.number(),
    sampleSize: z.number().nullable().optional().describe("A whole number of 0 or more; absent leaves a stored sample size as it is, null clears it"),
    note: z.string().nullable().optional().describe(`At most ${LINE_MAX} characters; absent leaves a stored note as it is, null clears it`),
  })
  .meta({ id: "KpiFeedRow" });

export const feedBody = z
  .array(feedRow)
  .min(1, "Send at least one row")
  .max(MAX_IMPORT_ROWS, `At most ${MAX_IMPORT_ROWS.toLocaleString("en")} rows at once: split them`);

export const feedAnswer = z
  .object({
    imported: z.number().int().describe("New measurements"),
    updated: z.number().int().describe("Measurements of the same period, location and segment whose values changed"),
    unchanged: z.number().int().describe("Rows equal to what is stored: nothing written (a re-sent batch)"),
    errors: z.array(z.object({ index: z.number().int().describe("The row's position in the array, from 0"), message: z.string() })).describe("The rows not written, and why"),
  })
  .meta({ id: "KpiFeed" });

const feedBodyLimit = createMiddleware<AppEnv>(
  bodyLimit({ maxSize: FEED_MAX_BODY_BYTES, onError: (c) => c.json(errorBody("payload_too_large", "The request body is larger than 4 MB: split the rows"), 413) }),
);

/** A key or a session: either scheme of the API document (server/http/document.ts). */
const FEED_SECURITY: { [scheme: string]: string[] }[] = [{ apiKey: [] }, { session: [] }];

/** Declared with the database its key check reads. */
const sendMeasurements = (db: Db) =>
  createRoute({
  method: "post",
  path: "/{kpiId}/measurements",
  tags: ["KPIs"],
  summary: "Send measurements by machine (an API key, or a session of CX operations): the good rows are written, the bad ones reported",
  description:
    "Idempotent per KPI, period, period start, location and segment: sending the same rows again writes nothing. " +
    "`Authorization: Bearer <key>` with a key an admin made (Admin → API keys); with that header, only the key counts.",
  security: FEED_SECURITY,
  middleware: [requireFeedWriter(db), feedBodyLimit] as const,
  request: { params: z.object({ kpiId: z.uuid() }), body: jsonBody(feedBody, `A JSON array of 1 to ${MAX_IMPORT_ROWS.toLocaleString("en")} rows, as the CSV import reads them`) },
  responses: {
    200: json(feedAnswer, "What was written, and the rows that were not"),
    401: { description: "No credentials (`unauthenticated`), or a missing, unknown or revoked API key, or one of another organisation (`invalid_api_key`)", content: { "application/json": { schema: ErrorBody } } },
    ...errors(400, 403, 404, 413),
  },
});

/**
 * Mounted at /api/orgs/:orgId/kpis ahead of the organisation's routes (server/app.ts): a request
 * answered here never reaches their session middleware, so a key alone is enough.
 */
export function kpiFeedRoutes(db: Db) {
  return apiRouter().openapi(sendMeasurements(db), async (c) => {
    const { kpiId } = c.req.valid("param");
    const body = c.req.valid("json");
    const orgId = c.get("orgId");
    const kpi = await findKpi(db, orgId, kpiId);

    const read = measurementRowReader({ kpi, lookups: await lookupsOf(db, orgId), source: "json" });
    const rows: ImportRow[] = [];
    const errors: { index: number; message: string }[] = [];
    body.forEach((row, index) => {
      const verdict = read(
        {
          period: row.period,
          periodStart: row.periodStart,
          value: row.value,
          sampleSize: row.sampleSize ?? null,
          location: row.location ?? "",
          segment: row.segment ?? "",
          note: row.note?.trim() ?? "",
        },
        index,
      );
      if (verdict.problems) errors.push({ index, message: verdict.problems.join("; ") });
      else rows.push({ fields: verdict.fields, gives: { sampleSize: row.sampleSize !== undefined, note: row.note !== undefined } });
    });

    // What a key writes is in the history under the admin who made the key.
    const userId = c.get("apiKey")?.createdBy ?? c.get("session").user.id;
    const plan = await writeImport(db, { orgId, userId, now: new Date() }, kpiId, rows, { skipUnchanged: true });
    return c.json({ imported: plan.imported, updated: plan.updated, unchanged: plan.unchanged, errors }, 200);
  });
}
