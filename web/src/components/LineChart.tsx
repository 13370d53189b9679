import { createMemo, For, Index, Show } from "solid-js";
import { chartTable, lineGeometry, niceScale, type LineBox, type LineSeries } from "./line-chart";
import "./line-chart.css";

/**
 * Each line has its own colour, dash and marker, so lines are told apart without colour vision
 * (and in a black-and-white print). The first line (the whole organisation) is solid and thicker.
 */
const STYLES: readonly { colour: string; dash: string; marker: "circle" | "square" | "triangle" | "diamond" }[] = [
  { colour: "#0f5257", dash: "", marker: "circle" },
  { colour: "#b0501a", dash: "6 3", marker: "square" },
  { colour: "#6a3d9a", dash: "2 3", marker: "triangle" },
  { colour: "#1f5fa8", dash: "8 3 2 3", marker: "diamond" },
  { colour: "#6b6b00", dash: "4 2", marker: "circle" },
  { colour: "#a2306e", dash: "1 2", marker: "square" },
  { colour: "#4f5a58", dash: "10 4", marker: "triangle" },
];
const styleOf = (index: number) => STYLES[index % STYLES.length]!;

function Marker(props: { kind: (typeof STYLES)[number]["marker"]; x: number; y: number; size: number; colour: string }) {
  const s = () => props.size;
  return (
    <>
      <Show when={props.kind === "circle"}>
        <circle cx={props.x} cy={props.y} r={s()} fill={props.colour} class="line-marker" />
      </Show>
      <Show when={props.kind === "square"}>
        <rect x={props.x - s()} y={props.y - s()} width={s() * 2} height={s() * 2} fill={props.colour} class="line-marker" />
      </Show>
      <Show when={props.kind === "triangle"}>
        <path d={`M${props.x} ${props.y - s() * 1.2}L${props.x + s() * 1.15} ${props.y + s() * 0.9}L${props.x - s() * 1.15} ${props.y + s() * 0.9}Z`} fill={props.colour} class="line-marker" />
      </Show>
      <Show when={props.kind === "diamond"}>
        <path d={`M${props.x} ${props.y - s() * 1.3}L${props.x + s() * 1.3} ${props.y}L${props.x} ${props.y + s() * 1.3}L${props.x - s() * 1.3} ${props.y}Z`} fill={props.colour} class="line-marker" />
      </Show>
    </>
  );
}

export interface LineChartProps {
  /** Names the table that goes with the chart. */
  title: string;
  /** One or two sentences that say what the picture shows (the picture is one image to a screen reader). */
  summary: string;
  series: LineSeries[];
  formatValue: (value: number) => string;
  formatDay: (day: string) => string;
  /** Texts in the interface language: the table's toggle and its first column. */
  tableToggle: string;
  dayColumn: string;
  /** Shown for a day a line has no value. */
  missing?: string;
  /** A day marked with a vertical line and a word (a pilot's start), drawn before it is shaded. */
  marker?: { at: string; label: string };
}

/**
 * Lines over time as inline SVG with round value steps, one shared time axis, a legend, and
 * the same figures as a table for anyone who prefers (or needs) numbers to a picture.
 */
export function LineChart(props: LineChartProps) {
  const labels = createMemo(() => niceScale(props.series.flatMap((s) => s.points.map((p) => p.value))).ticks.map((v) => props.formatValue(v)));
  // Room on the left for the longest value label (about 5.6 units per character at 10 px).
  const box = createMemo<LineBox>(() => ({ width: 340, height: 190, left: Math.min(90, 10 + 5.6 * Math.max(3, ...labels().map((l) => l.length))), right: 14, top: 10, bottom: 26 }));
  const geometry = createMemo(() => lineGeometry(props.series, box()));
  const rows = createMemo(() => chartTable(props.series));

  return (
    <figure class="line-chart">
      <svg viewBox={`0 0 ${box().width} ${box().height}`} role="img" aria-label={props.summary} preserveAspectRatio="xMidYMid meet">
        <Show when={props.marker}>
          {(marker) => {
            const x = () => geometry().xAt(marker().at);
            return (
              <g class="line-marker-day">
                <rect class="line-before" x={box().left} y={box().top} width={Math.max(0, x() - box().left)} height={box().height - box().top - box().bottom} />
                <line class="line-start" x1={x()} x2={x()} y1={box().top} y2={box().height - box().bottom} />
                <text class="line-axis line-start-label" x={x() + 3} y={box().top + 9}>
                  {marker().label}
                </text>
              </g>
            );
          }}
        </Show>
        <For each={geometry().yTicks}>
          {(tick) => (
            <>
              <line class="line-grid" x1={box().left} x2={box().width - box().right} y1={tick.y} y2={tick.y} />
              <text class="line-axis" x={box().left - 6} y={tick.y + 3.5} text-anchor="end">
                {props.formatValue(tick.value)}
              </text>
            </>
          )}
        </For>
        <For each={geometry().xTicks}>
          {(tick, index) => (
            <text
              class="line-axis"
              x={tick.x}
              y={box().height - 6}
              text-anchor={geometry().xTicks.length === 1 ? "middle" : index() === 0 ? "start" : "end"}
            >
              {props.formatDay(tick.at)}
            </text>
          )}
        </For>
        <Index each={geometry().lines}>
          {(line, index) => (
            <g>
              <path class="line-path" classList={{ "line-path-main": index === 0 }} d={line().path} stroke={styleOf(index).colour} stroke-dasharray={styleOf(index).dash || undefined} />
              <For each={line().points}>{(point) => <Marker kind={styleOf(index).marker} x={point.x} y={point.y} size={index === 0 ? 3.2 : 2.8} colour={styleOf(index).colour} />}</For>
            </g>
          )}
        </Index>
      </svg>
      <Show when={props.series.length > 1}>
        <figcaption>
          <ul class="line-legend">
            <Index each={props.series}>
              {(series, index) => (
                <li>
                  <svg class="line-swatch" viewBox="0 0 28 12" aria-hidden="true">
                    <line x1="1" x2="27" y1="6" y2="6" stroke={styleOf(index).colour} stroke-width={index === 0 ? 3 : 2} stroke-dasharray={styleOf(index).dash || undefined} />
                    <Marker kind={styleOf(index).marker} x={14} y={6} size={3} colour={styleOf(index).colour} />
                  </svg>
                  {series().name}
                </li>
              )}
            </Index>
          </ul>
        </figcaption>
      </Show>
      <details class="line-table">
        <summary>{props.tableToggle}</summary>
        <div class="line-table-scroll" role="region" aria-label={props.title} tabindex="0">
          <table>
            <caption class="visually-hidden">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{props.dayColumn}</th>
                <For each={props.series}>
                  {(series) => (
                    <th scope="col" class="num">
                      {series.name}
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(row) => (
                  <tr>
                    <th scope="row">{props.formatDay(row.at)}</th>
                    <For each={row.values}>{(value) => <td class="num">{value === null ? (props.missing ?? "–") : props.formatValue(value)}</td>}</For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** A tiny trend for a list row: decorative, so the row must say the same in words. */
export function Sparkline(props: { values: number[] }) {
  const box: LineBox = { width: 64, height: 22, left: 3, right: 3, top: 3, bottom: 3 };
  const geometry = () =>
    lineGeometry(
      [{ id: "trend", name: "", points: props.values.map((value, index) => ({ at: new Date(Date.UTC(2000, 0, 1 + index)).toISOString().slice(0, 10), value })) }],
      box,
      2,
    );
  return (
    <svg class="sparkline" viewBox={`0 0 ${box.width} ${box.height}`} aria-hidden="true">
      <path class="sparkline-path" d={geometry().lines[0]?.path ?? ""} />
      <Show when={geometry().lines[0]?.points.at(-1)}>{(last) => <circle class="sparkline-last" cx={last().x} cy={last().y} r={2.2} />}</Show>
    </svg>
  );
}
