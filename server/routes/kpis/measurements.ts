import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { CsvLookups } from "../../../shared/kpi/csv";
import { kpiMeasurementFields, type KpiMeasurementFields } from "../../../shared/schemas/kpi";
import type { KpiUnit, MeasurementPeriod } from "../../../shared/enums";
import type { Db } from "../../db/client";
import { kpiMeasurements, kpis, locations, segments } from "../../db/schema";
import { serverHlc } from "../../experiments/server-clock";
import { notFound } from "../../http/errors";
import type { Writer } from "../../orgs/create";
import { SYNC_ENTITIES } from "../../sync/entities";
import { storedState, writeRecords, type RecordWrite, type WriteContext } from "../../sync/write";

/**
 * Measurements arriving in bulk — a CSV import, the machine feed — become synced records here:
 * matched to the stored ones by KPI, period, period start, location and segment, so sending the
 * same rows again updates rather than duplicates, and written through the one write path.
 */

/** At most this many rows in one import or one feed request. */
export const MAX_IMPORT_ROWS = 10_000;

export type MeasurementRow = typeof kpiMeasurements.$inferSelect;

/** What makes two measurements the same one: a re-imported file updates, never duplicates. */
const keyOf = (m: { period: string | null; periodStart: string | null; locationId: string | null; segmentId: string | null }) =>
  [m.period, m.periodStart, m.locationId ?? "", m.segmentId ?? ""].join("|");

export const FIELD_NAMES = Object.keys(kpiMeasurementFields.shape) as (keyof KpiMeasurementFields)[];

export async function findKpi(db: Writer, orgId: string, kpiId: string) {
  const [kpi] = await db
    .select({ id: kpis.id, name: kpis.name, unit: kpis.unit, minValue: kpis.minValue, maxValue: kpis.maxValue, deletedAt: kpis.deletedAt })
    .from(kpis)
    .where(and(eq(kpis.id, kpiId), eq(kpis.orgId, orgId)));
  // An archived KPI keeps its history and can still receive it; a deleted one is gone.
  if (!kpi || kpi.deletedAt !== null) throw notFound();
  // What an import checks its rows against: the KPI's name (a file's kpi column) and valid range.
  return { ...kpi, unit: kpi.unit as KpiUnit | null };
}

/** Every location and segment of the organisation, archived ones too: old files name old stores. */
export async function lookupsOf(db: Writer, orgId: string): Promise<CsvLookups> {
  return {
    locations: await db.select({ id: locations.id, name: locations.name }).from(locations).where(eq(locations.orgId, orgId)),
    segments: await db.select({ id: segments.id, name: segments.name }).from(segments).where(eq(segments.orgId, orgId)),
  };
}

export async function liveMeasurements(db: Writer, orgId: string, kpiId: string, period?: MeasurementPeriod): Promise<MeasurementRow[]> {
  const scope = and(eq(kpiMeasurements.orgId, orgId), eq(kpiMeasurements.kpiId, kpiId), isNull(kpiMeasurements.deletedAt));
  return db
    .select()
    .from(kpiMeasurements)
    .where(period ? and(scope, eq(kpiMeasurements.period, period)) : scope);
}

/** A good row of an import: the measurement, and which optional fields it gives (the others keep what a stored measurement has). */
export interface ImportRow {
  fields: KpiMeasurementFields;
  gives: { sampleSize: boolean; note: boolean };
}

export interface ImportPlan {
  writes: RecordWrite[];
  imported: number;
  updated: number;
  /** Rows equal to the stored measurement in every field they give (not written when skipped). */
  unchanged: number;
}

/**
 * The records an import writes: new measurements with a clock for every field, and existing
 * ones (same period, location and segment) with the given values under a clock later than
 * the one each replaces, so devices take the new value when they merge. With `skipUnchanged`
 * a row that would change nothing is not written at all (the feed: a re-sent batch is no new
 * change for devices to pull); without it, it is written and counted as updated (the CSV import,
 * whose re-import moves every mapped field's clock forward).
 */
export function planImport(rows: ImportRow[], existing: MeasurementRow[], now: Date, options: { skipUnchanged?: boolean } = {}): ImportPlan {
  const byKey = new Map(existing.map((row) => [keyOf(row), row]));
  const matches = rows.map(({ fields }) => byKey.get(keyOf(fields)));
  const hlc = serverHlc(
    now.getTime(),
    matches.flatMap((row) => (row ? Object.values(row.clocks) : [])),
  );
  const plan: ImportPlan = { writes: [], imported: 0, updated: 0, unchanged: 0 };
  rows.forEach(({ fields, gives }, index) => {
    const current = matches[index];
    if (!current) {
      plan.imported++;
      plan.writes.push({ entity: "kpi_measurement", id: randomUUID(), before: null, state: { fields, clocks: Object.fromEntries(FIELD_NAMES.map((name) => [name, hlc])), deletedAt: null } });
      return;
    }
    // Fields the row does not give keep what they had: a file without notes wipes no note.
    const changed: (keyof KpiMeasurementFields)[] = ["value", ...(gives.sampleSize ? (["sampleSize"] as const) : []), ...(gives.note ? (["note"] as const) : [])];
    if (options.skipUnchanged && changed.every((name) => current[name] === fields[name])) {
      plan.unchanged++;
      return;
    }
    plan.updated++;
    const before = storedState(SYNC_ENTITIES.kpi_measurement, current as Record<string, unknown>);
    const state = { ...before.state, fields: { ...before.state.fields }, clocks: { ...before.state.clocks } };
    for (const name of changed) {
      state.fields[name] = fields[name];
      state.clocks[name] = hlc;
    }
    // Only live measurements are matched, so the record stays live, its restore clock with it.
    plan.writes.push({ entity: "kpi_measurement", id: current.id, before, state });
  });
  return plan;
}

/**
 * Plans and writes an import in one immediate transaction: the existing measurements are read
 * inside the write lock, so two imports of the same rows at once still give one measurement per
 * period, location and segment.
 */
export function writeImport(db: Db, ctx: WriteContext, kpiId: string, rows: ImportRow[], options: { period?: MeasurementPeriod; skipUnchanged?: boolean } = {}): Promise<ImportPlan> {
  return db.transaction(
    async (tx) => {
      await findKpi(tx, ctx.orgId, kpiId);
      const plan = planImport(rows, await liveMeasurements(tx, ctx.orgId, kpiId, options.period), ctx.now, options);
      await writeRecords(tx, ctx, plan.writes);
      return plan;
    },
    { behavior: "immediate" },
  );
}
