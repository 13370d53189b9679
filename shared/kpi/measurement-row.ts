import type { z } from "zod";
import { LINE_MAX } from "../limits";
import { kpiMeasurementFields, type KpiMeasurementFields } from "../schemas/kpi";
import { parseDate, parseNumber, parseWholeNumber, periodStartOf, type DecimalMark } from "./csv-values";
import { outOfRange, type KpiRangeFacts } from "./range";
import type { MeasurementPeriod } from "../enums";

/**
 * One KPI measurement row, whichever way it arrives: a line of a CSV file (cells of text, read
 * the way spreadsheets write them) or a row of the JSON feed (numbers already numbers). Both go
 * through `measurementRowReader`, so a row is valid, and a date becomes its period's start, in
 * exactly the same way, with the same plain-language messages.
 */

/** The KPI the rows are for: its id, its name (a file's kpi column may name it) and its valid range. */
export interface CsvKpi extends KpiRangeFacts {
  id: string;
  name?: string | null;
}

export interface CsvLookups {
  locations: { id: string; name: string }[];
  segments: { id: string; name: string }[];
}

/**
 * Every message an import can give, in English; a caller may pass the same keys in another
 * language (the app passes Dutch). `{name}` marks a placeholder; quoted text arrives quoted.
 */
export const CSV_MESSAGES = {
  emptyFile: "The file is empty: it needs a header row and at least one row of values",
  header: "(the header has {columns})",
  noColumn: "{field}: there is no column {column} in the header",
  columnTwice: "{field}: the header has {count} columns named {column}",
  columnUsed: "{field}: column {column} is already used for {other}",
  cellCount: "expected {expected} cells like the header, found {found}",
  unclosedQuote: "a quoted cell opened on line {line} is never closed",
  empty: "{field}: is empty",
  notADate: "{field}: {text} is not a date (use YYYY-MM-DD or DD-MM-YYYY)",
  notANumber: "{field}: {text} is not a number",
  notAWholeNumber: "{field}: {text} is not a whole number of 0 or more",
  unknownLocation: "{field}: {text} is not a known location",
  unknownSegment: "{field}: {text} is not a known segment",
  ambiguousLocation: "{field}: {text} matches {count} locations; use its id instead",
  ambiguousSegment: "{field}: {text} matches {count} segments; use its id instead",
  tooLong: "{field}: is {length} characters long; at most {max} fit",
  tooBig: "{field}: {value} is more than {max}",
  tooSmall: "{field}: {value} is less than {min}",
  notAnId: "{field}: {text} is not an id",
  invalid: "{field}: {message}",
  duplicate: "the same period, location and segment as line {line} (period_start {start})",
  duplicateRow: "the same period, location and segment as row {index} (periodStart {start})",
  otherKpi: "{field}: {text} is another KPI than {kpi}: import its rows into that KPI",
} as const;
export type CsvMessages = { readonly [K in keyof typeof CSV_MESSAGES]: string };

export type Say = (key: keyof CsvMessages, vars?: Record<string, string | number>) => string;
export const sayer =
  (messages: CsvMessages): Say =>
  (key, vars = {}) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

export type RowField = "periodStart" | "value" | "location" | "segment" | "sampleSize" | "note";

/** How a source names the fields in its messages: a file by its exported column names, the feed by its JSON keys. */
const LABELS = {
  csv: { periodStart: "period_start", value: "value", location: "location", segment: "segment", sampleSize: "sample_size", note: "note" },
  json: { periodStart: "periodStart", value: "value", location: "location", segment: "segment", sampleSize: "sampleSize", note: "note" },
} as const satisfies Record<string, Record<RowField, string>>;
export type RowSource = keyof typeof LABELS;
export const fieldLabel = (source: RowSource, field: RowField) => LABELS[source][field];

/**
 * A row as it arrived. Text is read the way a spreadsheet writes it (decimal commas, day-first
 * dates, "3.100" as a thousand); a number is taken as it is. Empty text is "not given".
 */
export interface MeasurementRowInput {
  period: MeasurementPeriod;
  /** Any day of the period: it becomes the period's first day. */
  periodStart: string;
  value: string | number;
  sampleSize: string | number | null;
  /** A location's id or name; "" for the whole organisation. */
  location: string;
  segment: string;
  note: string;
}

export interface RowReading {
  /** The decimal marks of a file's columns (spreadsheets settle "1.234" per column). */
  valueMark?: DecimalMark;
  sampleMark?: DecimalMark;
}

const quote = (text: string) => JSON.stringify(text);

/** Finds a location or segment by id or by name (trimmed, any case). */
function lookup(text: string, options: { id: string; name: string }[], field: "location" | "segment", label: string, say: Say): { id: string | null; problem?: string } {
  if (text === "") return { id: null };
  const byId = options.find((option) => option.id.toLowerCase() === text.toLowerCase());
  if (byId) return { id: byId.id };
  const lower = text.toLowerCase();
  const byName = options.filter((option) => option.name.trim().toLowerCase() === lower);
  if (byName.length === 1) return { id: byName[0]!.id };
  const vars = { field: label, text: quote(text), count: byName.length };
  if (byName.length > 1) return { id: null, problem: say(field === "location" ? "ambiguousLocation" : "ambiguousSegment", vars) };
  return { id: null, problem: say(field === "location" ? "unknownLocation" : "unknownSegment", vars) };
}

const SCHEMA_FIELD: Partial<Record<string, RowField>> = { periodStart: "periodStart", value: "value", locationId: "location", segmentId: "segment", sampleSize: "sampleSize", note: "note" };

function plainIssue(issue: z.core.$ZodIssue, fields: Record<string, unknown>, source: RowSource, say: Say) {
  const name = String(issue.path[0] ?? "");
  const rowField = SCHEMA_FIELD[name];
  const field = rowField ? fieldLabel(source, rowField) : name;
  const value = String(fields[name]);
  if (issue.code === "too_big") return say("tooBig", { field, value, max: String(issue.maximum) });
  if (issue.code === "too_small") return say("tooSmall", { field, value, min: String(issue.minimum) });
  if (issue.code === "invalid_format" && issue.format === "uuid") return say("notAnId", { field, text: quote(value) });
  return say("invalid", { field, message: issue.message });
}

export type RowVerdict = { fields: KpiMeasurementFields; problems?: undefined } | { fields?: undefined; problems: string[] };

/**
 * Reads the rows of one import, one after another: each becomes a measurement of `kpi`, or
 * everything wrong with it in plain words. A row naming the same period, location and segment
 * as an earlier good row is a duplicate (said with `at`, the earlier row's line or index), rather
 * than one silently overwriting the other.
 */
export function measurementRowReader(options: { kpi: CsvKpi; lookups: CsvLookups; source: RowSource; messages?: CsvMessages }) {
  const say = sayer(options.messages ?? CSV_MESSAGES);
  const label = (field: RowField) => fieldLabel(options.source, field);
  const seen = new Map<string, number>();

  return function read(row: MeasurementRowInput, at: number, reading: RowReading = {}): RowVerdict {
    const problems: string[] = [];

    let periodStart = "";
    const dateText = row.periodStart.trim();
    const date = dateText === "" ? null : parseDate(dateText);
    if (dateText === "") problems.push(say("empty", { field: label("periodStart") }));
    else if (!date) problems.push(say("notADate", { field: label("periodStart"), text: quote(dateText) }));
    else periodStart = periodStartOf(date, row.period);

    let value = Number.NaN;
    if (typeof row.value === "number") value = row.value;
    else if (row.value.trim() === "") problems.push(say("empty", { field: label("value") }));
    else {
      const parsed = parseNumber(row.value.trim(), reading.valueMark ?? ".");
      if (parsed === null) problems.push(say("notANumber", { field: label("value"), text: quote(row.value.trim()) }));
      else value = parsed;
    }
    // Within the KPI's valid range (a percentage 0–100, and the KPI's own minimum and maximum).
    const outside = Number.isFinite(value) ? outOfRange(value, options.kpi) : null;
    if (outside) problems.push(say(outside.side === "above" ? "tooBig" : "tooSmall", { field: label("value"), value: String(value), [outside.side === "above" ? "max" : "min"]: String(outside.bound) }));

    let sampleSize: number | null = null;
    const sampleText = row.sampleSize === null ? "" : String(row.sampleSize).trim();
    if (sampleText !== "") {
      const parsed = typeof row.sampleSize === "number" ? row.sampleSize : parseWholeNumber(sampleText, reading.sampleMark ?? ".");
      if (parsed === null) problems.push(say("notANumber", { field: label("sampleSize"), text: quote(sampleText) }));
      else if (!Number.isInteger(parsed) || parsed < 0) problems.push(say("notAWholeNumber", { field: label("sampleSize"), text: quote(sampleText) }));
      else sampleSize = parsed;
    }

    const location = lookup(row.location.trim(), options.lookups.locations, "location", label("location"), say);
    if (location.problem) problems.push(location.problem);
    const segment = lookup(row.segment.trim(), options.lookups.segments, "segment", label("segment"), say);
    if (segment.problem) problems.push(segment.problem);

    if (row.note.length > LINE_MAX) problems.push(say("tooLong", { field: label("note"), length: row.note.length, max: LINE_MAX }));
    if (problems.length > 0) return { problems };

    const fields = { kpiId: options.kpi.id, period: row.period, periodStart, locationId: location.id, segmentId: segment.id, value, sampleSize, note: row.note === "" ? null : row.note };
    const checked = kpiMeasurementFields.safeParse(fields);
    if (!checked.success) return { problems: checked.error.issues.map((issue) => plainIssue(issue, fields, options.source, say)) };
    const key = [row.period, periodStart, location.id ?? "", segment.id ?? ""].join("|");
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return { problems: [options.source === "csv" ? say("duplicate", { line: earlier, start: periodStart }) : say("duplicateRow", { index: earlier, start: periodStart })] };
    }
    seen.set(key, at);
    return { fields: checked.data };
  };
}
