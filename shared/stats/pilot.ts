import type { MeasurementPeriod } from "../enums";
import type { LocationSeries } from "./did";

/**
 * From a KPI's measurements to the series a pilot is read on: per pilot and control location,
 * the values of the periods before the start and from the start on. Only whole-location values
 * count (a segment's value is a different population), and a period that straddles the start
 * counts for neither side: it mixes days before and after.
 */

export interface PilotMeasurement {
  locationId: string | null;
  segmentId: string | null;
  periodStart: string;
  value: number;
}

export interface PilotWindow {
  period: MeasurementPeriod;
  /** First day of the before-period (YYYY-MM-DD). */
  preFrom: string;
  /** The pilot's first day. */
  start: string;
  /** Last day counted after the start (the pilot's end, or today). */
  until: string;
}

export interface LocationCoverage {
  locationId: string;
  group: "pilot" | "control";
  pre: number;
  post: number;
}

export interface PilotSeries {
  pilot: LocationSeries[];
  control: LocationSeries[];
  /** Periods found per location, pilot and control, including those left out for lack of either side. */
  coverage: LocationCoverage[];
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The day after the period that begins on `periodStart`. */
function periodEnd(periodStart: string, period: MeasurementPeriod): number {
  if (period === "day") return dayNumber(periodStart) + 1;
  if (period === "week") return dayNumber(periodStart) + 7;
  const date = new Date(`${periodStart}T00:00:00Z`);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
}

const PERIOD_DAYS: Record<MeasurementPeriod, number> = { day: 1, week: 7, month: 30 };

/**
 * The default before-period: as many periods before the start as the pilot runs, at least 4,
 * so the comparison has as much history as it has pilot.
 */
export function defaultPreFrom(start: string, until: string, period: MeasurementPeriod): string {
  const runDays = Math.max(0, dayNumber(until) - dayNumber(start) + 1);
  const periods = Math.max(4, Math.ceil(runDays / PERIOD_DAYS[period]));
  if (period === "month") {
    const date = new Date(`${start}T00:00:00Z`);
    return isoOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - periods, 1) / DAY_MS);
  }
  return isoOf(dayNumber(start) - periods * PERIOD_DAYS[period]);
}

export function pilotSeries(measurements: readonly PilotMeasurement[], groups: { pilot: readonly string[]; control: readonly string[] }, window: PilotWindow): PilotSeries {
  const preFrom = dayNumber(window.preFrom);
  const start = dayNumber(window.start);
  const after = dayNumber(window.until) + 1;
  const byLocation = new Map<string, { pre: number[]; post: number[] }>();
  for (const id of [...groups.pilot, ...groups.control]) byLocation.set(id, { pre: [], post: [] });
  for (const m of measurements) {
    if (m.segmentId !== null || m.locationId === null) continue;
    const series = byLocation.get(m.locationId);
    if (!series) continue;
    const first = dayNumber(m.periodStart);
    const end = periodEnd(m.periodStart, window.period);
    if (first >= preFrom && end <= start) series.pre.push(m.value);
    else if (first >= start && first < after) series.post.push(m.value);
  }
  const coverage: LocationCoverage[] = [];
  const usable = (ids: readonly string[], group: "pilot" | "control") =>
    ids.flatMap((id) => {
      const series = byLocation.get(id)!;
      coverage.push({ locationId: id, group, pre: series.pre.length, post: series.post.length });
      return series.pre.length > 0 && series.post.length > 0 ? [series] : [];
    });
  return { pilot: usable(groups.pilot, "pilot"), control: usable(groups.control, "control"), coverage };
}
