import { formatDay, localeOf } from "../../format";
import { useApp } from "../../context";
import { formatKpiValue, trendVerdict } from "./model";
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
