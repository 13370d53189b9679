/**
 * What the capture screens compute from the records on the device: choices, follow-ups,
 * filters and searches. Pure functions, so they are tested without a browser.
 */
import { MAX_TAGS, TAG_MAX } from "../../../shared/limits";
import type { Entity } from "../data/local/types";
import type { ActionPriority as Priority, FindingStatus, FixLevel, Sentiment, VisitKind } from "../../../shared/enums";
import type { FindingFields } from "../../../shared/schemas/finding";
import { compareText } from "../order";

export const SEVERITIES = [1, 2, 3, 4, 5] as const;
export type { FindingStatus, FixLevel, Priority, Sentiment, VisitKind };

export type Visit = Entity<"visit">;
export type Finding = Entity<"finding">;
export type Action = Entity<"action">;

/** Periods a list can be narrowed to, counted back from now. */
export const PERIODS = ["any", "today", "7d", "30d", "90d"] as const;
export type Period = (typeof PERIODS)[number];

export function periodStart(period: string | undefined, now: Date): number | null {
  switch (period) {
    case "today":
      return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
    case "7d":
      return now.getTime() - 7 * 86_400_000;
    case "30d":
      return now.getTime() - 30 * 86_400_000;
    case "90d":
      return now.getTime() - 90 * 86_400_000;
    default:
      return null;
  }
}

export function inPeriod(iso: string | null | undefined, period: string | undefined, now: Date): boolean {
  const start = periodStart(period, now);
  if (start === null) return true;
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(time) && time >= start;
}

/** The calendar date on this device (YYYY-MM-DD), as due dates are written. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const isOpenAction = (action: Action) => action.status !== "done";

/** An open action whose due date has passed (due today is not overdue yet). */
export function isOverdue(action: Action, today: string): boolean {
  return isOpenAction(action) && typeof action.dueDate === "string" && action.dueDate < today;
}

/** Overdue first, then by due date (none last), then high priority first, then title. */
export function compareActions(today: string) {
  const rank = { high: 0, medium: 1, low: 2 } as const;
  return (a: Action, b: Action) =>
    Number(isOverdue(b, today)) - Number(isOverdue(a, today)) ||
    compareText(a.dueDate ?? "9999", b.dueDate ?? "9999") ||
    rank[a.priority ?? "medium"] - rank[b.priority ?? "medium"] ||
    (a.title ?? "").localeCompare(b.title ?? "");
}

/** Someone's open actions, most urgent first. */
export function openActionsOf(actions: readonly Action[], ownerId: string, today: string): Action[] {
  return actions.filter((a) => a.ownerId === ownerId && isOpenAction(a)).sort(compareActions(today));
}

const newestFirst = (a: { createdAt: string }, b: { createdAt: string }) => compareText(b.createdAt, a.createdAt);

/**
 * What is still open at a location from earlier visits: findings not closed (newest first: what
 * was seen last is likeliest to still be there) and open actions on any finding there — so a
 * director follows up instead of starting blank. Findings of `visitId` itself are left out.
 */
export function openAtLocation(findings: readonly Finding[], actions: readonly Action[], locationId: string, visitId?: string) {
  const here = findings.filter((f) => f.locationId === locationId && (visitId === undefined || f.visitId !== visitId));
  const open = here.filter((f) => f.status !== "closed").sort((a, b) => newestFirst(a, b) || (b.severity ?? 0) - (a.severity ?? 0));
  const ids = new Set(here.map((f) => f.id));
  const today = localDate(new Date());
  const openActions = actions.filter((a) => a.findingId !== undefined && ids.has(a.findingId) && isOpenAction(a)).sort(compareActions(today));
  return { findings: open, actions: openActions };
}

export interface VisitFilter {
  person?: string | undefined;
  location?: string | undefined;
  kind?: string | undefined;
  period?: string | undefined;
}

export function filterVisits(visits: readonly Visit[], filter: VisitFilter, now: Date): Visit[] {
  return visits
    .filter(
      (v) =>
        (!filter.person || v.authorId === filter.person) &&
        (!filter.location || v.locationId === filter.location) &&
        (!filter.kind || v.kind === filter.kind) &&
        inPeriod(v.startedAt ?? v.createdAt, filter.period, now),
    )
    .sort((a, b) => compareText(b.startedAt ?? b.createdAt, a.startedAt ?? a.createdAt));
}

export interface FindingFilter {
  text?: string | undefined;
  /** A stage id, or "none" for findings without a stage. */
  stage?: string | undefined;
  /** Minimum severity, "1" to "5"; or a range "3-3" (exactly 3), as the board's heat map links. */
  severity?: string | undefined;
  /** A level to fix, or "none" for findings whose level is not chosen yet. */
  level?: string | undefined;
  location?: string | undefined;
  period?: string | undefined;
  status?: string | undefined;
}

/** Lower case without accents, so "cafe" finds "café". */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Every word of the query must appear in what was seen, felt or expected, or in a tag. */
export function matchesText(finding: Finding, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold([finding.saw, finding.felt, finding.expectation, ...(finding.tags ?? [])].filter(Boolean).join(" \n "));
  return words.every((word) => haystack.includes(word));
}

/** The filters' value for "not set": no journey stage, no level chosen yet. */
export const NOT_SET = "none";
/** The status filter's value for findings still open: new or triaged (the board's "open" count). */
export const OPEN = "open";

/** "4" → 4 to 5 (4 or higher); "3-3" → exactly 3; anything else → no bound. */
export function severityRange(value: string | undefined): [number, number] | null {
  const match = value ? /^([1-5])(?:-([1-5]))?$/.exec(value) : null;
  return match ? [Number(match[1]), match[2] ? Number(match[2]) : 5] : null;
}

const matchesSetting = (value: string | null | undefined, filter: string | undefined) => !filter || (filter === NOT_SET ? !value : value === filter);

export function filterFindings(findings: readonly Finding[], filter: FindingFilter, now: Date): Finding[] {
  const severity = severityRange(filter.severity);
  return findings
    .filter(
      (f) =>
        matchesSetting(f.journeyStageId, filter.stage) &&
        (!severity || ((f.severity ?? 0) >= severity[0] && (f.severity ?? 0) <= severity[1])) &&
        matchesSetting(f.level, filter.level) &&
        (!filter.location || f.locationId === filter.location) &&
        (!filter.status || f.status === filter.status || (filter.status === OPEN && (f.status === "new" || f.status === "triaged"))) &&
        inPeriod(f.createdAt, filter.period, now) &&
        matchesText(f, filter.text ?? ""),
    )
    .sort(newestFirst);
}

/**
 * Tags as typed ("queue, Till , queue") → ["queue", "Till"]: trimmed, no empties, no repeats.
 * Never cut to the limits: `tagsProblem` says when they do not fit.
 */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(",")) {
    const tag = raw.trim();
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags;
}

export type TagsProblem = { code: "tooMany"; count: number } | { code: "tooLong"; tag: string };

/** Why tags cannot be saved as they are (more than MAX_TAGS, or the first longer than TAG_MAX), or null. */
export function tagsProblem(tags: readonly string[]): TagsProblem | null {
  if (tags.length > MAX_TAGS) return { code: "tooMany", count: tags.length };
  const long = tags.find((tag) => tag.length > TAG_MAX);
  return long === undefined ? null : { code: "tooLong", tag: long };
}

/** Settings offered in a picker: not archived (unless already chosen), in a stable order. */
export function pickable<T extends { id: string; name?: string | undefined; archived?: boolean | undefined; position?: number | undefined }>(
  settings: readonly T[],
  chosen?: string | null,
): T[] {
  return settings
    .filter((s) => !s.archived || s.id === chosen)
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || (a.name ?? "").localeCompare(b.name ?? ""));
}

/** Minutes between two instants, when both are known and in order. */
export function minutesBetween(start: string | null | undefined, end: string | null | undefined): number | null {
  const a = start ? Date.parse(start) : NaN;
  const b = end ? Date.parse(end) : NaN;
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < a) return null;
  return Math.round((b - a) / 60_000);
}

/**
 * A finding with nothing described and no photo: opened by mistake, it comes to nothing. An
 * expectation taken over from the previous finding (`remembered`) and left as it was describes
 * nothing new either.
 */
export function isBlankFinding(
  finding: { saw?: string | null | undefined; felt?: string | null | undefined; expectation?: string | null | undefined; photos?: readonly string[] | null | undefined },
  remembered: Remembered = {},
): boolean {
  const expectation = finding.expectation?.trim() && finding.expectation === remembered.expectation ? "" : finding.expectation;
  return [finding.saw, finding.felt, expectation].every((text) => !text?.trim()) && (finding.photos?.length ?? 0) === 0;
}

/**
 * What a walk tends to keep from one finding to the next — the stage, segment, level, theme,
 * tags and the expectation in mind — behind "More" on the capture form. A new finding of a visit
 * starts with the previous one's; what it saw, felt and how it rated are its own.
 */
export const REMEMBERED_FIELDS = ["journeyStageId", "segmentId", "level", "themeId", "tags", "expectation"] as const;
export type Remembered = Partial<Pick<FindingFields, (typeof REMEMBERED_FIELDS)[number]>>;

/** The remembered fields of the visit's latest finding other than `exceptId` (none outside a visit). */
export function rememberedFrom(findings: readonly Finding[], visitId: string | null | undefined, exceptId: string): Remembered {
  if (!visitId) return {};
  let previous: Finding | undefined;
  for (const f of findings) {
    if (f.visitId === visitId && f.id !== exceptId && (!previous || compareText(f.createdAt, previous.createdAt) > 0)) previous = f;
  }
  if (!previous) return {};
  const remembered: Record<string, unknown> = {};
  for (const name of REMEMBERED_FIELDS) if (previous[name] !== undefined && previous[name] !== null) remembered[name] = previous[name];
  return remembered as Remembered;
}

/**
 * Everything a new finding is created with. Nothing is chosen for the person: no sentiment and
 * no severity until they pick one, so a hurried entry is not counted as a pain of 3.
 */
export function newFindingFields(visit: { id: string; locationId?: string | null | undefined } | undefined, remembered: Remembered): FindingFields {
  return {
    visitId: visit?.id ?? null,
    mysteryShopId: null,
    journeyStageId: null,
    locationId: visit?.locationId ?? null,
    segmentId: null,
    themeId: null,
    saw: "",
    felt: "",
    expectation: "",
    severity: null,
    sentiment: null,
    level: null,
    status: "new",
    tags: [],
    photos: [],
    ...remembered,
  };
}

/** Only a pain is graded 1–5; a delight (or a neutral observation) is no irritation. */
export const asksSeverity = (sentiment: Sentiment | null | undefined) => sentiment === "pain";

/** The change a picked sentiment makes: any other than pain takes away a severity given before. */
export function sentimentChange(sentiment: Sentiment): Pick<FindingFields, "sentiment"> & Partial<Pick<FindingFields, "severity">> {
  return asksSeverity(sentiment) ? { sentiment } : { sentiment, severity: null };
}

/** The start of a text on one line, cut at `max` characters ("…" for none). */
export const snippet = (text: string | undefined, max = 60) => {
  const clean = (text ?? "").trim().replace(/\s+/g, " ");
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean || "…";
};
