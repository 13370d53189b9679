import { canCreate } from "../../../../shared/permissions";
/**
 * The KPI screens' logic, without a DOM: who may edit, how values read, which lines the chart
 * draws, what the catalogue shows as "latest", and how a typed measurement becomes a record.
 */
import type { Role } from "../../../../shared/roles";
import type { KpiFields, KpiMeasurementFields } from "../../../../shared/schemas/kpi";
import type { LinePoint, LineSeries } from "../../components/line-chart";
import type { Entity } from "../../data/local/types";
import type { MeasurementPeriod } from "../../../../shared/enums";
import { latestPerDay, type Dated } from "../../../../shared/kpi/overall";
import { compareText } from "../../order";

export type Kpi = Entity<"kpi">;
export type Measurement = Entity<"kpi_measurement">;

/** Admins and CX operations keep the catalogue and its measurements; everyone else reads. */
/** Whether a role keeps the KPI catalogue (shared/permissions.ts). */
export const canEditKpis = (role: Role) => canCreate({ id: "", role }, "kpi").ok;

/** A new KPI: a conversion-like rate, the most common hard KPI. */
export const NEW_KPI: KpiFields = { name: "", unit: "percent", direction: "higher", kind: "proportion", hard: true, description: "", archived: false };

// ---------------------------------------------------------------------------------------------
// Numbers

/** The decimal mark people type in a language: a comma in Dutch, a point in English. */
export const decimalMarkOf = (language: string): "," | "." => (language === "nl" ? "," : ".");

// ---------------------------------------------------------------------------------------------
// Measurements and series

/** The same measurement: one value per KPI, period, start, location and segment. */
export const measurementKey = (m: Pick<KpiMeasurementFields, "kpiId" | "period" | "periodStart" | "locationId" | "segmentId">) =>
  [m.kpiId, m.period, m.periodStart, m.locationId ?? "", m.segmentId ?? ""].join("|");

/** A record synced from elsewhere may still miss fields; only whole measurements are shown. */
export function isComplete(m: Measurement): m is Measurement & KpiMeasurementFields {
  return typeof m.kpiId === "string" && typeof m.period === "string" && typeof m.periodStart === "string" && typeof m.value === "number" && Number.isFinite(m.value);
}

/** The measurements of one KPI, newest period first (then by location and segment). */
export function measurementsOf(kpiId: string, all: readonly Measurement[]): (Measurement & KpiMeasurementFields)[] {
  return all
    .filter((m): m is Measurement & KpiMeasurementFields => isComplete(m) && m.kpiId === kpiId)
    .sort((a, b) => (a.periodStart < b.periodStart ? 1 : a.periodStart > b.periodStart ? -1 : 0) || compareText(a.locationId ?? "", b.locationId ?? "") || compareText(a.segmentId ?? "", b.segmentId ?? ""));
}

/** A measurement as the measurements table lists it: a stored record, perhaps not yet sent. */
export type StoredMeasurement = KpiMeasurementFields & { id: string; pending?: boolean };

/** Only the fields of a measurement, without what the device store adds (id, pending). */
export function fieldsOnly(m: KpiMeasurementFields): KpiMeasurementFields {
  return { kpiId: m.kpiId, period: m.period, periodStart: m.periodStart, locationId: m.locationId, segmentId: m.segmentId, value: m.value, sampleSize: m.sampleSize, note: m.note };
}

/** The measurements at the trend's location choice: "" all, WHOLE_ORGANISATION, or a location id. */
export function measurementsAt<M extends Pick<KpiMeasurementFields, "locationId">>(measurements: readonly M[], location: string): M[] {
  return measurements.filter((m) => location === "" || (location === WHOLE_ORGANISATION ? m.locationId === null : m.locationId === location));
}

// One rule for the catalogue and the board (shared/kpi/overall.ts): the screens read it from here.
export { overallTrend, periodsUsed, type OverallTrend } from "../../../../shared/kpi/overall";

const byDate = (a: LinePoint, b: LinePoint) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
const onePerDay = (measurements: readonly Dated[]): LinePoint[] => [...latestPerDay(measurements).values()].map((m) => ({ at: m.periodStart, value: m.value })).sort(byDate);

export const WHOLE_ORGANISATION = "org";

export interface SeriesFilter {
  period: MeasurementPeriod;
  /** null: measurements for all customers (no segment). */
  segmentId: string | null;
  /** "" every line; WHOLE_ORGANISATION only the organisation's; a location id that location's. */
  location: string;
}

/**
 * The chart's lines: the whole organisation (measurements without a location) first, then one
 * line per location in name order, for one period and one segment.
 */
export function buildSeries(
  measurements: readonly (KpiMeasurementFields & { updatedAt?: string })[],
  filter: SeriesFilter,
  names: { organisation: string; location: (id: string) => string },
  locale: string,
): LineSeries[] {
  const chosen = measurements.filter((m) => m.period === filter.period && (m.segmentId ?? null) === filter.segmentId);
  const series: LineSeries[] = [];
  const organisation = chosen.filter((m) => m.locationId === null);
  if (organisation.length > 0 && (filter.location === "" || filter.location === WHOLE_ORGANISATION)) {
    series.push({ id: WHOLE_ORGANISATION, name: names.organisation, points: onePerDay(organisation) });
  }
  if (filter.location !== WHOLE_ORGANISATION) {
    const locations = [...new Set(chosen.flatMap((m) => (m.locationId ? [m.locationId] : [])))].filter((id) => filter.location === "" || id === filter.location);
    const lines = locations.map((id) => ({ id, name: names.location(id), points: onePerDay(chosen.filter((m) => m.locationId === id)) }));
    lines.sort((a, b) => a.name.localeCompare(b.name, locale));
    series.push(...lines);
  }
  return series;
}

// ---------------------------------------------------------------------------------------------
// The catalogue

/** Active KPIs first, hard ones before soft ones, then by name. */
export function sortKpis(kpis: readonly Kpi[], locale: string): Kpi[] {
  return [...kpis].sort(
    (a, b) => Number(Boolean(a.archived)) - Number(Boolean(b.archived)) || Number(b.hard === true) - Number(a.hard === true) || (a.name ?? "").localeCompare(b.name ?? "", locale),
  );
}

/** A file name from the KPI's name: "12-month retention" → "12-month-retention.csv". */
export function csvFileName(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${base || "kpi"}.csv`;
}

// ---------------------------------------------------------------------------------------------
// Dates

/** Today on this device's calendar, YYYY-MM-DD. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
