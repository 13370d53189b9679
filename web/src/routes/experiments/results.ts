/**
 * The experiment result screen's logic, without a DOM: the shape of a KPI's figures, comparing
 * the groups with the shared statistics engine, choosing the words and numbers a director reads,
 * and how far each group is from the sample size it needs. Reading the form is result-draft.ts.
 */
import type { KpiDirection, KpiKind, KpiUnit } from "../../../../shared/enums";
import type { KpiResult } from "../../../../shared/schemas/experiment";
import { describeResult, type Comparison, type ResultDescription } from "../../../../shared/stats";
import { intervalDecimals } from "../../../../shared/stats/describe";
import { localeOf, numberFormat } from "../../format";
import { isProportionResult } from "../../../../shared/experiments/results";

// Comparing a result is shared with the server (a submitted case freezes its experiments' results).
export {
  ARMS,
  armSizes,
  armValues,
  compareForReading,
  compareResult,
  expectedSplitFor,
  isProportionResult,
  kpiSlots,
  sampleProgress,
  sampleRatioApplies,
  verdictWithheld,
  type Arm,
  type ArmProgress,
  type KpiSlot,
  type SampleProgress,
} from "../../../../shared/experiments/results";

export type Language = "en" | "nl";

export const PROPORTION_FIELDS = ["users", "conversions"] as const;
export const MEAN_FIELDS = ["n", "mean", "sd"] as const;
export type ProportionField = (typeof PROPORTION_FIELDS)[number];
export type MeanField = (typeof MEAN_FIELDS)[number];
export type ResultField = ProportionField | MeanField;

export const fieldsOf = (kind: KpiKind): readonly ResultField[] => (kind === "proportion" ? PROPORTION_FIELDS : MEAN_FIELDS);

/** Whether a stored result has the shape the KPI's kind asks for (a KPI's kind can change after entry). */
export const fitsKind = (result: KpiResult, kind: KpiKind) => isProportionResult(result) === (kind === "proportion");

// ---------------------------------------------------------------------------------------------
// Words and numbers

export interface KpiTraits {
  kind: KpiKind;
  unit: KpiUnit;
  direction: KpiDirection;
}

export type Tone = "better" | "worse" | "unclear";

export interface Reading {
  description: ResultDescription;
  /** The colour of the verdict and of its charts. */
  tone: Tone;
  /** For a guardrail: held unless the change likely made it worse. */
  guardrail: "held" | "hurt";
  /** No verdict at all: the groups are not what was planned (a sample-ratio mismatch), so nothing read from them can be trusted. */
  withheld: boolean;
}

/** The unit describeResult puts after the interval: points for rates, € for money. */
export function describeUnit(kpi: KpiTraits, language: Language): string {
  if (kpi.kind === "proportion") return "points";
  if (kpi.unit === "eur") return "€";
  // A mean of percentages (3.2 meaning 3.2 %) differs in percentage points, already in display units.
  if (kpi.unit === "percent") return language === "nl" ? "procentpunt" : "percentage points";
  return "";
}

/**
 * The verdict in the KPI's own direction: for "lower is better" a drop is good news. Withheld
 * (grey, neither better nor worse, no guardrail judgement) when the groups are not what was
 * planned: see verdictWithheld.
 */
export function readResult(result: Pick<Comparison, "chanceToBeat" | "ciAbsolute">, kpi: KpiTraits, language: Language, options: { withheld?: boolean } = {}): Reading {
  const description = describeResult(result, { unit: describeUnit(kpi, language), direction: kpi.direction, locale: language });
  if (options.withheld) return { description, tone: "unclear", guardrail: "held", withheld: true };
  const tone: Tone = description.verdict === "likely_better" ? "better" : description.verdict === "likely_worse" ? "worse" : "unclear";
  return { description, tone, guardrail: tone === "worse" ? "hurt" : "held", withheld: false };
}

/** Which side of zero is good news on a lift chart. */
export const betterSide = (direction: KpiDirection): "positive" | "negative" => (direction === "lower" ? "negative" : "positive");

/** Where an interval lies relative to zero, read in the KPI's direction. */
export function intervalSide(interval: readonly [number, number], direction: KpiDirection): "better" | "worse" | "either" {
  const [low, high] = interval;
  if (low > 0) return direction === "higher" ? "better" : "worse";
  if (high < 0) return direction === "higher" ? "worse" : "better";
  return "either";
}

/** Enough decimals to show a width of about two significant digits (the rule describeResult uses). */
export function decimalsFor(width: number): number {
  if (!(width > 0) || !Number.isFinite(width)) return 2;
  return Math.min(6, Math.max(0, Math.ceil(-Math.log10(width)) + 1));
}

/** A whole percentage that never claims certainty: "> 99 %" and "< 1 %" at the ends. */
export function formatChance(chance: number, language: Language): string {
  const rounded = Math.round(chance * 100);
  if (rounded >= 100) return "> 99 %";
  if (rounded <= 0) return "< 1 %";
  return `${numberFormat(localeOf(language)).format(rounded)} %`;
}

export function formatPValue(p: number, language: Language): string {
  const format = (value: number) => numberFormat(localeOf(language), { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value);
  return p < 0.001 ? `< ${format(0.001)}` : format(p);
}

/**
 * The word after a number of points, in the form the number takes as shown ("+1 point",
 * "+1.5 points"): the screen's plural texts, `(count, shown) => i18n.plural("results.points", …)`.
 */
export type UnitWord = (count: number, shown: Intl.NumberFormatOptions) => string;

export interface LiftFormat {
  /** A lift in the KPI's display units, with its sign. */
  absolute: (lift: number) => string;
  relative: (lift: number) => string;
  /** A group's own value: a rate, an amount, a count or a score. */
  value: (value: number) => string;
}

/**
 * Number formats for one result, in the interface language: rate lifts in percentage points,
 * money with the € sign, relative lifts in percent; decimals follow each interval's width so
 * the numbers agree with the verdict sentence.
 */
export function liftFormat(result: Pick<Comparison, "ciAbsolute" | "ciRelative">, kpi: KpiTraits, language: Language, words: { points: UnitWord }): LiftFormat {
  const locale = localeOf(language);
  const scale = kpi.kind === "proportion" ? 100 : 1;
  // An interval that excludes 0 keeps its sign at both ends (more decimals when it needs them).
  const absDecimals = intervalDecimals(result.ciAbsolute[0] * scale, result.ciAbsolute[1] * scale);
  const relDecimals = result.ciRelative ? decimalsFor((result.ciRelative[1] - result.ciRelative[0]) * 100) : decimalsFor(Number.NaN);
  const signed = (decimals: number) => ({ minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: "exceptZero" as const });

  const inPoints = (shown: number) => `${numberFormat(locale, signed(absDecimals)).format(shown)} ${words.points(shown, signed(absDecimals))}`;
  const absolute = (lift: number) => {
    if (kpi.kind === "proportion") return inPoints(lift * 100);
    if (kpi.unit === "eur") {
      // Money in whole euros for a wide interval, otherwise in cents: never "€1.3".
      return numberFormat(locale, { style: "currency", currency: "EUR", ...signed(absDecimals === 0 ? 0 : Math.max(2, absDecimals)) }).format(lift);
    }
    return kpi.unit === "percent" ? inPoints(lift) : numberFormat(locale, signed(absDecimals)).format(lift);
  };
  const relative = (lift: number) => numberFormat(locale, { style: "percent", ...signed(relDecimals) }).format(lift);
  const value = (v: number) => {
    if (kpi.kind === "proportion") return numberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(v);
    if (kpi.unit === "eur") return numberFormat(locale, { style: "currency", currency: "EUR" }).format(v);
    const number = numberFormat(locale, { maximumFractionDigits: 2 }).format(v);
    return kpi.unit === "percent" ? `${number} %` : number;
  };
  return { absolute, relative, value };
}
