import { randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, isNull } from "drizzle-orm";
import { csvMappingSchema, measurementsFromCsv, measurementsToCsv, parseCsv, type CsvLookups } from "../../../shared/kpi/csv";
import { kpiMeasurementFields, type KpiMeasurementFields } from "../../../shared/schemas/kpi";
import type { Db } from "../../db/client";
import { kpiMeasurements, kpis, locations, segments } from "../../db/schema";
import { serverHlc } from "../../experiments/server-clock";
import { ApiError, notFound } from "../../http/errors";
import { requireAbility } from "../../http/guards";
import { apiRouter, errors, json, jsonBody, ORG_ERRORS } from "../../http/openapi";
import type { Writer } from "../../orgs/create";
import { SYNC_ENTITIES } from "../../sync/entities";
import { storedState, writeRecords, type RecordWrite } from "../../sync/write";
import { MEASUREMENT_PERIODS, type MeasurementPeriod } from "../../../shared/enums";

export const MAX_IMPORT_ROWS = 10_000;

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

type MeasurementRow = typeof kpiMeasurements.$inferSelect;

/** What makes two measurements the same one: a re-imported file updates, never duplicates. */
const keyOf = (m: { period: string | null; periodStart: string | null; locationId: string | null; segmentId: string | null }) =>
  [m.period, m.periodStart, m.locationId ?? "", m.segmentId ?? ""].join("|");

const FIELD_NAMES = Object.keys(kpiMeasurementFields.shape) as (keyof KpiMeasurementFields)[];

async function findKpi(db: Writer, orgId: string, kpiId: string) {
  const [kpi] = await db
    .select({ id: kpis.id, name: kpis.name, deletedAt: kpis.deletedAt })
    .from(kpis)
    .where(and(eq(kpis.id, kpiId), eq(kpis.orgId, orgId)));
  // An archived KPI keeps its history and can still receive it; a deleted one is gone.
  if (!kpi || kpi.deletedAt !== null) throw notFound();
  return kpi;
}

/** Every location and segment of the organisation, archived ones too: old files name old stores. */
async function lookupsOf(db: Writer, orgId: string): Promise<CsvLookups> {
  return {
    locations: await db.select({ id: locations.id, name: locations.name }).from(locations).where(eq(locations.orgId, orgId)),
    segments: await db.select({ id: segments.id, name: segments.name }).from(segments).where(eq(segments.orgId, orgId)),
  };
}

async function liveMeasurements(db: Writer, orgId: string, kpiId: string, period?: MeasurementPeriod): Promise<MeasurementRow[]> {
  const scope = and(eq(kpiMeasurements.orgId, orgId), eq(kpiMeasurements.kpiId, kpiId), isNull(kpiMeasurements.deletedAt));
  return db
    .select()
    .from(kpiMeasurements)
    .where(period ? and(scope, eq(kpiMeasurements.period, period)) : scope);
}

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

interface ImportPlan {
  writes: RecordWrite[];
  imported: number;
  updated: number;
}

/**
 * The records an import writes: new measurements with a clock for every field, and existing
 * ones (same period, location and segment) with the mapped values under a clock later than
 * the one each replaces, so devices take the new value when they merge.
 */
function planImport(good: { line: number; fields: KpiMeasurementFields }[], existing: MeasurementRow[], mapped: { sampleSize: boolean; note: boolean }, now: Date): ImportPlan {
  const byKey = new Map(existing.map((row) => [keyOf(row), row]));
  const matches = good.map(({ fields }) => byKey.get(keyOf(fields)));
  const hlc = serverHlc(
    now.getTime(),
    matches.flatMap((row) => (row ? Object.values(row.clocks) : [])),
  );
  let imported = 0;
  let updated = 0;
  const writes = good.map(({ fields }, index): RecordWrite => {
    const current = matches[index];
    if (!current) {
      imported++;
      return { entity: "kpi_measurement", id: randomUUID(), before: null, state: { fields, clocks: Object.fromEntries(FIELD_NAMES.map((name) => [name, hlc])), deletedAt: null } };
    }
    updated++;
    // Columns the mapping leaves out keep what they had: a file without notes wipes no note.
    const changed: (keyof KpiMeasurementFields)[] = ["value", ...(mapped.sampleSize ? (["sampleSize"] as const) : []), ...(mapped.note ? (["note"] as const) : [])];
    const before = storedState(SYNC_ENTITIES.kpi_measurement, current as Record<string, unknown>);
    const state = { ...before.state, fields: { ...before.state.fields }, clocks: { ...before.state.clocks } };
    for (const name of changed) {
      state.fields[name] = fields[name];
      state.clocks[name] = hlc;
    }
    // Only live measurements are matched, so the record stays live, its restore clock with it.
    return { entity: "kpi_measurement", id: current.id, before, state };
  });
  return { writes, imported, updated };
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
      await findKpi(db, orgId, kpiId);

      const dataRows = parseCsv(body.csv).rows.length;
      if (dataRows > MAX_IMPORT_ROWS) {
        throw new ApiError(400, "too_many_rows", `The file has ${dataRows} rows of values; at most ${MAX_IMPORT_ROWS.toLocaleString("en")} can be imported at once: split it`);
      }
      const { rows: good, errors } = measurementsFromCsv(body.csv, { kpiId, period: body.period, mapping: body.mapping, lookups: await lookupsOf(db, orgId) });
      if (errors.length > 0 && body.mode === "all") {
        throw new ApiError(
          400,
          "invalid_rows",
          `${plural(errors.length, "row is", "rows are")} not valid; nothing was imported`,
          errors.map((e) => ({ path: `line ${e.line}`, message: e.message })),
        );
      }
      const mapped = { sampleSize: Boolean(body.mapping.sampleSize?.trim()), note: Boolean(body.mapping.note?.trim()) };
      const ctx = { orgId, userId: c.get("session").user.id, now: new Date() };
      const answer = (plan: ImportPlan): ImportAnswer => ({ imported: plan.imported, updated: plan.updated, errors });

      if (body.dryRun) return c.json(answer(planImport(good, await liveMeasurements(db, orgId, kpiId, body.period), mapped, ctx.now)), 200);
      // The existing measurements are read inside the write lock, so two imports of the same
      // file at once still give one measurement per period, location and segment.
      const plan = await db.transaction(
        async (tx) => {
          await findKpi(tx, orgId, kpiId);
          const plan = planImport(good, await liveMeasurements(tx, orgId, kpiId, body.period), mapped, ctx.now);
          await writeRecords(tx, ctx, plan.writes);
          return plan;
        },
        { behavior: "immediate" },
      );
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
