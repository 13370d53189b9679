/**
 * The device's side of a CSV import: reading the file as the spreadsheet saved it, guessing
 * which column is which, and the request the server's import endpoint takes.
 */
import { CSV_MESSAGES, parseNumberCell, type CsvMapping, type CsvMessages, type CsvRowError } from "../../../../shared/kpi/csv";
import type { I18n } from "../../i18n";
import type { MeasurementPeriod } from "../../../../shared/enums";

/** The import's row messages in the interface language (the dictionaries hold them as `kpi.csv.*`). */
export function csvMessages(t: I18n["t"]): CsvMessages {
  const keys = Object.keys(CSV_MESSAGES) as (keyof CsvMessages)[];
  return Object.fromEntries(keys.map((key) => [key, t(`kpi.csv.${key}`)])) as Record<keyof CsvMessages, string>;
}

/** How many rows the preview shows, and guessing the columns looks at. */
export const PREVIEW_ROWS = 5;

/** The mapping as the form holds it: "" for a field the file does not have. */
export type MappingDraft = Required<{ [K in keyof CsvMapping]: string }>;
export type MappedField = keyof MappingDraft;
export const MAPPED_FIELDS: readonly MappedField[] = ["periodStart", "value", "location", "segment", "sampleSize", "note", "kpi"];
export const EMPTY_MAPPING: MappingDraft = { periodStart: "", value: "", location: "", segment: "", sampleSize: "", note: "", kpi: "" };

/** Header names people use for each field, best first (compared without case, spaces or punctuation). */
const NAMES: Record<MappedField, readonly string[]> = {
  periodStart: ["periodstart", "startdate", "start", "date", "datum", "week", "weekstart", "month", "maand", "day", "dag", "period", "periode"],
  value: ["value", "waarde", "kpi", "result", "resultaat", "score", "rate", "percentage", "conversion", "conversie", "amount", "bedrag", "average", "gemiddelde", "total", "totaal"],
  location: ["location", "locatie", "store", "winkel", "shop", "branch", "filiaal", "vestiging", "site", "touchpoint"],
  segment: ["segment", "doelgroep", "customersegment", "klantsegment"],
  sampleSize: ["samplesize", "sample", "n", "count", "aantal", "users", "visitors", "bezoekers", "customers", "klanten", "observations", "respondents", "respondenten"],
  note: ["note", "notes", "notitie", "notities", "opmerking", "opmerkingen", "comment", "comments", "toelichting", "remark"],
  kpi: ["kpi", "kpiname", "kpinaam", "metric", "measure", "indicator"],
};

const normalise = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

const looksLikeDate = (cell: string) => /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-?w\d{1,2})\b/i.test(cell.trim());

/**
 * Pre-fills the column choices from the header: each field takes the first column whose name
 * it knows (in the order above), each column serves one field. The date column must hold
 * dates in the first rows when another candidate does (an exported file has both "period",
 * holding "week", and "period_start").
 */
export function guessMapping(header: readonly string[], sample: readonly { cells: string[] }[] = []): MappingDraft {
  const mapping: MappingDraft = { ...EMPTY_MAPPING };
  const used = new Set<number>();
  const normalised = header.map(normalise);
  const holdsDates = (index: number) => sample.length > 0 && sample.every((row) => looksLikeDate(row.cells[index] ?? ""));
  // The KPI's column first, so "kpi" naming each row's KPI is not taken for the values; a "kpi" column holding numbers is the values.
  const holdsNames = (index: number) => sample.some((row) => (row.cells[index] ?? "").trim() !== "" && parseNumberCell(row.cells[index]!) === null);
  const kpiColumn = normalised.findIndex((column, index) => NAMES.kpi.includes(column) && holdsNames(index));
  if (kpiColumn >= 0) {
    mapping.kpi = header[kpiColumn]!;
    used.add(kpiColumn);
  }
  for (const field of MAPPED_FIELDS) {
    if (field === "kpi") continue;
    const candidates = NAMES[field].flatMap((name) => normalised.flatMap((column, index) => (column === name && !used.has(index) ? [index] : [])));
    const unique = [...new Set(candidates)];
    const pick = (field === "periodStart" ? unique.find(holdsDates) : undefined) ?? unique[0];
    if (pick === undefined) continue;
    mapping[field] = header[pick]!;
    used.add(pick);
  }
  if (!mapping.periodStart) {
    const dates = header.findIndex((_, index) => !used.has(index) && holdsDates(index));
    if (dates >= 0) {
      mapping.periodStart = header[dates]!;
      used.add(dates);
    }
  }
  return mapping;
}

/** The period a date column's name suggests ("week", "maand"), or null when it does not say. */
export function guessPeriod(column: string): MeasurementPeriod | null {
  const name = normalise(column);
  if (/week/.test(name)) return "week";
  if (/month|maand/.test(name)) return "month";
  if (/^(day|dag|daily|dagelijks)/.test(name)) return "day";
  return null;
}

/** The mapping as the server takes it: only the columns that are chosen. */
export function toMapping(draft: MappingDraft): CsvMapping {
  const optional = (value: string) => (value.trim() ? value : null);
  return {
    periodStart: draft.periodStart,
    value: draft.value,
    location: optional(draft.location),
    segment: optional(draft.segment),
    sampleSize: optional(draft.sampleSize),
    note: optional(draft.note),
    kpi: optional(draft.kpi),
  };
}

/**
 * The text of a file as a spreadsheet saved it: UTF-8 (with or without BOM), or — when it is
 * not valid UTF-8 — Windows-1252, which Excel on Windows writes for "CSV (comma delimited)".
 */
export function decodeCsvBytes(bytes: ArrayBuffer | Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Spelled out: some TextDecoders (Node's among them) read "windows-1252" as Latin-1, losing € and friends.
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    let text = "";
    for (const byte of view) text += byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_80_9F[byte - 0x80]! : String.fromCharCode(byte);
    return text;
  }
}

/** Windows-1252 bytes 0x80–0x9F (where it differs from Latin-1); unassigned bytes stay as their code point. */
const WINDOWS_1252_80_9F = [..."€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ"];

export type ImportMode = "all" | "valid_only";

export interface ImportRequest {
  csv: string;
  mapping: CsvMapping;
  period: MeasurementPeriod;
  mode: ImportMode;
}

/** The server refuses bodies over 1 MB (server/app.ts); say so before sending. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** The server imports at most this many rows at once (server/routes/kpis). */
export const MAX_IMPORT_ROWS = 10_000;

export const requestBytes = (request: ImportRequest) => new TextEncoder().encode(JSON.stringify(request)).length;

/** Errors the server gave as `issues` ({path: "line 4", message}) back as row errors. */
export function rowErrorsFromIssues(issues: readonly { path: string; message: string }[]): CsvRowError[] {
  return issues.map((issue) => ({ line: Number(/\d+/.exec(issue.path)?.[0] ?? 0), message: issue.message }));
}
