import { createRoute, z } from "@hono/zod-openapi";
import { csvMappingSchema, measurementsFromCsv, measurementsToCsv, parseCsv } from "../../../shared/kpi/csv";
import type { KpiMeasurementFields } from "../../../shared/schemas/kpi";
import type { Db } from "../../db/client";
import { ApiError } from "../../http/errors";
import { requireAbility } from "../../http/guards";
import { apiRouter, errors, json, jsonBody, ORG_ERRORS } from "../../http/openapi";
import { MEASUREMENT_PERIODS } from "../../../shared/enums";
import { FIELD_NAMES, findKpi, liveMeasurements, lookupsOf, MAX_IMPORT_ROWS, planImport, writeImport, type ImportPlan } from "./measurements";

export const importRequest = z.strictObject({
  csv: z.string(),
  mapping: csvMappingSchema,
  period: z.enum(MEASUREMENT_PERIODS),
  /** "all": nothing is imported while any row is bad; "valid_only": the good rows are, the bad ones reported. */
  mode: z.enum(["all", "valid_only"]),
  dryRun: z.boolean().optional(),
});

export const importAnswer = z
  .object({
    imported: z.number().int(),
    updated: z.number().int(),
    /** The bad rows, when the mode is "valid_only" (with "all" they are a 400 `invalid_rows`). */
    errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
  })
  .meta({ id: "KpiImport" });
export type ImportAnswer = z.infer<typeof importAnswer>;

/** A file name from the KPI's name: "12-month retention" → "12-month-retention". */
export function slug(name: string) {
  const text = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return text || "kpi";
}

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

const KpiId = z.object({ kpiId: z.uuid() });

const importMeasurements = createRoute({
  method: "post",
  path: "/{kpiId}/measurements/import",
  tags: ["KPIs"],
  summary: "Import measurements from a CSV file (CX operations); a dry run says what it would do",
  middleware: [requireAbility("import_measurements")] as const,
  request: { params: KpiId, body: jsonBody(importRequest, "The file's text, which column holds what, and what to do with bad rows") },
  responses: {
    200: json(importAnswer, "New and updated measurements (a re-imported period, location and segment updates)"),
    ...errors(...ORG_ERRORS, 403),
  },
});

const exportMeasurements = createRoute({
  method: "get",
  path: "/{kpiId}/measurements.csv",
  tags: ["KPIs"],
  summary: "The KPI's measurements as a CSV file, in the format the import reads",
  // Declared as plain text for the document; checked by hand after the KPI, so an unknown KPI stays a 404.
  request: { params: KpiId, query: z.object({ period: z.string().optional().describe(`Only this period: ${MEASUREMENT_PERIODS.join(", ")}`) }) },
  responses: {
    200: { description: "The file (as an attachment named after the KPI)", content: { "text/csv": { schema: { type: "string" } } } },
    ...errors(...ORG_ERRORS),
  },
});

export function kpiRoutes(db: Db) {
  return apiRouter()
    .openapi(importMeasurements, async (c) => {
      const { kpiId } = c.req.valid("param");
      const body = c.req.valid("json");
      const orgId = c.get("orgId");
      const kpi = await findKpi(db, orgId, kpiId);

      const dataRows = parseCsv(body.csv).rows.length;
      if (dataRows > MAX_IMPORT_ROWS) {
        throw new ApiError(400, "too_many_rows", `The file has ${dataRows} rows of values; at most ${MAX_IMPORT_ROWS.toLocaleString("en")} can be imported at once: split it`);
      }
      const { rows: good, errors } = measurementsFromCsv(body.csv, { kpi, period: body.period, mapping: body.mapping, lookups: await lookupsOf(db, orgId) });
      if (errors.length > 0 && body.mode === "all") {
        throw new ApiError(
          400,
          "invalid_rows",
          `${plural(errors.length, "row is", "rows are")} not valid; nothing was imported`,
          errors.map((e) => ({ path: `line ${e.line}`, message: e.message })),
        );
      }
      const gives = { sampleSize: Boolean(body.mapping.sampleSize?.trim()), note: Boolean(body.mapping.note?.trim()) };
      const rows = good.map(({ fields }) => ({ fields, gives }));
      const ctx = { orgId, userId: c.get("session").user.id, now: new Date() };
      // A matched row counts as updated even when its values are the same: the import writes it anew.
      const answer = (plan: ImportPlan): ImportAnswer => ({ imported: plan.imported, updated: plan.updated, errors });

      if (body.dryRun) return c.json(answer(planImport(rows, await liveMeasurements(db, orgId, kpiId, body.period), ctx.now)), 200);
      const plan = await writeImport(db, ctx, kpiId, rows, { period: body.period });
      return c.json(answer(plan), 200);
    })
    .openapi(exportMeasurements, async (c) => {
      const { kpiId } = c.req.valid("param");
      const orgId = c.get("orgId");
      const kpi = await findKpi(db, orgId, kpiId);
      const periodText = c.req.valid("query").period;
      const period = periodText === undefined || periodText === "" ? undefined : z.enum(MEASUREMENT_PERIODS).safeParse(periodText).data;
      if (periodText && !period) {
        throw new ApiError(400, "validation_failed", "The request is not valid", [{ path: "period", message: `One of ${MEASUREMENT_PERIODS.join(", ")}` }]);
      }
      const rows = await liveMeasurements(db, orgId, kpiId, period);
      const fields = rows.map((row) => Object.fromEntries(FIELD_NAMES.map((name) => [name, row[name]])) as KpiMeasurementFields);
      const csv = measurementsToCsv(fields, await lookupsOf(db, orgId));
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="${slug(kpi.name ?? "")}.csv"`);
      return c.body(csv, 200);
    });
}
