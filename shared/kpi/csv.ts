import { z } from "zod";
import { LINE_MAX } from "../limits";
import { kpiMeasurementFields, type KpiMeasurementFields } from "../schemas/kpi";
import { readCsv, type CsvRow } from "./csv-read";
import { columnDecimalMark, parseDate, parseNumber, parseWholeNumber, periodStartOf } from "./csv-values";
import type { MeasurementPeriod } from "../enums";

/**
 * KPI measurements to and from CSV, the way spreadsheets write them: RFC 4180 quoting,
 * a BOM, CRLF, and Dutch Excel's ';' delimiter with decimal commas. Pure: the server's
 * import endpoint and the device's preview run exactly the same code, so the preview
 * shows the errors the server would report.
 */

export { parseCsv } from "./csv-read";
export { periodStartOf, readNumber } from "./csv-values";

// ---------------------------------------------------------------------------------------------
// Import

/** Which header column holds which field. */
export interface CsvMapping {
  periodStart: string;
  value: string;
  location?: string | null;
  segment?: string | null;
  sampleSize?: string | null;
  note?: string | null;
}
export interface CsvLookups {
  locations: { id: string; name: string }[];
  segments: { id: string; name: string }[];
}
export interface CsvRowError {
  line: number;
  message: string;
}

const columnName = z.string().trim().max(200);
const optionalColumn = columnName.nullable().optional();
export const csvMappingSchema: z.ZodType<CsvMapping> = z.strictObject({
  periodStart: columnName.min(1),
  value: columnName.min(1),
  location: optionalColumn,
  segment: optionalColumn,
  sampleSize: optionalColumn,
  note: optionalColumn,
});

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
} as const;
export type CsvMessages = { readonly [K in keyof typeof CSV_MESSAGES]: string };

type Say = (key: keyof CsvMessages, vars?: Record<string, string | number>) => string;
const sayer =
  (messages: CsvMessages): Say =>
  (key, vars = {}) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

type MappedField = keyof CsvMapping;
const MAPPED_FIELDS: MappedField[] = ["periodStart", "value", "location", "segment", "sampleSize", "note"];
/** The name a field has in messages and in the exported file (the same in every language). */
const LABEL: Record<MappedField, string> = {
  periodStart: "period_start",
  value: "value",
  location: "location",
  segment: "segment",
  sampleSize: "sample_size",
  note: "note",
};

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula, so the export writes such text
 * with a leading ' (and one more ' before text that already starts that way); the import takes it off.
 */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;
const formulaGuard = (text: string) => (FORMULA_LIKE.test(text) ? `'${text}` : text);
const undoFormulaGuard = (text: string) => (text.startsWith("'") && FORMULA_LIKE.test(text.slice(1)) ? text.slice(1) : text);

const quote = (text: string) => JSON.stringify(text);

function resolveColumns(header: string[], mapping: CsvMapping, say: Say): { columns: Partial<Record<MappedField, number>>; problems: string[] } {
  const columns: Partial<Record<MappedField, number>> = {};
  const problems: string[] = [];
  const usedBy = new Map<number, MappedField>();
  for (const field of MAPPED_FIELDS) {
    const name = mapping[field]?.trim();
    if (!name) continue;
    let matches = header.flatMap((cell, index) => (cell === name ? [index] : []));
    if (matches.length === 0) {
      const lower = name.toLowerCase();
      matches = header.flatMap((cell, index) => (cell.toLowerCase() === lower ? [index] : []));
    }
    if (matches.length === 0) {
      problems.push(say("noColumn", { field: LABEL[field], column: quote(name) }));
      continue;
    }
    if (matches.length > 1) {
      problems.push(say("columnTwice", { field: LABEL[field], column: quote(name), count: matches.length }));
      continue;
    }
    const index = matches[0]!;
    const other = usedBy.get(index);
    if (other) {
      problems.push(say("columnUsed", { field: LABEL[field], column: quote(name), other: LABEL[other] }));
      continue;
    }
    usedBy.set(index, field);
    columns[field] = index;
  }
  return { columns, problems };
}

/** Finds a location or segment by id or by name (trimmed, any case). */
function lookup(cell: string, options: { id: string; name: string }[], field: "location" | "segment", say: Say): { id: string | null; problem?: string } {
  const text = undoFormulaGuard(cell.trim());
  if (text === "") return { id: null };
  const byId = options.find((option) => option.id.toLowerCase() === text.toLowerCase());
  if (byId) return { id: byId.id };
  const lower = text.toLowerCase();
  const byName = options.filter((option) => option.name.trim().toLowerCase() === lower);
  if (byName.length === 1) return { id: byName[0]!.id };
  const vars = { field, text: quote(text), count: byName.length };
  if (byName.length > 1) return { id: null, problem: say(field === "location" ? "ambiguousLocation" : "ambiguousSegment", vars) };
  return { id: null, problem: say(field === "location" ? "unknownLocation" : "unknownSegment", vars) };
}

function plainIssue(issue: z.core.$ZodIssue, fields: Record<string, unknown>, say: Say) {
  const name = String(issue.path[0] ?? "");
  const field = (LABEL as Record<string, string>)[name] ?? name;
  const value = String(fields[name]);
  if (issue.code === "too_big") return say("tooBig", { field, value, max: String(issue.maximum) });
  if (issue.code === "too_small") return say("tooSmall", { field, value, min: String(issue.minimum) });
  if (issue.code === "invalid_format" && issue.format === "uuid") return say("notAnId", { field, text: quote(value) });
  return say("invalid", { field, message: issue.message });
}

const NOTE_MAX = LINE_MAX;

/**
 * Turns a CSV file into KPI measurements, row by row, with one plain-language error per bad
 * row (its line in the file and everything wrong with it). Dates become the start of their
 * period (a date in a week becomes its Monday, a date in a month its 1st), so the same
 * period written twice in a file is reported as a duplicate rather than silently overwritten.
 * Messages are English unless `messages` gives them in another language.
 */
export function measurementsFromCsv(
  text: string,
  options: { kpiId: string; period: MeasurementPeriod; mapping: CsvMapping; lookups: CsvLookups; messages?: CsvMessages },
): { rows: { line: number; fields: KpiMeasurementFields }[]; errors: CsvRowError[] } {
  const say = sayer(options.messages ?? CSV_MESSAGES);
  const { header, rows, delimiter, unclosedQuoteLine } = readCsv(text);
  if (header.length === 0) return { rows: [], errors: [{ line: 1, message: say("emptyFile") }] };
  const { columns, problems } = resolveColumns(header, options.mapping, say);
  if (problems.length > 0) return { rows: [], errors: [{ line: 1, message: `${problems.join("; ")} ${say("header", { columns: header.map(quote).join(", ") })}` }] };

  const cellOf = (row: CsvRow, field: MappedField) => {
    const index = columns[field];
    return index === undefined ? "" : (row.cells[index] ?? "").trim();
  };
  const valueMark = columnDecimalMark(rows.map((row) => cellOf(row, "value")), delimiter);
  const sampleMark = columnDecimalMark(rows.map((row) => cellOf(row, "sampleSize")), delimiter);

  const out: { line: number; fields: KpiMeasurementFields }[] = [];
  const errors: CsvRowError[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const unclosed = unclosedQuoteLine !== null && row === rows[rows.length - 1];
    if (row.cells.length !== header.length || unclosed) {
      const shape = row.cells.length !== header.length ? [say("cellCount", { expected: header.length, found: row.cells.length })] : [];
      const quoteProblem = unclosed ? [say("unclosedQuote", { line: unclosedQuoteLine })] : [];
      errors.push({ line: row.line, message: [...shape, ...quoteProblem].join("; ") });
      continue;
    }
    const problems: string[] = [];

    let periodStart = "";
    const dateCell = cellOf(row, "periodStart");
    const date = dateCell === "" ? null : parseDate(dateCell);
    if (dateCell === "") problems.push(say("empty", { field: LABEL.periodStart }));
    else if (!date) problems.push(say("notADate", { field: LABEL.periodStart, text: quote(dateCell) }));
    else periodStart = periodStartOf(date, options.period);

    let value = Number.NaN;
    const valueCell = cellOf(row, "value");
    if (valueCell === "") problems.push(say("empty", { field: LABEL.value }));
    else {
      const parsed = parseNumber(valueCell, valueMark);
      if (parsed === null) problems.push(say("notANumber", { field: LABEL.value, text: quote(valueCell) }));
      else value = parsed;
    }

    let sampleSize: number | null = null;
    const sampleCell = cellOf(row, "sampleSize");
    if (sampleCell !== "") {
      const parsed = parseWholeNumber(sampleCell, sampleMark);
      if (parsed === null) problems.push(say("notANumber", { field: LABEL.sampleSize, text: quote(sampleCell) }));
      else if (!Number.isInteger(parsed) || parsed < 0) problems.push(say("notAWholeNumber", { field: LABEL.sampleSize, text: quote(sampleCell) }));
      else sampleSize = parsed;
    }

    const location = lookup(cellOf(row, "location"), options.lookups.locations, "location", say);
    if (location.problem) problems.push(location.problem);
    const segment = lookup(cellOf(row, "segment"), options.lookups.segments, "segment", say);
    if (segment.problem) problems.push(segment.problem);

    const noteCell = undoFormulaGuard(cellOf(row, "note"));
    if (noteCell.length > NOTE_MAX) problems.push(say("tooLong", { field: LABEL.note, length: noteCell.length, max: NOTE_MAX }));

    if (problems.length === 0) {
      const fields = {
        kpiId: options.kpiId,
        period: options.period,
        periodStart,
        locationId: location.id,
        segmentId: segment.id,
        value,
        sampleSize,
        note: noteCell === "" ? null : noteCell,
      };
      const checked = kpiMeasurementFields.safeParse(fields);
      if (!checked.success) problems.push(...checked.error.issues.map((issue) => plainIssue(issue, fields, say)));
      else {
        const key = [periodStart, location.id ?? "", segment.id ?? ""].join("|");
        const earlier = seen.get(key);
        if (earlier !== undefined) problems.push(say("duplicate", { line: earlier, start: periodStart }));
        else {
          seen.set(key, row.line);
          out.push({ line: row.line, fields: checked.data });
        }
      }
    }
    if (problems.length > 0) errors.push({ line: row.line, message: problems.join("; ") });
  }
  return { rows: out, errors };
}

// ---------------------------------------------------------------------------------------------
// Export

export const CSV_COLUMNS = ["period", "period_start", "location", "segment", "value", "sample_size", "note"] as const;

function csvCell(text: string) {
  return /[",\r\n;]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
const textCell = (text: string) => csvCell(formulaGuard(text));

/**
 * Measurements as a CSV file with the columns of CSV_COLUMNS (names for locations and segments,
 * empty for the whole organisation), sorted by period start, then location; comma-delimited with
 * a decimal point and CRLF, which measurementsFromCsv reads back to the same records.
 */
export function measurementsToCsv(rows: KpiMeasurementFields[], lookups: CsvLookups): string {
  const locationName = new Map(lookups.locations.map((location) => [location.id, location.name]));
  const segmentName = new Map(lookups.segments.map((segment) => [segment.id, segment.name]));
  const named = rows.map((row) => ({
    row,
    location: row.locationId ? (locationName.get(row.locationId) ?? row.locationId) : "",
    segment: row.segmentId ? (segmentName.get(row.segmentId) ?? row.segmentId) : "",
  }));
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  named.sort(
    (a, b) =>
      compare(a.row.periodStart, b.row.periodStart) ||
      compare(a.location.toLowerCase(), b.location.toLowerCase()) ||
      compare(a.segment.toLowerCase(), b.segment.toLowerCase()) ||
      compare(a.row.period, b.row.period),
  );
  const lines = [CSV_COLUMNS.join(",")];
  for (const { row, location, segment } of named) {
    lines.push(
      [
        row.period,
        row.periodStart,
        textCell(location),
        textCell(segment),
        String(row.value),
        row.sampleSize === null ? "" : String(row.sampleSize),
        textCell(row.note ?? ""),
      ].join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
