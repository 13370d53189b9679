import Papa from "papaparse";

/**
 * Reading a spreadsheet's CSV file into rows of cells: papaparse splits the records (RFC 4180
 * quoting), this module adds what spreadsheets need on top: a BOM, Excel's "sep=" line, the
 * ',' or ';' decision, blank lines, and the line in the file where each row starts.
 */

export type Delimiter = "," | ";";

export interface CsvRow {
  /** 1-based line in the file where the row starts (a quoted cell may span lines). */
  line: number;
  cells: string[];
}

interface Tokenized {
  records: CsvRow[];
  /** Line where a quoted cell opens and the file ends before it closes; null when all are closed. */
  unclosedQuoteLine: number | null;
}

const lineBreaks = (text: string) => {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
};

/**
 * Splits `text`, whose line breaks are all \n already (so one file may mix CRLF, LF and CR, and a
 * break inside a quoted cell arrives as \n), into at most `limit` records.
 */
function tokenize(text: string, delimiter: Delimiter, firstLine: number, limit = 0): Tokenized {
  const { data, errors } = Papa.parse<string[]>(text, { delimiter, newline: "\n", quoteChar: '"', escapeChar: '"', preview: limit });
  let line = firstLine;
  const records = data.map((cells) => {
    const record = { line, cells };
    // A record ends at one line break, plus those inside its quoted cells.
    line += 1 + cells.reduce((breaks, cell) => breaks + lineBreaks(cell), 0);
    return record;
  });
  // papaparse reports where the unclosed cell's text starts, just after its opening quote, and
  // leaves that cell (the file's last) as written, "" escapes and all.
  const unclosed = errors.find((error) => error.code === "MissingQuotes");
  if (!unclosed) return { records, unclosedQuoteLine: null };
  const last = records.at(-1)?.cells;
  if (last) last[last.length - 1] = last.at(-1)!.replace(/""/g, '"');
  return { records, unclosedQuoteLine: firstLine + lineBreaks(text.slice(0, unclosed.index ?? 0)) };
}

const isBlank = (row: CsvRow) => row.cells.every((cell) => cell.trim() === "");

/**
 * The delimiter that splits the first rows into the same number of cells (more than one);
 * ';' when both do, because a ';' file's decimal commas can look like a ',' file but a ','
 * file rarely has semicolons in every row.
 */
function detectDelimiter(text: string): Delimiter {
  const score = (delimiter: Delimiter) => {
    const sample = tokenize(text, delimiter, 1, 30).records.filter((row) => !isBlank(row));
    const header = sample[0];
    if (!header || header.cells.length < 2) return 0;
    const rest = sample.slice(1);
    const consistent = rest.filter((row) => row.cells.length === header.cells.length).length;
    return 1 + (rest.length === 0 ? 1 : consistent / rest.length);
  };
  const semicolon = score(";");
  const comma = score(",");
  return semicolon >= comma && semicolon > 0 ? ";" : ",";
}

export interface ParsedCsv {
  header: string[];
  rows: CsvRow[];
  delimiter: Delimiter;
  unclosedQuoteLine: number | null;
}

export function readCsv(text: string): ParsedCsv {
  let body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, "\n");
  // Excel understands (and some tools write) a first line "sep=;" naming the delimiter.
  const hint = /^sep=([,;])[ \t]*(\n|$)/i.exec(body);
  if (hint) body = body.slice(hint[0].length);
  const delimiter = hint ? (hint[1] as Delimiter) : detectDelimiter(body);
  const { records, unclosedQuoteLine } = tokenize(body, delimiter, hint ? 2 : 1);
  const filled = records.filter((row) => !isBlank(row));
  const [first, ...rows] = filled;
  return { header: first ? first.cells.map((cell) => cell.trim()) : [], rows, delimiter, unclosedQuoteLine };
}

/**
 * Reads a CSV file: RFC 4180 (quoted cells, "" escapes, line breaks inside quotes), a leading
 * BOM, CRLF, LF or CR, ',' or ';' detected from the first rows (or named by Excel's "sep=;" line).
 * Blank lines are skipped; the first non-blank row is the header (its names trimmed). Cells are
 * returned as written.
 */
export function parseCsv(text: string): { header: string[]; rows: { line: number; cells: string[] }[] } {
  const { header, rows } = readCsv(text);
  return { header, rows };
}
