import { formatDay, localeOf } from "../../format";
import { useApp } from "../../context";
import { validRange, type KpiRangeFacts } from "../../../../shared/kpi/range";
import { formatKpiValue } from "../../format";
import { trendVerdict } from "../../../../shared/enums";
import type { KpiDirection, KpiUnit, MeasurementPeriod } from "../../../../shared/enums";

/** KPI values, changes and dates in the interface language, for the KPI screens. */
export function useKpiWords() {
  const { i18n } = useApp();
  const { t } = i18n;
  const locale = () => localeOf(i18n.language());
  const value = (n: number | null | undefined, unit: KpiUnit | undefined) => formatKpiValue(n, unit, locale());
  return {
    locale,
    value,
    day: (day: string) => formatDay(day, i18n.language()),
    /** The values a KPI accepts: "0% to 100%", "1 or more", "any value". */
    range(kpi: KpiRangeFacts): string {
      const { min, max } = validRange(kpi);
      const unit = kpi.unit ?? undefined;
      if (min !== null && max !== null) return t("kpi.range.between", { min: value(min, unit), max: value(max, unit) });
      if (min !== null) return t("kpi.range.atLeast", { min: value(min, unit) });
      if (max !== null) return t("kpi.range.atMost", { max: value(max, unit) });
      return t("kpi.range.any");
    },
    verdict: (latest: number, previous: number, direction: KpiDirection | undefined) => trendVerdict(latest, previous, direction),
    /** "+0.4 points on the week before: better" — a percent KPI changes by points, not by percent. */
    change(latest: number, previous: number, unit: KpiUnit | undefined, direction: KpiDirection | undefined, period: MeasurementPeriod): string {
      const verdict = trendVerdict(latest, previous, direction);
      const periodWord = t(`kpi.periodWord.${period}`);
      if (verdict === "same") return t("kpi.trend.same", { period: periodWord });
      const delta = latest - previous;
      const shown = formatKpiValue(delta, unit === "percent" ? "score" : unit, locale(), { signed: true });
      const change = unit === "percent" ? i18n.plural("kpi.points", delta, { value: shown }, { maximumFractionDigits: 2 }) : shown;
      return t(verdict === "better" ? "kpi.trend.better" : "kpi.trend.worse", { change, period: periodWord });
    },
  };
}

export type KpiWords = ReturnType<typeof useKpiWords>;
