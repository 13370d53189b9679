/**
 * The results form's text, without a DOM: numbers as people type them in either language, what
 * the typed figures of both groups amount to (issues, a storable and a comparable `KpiResult`),
 * and this device's edits on top of the stored results.
 */
import { MAX_COUNT } from "../../../../shared/limits";
import type { KpiResult } from "../../../../shared/schemas/experiment";
import type { KpiKind } from "../../../../shared/enums";
import { ARMS, fieldsOf, fitsKind, type Arm, type Language, type ResultField } from "./results";
import { localeOf, numberFormat } from "../../format";

/** What the form holds: the text of each field of each group, exactly as typed. */
export type ResultDraft = Record<Arm, Partial<Record<ResultField, string>>>;

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
  return numberFormat(localeOf(language), { useGrouping: false, maximumSignificantDigits: 15 }).format(value);
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
