/** Numbers, dates and times as people read them, in the interface language. */

export const localeOf = (language: string) => (language === "nl" ? "nl-NL" : "en-GB");

const numberFormats = new Map<string, Intl.NumberFormat>();
/** An Intl.NumberFormat for a locale ("nl-NL"), made once per locale and options: screens format many figures. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** A number in the interface language: 1234.5 → "1,234.5" / "1.234,5". */
export const formatNumber = (value: number, language: string, options?: Intl.NumberFormatOptions) => numberFormat(localeOf(language), options).format(value);

/** A share (0.125) as a percentage: "12.5%" / "12,5%". */
export const formatPercent = (share: number, language: string, options?: Intl.NumberFormatOptions) => numberFormat(localeOf(language), { style: "percent", ...options }).format(share);

export function formatDateTime(iso: string | null | undefined, language: string): string {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** A calendar date (YYYY-MM-DD) without shifting it through a time zone. */
export function formatDay(day: string | null | undefined, language: string): string {
  const match = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  if (!match) return day ?? "";
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "medium" }).format(date);
}

/** "2 min. ago", "3 hr. ago", "yesterday", …; null for the last 45 seconds ("just now" is the caller's). */
export function relativeTime(iso: string, now: Date, language: string): string | null {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(localeOf(language), { numeric: "auto", style: "short" });
  const abs = Math.abs(seconds);
  if (abs < 45) return null;
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
