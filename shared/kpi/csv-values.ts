import type { Delimiter } from "./csv-read";
import type { MeasurementPeriod } from "../enums";

/**
 * Numbers and dates as people write them in a spreadsheet or a form field: decimal commas or
 * points, thousands separators, € and %, day-first dates and ISO weeks.
 */

/** Removes what people type around a number: spaces (also non-breaking), %, € or EUR. */
function stripDecoration(raw: string) {
  const text = raw.replace(/[\s\u00a0\u202f]/g, "").replace(/\u2212/g, "-");
  return text.replace(/^([+-]?)(?:€|eur)/i, "$1").replace(/(?:€|eur|%)$/i, "");
}

export type DecimalMark = "," | ".";

/** Which mark a number must use as its decimal separator, or null when it could be either. */
function decimalEvidence(raw: string): DecimalMark | null {
  const core = stripDecoration(raw).replace(/^[+-]/, "").replace(/[eE][+-]?\d+$/, "");
  const commas = (core.match(/,/g) ?? []).length;
  const points = (core.match(/\./g) ?? []).length;
  if (commas > 0 && points > 0) return core.lastIndexOf(",") > core.lastIndexOf(".") ? "," : ".";
  if (commas === 1 && !/^\d{1,3},\d{3}$/.test(core)) return ",";
  if (points === 1 && !/^\d{1,3}\.\d{3}$/.test(core)) return ".";
  if (commas > 1) return ".";
  if (points > 1) return ",";
  return null;
}

/** The decimal mark of a column: what its unambiguous numbers use, else what the delimiter suggests. */
export function columnDecimalMark(cells: string[], delimiter: Delimiter): DecimalMark {
  let commas = 0;
  let points = 0;
  for (const cell of cells) {
    const evidence = decimalEvidence(cell);
    if (evidence === ",") commas++;
    if (evidence === ".") points++;
  }
  if (commas !== points) return commas > points ? "," : ".";
  // Spreadsheets that write ';' are the ones set to a decimal comma (Dutch, German, ...).
  return delimiter === ";" ? "," : ".";
}

/**
 * A number as people write it in a spreadsheet: 3,2 · 3.2 · 1.234,56 · 1,234.56 · 1 234 · € 12,50 ·
 * 3,2 % · -4 · 1.5e3. `decimal` settles "1.234" and "1,234", which could be either.
 */
export function parseNumber(raw: string, decimal: DecimalMark): number | null {
  const text = stripDecoration(raw);
  const match = /^([+-]?)(\d[\d.,]*|[.,]\d+)(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return null;
  const sign = match[1] === "-" ? -1 : 1;
  const core = match[2]!;
  const exponent = match[3] ? Number(match[3]) : 0;
  const lastComma = core.lastIndexOf(",");
  const lastPoint = core.lastIndexOf(".");
  let mark: DecimalMark | null = null;
  let group: DecimalMark | null = null;
  if (lastComma >= 0 && lastPoint >= 0) {
    mark = lastComma > lastPoint ? "," : ".";
    group = mark === "," ? "." : ",";
  } else if (lastComma >= 0 || lastPoint >= 0) {
    const only: DecimalMark = lastComma >= 0 ? "," : ".";
    const count = core.split(only).length - 1;
    const grouping = new RegExp(`^\\d{1,3}(\\${only}\\d{3})+$`).test(core);
    // 1.234.567: only a thousands separator repeats; 1.234 is one only where "." is not the decimal mark.
    if (count > 1 || (grouping && only !== decimal)) group = only;
    else mark = only;
  }
  const [integer = "", fraction, extra] = mark ? core.split(mark) : [core];
  if (extra !== undefined) return null;
  let digits = integer;
  if (group !== null && integer.includes(group)) {
    if (exponent !== 0 || !new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(integer)) return null;
    digits = integer.split(group).join("");
  }
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return null;
  const value = sign * Number(`${digits || "0"}.${fraction ?? "0"}e${exponent}`);
  return Number.isFinite(value) ? value : null;
}

/**
 * A number typed by a person (a form field) the way `parseNumber` reads a spreadsheet cell;
 * `decimal` is the mark of the interface language, settling "1.234" and "1,234".
 */
export const readNumber = (text: string, decimal: DecimalMark): number | null => parseNumber(text.trim(), decimal);

/** A whole number such as a sample size: "1.234" and "1,234" are always thousands here. */
export function parseWholeNumber(raw: string, decimal: DecimalMark): number | null {
  const core = stripDecoration(raw).replace(/^[+-]/, "");
  if (/^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(core)) return parseNumber(raw, core.includes(",") ? "." : ",");
  return parseNumber(raw, decimal);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isoDate = (date: Date) => `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

function calendarDate(year: number, month: number, day: number): Date | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

const DAY = 86_400_000;

/** A year has 53 ISO weeks when it starts on a Thursday, or is a leap year starting on a Wednesday. */
function isoWeeksIn(year: number) {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** Monday of ISO week `week` of `year` (week 1 holds 4 January). */
function isoWeekMonday(year: number, week: number): Date | null {
  if (year < 1000 || year > 9999 || week < 1 || week > isoWeeksIn(year)) return null;
  const jan4 = new Date(Date.UTC(year, 0, 4));
  return new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY + (week - 1) * 7 * DAY);
}

/** A date as spreadsheets write it: 2024-03-04 · 04-03-2024 · 4/3/2024 · 4.3.2024 (day first) · 2024-W10. */
export function parseDate(raw: string): Date | null {
  const text = raw.trim();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (match) return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?: [\d:.]+)?$/.exec(text);
  if (match) return calendarDate(Number(match[4]), Number(match[3]), Number(match[1]));
  match = /^(\d{4})-?W(\d{1,2})$/i.exec(text);
  if (match) return isoWeekMonday(Number(match[1]), Number(match[2]));
  return null;
}

/** The first day of the period that contains `date`: the day itself, its Monday, the 1st of its month. */
export function periodStartOf(date: Date, period: MeasurementPeriod): string {
  if (period === "week") return isoDate(new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY));
  if (period === "month") return isoDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)));
  return isoDate(date);
}
