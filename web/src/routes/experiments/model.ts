import { canCreate } from "../../../../shared/permissions";
/**
 * What the experiment screens compute from the records on the device: the ideas list, the
 * hypothesis sentence, numbers as people type them, the plan and the decision log. Pure
 * functions, tested without a browser.
 */
import { iceScore } from "../../../../shared/experiments/lifecycle";
import type { PlanBlock } from "../../../../shared/schemas/experiment";
import type { Role } from "../../../../shared/roles";
import { fold } from "../../capture/model";
import type { Entity } from "../../data/local/types";
import { formatPercent } from "../../format";
import { EXPERIMENT_STATUSES, type ExperimentDesign, type ExperimentStatus, type KpiKind } from "../../../../shared/enums";
import { compareText } from "../../order";

export type Experiment = Entity<"experiment">;
export type Kpi = Entity<"kpi">;
export type Decision = Entity<"experiment_decision">;
export type { ExperimentDesign, ExperimentStatus, PlanBlock };

/** The value the records share, when those that have one agree; otherwise none. */
export function commonValue<T, K extends keyof T>(records: readonly T[], key: K): NonNullable<T[K]> | null {
  const values = records.map((r) => r[key]).filter((v): v is NonNullable<T[K]> => v !== null && v !== undefined);
  return values.length > 0 && values.every((v) => v === values[0]) ? values[0]! : null;
}

/** A record the server has not given a status yet is an idea. */
export const statusOf = (experiment: Pick<Experiment, "status"> | undefined): ExperimentStatus => experiment?.status ?? "idea";

/** The roles the server lets change an experiment's fields (sync writers). */
/** Whether a role writes experiments at all; the rule book decides per record (executives: their own; locked scope). */
export const canEditExperiments = (role: Role) => canCreate({ id: "", role }, "experiment").ok;

/** From "running" on, there are results to enter and read. */
const WITH_RESULTS = new Set<ExperimentStatus>(["running", "analysing", "won", "lost", "inconclusive", "scaled"]);
export const showsResults = (status: ExperimentStatus, hasResults: boolean) => WITH_RESULTS.has(status) || hasResults;

/**
 * The stages of the lifecycle as a short path for the screen: where an experiment is, and what
 * comes next. Won, lost and inconclusive share the step "decided"; stopped leaves the path.
 */
export const LIFECYCLE_STEPS = ["idea", "proposed", "approved", "running", "analysing", "decided", "scaled"] as const;
export type LifecycleStep = (typeof LIFECYCLE_STEPS)[number];
export function stepOf(status: ExperimentStatus): LifecycleStep | null {
  if (status === "won" || status === "lost" || status === "inconclusive") return "decided";
  if (status === "stopped") return null;
  return status;
}

/** Highest ICE first; experiments without a full score last; then the most recently changed. */
export function compareByIce(a: Experiment, b: Experiment): number {
  const ia = iceScore(a);
  const ib = iceScore(b);
  if (ia !== ib) {
    if (ia === null) return 1;
    if (ib === null) return -1;
    return ib - ia;
  }
  return compareText(b.updatedAt, a.updatedAt) || (a.title ?? "").localeCompare(b.title ?? "");
}

export interface ExperimentFilter {
  status?: string | undefined;
  text?: string | undefined;
}

/** Every word of the query must appear in the title (accents and case ignored). */
export function matchesTitle(experiment: Experiment, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const title = fold(experiment.title ?? "");
  return words.every((word) => title.includes(word));
}

export function filterExperiments(experiments: readonly Experiment[], filter: ExperimentFilter): Experiment[] {
  return experiments.filter((e) => (!filter.status || statusOf(e) === filter.status) && matchesTitle(e, filter.text ?? "")).sort(compareByIce);
}

/** How many experiments are in each status (for the filter chips), after the title search. */
export function statusCounts(experiments: readonly Experiment[]): Record<ExperimentStatus, number> {
  const counts = Object.fromEntries(EXPERIMENT_STATUSES.map((s) => [s, 0])) as Record<ExperimentStatus, number>;
  for (const e of experiments) counts[statusOf(e)] += 1;
  return counts;
}

// Numbers as people type them ------------------------------------------------------------

export type Parsed = { ok: true; value: number | null } | { ok: false };

/** Whole thousands grouped one way throughout: "10,000", "1.234.567". */
const GROUPED_THOUSANDS = /^-?[1-9]\d{0,2}(?:(,)\d{3}(?:,\d{3})*|(\.)\d{3}(?:\.\d{3})*)$/;

/**
 * A number typed in either language: "20,5", "20.5", "+5 %", "1 234" and "1.234,5" all work;
 * empty is null (cleared). Anything else is not a number. For an amount (money, a count) a
 * lone mark before groups of three digits groups thousands in either language ("10,000" and
 * "10.000" are ten thousand, not ten), and a euro sign may come along.
 */
export function parseDecimal(text: string, options: { amount?: boolean } = {}): Parsed {
  let clean = text.replace(/[\s\u00a0\u202f%]/g, "").replace(/^\+/, "").replace(/\u2212/g, "-");
  if (options.amount) clean = clean.replace(/€/g, "");
  if (clean === "") return { ok: true, value: null };
  if (options.amount && GROUPED_THOUSANDS.test(clean)) clean = clean.replace(/[.,]/g, "");
  const comma = clean.lastIndexOf(",");
  const dot = clean.lastIndexOf(".");
  if (comma > -1 && dot > -1) {
    // Whichever comes last is the decimal mark; the other groups thousands.
    clean = comma > dot ? clean.replace(/\./g, "").replace(",", ".") : clean.replace(/,/g, "");
  } else if (comma > -1) {
    clean = clean.replace(",", ".");
  }
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(clean)) return { ok: false };
  const value = Number(clean);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false };
}

/** Drops the binary noise of a conversion (0.205 × 100 = 20.499999999999996). */
const tidy = (value: number) => Number(value.toPrecision(12));

/** A number for an input field, in the interface language, without grouping (it is typed back). */
export function formatInput(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  const text = String(tidy(value));
  return language === "nl" ? text.replace(".", ",") : text;
}

/**
 * The baseline as the person enters it: a proportion KPI (a conversion rate) in percent, a mean
 * KPI in its own unit. Stored as a rate 0–1 for a proportion, as typed for a mean.
 */
export function baselineToInput(baseline: number | null | undefined, kind: KpiKind | undefined, language: string): string {
  if (baseline === null || baseline === undefined) return "";
  return formatInput(kind === "proportion" ? baseline * 100 : baseline, language);
}

export type BaselineParsed = { ok: true; value: number | null } | { ok: false; reason: "not_a_number" | "not_a_percentage" };

export function baselineFromInput(text: string, kind: KpiKind | undefined): BaselineParsed {
  const parsed = parseDecimal(text);
  if (!parsed.ok) return { ok: false, reason: "not_a_number" };
  if (parsed.value === null || kind !== "proportion") return { ok: true, value: parsed.value };
  if (parsed.value < 0 || parsed.value > 100) return { ok: false, reason: "not_a_percentage" };
  return { ok: true, value: tidy(parsed.value / 100) };
}

/** A relative change (0.05) as typed: "5" for +5 %. */
export const relativeToInput = (fraction: number | null | undefined, language: string) =>
  fraction === null || fraction === undefined ? "" : formatInput(fraction * 100, language);

/** "5" → 0.05; the schema allows −1000 % to +1000 %. */
export function relativeFromInput(text: string): Parsed {
  const parsed = parseDecimal(text);
  if (!parsed.ok || parsed.value === null) return parsed;
  if (Math.abs(parsed.value) > 1000) return { ok: false };
  return { ok: true, value: tidy(parsed.value / 100) };
}

/** "+5 %", "−2.5 %": a relative change with its sign, as read in a sentence. */
export function formatRelative(fraction: number, language: string): string {
  return formatPercent(fraction, language, { maximumFractionDigits: 2, signDisplay: "exceptZero" });
}

// The plan's sample size is worked out the way the results and the server judge it.
export { sampleSizeCheck, sampleSizeFor, type SampleSizeAnswer, type SampleSizeCheck } from "../../../../shared/experiments/sample-size";

// The hypothesis ----------------------------------------------------------------------------

export interface HypothesisParts {
  /** What each linked finding saw, already shortened. */
  findings: readonly string[];
  change: string | undefined;
  segment: string | undefined;
  stage: string | undefined;
  kpi: string | undefined;
  /** The expected lift, formatted ("+5 %"). */
  lift: string | undefined;
}

export interface HypothesisWords {
  /** "Because we saw {findings}, we believe that {change} for {segment} at {stage} will move {kpi} by {lift}." */
  template: string;
  /** Shown where a part is still missing, so the sentence says what to fill in. */
  blank: string;
  /** "{first} and {count} more", for more than two findings. */
  andMore: string;
  /** Joins two findings ("and" / "en"). */
  and: string;
}

const quoted = (text: string) => `“${text}”`;

/** The findings as they read in the sentence: one or two quoted, more summarised. */
export function findingsPhrase(findings: readonly string[], words: Pick<HypothesisWords, "andMore" | "and">): string {
  const shown = findings.map(quoted);
  if (shown.length <= 2) return shown.join(` ${words.and} `);
  return words.andMore.replace("{first}", shown.slice(0, 2).join(", ")).replace("{count}", String(shown.length - 2));
}

/** The hypothesis as one sentence, with a visible gap for every part not filled in yet. */
export function hypothesisSentence(parts: HypothesisParts, words: HypothesisWords): string {
  const fill = (value: string | undefined) => (value && value.trim() ? value.trim().replace(/[.\s]+$/, "") : words.blank);
  const values: Record<string, string> = {
    findings: parts.findings.length > 0 ? findingsPhrase(parts.findings, words) : words.blank,
    change: fill(parts.change),
    segment: fill(parts.segment),
    stage: fill(parts.stage),
    kpi: fill(parts.kpi),
    lift: fill(parts.lift),
  };
  const sentence = words.template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  // "… by …." reads as a typo: a sentence ending on a gap ends there.
  return sentence.endsWith(`${words.blank}.`) ? sentence.slice(0, -1) : sentence;
}

/** How many parts of the hypothesis are filled in, out of six. */
export function hypothesisFilled(parts: HypothesisParts): number {
  return [parts.findings.length > 0, parts.change, parts.segment, parts.stage, parts.kpi, parts.lift].filter((part) => (typeof part === "string" ? part.trim() !== "" : part)).length;
}

// The plan ----------------------------------------------------------------------------------

/** An open building block whose due date has passed (due today is not overdue yet). */
export const isBlockOverdue = (block: PlanBlock, today: string) => !block.done && block.dueDate !== null && block.dueDate < today;

export function planProgress(plan: readonly PlanBlock[], today: string) {
  return {
    total: plan.length,
    done: plan.filter((b) => b.done).length,
    overdue: plan.filter((b) => isBlockOverdue(b, today)).length,
    withOwner: plan.filter((b) => b.ownerId).length,
  };
}

export const updateBlock = (plan: readonly PlanBlock[], id: string, patch: Partial<Omit<PlanBlock, "id">>): PlanBlock[] =>
  plan.map((block) => (block.id === id ? { ...block, ...patch } : block));

export const removeBlock = (plan: readonly PlanBlock[], id: string): PlanBlock[] => plan.filter((block) => block.id !== id);

/** Moves a block up (−1) or down (+1); at either end it stays. */
export function moveBlock(plan: readonly PlanBlock[], id: string, delta: -1 | 1): PlanBlock[] {
  const from = plan.findIndex((block) => block.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= plan.length) return [...plan];
  const next = [...plan];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

// Team, locations, decisions -----------------------------------------------------------------

/** Adds a team name, or removes it when it is there already (case ignored). */
export function toggleTeam(team: readonly string[], name: string): string[] {
  const clean = name.trim();
  if (!clean) return [...team];
  const has = team.some((t) => t.toLowerCase() === clean.toLowerCase());
  return has ? team.filter((t) => t.toLowerCase() !== clean.toLowerCase()) : [...team, clean];
}

/** A location is in the pilot group, the control group or neither — never in both. */
export function assignLocation(groups: { pilot: readonly string[]; control: readonly string[] }, id: string, group: "pilot" | "control" | null) {
  const pilot = groups.pilot.filter((l) => l !== id);
  const control = groups.control.filter((l) => l !== id);
  if (group === "pilot") pilot.push(id);
  if (group === "control") control.push(id);
  return { pilot, control };
}

/** The decision log of one experiment, newest first. */
export function decisionsOf(decisions: readonly Decision[], experimentId: string): Decision[] {
  return decisions.filter((d) => d.experimentId === experimentId).sort((a, b) => compareText(b.at ?? b.createdAt, a.at ?? a.createdAt));
}

/** `?findings=a,b` → ["a", "b"]: trimmed, no empties, no repeats. */
export function parseIdList(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  return [...new Set(text.split(",").map((id) => id.trim()).filter(Boolean))];
}
