/**
 * The experiment result screen's logic, without a DOM: reading what someone typed into the
 * results form, turning it into a stored `KpiResult`, comparing the groups with the shared
 * statistics engine, and choosing the words and numbers a director reads.
 */
import type { ExperimentDesign, KpiResult } from "../../../../shared/schemas/experiment";
import type { KpiDirection, KpiKind, KpiUnit } from "../../../../shared/schemas/kpi";
import { compare, compareAbsolute, describeResult, type CompareResult, type Comparison, type ResultDescription, type StatsOutcome } from "../../../../shared/stats";

export type Language = "en" | "nl";
export type Arm = "control" | "treatment";
export const ARMS: readonly Arm[] = ["control", "treatment"];

export const PROPORTION_FIELDS = ["users", "conversions"] as const;
export const MEAN_FIELDS = ["n", "mean", "sd"] as const;
export type ProportionField = (typeof PROPORTION_FIELDS)[number];
export type MeanField = (typeof MEAN_FIELDS)[number];
export type ResultField = ProportionField | MeanField;

export const fieldsOf = (kind: KpiKind): readonly ResultField[] => (kind === "proportion" ? PROPORTION_FIELDS : MEAN_FIELDS);

/** What the form holds: the text of each field of each group, exactly as typed. */
export type ResultDraft = Record<Arm, Partial<Record<ResultField, string>>>;

/** The largest count the device store accepts (shared/schemas/experiment.ts). */
export const MAX_COUNT = 1e12;

export const numberLocale = (language: Language) => (language === "nl" ? "nl-NL" : "en-GB");

// ---------------------------------------------------------------------------------------------
// Typing numbers

/**
 * A number as people type it in either language: "12.5" and "12,5" are both twelve and a half,
 * "4.000" is four thousand in Dutch and "4,000" in English (a lone separator followed by exactly
 * three digits is read the way the interface language groups thousands); spaces are ignored.
 * Undefined when the text is not a number.
 */
export function parseNumber(text: string, language: Language): number | undefined {
  let s = text.replace(/[\s\u00a0\u202f']/g, "").replace(/^\u2212/, "-");
  if (s === "") return undefined;
  const hasComma = s.includes(",");
  const hasDot = s.includes(".");
  if (hasComma && hasDot) {
    // Both present: the last one separates the decimals, the others group thousands.
    const lastIsComma = s.lastIndexOf(",") > s.lastIndexOf(".");
    s = lastIsComma ? s.replace(/\./g, "").replace(",", ".") : s.replace(/,/g, "");
  } else if (hasComma || hasDot) {
    const separator = hasComma ? "," : ".";
    const parts = s.split(separator);
    const groupsOfThree = /^-?\d{1,3}$/.test(parts[0] ?? "") && parts.slice(1).every((part) => /^\d{3}$/.test(part));
    const languageGroups = separator === (language === "nl" ? "." : ",");
    if (parts.length > 2) {
      if (!groupsOfThree) return undefined;
      s = parts.join("");
    } else {
      s = languageGroups && groupsOfThree ? parts.join("") : parts.join(".");
    }
  }
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return undefined;
  const value = Number(s);
  return Number.isFinite(value) ? value : undefined;
}

/** A stored number as it goes back into a field: no grouping, the language's decimal mark. */
export function formatForInput(value: number, language: Language): string {
  return new Intl.NumberFormat(numberLocale(language), { useGrouping: false, maximumSignificantDigits: 15 }).format(value);
}

// ---------------------------------------------------------------------------------------------
// Reading the form

/** Why a field cannot be used; each has a plain sentence in the results dictionary. */
export type ResultIssue =
  | "required"
  | "number"
  | "whole"
  | "negative"
  | "tooLarge"
  | "noUsers"
  | "conversionsAboveUsers"
  | "nTooSmall"
  | "sdNotPositive";

export type ResultIssues = Partial<Record<`${Arm}.${ResultField}`, ResultIssue>>;

export interface DraftReading {
  /** Nothing typed in any field. */
  empty: boolean;
  /** Every field has a number. */
  complete: boolean;
  issues: ResultIssues;
  /**
   * What the device store can keep: every field a number of the stored kind, even when the
   * statistics refuse it (conversions above users, say), so nothing typed is lost. Null while
   * a field is empty or not a number.
   */
  storable: KpiResult | null;
  /** Only when there are no issues at all: the groups, ready for compare(). */
  comparable: KpiResult | null;
}

const issuesAreEmpty = (issues: ResultIssues) => Object.keys(issues).length === 0;

/**
 * Checks the figures of both groups the way the statistics engine will (shared/stats/schemas.ts):
 * whole counts, at least one user, conversions no more than users, at least two observations,
 * a standard deviation above 0.
 */
export function readDraft(kpiId: string, kind: KpiKind, draft: ResultDraft, language: Language): DraftReading {
  const issues: ResultIssues = {};
  const fields = fieldsOf(kind);
  const values: Record<Arm, Partial<Record<ResultField, number>>> = { control: {}, treatment: {} };
  let empty = true;
  let complete = true;
  let storableNumbers = true;

  for (const arm of ARMS) {
    for (const field of fields) {
      const text = draft[arm][field]?.trim() ?? "";
      if (text !== "") empty = false;
      const path = `${arm}.${field}` as const;
      if (text === "") {
        issues[path] = "required";
        complete = false;
        storableNumbers = false;
        continue;
      }
      const value = parseNumber(text, language);
      const isCount = field !== "mean" && field !== "sd";
      let issue: ResultIssue | undefined;
      if (value === undefined) issue = "number";
      else if (isCount && !Number.isInteger(value)) issue = "whole";
      else if (isCount && value < 0) issue = "negative";
      else if (Math.abs(value) > MAX_COUNT) issue = "tooLarge";
      // The store keeps an sd of 0 (so it is not lost) but no negative one.
      else if (field === "sd" && value < 0) issue = "sdNotPositive";
      if (issue) {
        issues[path] = issue;
        storableNumbers = false;
      } else {
        values[arm][field] = value;
      }
    }
  }

  // The statistics' own rules, only where the field itself is a fine number.
  for (const arm of ARMS) {
    const v = values[arm];
    if (kind === "proportion") {
      if (v.users !== undefined && v.users < 1) issues[`${arm}.users`] = "noUsers";
      if (v.users !== undefined && v.users >= 1 && v.conversions !== undefined && v.conversions > v.users) issues[`${arm}.conversions`] = "conversionsAboveUsers";
    } else {
      if (v.n !== undefined && v.n < 2) issues[`${arm}.n`] = "nTooSmall";
      if (v.sd !== undefined && v.sd <= 0) issues[`${arm}.sd`] = "sdNotPositive";
    }
  }

  const storable = storableNumbers ? toResult(kpiId, kind, values) : null;
  return { empty, complete, issues, storable, comparable: storable && issuesAreEmpty(issues) ? storable : null };
}

function toResult(kpiId: string, kind: KpiKind, values: Record<Arm, Partial<Record<ResultField, number>>>): KpiResult {
  const arm = (a: Arm) => values[a];
  if (kind === "proportion") {
    return {
      kpiId,
      control: { users: arm("control").users!, conversions: arm("control").conversions! },
      treatment: { users: arm("treatment").users!, conversions: arm("treatment").conversions! },
    };
  }
  return {
    kpiId,
    control: { n: arm("control").n!, mean: arm("control").mean!, sd: arm("control").sd! },
    treatment: { n: arm("treatment").n!, mean: arm("treatment").mean!, sd: arm("treatment").sd! },
  };
}

export const emptyDraft = (): ResultDraft => ({ control: {}, treatment: {} });

export const isProportionResult = (result: KpiResult): result is Extract<KpiResult, { control: { users: number } }> => "users" in result.control;

/** Whether a stored result has the shape the KPI's kind asks for (a KPI's kind can change after entry). */
export const fitsKind = (result: KpiResult, kind: KpiKind) => isProportionResult(result) === (kind === "proportion");

/** The form's text for a stored result; empty when there is none or it is of the other kind. */
export function draftFromResult(result: KpiResult | undefined, kind: KpiKind, language: Language): ResultDraft {
  if (!result || !fitsKind(result, kind)) return emptyDraft();
  const draft = emptyDraft();
  for (const arm of ARMS) {
    const stored = result[arm] as Record<string, number>;
    for (const field of fieldsOf(kind)) {
      const value = stored[field];
      if (value !== undefined) draft[arm][field] = formatForInput(value, language);
    }
  }
  return draft;
}

export function sameResult(a: KpiResult | null | undefined, b: KpiResult | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.kpiId === b.kpiId && JSON.stringify(a.control) === JSON.stringify(b.control) && JSON.stringify(a.treatment) === JSON.stringify(b.treatment);
}

/**
 * The experiment's results with this device's latest edits on top: `null` removes a KPI's
 * result, a result replaces the stored one in place or is added at the end. Results of KPIs
 * the form does not show (a former guardrail) are kept.
 */
export function mergeResults(stored: readonly KpiResult[], edits: ReadonlyMap<string, KpiResult | null>): KpiResult[] {
  const merged: KpiResult[] = [];
  const seen = new Set<string>();
  for (const result of stored) {
    if (seen.has(result.kpiId)) continue;
    seen.add(result.kpiId);
    if (!edits.has(result.kpiId)) merged.push(result);
    else {
      const edit = edits.get(result.kpiId);
      if (edit) merged.push(edit);
    }
  }
  for (const [kpiId, edit] of edits) if (!seen.has(kpiId) && edit) merged.push(edit);
  return merged;
}

// ---------------------------------------------------------------------------------------------
// Which KPIs, and comparing them

export interface KpiSlot {
  kpiId: string;
  role: "primary" | "guardrail";
}

/** The primary KPI first, then each guardrail once (a guardrail that is also the primary counts as primary). */
export function kpiSlots(experiment: { primaryKpiId?: string | null | undefined; guardrailKpiIds?: readonly string[] | undefined }): KpiSlot[] {
  const slots: KpiSlot[] = [];
  const seen = new Set<string>();
  const add = (kpiId: string, role: KpiSlot["role"]) => {
    if (seen.has(kpiId)) return;
    seen.add(kpiId);
    slots.push({ kpiId, role });
  };
  if (experiment.primaryKpiId) add(experiment.primaryKpiId, "primary");
  for (const id of experiment.guardrailKpiIds ?? []) add(id, "guardrail");
  return slots;
}

/**
 * The share of users meant for control and treatment. An A/B split in this product is an even
 * split (the design records no other ratio); pilot-vs-control and before/after groups are
 * compared against an even split too, as the engine's default.
 */
/** The split the sample-ratio check expects: the A/B split's treatment share, else equal groups. */
export function expectedSplitFor(design: ExperimentDesign | null | undefined, treatmentShare?: number | null): [number, number] {
  if (design === "ab_split" && treatmentShare && treatmentShare > 0 && treatmentShare < 1) return [1 - treatmentShare, treatmentShare];
  return [0.5, 0.5];
}

/**
 * Whether a sample-ratio mismatch means something: only when users are assigned to the groups
 * at random (an A/B split, or a design not yet chosen). Pilot and control locations, or a period
 * before and after, have whatever sizes they have; a mismatch there would cry wolf every time.
 */
export const sampleRatioApplies = (design: ExperimentDesign | null | undefined) => design === "ab_split" || design === null || design === undefined;

export const ALPHA = 0.05;

export function compareResult(result: KpiResult, design: ExperimentDesign | null | undefined, treatmentShare?: number | null): StatsOutcome<CompareResult> {
  const expectedSplit = expectedSplitFor(design, treatmentShare);
  if (isProportionResult(result)) return compare({ metric: "proportion", control: result.control, treatment: result.treatment, alpha: ALPHA, expectedSplit });
  const { control, treatment } = result as Extract<KpiResult, { control: { n: number } }>;
  return compare({ metric: "mean", control, treatment, alpha: ALPHA, expectedSplit });
}

/**
 * As compareResult, for the result screen: a control at 0 (a small pilot whose control has no
 * conversions yet) still gets its absolute lift, interval, p-value, chance and SRM check; only
 * the relative parts are null, since a lift relative to 0 does not exist.
 */
export function compareForReading(result: KpiResult, design: ExperimentDesign | null | undefined, treatmentShare?: number | null): StatsOutcome<Comparison> {
  const expectedSplit = expectedSplitFor(design, treatmentShare);
  if (isProportionResult(result)) return compareAbsolute({ metric: "proportion", control: result.control, treatment: result.treatment, alpha: ALPHA, expectedSplit });
  const { control, treatment } = result as Extract<KpiResult, { control: { n: number } }>;
  return compareAbsolute({ metric: "mean", control, treatment, alpha: ALPHA, expectedSplit });
}

// ---------------------------------------------------------------------------------------------
// Words and numbers

export interface KpiTraits {
  kind: KpiKind;
  unit: KpiUnit;
  direction: KpiDirection;
}

export type Tone = "better" | "worse" | "unclear";

export interface Reading {
  description: ResultDescription;
  /** The colour of the verdict and of its charts. */
  tone: Tone;
  /** For a guardrail: held unless the change likely made it worse. */
  guardrail: "held" | "hurt";
}

/** The unit describeResult puts after the interval: points for rates, € for money. */
export function describeUnit(kpi: KpiTraits, language: Language): string {
  if (kpi.kind === "proportion") return "points";
  if (kpi.unit === "eur") return "€";
  // A mean of percentages (3.2 meaning 3.2 %) differs in percentage points, already in display units.
  if (kpi.unit === "percent") return language === "nl" ? "procentpunt" : "percentage points";
  return "";
}

/** The verdict in the KPI's own direction: for "lower is better" a drop is good news. */
export function readResult(result: Comparison, kpi: KpiTraits, language: Language): Reading {
  const description = describeResult(result, { unit: describeUnit(kpi, language), direction: kpi.direction, locale: language });
  const tone: Tone = description.verdict === "likely_better" ? "better" : description.verdict === "likely_worse" ? "worse" : "unclear";
  return { description, tone, guardrail: tone === "worse" ? "hurt" : "held" };
}

/** Which side of zero is good news on a lift chart. */
export const betterSide = (direction: KpiDirection): "positive" | "negative" => (direction === "lower" ? "negative" : "positive");

/** Where an interval lies relative to zero, read in the KPI's direction. */
export function intervalSide(interval: readonly [number, number], direction: KpiDirection): "better" | "worse" | "either" {
  const [low, high] = interval;
  if (low > 0) return direction === "higher" ? "better" : "worse";
  if (high < 0) return direction === "higher" ? "worse" : "better";
  return "either";
}

/** Enough decimals to show a width of about two significant digits (the rule describeResult uses). */
export function decimalsFor(width: number): number {
  if (!(width > 0) || !Number.isFinite(width)) return 2;
  return Math.min(6, Math.max(0, Math.ceil(-Math.log10(width)) + 1));
}

/** A whole percentage that never claims certainty: "> 99 %" and "< 1 %" at the ends. */
export function formatChance(chance: number, language: Language): string {
  const rounded = Math.round(chance * 100);
  if (rounded >= 100) return "> 99 %";
  if (rounded <= 0) return "< 1 %";
  return `${new Intl.NumberFormat(numberLocale(language)).format(rounded)} %`;
}

export function formatPValue(p: number, language: Language): string {
  const format = (value: number) => new Intl.NumberFormat(numberLocale(language), { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value);
  return p < 0.001 ? `< ${format(0.001)}` : format(p);
}

export interface LiftFormat {
  /** A lift in the KPI's display units, with its sign. */
  absolute: (lift: number) => string;
  relative: (lift: number) => string;
  /** A group's own value: a rate, an amount, a count or a score. */
  value: (value: number) => string;
}

/**
 * Number formats for one result, in the interface language: rate lifts in percentage points,
 * money with the € sign, relative lifts in percent; decimals follow each interval's width so
 * the numbers agree with the verdict sentence.
 */
export function liftFormat(result: Comparison, kpi: KpiTraits, language: Language, words: { points: string }): LiftFormat {
  const locale = numberLocale(language);
  const scale = kpi.kind === "proportion" ? 100 : 1;
  const absDecimals = decimalsFor((result.ciAbsolute[1] - result.ciAbsolute[0]) * scale);
  const relDecimals = result.ciRelative ? decimalsFor((result.ciRelative[1] - result.ciRelative[0]) * 100) : decimalsFor(Number.NaN);
  const signed = (decimals: number) => ({ minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: "exceptZero" as const });

  const absolute = (lift: number) => {
    if (kpi.kind === "proportion") return `${new Intl.NumberFormat(locale, signed(absDecimals)).format(lift * 100)} ${words.points}`;
    if (kpi.unit === "eur") {
      // Money in whole euros for a wide interval, otherwise in cents: never "€1.3".
      return new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", ...signed(absDecimals === 0 ? 0 : Math.max(2, absDecimals)) }).format(lift);
    }
    const number = new Intl.NumberFormat(locale, signed(absDecimals)).format(lift);
    return kpi.unit === "percent" ? `${number} ${words.points}` : number;
  };
  const relative = (lift: number) => new Intl.NumberFormat(locale, { style: "percent", ...signed(relDecimals) }).format(lift);
  const value = (v: number) => {
    if (kpi.kind === "proportion") return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(v);
    if (kpi.unit === "eur") return new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(v);
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);
    return kpi.unit === "percent" ? `${number} %` : number;
  };
  return { absolute, relative, value };
}

/** Each group's own value: its conversion rate or its mean. */
export function armValues(result: KpiResult): Record<Arm, number> {
  if (isProportionResult(result)) {
    return { control: result.control.conversions / result.control.users, treatment: result.treatment.conversions / result.treatment.users };
  }
  const { control, treatment } = result as Extract<KpiResult, { control: { n: number } }>;
  return { control: control.mean, treatment: treatment.mean };
}

// ---------------------------------------------------------------------------------------------
// Sample size

export interface ArmProgress {
  arm: Arm;
  count: number;
  /** 0–1, capped at 1. */
  share: number;
  reached: boolean;
}

export interface SampleProgress {
  required: number;
  arms: ArmProgress[];
  /** Both groups have the users (or observations) the experiment needs per group. */
  reached: boolean;
}

/** Users (or observations) per group against the required sample size per variant; null when none is set. */
/** Each group's size: users for a rate, observations for a mean. */
export function armSizes(result: KpiResult): Record<Arm, number> {
  const size = (arm: Arm) => {
    const group = result[arm] as { users?: number; n?: number };
    return group.users ?? group.n ?? 0;
  };
  return { control: size("control"), treatment: size("treatment") };
}

export function sampleProgress(result: KpiResult, required: number | null | undefined): SampleProgress | null {
  if (!required || !(required > 0)) return null;
  const sizes = armSizes(result);
  const arms = ARMS.map((arm) => {
    const c = sizes[arm];
    return { arm, count: c, share: Math.min(1, Math.max(0, c / required)), reached: c >= required };
  });
  return { required, arms, reached: arms.every((a) => a.reached) };
}
