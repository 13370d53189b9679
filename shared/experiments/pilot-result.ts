/**
 * A store pilot's result, measured rather than typed: from the KPI's measurements per location
 * and period, the pilot's window and its pilot and control locations, worked out with the shared
 * statistics (difference in differences; before/after without control stores). Also what the
 * pilot chart draws. Pure: no DOM, no store. The device reads a pilot with it, and the server
 * freezes a submitted case's evidence with the same reading.
 */
import type { ExperimentDesign, ExperimentStatus, MeasurementPeriod } from "../enums";
import { beforeAfter, differenceInDifferences, differences, type BeforeAfterResult, type DidResult } from "../stats/did";
import { studentTSf } from "../stats/distributions";
import { DEFAULT_ALPHA } from "../stats/defaults";
import { defaultPreFrom, pilotSeries, type LocationCoverage, type PilotMeasurement } from "../stats/pilot";
import { mean } from "../stats/summary";

export interface KpiMeasurementRow extends PilotMeasurement {
  kpiId: string;
  period: MeasurementPeriod;
}

/** The designs whose result is read from the KPI's measurements rather than typed. */
export const isMeasuredDesign = (design: ExperimentDesign | null | undefined): design is "pilot_control" | "before_after" =>
  design === "pilot_control" || design === "before_after";

/** Only whole-location values count (a segment's value is another population; an organisation-wide one no store's). */
const perLocation = (m: Pick<PilotMeasurement, "locationId" | "segmentId">) => m.locationId !== null && m.segmentId === null;

/**
 * The period a pilot is read in: weeks when the KPI has weekly values per location (a month
 * has too few per pilot, a day too much noise), else the period most of its location values use.
 */
export function pilotPeriod(measurements: readonly Pick<KpiMeasurementRow, "period" | "locationId" | "segmentId">[]): MeasurementPeriod | null {
  const counts = new Map<MeasurementPeriod, number>();
  for (const m of measurements) if (perLocation(m)) counts.set(m.period, (counts.get(m.period) ?? 0) + 1);
  if (counts.has("week")) return "week";
  let best: MeasurementPeriod | null = null;
  for (const [period, count] of counts) if (best === null || count > counts.get(best)!) best = period;
  return best;
}

interface Move {
  experimentId?: string | undefined;
  from?: ExperimentStatus | undefined;
  to?: ExperimentStatus | undefined;
  at?: string | undefined;
}

const dayOf = (iso: string | undefined) => (iso ? iso.slice(0, 10) : null);
const byTime = (a: Move, b: Move) => (a.at ?? "").localeCompare(b.at ?? "");

/** The day the experiment first moved to running (a run after an analysis does not restart it). */
export function runningSince(moves: readonly Move[]): string | null {
  return dayOf([...moves].sort(byTime).find((m) => m.to === "running")?.at);
}

const VERDICTS = new Set<ExperimentStatus>(["analysing", "won", "lost", "inconclusive", "scaled", "stopped"]);

export interface PilotWindow {
  period: MeasurementPeriod;
  start: string;
  /** Where the start came from: set on the experiment, or the day it moved to running. */
  startFrom: "set" | "log";
  until: string;
  /** Set on the experiment; the day it stopped running (once it has); or today. */
  untilFrom: "set" | "stopped" | "today";
  preFrom: string;
  preFromDefault: boolean;
}

/**
 * The window the result is read in. Without a set end, a pilot that has stopped running is read
 * up to the day it stopped (so a verdict's number does not move as later weeks arrive), and a
 * running one up to today. None without a start.
 */
export function pilotWindow(
  experiment: { pilotStart?: string | null | undefined; pilotEnd?: string | null | undefined; preFrom?: string | null | undefined; status?: ExperimentStatus | undefined },
  moves: readonly Move[],
  period: MeasurementPeriod,
  today: string,
): PilotWindow | null {
  const logged = runningSince(moves);
  const start = experiment.pilotStart ?? logged;
  if (!start) return null;
  const stopped = experiment.status && VERDICTS.has(experiment.status) ? dayOf([...moves].sort(byTime).findLast((m) => m.from === "running")?.at) : null;
  // The day it stopped running is the last day of the pilot.
  const stoppedDay = stopped ? shiftDay(stopped, -1) : null;
  const until = experiment.pilotEnd ?? stoppedDay ?? today;
  const untilFrom = experiment.pilotEnd ? "set" : stoppedDay ? "stopped" : "today";
  const preFrom = experiment.preFrom ?? defaultPreFrom(start, until, period);
  return { period, start, startFrom: experiment.pilotStart ? "set" : "log", until, untilFrom, preFrom, preFromDefault: !experiment.preFrom };
}

const DAY_MS = 86_400_000;
export const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// The result

/** The measured effect in the shape the result words and charts read (absolute, in the KPI's stored units). */
export interface MeasuredComparison {
  absoluteLift: number;
  ciAbsolute: [number, number];
  /** The effect as a share of the pilot locations' level before the start, with the interval on the same scale. */
  relativeLift: number | null;
  ciRelative: [number, number] | null;
  pValue: number;
  /** Randomisation inference over which stores were the pilot (none for before/after). */
  permutationPValue: number | null;
  permutationExact: boolean;
  /** The chance the pilot's true effect is above 0 (flat prior on the t distribution of the estimate). */
  chanceToBeat: number;
  /** The pilot locations' level before the start. */
  level: number | null;
}

export interface LocationGap extends LocationCoverage {
  /** Periods this location lacks before and after the start, against the periods the others have. */
  missingPre: number;
  missingPost: number;
}

export type MeasuredResult =
  | { state: "no_measurements" }
  | { state: "no_start" }
  | { state: "no_locations" }
  | { state: "too_few"; usable: { pilot: number; control: number }; needsControl: boolean; gaps: LocationGap[] }
  | {
      state: "ready";
      design: "pilot_control" | "before_after";
      comparison: MeasuredComparison;
      did: DidResult | null;
      beforeAfter: BeforeAfterResult | null;
      window: PilotWindow;
      /** Periods counted before and from the start (the most any location has). */
      periods: { pre: number; post: number };
      locations: { pilot: number; control: number };
      gaps: LocationGap[];
      /** Each usable location's change (mean after − mean before), for the dot picture. */
      changes: { locationId: string; group: "pilot" | "control"; change: number }[];
    };

/** A pilot needs at least 2 locations per group: one location's change has no spread to judge it by. */
export const MIN_LOCATIONS = 2;

export interface MeasuredRequest {
  design: "pilot_control" | "before_after";
  pilotIds: readonly string[];
  controlIds: readonly string[];
  /** This KPI's measurements (any period; only the window's period counts). */
  measurements: readonly KpiMeasurementRow[];
  window: PilotWindow | null;
  alpha: number;
}

/** The measurements of the window's period and span, per location. */
function inWindow(measurements: readonly KpiMeasurementRow[], window: PilotWindow) {
  return measurements.filter((m) => m.period === window.period && perLocation(m) && m.periodStart >= window.preFrom && m.periodStart <= window.until);
}

export function measuredResult(request: MeasuredRequest): MeasuredResult {
  const { window } = request;
  if (!window) return { state: "no_start" };
  const control = request.design === "pilot_control" ? request.controlIds : [];
  if (request.pilotIds.length === 0 || (request.design === "pilot_control" && control.length === 0)) return { state: "no_locations" };

  const rows = inWindow(request.measurements, window);
  const series = pilotSeries(rows, { pilot: request.pilotIds, control }, window);
  // pilotSeries leaves out a period that straddles the start; count what it counted.
  const preCount = Math.max(0, ...series.coverage.map((c) => c.pre));
  const postCount = Math.max(0, ...series.coverage.map((c) => c.post));
  const gaps: LocationGap[] = series.coverage
    .map((c) => ({ ...c, missingPre: preCount - c.pre, missingPost: postCount - c.post }))
    .filter((c) => c.missingPre > 0 || c.missingPost > 0 || c.pre === 0 || c.post === 0);
  const usable = { pilot: series.pilot.length, control: series.control.length };
  const needsControl = request.design === "pilot_control";
  if (usable.pilot < MIN_LOCATIONS || (needsControl && usable.control < MIN_LOCATIONS)) return { state: "too_few", usable, needsControl, gaps };

  // pilotSeries keeps the usable locations of each group in the order of the coverage.
  const d = { pilot: differences(series.pilot), control: differences(series.control) };
  const next = { pilot: 0, control: 0 };
  const changes = series.coverage.filter((c) => c.pre > 0 && c.post > 0).map((c) => ({ locationId: c.locationId, group: c.group, change: d[c.group][next[c.group]++]! }));

  const level = mean(series.pilot.map((l) => mean(l.pre)));
  const levelOrNull = level === 0 ? null : level;
  if (needsControl) {
    const did = differenceInDifferences({ pilot: series.pilot, control: series.control, alpha: request.alpha });
    return {
      state: "ready",
      design: "pilot_control",
      comparison: comparisonOf(did, levelOrNull, did.permutationPValue, did.permutationExact),
      did,
      beforeAfter: null,
      window,
      periods: { pre: preCount, post: postCount },
      locations: usable,
      gaps,
      changes,
    };
  }
  const ba = beforeAfter({ pilot: series.pilot, alpha: request.alpha });
  return {
    state: "ready",
    design: "before_after",
    comparison: comparisonOf(ba, levelOrNull, null, false),
    did: null,
    beforeAfter: ba,
    window,
    periods: { pre: preCount, post: postCount },
    locations: usable,
    gaps,
    changes,
  };
}

/** What the device holds that a pilot's result is read from. */
export interface PilotRecords {
  measurements: readonly KpiMeasurementRow[];
  decisions: readonly Move[];
  today: string;
}

export interface PilotExperiment {
  id: string;
  design?: ExperimentDesign | null | undefined;
  status?: ExperimentStatus | undefined;
  pilotStart?: string | null | undefined;
  pilotEnd?: string | null | undefined;
  preFrom?: string | null | undefined;
  pilotLocationIds?: readonly string[] | undefined;
  controlLocationIds?: readonly string[] | undefined;
}

/** One KPI's measured result for an experiment of a measured design (null for any other design). */
export function measuredFor(experiment: PilotExperiment, kpiId: string, records: PilotRecords, alpha = DEFAULT_ALPHA): MeasuredResult | null {
  const design = experiment.design;
  if (!isMeasuredDesign(design)) return null;
  const measurements = records.measurements.filter((m) => m.kpiId === kpiId);
  const period = pilotPeriod(measurements);
  if (!period) return { state: "no_measurements" };
  const window = pilotWindow(experiment, records.decisions.filter((d) => d.experimentId === experiment.id), period, records.today);
  return measuredResult({ design, pilotIds: experiment.pilotLocationIds ?? [], controlIds: experiment.controlLocationIds ?? [], measurements, window, alpha });
}

function comparisonOf(result: DidResult | BeforeAfterResult, level: number | null, permutationPValue: number | null, permutationExact: boolean): MeasuredComparison {
  const { effect, se, df, ci } = result;
  const chanceToBeat = se === 0 ? (effect > 0 ? 1 : effect < 0 ? 0 : 0.5) : 1 - studentTSf(effect / se, df);
  return {
    absoluteLift: effect,
    ciAbsolute: ci,
    relativeLift: level === null ? null : effect / level,
    // The level is taken as known: the interval of the share is the effect's over the level.
    ciRelative: level === null ? null : (ci.map((bound) => bound / level).sort((a, b) => a - b) as [number, number]),
    pValue: result.pValue,
    permutationPValue,
    permutationExact,
    chanceToBeat,
    level,
  };
}

// ---------------------------------------------------------------------------------------------
// The chart

export interface PilotChartPoint {
  at: string;
  pilot: number | null;
  control: number | null;
}

export interface PilotChart {
  points: PilotChartPoint[];
  start: string;
  /** Pilot average minus control average, before and from the start (null without both groups). */
  gapBefore: number | null;
  gapAfter: number | null;
}

/**
 * Per period in the window, the average of the pilot locations and of the control locations
 * (each of those with a value that period), and the gap between them before and after the start.
 */
export function pilotChart(request: Pick<MeasuredRequest, "pilotIds" | "controlIds" | "measurements"> & { window: PilotWindow }): PilotChart {
  const { window } = request;
  const pilot = new Set(request.pilotIds);
  const control = new Set(request.controlIds);
  const byPeriod = new Map<string, { pilot: number[]; control: number[] }>();
  for (const m of inWindow(request.measurements, window)) {
    const group = pilot.has(m.locationId!) ? "pilot" : control.has(m.locationId!) ? "control" : null;
    if (!group) continue;
    let entry = byPeriod.get(m.periodStart);
    if (!entry) byPeriod.set(m.periodStart, (entry = { pilot: [], control: [] }));
    entry[group].push(m.value);
  }
  const points = [...byPeriod.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([at, values]) => ({ at, pilot: values.pilot.length ? mean(values.pilot) : null, control: values.control.length ? mean(values.control) : null }));
  const gap = (side: (p: PilotChartPoint) => boolean) => {
    const both = points.filter((p) => side(p) && p.pilot !== null && p.control !== null);
    return both.length ? mean(both.map((p) => p.pilot! - p.control!)) : null;
  };
  return { points, start: window.start, gapBefore: gap((p) => p.at < window.start), gapAfter: gap((p) => p.at >= window.start) };
}

/** A KPI whose measurements are stored in percent while its results are rates (0–1): a proportion in percent. */
export const storedInPercent = (kpi: { kind?: string | undefined; unit?: string | undefined } | undefined) => kpi?.kind === "proportion" && kpi.unit === "percent";

// ---------------------------------------------------------------------------------------------
// Planning

/** A pilot's planned length in periods when its window does not say: eight (weeks, usually). */
export const PLANNED_PERIODS = 8;
const PERIOD_DAYS: Record<MeasurementPeriod, number> = { day: 1, week: 7, month: 30 };

export type PilotPlanInput =
  | { ok: true; period: MeasurementPeriod; pilot: number[][]; control: number[][]; prePeriods: number; postPeriods: number; historyPeriods: number }
  | { ok: false; reason: "no_measurements" | "no_locations" };

/**
 * The history a pilot is planned on: the KPI's values per chosen location in the periods before
 * the pilot's start (or today) that every one of them measured, oldest first; and the lengths to
 * plan for — the pilot's window when both its days are set, else eight periods, compared with as
 * many before (at least 4).
 */
export function pilotPlanInput(experiment: PilotExperiment, measurements: readonly KpiMeasurementRow[], kpiId: string, today: string): PilotPlanInput {
  const own = measurements.filter((m) => m.kpiId === kpiId);
  const period = pilotPeriod(own);
  if (!period) return { ok: false, reason: "no_measurements" };
  const pilotIds = experiment.pilotLocationIds ?? [];
  const controlIds = experiment.design === "pilot_control" ? (experiment.controlLocationIds ?? []) : [];
  if (pilotIds.length === 0 || (experiment.design === "pilot_control" && controlIds.length === 0)) return { ok: false, reason: "no_locations" };
  const end = experiment.pilotStart ?? today;
  const values = new Map<string, Map<string, number>>();
  for (const m of own) {
    if (m.period !== period || !perLocation(m) || m.periodStart >= end) continue;
    let series = values.get(m.locationId!);
    if (!series) values.set(m.locationId!, (series = new Map()));
    series.set(m.periodStart, m.value);
  }
  const ids = [...pilotIds, ...controlIds];
  const periods = [...new Set([...values.values()].flatMap((series) => [...series.keys()]))].sort().filter((at) => ids.every((id) => values.get(id)?.has(at)));
  const row = (id: string) => periods.map((at) => values.get(id)!.get(at)!);
  const planned =
    experiment.pilotStart && experiment.pilotEnd
      ? Math.max(1, Math.ceil((Date.parse(experiment.pilotEnd) - Date.parse(experiment.pilotStart) + DAY_MS) / DAY_MS / PERIOD_DAYS[period]))
      : PLANNED_PERIODS;
  return { ok: true, period, pilot: pilotIds.map(row), control: controlIds.map(row), prePeriods: Math.max(4, planned), postPeriods: planned, historyPeriods: periods.length };
}
