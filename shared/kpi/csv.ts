import { z } from "zod";
import type { KpiMeasurementFields } from "../schemas/kpi";
import { readCsv, type CsvRow } from "./csv-read";
import { columnDecimalMark, parseNumber } from "./csv-values";
import { CSV_MESSAGES, fieldLabel, measurementRowReader, sayer, type CsvKpi, type CsvLookups, type CsvMessages, type Say } from "./measurement-row";
import type { MeasurementPeriod } from "../enums";

/**
 * KPI measurements to and from CSV, the way spreadsheets write them: RFC 4180 quoting,
 * a BOM, CRLF, and Dutch Excel's ';' delimiter with decimal commas. Pure: the server's
 * import endpoint and the device's preview run exactly the same code, so the preview
 * shows the errors the server would report.
 */

export { parseCsv } from "./csv-read";
export { periodStartOf, readNumber } from "./csv-values";

/** A spreadsheet cell as a number (either decimal mark), or null when it is not one: for telling names from values. */
export const parseNumberCell = (cell: string): number | null => parseNumber(cell.trim(), ".") ?? parseNumber(cell.trim(), ",");
export { CSV_MESSAGES, type CsvKpi, type CsvLookups, type CsvMessages } from "./measurement-row";

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
  /**
   * The column naming the KPI of each row (a file exported from a BI tool with several KPIs).
   * Without it, a column named "kpi" that no other field uses is taken. A row naming another
   * KPI is a row error, never imported into this one.
   */
  kpi?: string | null;
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
  kpi: optionalColumn,
});

type MappedField = keyof CsvMapping;
const MAPPED_FIELDS: MappedField[] = ["periodStart", "value", "location", "segment", "sampleSize", "note", "kpi"];
/** The name a field has in messages and in the exported file (the same in every language). */
const LABEL = (field: MappedField) => (field === "kpi" ? "kpi" : fieldLabel("csv", field));

/** The column a file names the KPI in when the mapping does not say: "kpi", in any case. */
const KPI_COLUMN = "kpi";

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
      problems.push(say("noColumn", { field: LABEL(field), column: quote(name) }));
      continue;
    }
    if (matches.length > 1) {
      problems.push(say("columnTwice", { field: LABEL(field), column: quote(name), count: matches.length }));
      continue;
    }
    const index = matches[0]!;
    const other = usedBy.get(index);
    if (other) {
      problems.push(say("columnUsed", { field: LABEL(field), column: quote(name), other: LABEL(other) }));
      continue;
    }
    usedBy.set(index, field);
    columns[field] = index;
  }
  if (!mapping.kpi?.trim()) {
    const named = header.flatMap((cell, index) => (cell.toLowerCase() === KPI_COLUMN && !usedBy.has(index) ? [index] : []));
    if (named.length === 1) columns.kpi = named[0]!;
  }
  return { columns, problems };
}

/**
 * Turns a CSV file into KPI measurements, row by row, with one plain-language error per bad
 * row (its line in the file and everything wrong with it). Dates become the start of their
 * period (a date in a week becomes its Monday, a date in a month its 1st), so the same
 * period written twice in a file is reported as a duplicate rather than silently overwritten.
 * Messages are English unless `messages` gives them in another language.
 */
export function measurementsFromCsv(
  text: string,
  options: { kpi: CsvKpi; period: MeasurementPeriod; mapping: CsvMapping; lookups: CsvLookups; messages?: CsvMessages },
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
  const read = measurementRowReader({ kpi: options.kpi, lookups: options.lookups, source: "csv", messages: options.messages });
  const kpiName = (options.kpi.name ?? "").trim();
  const isThisKpi = (text: string) => text === "" || text.toLowerCase() === options.kpi.id.toLowerCase() || (kpiName !== "" && text.toLowerCase() === kpiName.toLowerCase());
  const reading = { valueMark: columnDecimalMark(rows.map((row) => cellOf(row, "value")), delimiter), sampleMark: columnDecimalMark(rows.map((row) => cellOf(row, "sampleSize")), delimiter) };

  const out: { line: number; fields: KpiMeasurementFields }[] = [];
  const errors: CsvRowError[] = [];
  for (const row of rows) {
    const unclosed = unclosedQuoteLine !== null && row === rows[rows.length - 1];
    if (row.cells.length !== header.length || unclosed) {
      const shape = row.cells.length !== header.length ? [say("cellCount", { expected: header.length, found: row.cells.length })] : [];
      const quoteProblem = unclosed ? [say("unclosedQuote", { line: unclosedQuoteLine })] : [];
      errors.push({ line: row.line, message: [...shape, ...quoteProblem].join("; ") });
      continue;
    }
    // A row of another KPI says nothing about this one: refused as a whole, whatever else it holds.
    const named = undoFormulaGuard(cellOf(row, "kpi"));
    if (!isThisKpi(named)) {
      errors.push({ line: row.line, message: say("otherKpi", { field: LABEL("kpi"), text: quote(named), kpi: quote(kpiName || options.kpi.id) }) });
      continue;
    }
    const verdict = read(
      {
        period: options.period,
        periodStart: cellOf(row, "periodStart"),
        value: cellOf(row, "value"),
        sampleSize: cellOf(row, "sampleSize"),
        location: undoFormulaGuard(cellOf(row, "location")),
        segment: undoFormulaGuard(cellOf(row, "segment")),
        note: undoFormulaGuard(cellOf(row, "note")),
      },
      row.line,
      reading,
    );
    if (verdict.problems) errors.push({ line: row.line, message: verdict.problems.join("; ") });
    else out.push({ line: row.line, fields: verdict.fields });
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
