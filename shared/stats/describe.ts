import type { CompareResult } from "./schemas";

export type Direction = "higher" | "lower";
export type DescribeLocale = "en" | "nl";
export type Verdict = "likely_better" | "likely_worse" | "unclear";

export interface DescribeOptions {
  /**
   * "points" for a rate (the lift is shown in percentage points, ×100); "€" (or "EUR") for money,
   * shown as the language writes amounts ("+€2.72", "+€ 2,72"); anything else is printed after
   * the numbers as it is ("min", "" for none).
   */
  unit: string;
  /** Which way is better for this KPI. */
  direction: Direction;
  locale?: DescribeLocale;
}

export interface ResultDescription {
  verdict: Verdict;
  /** The chance that the treatment is better, in the KPI's own direction (0–1). */
  chanceBetter: number;
  /** The interval of the absolute lift in display units, formatted for the locale ("+0.4"). */
  low: string;
  high: string;
  /** One plain sentence, e.g. "likely better: 97 % chance; the lift is between +0.4 and +2.1 points". */
  text: string;
}

/** A verdict needs this much certainty either way. */
export const VERDICT_CHANCE = 0.95;

const WORDS = {
  en: {
    likely_better: "likely better",
    likely_worse: "likely worse",
    unclear: "unclear",
    chance: (pct: string) => `${pct} chance`,
    chanceOfBetter: (pct: string) => `${pct} chance of better`,
    between: (low: string, high: string, unit: string) => `the lift is between ${low} and ${high}${unit}`,
    points: { one: "point", other: "points" },
    numberLocale: "en-GB",
  },
  nl: {
    likely_better: "waarschijnlijk beter",
    likely_worse: "waarschijnlijk slechter",
    unclear: "onduidelijk",
    chance: (pct: string) => `${pct} kans`,
    chanceOfBetter: (pct: string) => `${pct} kans op beter`,
    between: (low: string, high: string, unit: string) => `het verschil ligt tussen ${low} en ${high}${unit}`,
    // A unit of measure after a number stays singular in Dutch ("3 procentpunt", "3 jaar").
    points: { one: "procentpunt", other: "procentpunt" },
    numberLocale: "nl-NL",
  },
} as const;

/**
 * Plain words for a comparison, for people who do not read p-values. Pure; no I/O. Needs only
 * the chance to beat and the absolute interval, so a comparison without a relative lift (a
 * control at 0) reads the same way.
 */
export function describeResult(result: Pick<CompareResult, "chanceToBeat" | "ciAbsolute">, { unit, direction, locale = "en" }: DescribeOptions): ResultDescription {
  const words = WORDS[locale];
  const chanceBetter = direction === "higher" ? result.chanceToBeat : 1 - result.chanceToBeat;
  const verdict: Verdict = chanceBetter >= VERDICT_CHANCE ? "likely_better" : 1 - chanceBetter >= VERDICT_CHANCE ? "likely_worse" : "unclear";

  const inPoints = unit === "points";
  const money = unit === "€" || unit === "EUR";
  const scale = inPoints ? 100 : 1;
  const [lo, hi] = [result.ciAbsolute[0] * scale, result.ciAbsolute[1] * scale];
  const decimals = intervalDecimals(lo, hi);
  // Money in whole euros for a wide interval, otherwise in cents: never "€1.3".
  const shown = money ? (decimals === 0 ? 0 : Math.max(2, decimals)) : decimals;
  const options: Intl.NumberFormatOptions = { minimumFractionDigits: shown, maximumFractionDigits: shown, signDisplay: "exceptZero", ...(money ? { style: "currency", currency: "EUR" } : {}) };
  const format = new Intl.NumberFormat(words.numberLocale, options);
  const low = format.format(lo);
  const high = format.format(hi);
  const plural = new Intl.PluralRules(words.numberLocale, { minimumFractionDigits: shown, maximumFractionDigits: shown }).select(Math.abs(hi));
  const unitText = inPoints ? ` ${plural === "one" ? words.points.one : words.points.other}` : unit && !money ? ` ${unit}` : "";

  const chance =
    verdict === "likely_better"
      ? words.chance(percent(chanceBetter))
      : verdict === "likely_worse"
        ? words.chance(percent(1 - chanceBetter))
        : words.chanceOfBetter(percent(chanceBetter));
  return { verdict, chanceBetter, low, high, text: `${words[verdict]}: ${chance}; ${words.between(low, high, unitText)}` };
}

/** Enough decimals to show the interval's width with about two significant digits. */
function decimalsFor(width: number) {
  if (!(width > 0) || !Number.isFinite(width)) return 2;
  return Math.min(6, Math.max(0, Math.ceil(-Math.log10(width)) + 1));
}

/**
 * The decimals an interval is shown with: about two significant digits of its width, and more
 * when that would round a bound of an interval that excludes 0 to 0 — "between −12 and 0" would
 * tell the reader the opposite of what the interval says.
 */
export function intervalDecimals(low: number, high: number): number {
  let decimals = decimalsFor(high - low);
  if (low > 0 || high < 0) {
    const nearest = Math.min(Math.abs(low), Math.abs(high));
    while (decimals < 6 && Math.round(nearest * 10 ** decimals) === 0) decimals++;
  }
  return decimals;
}

/** A whole percentage that never claims certainty: "> 99 %" and "< 1 %" at the ends. */
function percent(chance: number) {
  const rounded = Math.round(chance * 100);
  if (rounded >= 100) return "> 99 %";
  if (rounded <= 0) return "< 1 %";
  return `${rounded} %`;
}
