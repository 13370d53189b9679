import { createMemo, For, Show } from "solid-js";
import { LineChart } from "../../components/LineChart";
import type { LineSeries } from "../../components/line-chart";
import { niceScale } from "../../components/line-chart";
import { useApp } from "../../context";
import { formatDay } from "../../format";
import type { PilotChart as PilotChartData } from "../../../../shared/experiments/pilot-result";
import "./pilot.css";

/**
 * The pilot at a glance: the KPI over time, the pilot locations' average against the control
 * locations', the start marked and the time before it shaded, and the gap between the two lines
 * before and after the start in words beside it. The same figures as a table below.
 */
export function PilotChartFigure(props: {
  chart: PilotChartData;
  kpiName: string;
  locations: { pilot: number; control: number };
  /** A value in the KPI's unit ("23.4 %"), and a difference ("+0.9 points"). */
  value: (value: number) => string;
  difference: (value: number) => string;
}) {
  const { i18n } = useApp();
  const { t } = i18n;
  const day = (iso: string) => formatDay(iso, i18n.language());
  const series = createMemo((): LineSeries[] => {
    const line = (group: "pilot" | "control") => ({
      id: group,
      name: t(group === "pilot" ? "pilot.chart.pilotLine" : "pilot.chart.controlLine", { n: props.locations[group] }),
      points: props.chart.points.flatMap((p) => (p[group] === null ? [] : [{ at: p.at, value: p[group]! }])),
    });
    const lines = [line("pilot")];
    if (props.locations.control > 0) lines.push(line("control"));
    return lines;
  });
  const gaps = () => {
    const { gapBefore, gapAfter } = props.chart;
    return gapBefore === null || gapAfter === null ? null : { before: props.difference(gapBefore), after: props.difference(gapAfter) };
  };
  const summary = () => {
    const points = props.chart.points;
    const head = t("pilot.chart.summary", {
      kpi: props.kpiName,
      pilot: props.locations.pilot,
      control: props.locations.control,
      from: points[0] ? day(points[0].at) : "",
      to: points.at(-1) ? day(points.at(-1)!.at) : "",
      start: day(props.chart.start),
    });
    return gaps() ? `${head} ${t("pilot.chart.gaps", gaps()!)}` : head;
  };

  return (
    <div class="pilot-chart">
      <h4>{t("pilot.chart.heading", { kpi: props.kpiName })}</h4>
      <Show when={gaps()}>
        {(g) => (
          <p class="pilot-gaps">
            <span>
              {t("pilot.chart.gapBefore")} <strong>{g().before}</strong>
            </span>
            <span aria-hidden="true"> → </span>
            <span>
              {t("pilot.chart.gapAfter")} <strong>{g().after}</strong>
            </span>
          </p>
        )}
      </Show>
      <LineChart
        title={t("pilot.chart.table", { kpi: props.kpiName })}
        summary={summary()}
        series={series()}
        formatValue={props.value}
        formatDay={day}
        tableToggle={t("pilot.chart.tableToggle")}
        dayColumn={t("pilot.chart.period")}
        marker={{ at: props.chart.start, label: t("pilot.chart.start") }}
      />
    </div>
  );
}

export interface LocationChange {
  name: string;
  group: "pilot" | "control";
  change: number;
}

const BOX = { width: 320, left: 62, right: 12, row: 26, top: 8, bottom: 18 };

/**
 * Each location's own change (mean after − mean before) as a dot, pilot and control on their
 * own rows around a zero line, each group's mean as a bar: whether the pilot's lead is every
 * pilot store or one outlier shows at once.
 */
export function LocationChanges(props: { changes: readonly LocationChange[]; kpiName: string; difference: (value: number) => string }) {
  const { t } = useApp().i18n;
  const groups = () => (props.changes.some((c) => c.group === "control") ? (["pilot", "control"] as const) : (["pilot"] as const));
  const height = () => BOX.top + BOX.row * groups().length + BOX.bottom;
  const scale = createMemo(() => niceScale([0, ...props.changes.map((c) => c.change)], 4));
  const x = (value: number) => {
    const { min, max } = scale();
    return BOX.left + ((value - min) / (max - min || 1)) * (BOX.width - BOX.left - BOX.right);
  };
  const rowY = (index: number) => BOX.top + BOX.row * index + BOX.row / 2;
  const of = (group: "pilot" | "control") => props.changes.filter((c) => c.group === group);
  const mean = (values: readonly LocationChange[]) => values.reduce((sum, c) => sum + c.change, 0) / values.length;
  const groupWord = (group: "pilot" | "control") => t(group === "pilot" ? "pilot.dots.pilot" : "pilot.dots.control");
  const label = () =>
    [
      t("pilot.dots.summary", { kpi: props.kpiName }),
      ...groups().map((group) => `${groupWord(group)}: ${of(group).map((c) => `${c.name} ${props.difference(c.change)}`).join(", ")}.`),
    ].join(" ");

  return (
    <figure class="pilot-dots">
      <figcaption>
        <h4>{t("pilot.dots.heading")}</h4>
        <p class="hint">{t("pilot.dots.hint")}</p>
      </figcaption>
      <svg viewBox={`0 0 ${BOX.width} ${height()}`} role="img" aria-label={label()} preserveAspectRatio="xMidYMid meet">
        <line class="pilot-dots-zero" x1={x(0)} x2={x(0)} y1={BOX.top} y2={height() - BOX.bottom} />
        <For each={scale().ticks}>
          {(tick) => (
            <text class="line-axis" x={x(tick)} y={height() - 4} text-anchor="middle">
              {props.difference(tick)}
            </text>
          )}
        </For>
        <For each={groups()}>
          {(group, index) => (
            <g class={`pilot-dots-${group}`}>
              <text class="line-axis pilot-dots-label" x={BOX.left - 8} y={rowY(index()) + 3.5} text-anchor="end">
                {groupWord(group)}
              </text>
              <line class="pilot-dots-row" x1={BOX.left} x2={BOX.width - BOX.right} y1={rowY(index())} y2={rowY(index())} />
              <Show when={of(group).length > 0}>
                <line class="pilot-dots-mean" x1={x(mean(of(group)))} x2={x(mean(of(group)))} y1={rowY(index()) - 9} y2={rowY(index()) + 9} />
              </Show>
              <For each={of(group)}>{(c) => <circle class="pilot-dot" cx={x(c.change)} cy={rowY(index())} r={4.5} />}</For>
            </g>
          )}
        </For>
      </svg>
      <details class="line-table">
        <summary>{t("pilot.chart.tableToggle")}</summary>
        <table>
          <caption class="visually-hidden">{t("pilot.dots.heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("pilot.dots.location")}</th>
              <th scope="col">{t("pilot.dots.group")}</th>
              <th scope="col" class="num">
                {t("pilot.dots.change")}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.changes}>
              {(c) => (
                <tr>
                  <th scope="row">{c.name}</th>
                  <td>{groupWord(c.group)}</td>
                  <td class="num">{props.difference(c.change)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </details>
    </figure>
  );
}
