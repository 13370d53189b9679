import { For, Show } from "solid-js";
import { useApp } from "../../context";
import type { LineBox } from "../../components/line-chart";
import { trendGeometry } from "./chart";
import { useFormat } from "./records";

export interface ChartPoint {
  at: string;
  value: number | null;
  failed: boolean;
}

const BOX: LineBox = { width: 320, height: 150, left: 38, right: 12, top: 10, bottom: 26 };
const COMPACT: LineBox = { width: 320, height: 96, left: 38, right: 12, top: 8, bottom: 20 };

/**
 * A 0–100 % line over time, drawn as inline SVG. The picture is one image to assistive
 * technology, named by a sentence that says what it shows; the figures themselves are in
 * the table that goes with every chart.
 */
export function TrendChart(props: { title: string; points: ChartPoint[]; compact?: boolean }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const format = useFormat();
  const box = () => (props.compact ? COMPACT : BOX);
  const geometry = () => trendGeometry(props.points, box());

  const description = () => {
    const values = props.points.map((p) => p.value).filter((v): v is number => v !== null);
    const first = props.points[0];
    const last = props.points[props.points.length - 1];
    if (!first || !last || values.length === 0) return t("mystery.chart.noData", { title: props.title });
    const failed = props.points.filter((p) => p.failed).length;
    const latest = [...props.points].reverse().find((p) => p.value !== null)?.value ?? null;
    return [
      t("mystery.chart.summary", {
        title: props.title,
        count: props.points.length,
        first: format.date(first.at),
        last: format.date(last.at),
        latest: format.percent(latest),
        lowest: format.percent(Math.min(...values)),
        highest: format.percent(Math.max(...values)),
      }),
      failed > 0 ? t("mystery.chart.failedCount", { count: failed }) : "",
    ]
      .filter(Boolean)
      .join(" ");
  };

  return (
    <figure class="trend-chart" classList={{ "trend-compact": props.compact === true }}>
      <svg viewBox={`0 0 ${box().width} ${box().height}`} role="img" aria-label={description()} preserveAspectRatio="xMidYMid meet">
        <For each={geometry().grid}>
          {(line) => (
            <>
              <line class="chart-grid" x1={box().left} x2={box().width - box().right} y1={line.y} y2={line.y} />
              <text class="chart-axis" x={box().left - 6} y={line.y + 4} text-anchor="end">
                {format.percent(line.value)}
              </text>
            </>
          )}
        </For>
        <Show when={props.points.length > 0}>
          {/* A single shop sits in the middle, and so does its date. */}
          <text
            class="chart-axis"
            x={props.points.length === 1 ? geometry().xs[0] : box().left}
            y={box().height - 4}
            text-anchor={props.points.length === 1 ? "middle" : "start"}
          >
            {format.date(props.points[0]?.at)}
          </text>
          <Show when={props.points.length > 1}>
            <text class="chart-axis" x={box().width - box().right} y={box().height - 4} text-anchor="end">
              {format.date(props.points[props.points.length - 1]?.at)}
            </text>
          </Show>
        </Show>
        <path class="chart-line" d={geometry().path} />
        <For each={geometry().dots}>
          {(dot) => (
            <Show
              when={props.points[dot.index]?.failed}
              fallback={<circle class="chart-dot" cx={dot.x} cy={dot.y} r={props.compact ? 3.5 : 4.5} />}
            >
              {/* A failed shop is a diamond, not only a colour, so it stands out without colour vision. */}
              <path class="chart-dot-failed" d={`M${dot.x} ${dot.y - 6}L${dot.x + 6} ${dot.y}L${dot.x} ${dot.y + 6}L${dot.x - 6} ${dot.y}Z`} />
            </Show>
          )}
        </For>
      </svg>
      <Show when={!props.compact && props.points.some((p) => p.failed)}>
        <figcaption class="chart-legend">
          <span class="legend-failed" aria-hidden="true">
            ◆
          </span>{" "}
          {t("mystery.chart.legendFailed")}
        </figcaption>
      </Show>
    </figure>
  );
}
