/** Numbers, dates and times as people read them, in the interface language. */

import type { KpiUnit } from "../../shared/enums";

export const localeOf = (language: string) => (language === "nl" ? "nl-NL" : "en-GB");

/**
 * Intl formatters, made once per locale and options: making one costs far more than using it
 * (a relative-time formatter took 50 ms on a slow phone), and screens format many values. The
 * same options object is found by identity, so a list of findings does not serialise its date
 * options once per row.
 */
type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.PluralRules;
const formatters = new Map<string, Formatter>();
const byOptions = new WeakMap<object, Map<string, Formatter>>();
function cached<T extends Formatter>(kind: string, locale: string, options: object, make: () => T): T {
  const kindAndLocale = `${kind}|${locale}`;
  let known = byOptions.get(options);
  const hit = known?.get(kindAndLocale);
  if (hit) return hit as T;
  const key = `${kindAndLocale}|${JSON.stringify(options)}`;
  let format = formatters.get(key) as T | undefined;
  if (!format) formatters.set(key, (format = make()));
  if (!known) byOptions.set(options, (known = new Map()));
  known.set(kindAndLocale, format);
  return format;
}

const NO_OPTIONS = {};
/** Date options shared by every caller, so the formatter is found by identity (see `cached`). */
export const DATE_TIME = { dateStyle: "medium", timeStyle: "short" } as const;
export const DAY = { dateStyle: "medium" } as const;
/** A date written out in full ("10 December 2026"), as a printed document dates itself. */
export const LONG_DAY = { dateStyle: "long" } as const;
const RELATIVE = { numeric: "auto", style: "short" } as const;

export const numberFormat = (locale: string, options: Intl.NumberFormatOptions = NO_OPTIONS) => cached("number", locale, options, () => new Intl.NumberFormat(locale, options));
export const dateFormat = (locale: string, options: Intl.DateTimeFormatOptions) => cached("date", locale, options, () => new Intl.DateTimeFormat(locale, options));
const relativeFormat = (locale: string) => cached("relative", locale, RELATIVE, () => new Intl.RelativeTimeFormat(locale, RELATIVE));

/** The plural form a number takes as shown: "one" for 1 ("1 year"), "other" for 2 or for 1.0 ("1.0 points"). */
export function pluralOf(count: number, language: string, shown: Intl.NumberFormatOptions = NO_OPTIONS): Intl.LDMLPluralRule {
  const { minimumFractionDigits, maximumFractionDigits } = shown;
  const options = minimumFractionDigits === undefined && maximumFractionDigits === undefined ? NO_OPTIONS : { minimumFractionDigits, maximumFractionDigits };
  return cached("plural", localeOf(language), options, () => new Intl.PluralRules(localeOf(language), options)).select(Math.abs(count));
}

/** A number in the interface language: 1234.5 → "1,234.5" / "1.234,5". */
export const formatNumber = (value: number, language: string, options?: Intl.NumberFormatOptions) => numberFormat(localeOf(language), options).format(value);

/** A share (0.125) as a percentage: "12.5%" / "12,5%". */
export const formatPercent = (share: number, language: string, options?: Intl.NumberFormatOptions) => numberFormat(localeOf(language), { style: "percent", ...options }).format(share);

export function formatDateTime(iso: string | null | undefined, language: string): string {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return "";
  return dateFormat(localeOf(language), DATE_TIME).format(date);
}

/** A calendar date (YYYY-MM-DD) without shifting it through a time zone. */
export function formatDay(day: string | null | undefined, language: string, style: typeof DAY | typeof LONG_DAY = DAY): string {
  const match = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  if (!match) return day ?? "";
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return dateFormat(localeOf(language), style).format(date);
}

/** "2 min. ago", "3 hr. ago", "yesterday", …; null for the last 45 seconds ("just now" is the caller's). */
export function relativeTime(iso: string, now: Date, language: string): string | null {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  // Made only when needed: the first one costs a slow phone a tenth of a second.
  if (abs < 45) return null;
  const format = relativeFormat(localeOf(language));
  if (abs < 3600) return format.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), "hour");
  return format.format(Math.round(seconds / 86_400), "day");
}

/** An instant as the value of `<input type="datetime-local">`, in this device's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

/**
 * A KPI value as people read it: 3.2 (percent) → "3.2%" / "3,2%", 44.5 (EUR) → "€44.50" / "€ 44,50",
 * counts and scores with at most two decimals. `signed` adds "+" for a change.
 */
export function formatKpiValue(value: number | null | undefined, unit: KpiUnit | undefined, locale: string, options: { signed?: boolean } = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  const sign: Intl.NumberFormatOptions = options.signed ? { signDisplay: "exceptZero" } : {};
  if (unit === "percent") return numberFormat(locale, { style: "percent", maximumFractionDigits: 2, ...sign }).format(value / 100);
  if (unit === "eur") return numberFormat(locale, { style: "currency", currency: "EUR", ...sign }).format(value);
  return numberFormat(locale, { maximumFractionDigits: 2, ...sign }).format(value);
}

/** One options object for every count: the formatter cache finds it at once (a board draws a hundred counts). */
const WHOLE: Intl.NumberFormatOptions = { maximumFractionDigits: 0 };

/** A plain number in the interface language (sample sizes, counts of rows). */
export const formatCount = (value: number, locale: string) => numberFormat(locale, WHOLE).format(value);
