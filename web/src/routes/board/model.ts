/**
 * The board view's logic, without a DOM: how a heat-map cell is shaded, whether a director keeps
 * the cadence, which way a KPI moved and whether that is good news, the sparkline's geometry,
 * the links behind every number, and the last answer kept on the device for offline reading.
 */
import type { BoardSummary } from "../../../../shared/board/summary";
import type { DeviceCache } from "../../data/remote";
import type { KeyValueStore } from "../../data/storage";
import { trendVerdict, type KpiDirection, type TrendVerdict } from "../../../../shared/enums";
import { numberFormat } from "../../format";
import { compareText } from "../../order";

export type { BoardSummary };
export type ImmersionPerson = BoardSummary["immersion"]["people"][number];
export type HeatmapCell = BoardSummary["findings"]["heatmap"][number];

/** Severities as the heat map's columns: the worst first, where the eye starts reading. */
export const HEAT_SEVERITIES = [5, 4, 3, 2, 1] as const;

/** Shades of the heat map; 0 is an empty cell. */
export const HEAT_LEVELS = 5;

/**
 * The shade (0–5) of a cell holding `count` findings when the fullest cell holds `max`.
 * Linear in the count, but any finding at all gets at least the lightest shade, so a single
 * severe finding never disappears into the background.
 */
export function heatLevel(count: number, max: number): number {
  if (!(count > 0) || !(max > 0)) return 0;
  return Math.min(HEAT_LEVELS, Math.max(1, Math.ceil((count / max) * HEAT_LEVELS)));
}

export interface HeatRow {
  /** null: findings without a journey stage. */
  stageId: string | null;
  name: string | undefined;
  /** Counts per severity, in the order of HEAT_SEVERITIES. */
  counts: number[];
  total: number;
}

export interface StageLike {
  id: string;
  name?: string | undefined;
  position?: number | undefined;
  archived?: boolean | undefined;
}

/**
 * The heat map's rows: the organisation's stages in journey order (active ones even when empty,
 * archived ones only when they hold findings), then stages this device does not know yet, then
 * "no stage" when any finding lacks one.
 */
export function heatRows(cells: readonly HeatmapCell[], stages: readonly StageLike[]): { rows: HeatRow[]; max: number } {
  const byStage = new Map<string | null, number[]>();
  let max = 0;
  for (const cell of cells) {
    const column = HEAT_SEVERITIES.indexOf(cell.severity as (typeof HEAT_SEVERITIES)[number]);
    if (column < 0 || !(cell.count > 0)) continue;
    const counts = byStage.get(cell.journeyStageId) ?? HEAT_SEVERITIES.map(() => 0);
    counts[column]! += cell.count;
    byStage.set(cell.journeyStageId, counts);
    max = Math.max(max, counts[column]!);
  }
  const row = (stageId: string | null, name: string | undefined): HeatRow => {
    const counts = byStage.get(stageId) ?? HEAT_SEVERITIES.map(() => 0);
    return { stageId, name, counts, total: counts.reduce((sum, n) => sum + n, 0) };
  };
  const ordered = [...stages].sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || (a.name ?? "").localeCompare(b.name ?? ""));
  const known = new Set(ordered.map((s) => s.id));
  const rows = ordered.filter((s) => !s.archived || byStage.has(s.id)).map((s) => row(s.id, s.name));
  for (const stageId of byStage.keys()) if (stageId !== null && !known.has(stageId)) rows.push(row(stageId, undefined));
  if (byStage.has(null)) rows.push(row(null, undefined));
  return { rows, max };
}

export type CadenceStatus = "on_track" | "behind" | "not_on_floor";

/**
 * Where a director stands against the organisation's cadence: not on the floor at all in 30
 * days (the board's first question), below the monthly target, or keeping it.
 */
export function cadenceStatus(person: Pick<ImmersionPerson, "visits30">, targetPerMonth: number): CadenceStatus {
  if (person.visits30 <= 0) return "not_on_floor";
  return person.visits30 >= targetPerMonth ? "on_track" : "behind";
}

/** The targets a person's visits are read against: the monthly one, and three months' worth. */
export const cadenceTargets = (targetPerMonth: number) => ({ days30: targetPerMonth, days90: 3 * targetPerMonth });

/** How full a cadence bar is (0–1); over target stays full, the number says by how much. */
export function barFill(visits: number, target: number): number {
  if (!(target > 0)) return visits > 0 ? 1 : 0;
  return Math.max(0, Math.min(1, visits / target));
}

/**
 * Delivered benefit as a share of what was promised for the same quarters (those with an
 * actual); null before any such quarter has a target.
 */
export function deliveredShareOf(delivered: number, promisedToDate: number | null): number | null {
  if (promisedToDate === null || !(promisedToDate > 0) || !Number.isFinite(delivered)) return null;
  return delivered / promisedToDate;
}

/** The people who were not on the floor first (longest ago first), then the fewest visits. */
export function sortPeople(people: readonly ImmersionPerson[], locale: string): ImmersionPerson[] {
  const last = (p: ImmersionPerson) => p.lastVisitAt ?? "";
  return [...people].sort((a, b) => a.visits30 - b.visits30 || compareText(last(a), last(b)) || a.visits90 - b.visits90 || a.name.localeCompare(b.name, locale));
}

export interface KpiChange {
  delta: number;
  /** Which way the number moved. */
  arrow: "up" | "down" | "flat";
  /** Whether that is good news for this KPI (a lower-is-better KPI going down is "better"). */
  verdict: TrendVerdict;
}

/** The change of a KPI against the previous period; null when either value is missing. */
export function kpiChange(latest: number | null | undefined, previous: number | null | undefined, direction: KpiDirection): KpiChange | null {
  if (typeof latest !== "number" || typeof previous !== "number" || !Number.isFinite(latest) || !Number.isFinite(previous)) return null;
  const verdict = trendVerdict(latest, previous, direction);
  const delta = latest - previous;
  return { delta, verdict, arrow: verdict === "same" ? "flat" : delta > 0 ? "up" : "down" };
}

/**
 * A sparkline's polyline points in a `width` × `height` box (with `pad` around it), oldest on the
 * left; a flat series sits in the middle. Empty for no points.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, pad = 2): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return "";
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const innerW = width - 2 * pad;
  const innerH = height - 2 * pad;
  const x = (i: number) => (finite.length === 1 ? width / 2 : pad + (i / (finite.length - 1)) * innerW);
  const y = (v: number) => (max === min ? height / 2 : pad + (1 - (v - min) / (max - min)) * innerH);
  const round = (n: number) => Math.round(n * 10) / 10;
  return finite.map((v, i) => `${round(x(i))},${round(y(v))}`).join(" ");
}

// ---------------------------------------------------------------------------------------------
// Links: each number opens the list of the records behind it, already filtered.

/** The filters' word for "not set" (no journey stage, no level to fix yet). */
export const NONE = "none";

/** A link's filters; the empty ones are left out. Written by hand: the board writes a hundred of these, and a URLSearchParams each cost more than the rest of the link. */
const query = (params: Record<string, string | number | null | undefined>) => {
  let text = "";
  for (const name in params) {
    const value = params[name];
    if (value === undefined || value === null || value === "") continue;
    text += `${text ? "&" : "?"}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  }
  return text;
};

/** What a tile of the board view opens in place: the approved cases' figures, or the experiments' outcomes. */
export const BOARD_FIGURES = ["cases", "outcomes"] as const;
export type BoardFigures = (typeof BOARD_FIGURES)[number];
export const boardFiguresOf = (value: string | undefined): BoardFigures | null => ((BOARD_FIGURES as readonly string[]).includes(value ?? "") ? (value as BoardFigures) : null);

export const boardLinks = {
  /** A person's visits in the last 30 or 90 days. */
  visits: (userId: string, days: 30 | 90) => `visits${query({ person: userId, period: `${days}d` })}`,
  /** A person's visits, all of them (for the last visit). */
  visitsOf: (userId: string) => `visits${query({ person: userId })}`,
  /** Findings of one stage (null: without a stage) with exactly one severity. */
  findingsCell: (stageId: string | null, severity: number) => `findings${query({ stage: stageId ?? NONE, severity: `${severity}-${severity}` })}`,
  /** Findings of one stage, any severity. */
  findingsStage: (stageId: string | null) => `findings${query({ stage: stageId ?? NONE })}`,
  /** Findings of one severity, any stage. */
  findingsSeverity: (severity: number) => `findings${query({ severity: `${severity}-${severity}` })}`,
  /** Findings to fix at one level (null: level not chosen yet). */
  findingsLevel: (level: string | null) => `findings${query({ level: level ?? NONE })}`,
  findings: (status?: string) => `findings${query({ status })}`,
  experiments: (status?: string) => `experiments${query({ status })}`,
  cases: (status?: string) => `cases${query({ status })}`,
  /** The board view with a tile's figures opened: per approved case (`cases`), or the outcomes behind the win rate. */
  figures: (what: BoardFigures) => `board${query({ open: what })}`,
  case: (caseId: string) => `cases/${encodeURIComponent(caseId)}`,
  kpi: (kpiId: string) => `kpis/${encodeURIComponent(kpiId)}`,
  pack: () => "board/pack",
  /** Target against actual per approved case and quarter, with where each actual comes from. */
  delivered: () => "board/delivered",
};

// ---------------------------------------------------------------------------------------------
// The last answer, kept per organisation so the board view opens offline.

export interface CachedSummary {
  summary: BoardSummary;
  /** When this device received it. */
  fetchedAt: string;
}

export const cacheKey = (orgId: string) => `chefsache.board.${orgId}`;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** A summary that has every part the screen reads; anything else (an older app's cache, a damaged one) is no cache. */
export function looksLikeSummary(value: unknown): value is BoardSummary {
  if (!isObject(value) || typeof value.generatedAt !== "string") return false;
  const { immersion, findings, experiments, cases, kpis } = value;
  return (
    isObject(immersion) &&
    Array.isArray(immersion.people) &&
    Array.isArray(immersion.notOnFloor) &&
    isObject(findings) &&
    Array.isArray(findings.heatmap) &&
    Array.isArray(findings.byLevel) &&
    isObject(experiments) &&
    isObject(experiments.byStatus) &&
    isObject(cases) &&
    isObject(cases.byStatus) &&
    Array.isArray(cases.submitted) &&
    Array.isArray(kpis)
  );
}

export function readCachedSummary(storage: KeyValueStore, orgId: string): CachedSummary | null {
  try {
    const parsed = JSON.parse(storage.get(cacheKey(orgId)) ?? "null") as unknown;
    if (isObject(parsed) && typeof parsed.fetchedAt === "string" && looksLikeSummary(parsed.summary)) return { summary: parsed.summary, fetchedAt: parsed.fetchedAt };
  } catch {
    // A damaged cache is the same as none.
  }
  return null;
}

export function writeCachedSummary(storage: KeyValueStore, orgId: string, summary: BoardSummary, fetchedAt: Date): CachedSummary {
  const cached = { summary, fetchedAt: fetchedAt.toISOString() };
  storage.set(cacheKey(orgId), JSON.stringify(cached));
  return cached;
}

/** The board's figures as createRemote keeps them on the device, under the keys above. */
export const boardCache: DeviceCache<BoardSummary> = {
  read: (storage, orgId) => readCachedSummary(storage, orgId)?.summary,
  write: (storage, orgId, summary) => void writeCachedSummary(storage, orgId, summary, new Date()),
};

// ---------------------------------------------------------------------------------------------
// Money

/** Board money: euros without cents ("€ 120.000" / "€120,000"), compact beyond a million on small screens is the caller's choice. */
export function formatEuros(value: number | null | undefined, locale: string): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "–";
  return numberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(value);
}
