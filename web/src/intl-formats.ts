/**
 * The page's own formatting calls, with the options its screens use, made once on another thread
 * (the formatters' warm-up worker, or the pull worker while its first request is on the way).
 * ICU keeps the locale data they load once per browser process, not per thread, so once they
 * have run the page builds its own formatters in well under a millisecond instead of spending
 * 50–100 ms of a phone's screen thread on them in its first render (measured in Chromium).
 */
import type { Language } from "./i18n";
import { formatDateTime, formatDay, formatNumber, formatPercent, LONG_DAY, localeOf, numberFormat, pluralOf, relativeTime } from "./format";

export function loadFormats(language: Language): void {
  const now = new Date();
  formatNumber(1234.5, language);
  formatPercent(0.5, language);
  numberFormat(localeOf(language), { style: "currency", currency: "EUR" }).format(1234.5);
  formatDateTime(now.toISOString(), language);
  formatDay("2026-12-06", language, LONG_DAY);
  pluralOf(1, language);
  relativeTime(new Date(now.getTime() - 120_000).toISOString(), now, language);
  "a".localeCompare("b", localeOf(language));
}
