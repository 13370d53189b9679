/**
 * A measurement typed by hand: the form's text fields, read into a record the server will
 * accept (the limits of shared/schemas/kpi.ts), or the problems to show beside the fields.
 */
import { periodStartOf, readNumber } from "../../../../shared/kpi/csv-values";
import { outOfRange, type KpiRangeFacts } from "../../../../shared/kpi/range";
import { LINE_MAX } from "../../../../shared/limits";
import type { KpiMeasurementFields } from "../../../../shared/schemas/kpi";
import { decimalMarkOf, measurementKey } from "./model";
import type { MeasurementPeriod } from "../../../../shared/enums";

export interface MeasurementDraft {
  period: MeasurementPeriod;
  /** YYYY-MM-DD, any day in the period: it is moved to the period's start. */
  date: string;
  /** "" for the whole organisation. */
  locationId: string;
  /** "" for all customers. */
  segmentId: string;
  value: string;
  sampleSize: string;
  note: string;
}
export type DraftField = keyof MeasurementDraft;
export type DraftProblem = "dateMissing" | "dateInvalid" | "valueMissing" | "valueInvalid" | "valueRange" | "valueOutside" | "sampleInvalid" | "noteTooLong" | "duplicate";


/** The dictionary key that explains each problem beside its field. */
export const PROBLEM_KEY: Record<DraftProblem, `kpi.problem.${DraftProblem}`> = {
  dateMissing: "kpi.problem.dateMissing",
  dateInvalid: "kpi.problem.dateInvalid",
  valueMissing: "kpi.problem.valueMissing",
  valueInvalid: "kpi.problem.valueInvalid",
  valueRange: "kpi.problem.valueRange",
  valueOutside: "kpi.problem.valueOutside",
  sampleInvalid: "kpi.problem.sampleInvalid",
  noteTooLong: "kpi.problem.noteTooLong",
  duplicate: "kpi.problem.duplicate",
};
const VALUE_LIMIT = 1e12;
export const NOTE_MAX = LINE_MAX;

/** A number as the value of a text field in the interface language: 3.25 → "3,25" in Dutch. */
export function numberForInput(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  const text = String(value);
  return decimalMarkOf(language) === "," ? text.replace(".", ",") : text;
}

export function emptyDraft(period: MeasurementPeriod, date: string): MeasurementDraft {
  return { period, date, locationId: "", segmentId: "", value: "", sampleSize: "", note: "" };
}

export function draftOf(m: KpiMeasurementFields, language: string): MeasurementDraft {
  return {
    period: m.period,
    date: m.periodStart,
    locationId: m.locationId ?? "",
    segmentId: m.segmentId ?? "",
    value: numberForInput(m.value, language),
    sampleSize: m.sampleSize === null ? "" : String(m.sampleSize),
    note: m.note ?? "",
  };
}

function startOf(date: string, period: MeasurementPeriod): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match || Number(match[1]) < 1000) return null;
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) return null;
  return periodStartOf(day, period);
}

export type DraftReading = { fields: KpiMeasurementFields; issues?: undefined } | { fields?: undefined; issues: Partial<Record<DraftField, DraftProblem>> };

/**
 * Reads the form. The date becomes the start of its period (the Monday of a week, the 1st of a
 * month); a second value for the same period, location and segment is refused, so an edit
 * never silently makes two measurements of one period.
 */
export function readDraft(
  draft: MeasurementDraft,
  context: { kpiId: string; language: string; existing: readonly (KpiMeasurementFields & { id: string })[]; editingId?: string | null; kpi?: KpiRangeFacts },
): DraftReading {
  const issues: Partial<Record<DraftField, DraftProblem>> = {};
  const mark = decimalMarkOf(context.language);

  const periodStart = draft.date.trim() === "" ? null : startOf(draft.date.trim(), draft.period);
  if (draft.date.trim() === "") issues.date = "dateMissing";
  else if (!periodStart) issues.date = "dateInvalid";

  const value = draft.value.trim() === "" ? null : readNumber(draft.value, mark);
  if (draft.value.trim() === "") issues.value = "valueMissing";
  else if (value === null) issues.value = "valueInvalid";
  else if (Math.abs(value) > VALUE_LIMIT) issues.value = "valueRange";
  else if (context.kpi && outOfRange(value, context.kpi)) issues.value = "valueOutside";

  let sampleSize: number | null = null;
  if (draft.sampleSize.trim() !== "") {
    const parsed = readNumber(draft.sampleSize, mark);
    if (parsed === null || !Number.isInteger(parsed) || parsed < 0 || parsed > VALUE_LIMIT) issues.sampleSize = "sampleInvalid";
    else sampleSize = parsed;
  }

  const note = draft.note.trim();
  if (note.length > NOTE_MAX) issues.note = "noteTooLong";

  if (Object.keys(issues).length > 0 || periodStart === null || value === null) return { issues };
  const fields: KpiMeasurementFields = {
    kpiId: context.kpiId,
    period: draft.period,
    periodStart,
    locationId: draft.locationId || null,
    segmentId: draft.segmentId || null,
    value,
    sampleSize,
    note: note === "" ? null : note,
  };
  const key = measurementKey(fields);
  if (context.existing.some((m) => m.id !== context.editingId && measurementKey(m) === key)) return { issues: { date: "duplicate" } };
  return { fields };
}
