import { createMemo, Show } from "solid-js";
import type { KpiMeasurementFields } from "../../../../shared/schemas/kpi";
import { SelectField } from "../../fields/Fields";
import { LineChart } from "../../components/LineChart";
import type { LineSeries } from "../../components/line-chart";
import { useApp } from "../../context";
import { buildSeries, periodsUsed, WHOLE_ORGANISATION, type Kpi } from "./model";
import { useKpiWords } from "./words";
import type { MeasurementPeriod } from "../../../../shared/enums";

/** The trend's choices live in the URL, so a reload or a shared link shows the same lines. */
export const TREND_FILTERS = ["period", "segment", "location"] as const;
type TrendFilter = (typeof TREND_FILTERS)[number];

export interface TrendFilters {
  value: (name: TrendFilter) => string;
  set: (name: TrendFilter, value: string) => void;
}

/**
 * The KPI over time: one line for the whole organisation and one per location, for one
 * period and one segment at a time (a week's value and a month's do not belong on one line).
 */
export function KpiTrend(props: {
  kpi: Kpi;
  measurements: KpiMeasurementFields[];
  filters: TrendFilters;
  locationName: (id: string) => string;
  segmentName: (id: string) => string;
}) {
  const { i18n } = useApp();
  const { t } = i18n;
  const words = useKpiWords();

  const periods = createMemo(() => periodsUsed(props.measurements));
  const period = (): MeasurementPeriod => {
    const chosen = props.filters.value("period") as MeasurementPeriod;
    return periods().includes(chosen) ? chosen : (periods()[0] ?? "week");
  };
  const segmentIds = createMemo(() => [...new Set(props.measurements.flatMap((m) => (m.segmentId ? [m.segmentId] : [])))]);
  const segmentId = () => {
    const chosen = props.filters.value("segment");
    return segmentIds().includes(chosen) ? chosen : null;
  };
  const locationIds = createMemo(() =>
    [...new Set(props.measurements.flatMap((m) => (m.locationId ? [m.locationId] : [])))].sort((a, b) => props.locationName(a).localeCompare(props.locationName(b), words.locale())),
  );
  const hasOrganisation = () => props.measurements.some((m) => m.locationId === null);
  const location = () => {
    const chosen = props.filters.value("location");
    return chosen === WHOLE_ORGANISATION ? (hasOrganisation() ? chosen : "") : locationIds().includes(chosen) ? chosen : "";
  };

  const series = createMemo(() =>
    buildSeries(props.measurements, { period: period(), segmentId: segmentId(), location: location() }, { organisation: t("kpi.chart.organisation"), location: props.locationName }, words.locale()),
  );
  const format = (value: number) => words.value(value, props.kpi.unit);
  const name = () => props.kpi.name ?? t("kpi.title");
  const periodWord = () => t(`kpi.periodWord.${period()}`);

  const summary = () => {
    const lines = series();
    const days = lines.flatMap((s) => s.points.map((p) => p.at)).sort();
    if (days.length === 0) return t("kpi.chart.empty");
    const describe = (line: LineSeries) => {
      const values = line.points.map((p) => p.value);
      return t("kpi.chart.seriesSummary", {
        name: line.name,
        latest: format(values.at(-1)!),
        lowest: format(Math.min(...values)),
        highest: format(Math.max(...values)),
      });
    };
    return [t("kpi.chart.summary", { title: name(), period: periodWord(), from: words.day(days[0]!), to: words.day(days.at(-1)!) }), ...lines.map(describe)].join(" ");
  };

  return (
    <section class="kpi-section" aria-labelledby="kpi-trend-heading">
      <h2 id="kpi-trend-heading">{t("kpi.chart.heading")}</h2>
      <Show when={props.measurements.length > 0} fallback={<p class="empty">{t("kpi.chart.noMeasurements")}</p>}>
        <div class="kpi-filters">
          <Show when={periods().length > 1}>
            <SelectField
              id="kpi-trend-period"
              label={t("kpi.chart.period")}
              value={period()}
              onValue={(v) => props.filters.set("period", v)}
              choices={periods().map((p) => ({ value: p, label: t(`kpi.period.${p}`) }))}
            />
          </Show>
          <Show when={segmentIds().length > 0}>
            <SelectField
              id="kpi-trend-segment"
              label={t("kpi.chart.segment")}
              value={segmentId() ?? ""}
              onValue={(v) => props.filters.set("segment", v)}
              choices={[{ value: "", label: t("kpi.chart.allCustomers") }, ...segmentIds().map((s) => ({ value: s, label: props.segmentName(s) }))]}
            />
          </Show>
          <Show when={locationIds().length > 0}>
            <SelectField
              id="kpi-trend-location"
              label={t("kpi.chart.location")}
              value={location()}
              onValue={(v) => props.filters.set("location", v)}
              choices={[
                { value: "", label: hasOrganisation() ? t("kpi.chart.everyLocation") : t("kpi.chart.allLocations") },
                ...(hasOrganisation() ? [{ value: WHOLE_ORGANISATION, label: t("kpi.chart.organisation") }] : []),
                ...locationIds().map((id) => ({ value: id, label: props.locationName(id) })),
              ]}
            />
          </Show>
        </div>
        <Show when={series().length > 0} fallback={<p class="empty">{t("kpi.chart.empty")}</p>}>
          <LineChart
            title={t("kpi.chart.tableTitle", { title: name(), period: periodWord() })}
            summary={summary()}
            series={series()}
            formatValue={format}
            formatDay={words.day}
            tableToggle={t("kpi.chart.table")}
            dayColumn={t("kpi.chart.day")}
            missing={t("kpi.chart.noValue")}
          />
        </Show>
      </Show>
    </section>
  );
}
