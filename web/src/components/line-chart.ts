/** The drawing area of a line chart inside its viewBox (SVG user units). */
export interface LineBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface LinePoint {
  /** A calendar day, YYYY-MM-DD. */
  at: string;
  value: number;
}

export interface LineSeries {
  id: string;
  name: string;
  points: LinePoint[];
}

export interface PlacedPoint extends LinePoint {
  x: number;
  y: number;
}

export interface LineGeometry {
  lines: { id: string; path: string; points: PlacedPoint[] }[];
  /** Horizontal grid lines at round values, bottom to top. */
  yTicks: { value: number; y: number }[];
  /** The first and last day on the axis (one when every point shares a day). */
  xTicks: { at: string; x: number }[];
  /** Where a day falls across (for a marker such as a pilot's start). */
  xAt: (at: string) => number;
}

export interface Scale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/** Coordinates to a tenth of a unit: short SVG paths, no visible difference. */
export const roundTenth = (n: number) => Math.round(n * 10) / 10;
const decimalsOf = (step: number) => Math.max(0, -Math.floor(Math.log10(step)) + 1);

/**
 * A value axis with round steps (1, 2, 2.5 or 5 times a power of ten) that holds every value,
 * about `count` steps high. A flat series gets room around its value so it is not drawn on an edge.
 */
export function niceScale(values: readonly number[], count = 4): Scale {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { min: 0, max: 1, step: 0.25, ticks: [0, 0.25, 0.5, 0.75, 1] };
  let low = Math.min(...finite);
  let high = Math.max(...finite);
  if (high - low < Math.max(Math.abs(high), 1) * 1e-9) {
    const pad = Math.abs(high) > 0 ? Math.abs(high) * 0.1 : 1;
    low -= pad;
    high += pad;
  }
  const raw = (high - low) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10;
  const step = nice * magnitude;
  const decimals = decimalsOf(step);
  const fix = (n: number) => Number(n.toFixed(decimals));
  const min = fix(Math.floor(low / step + 1e-9) * step);
  const max = fix(Math.ceil(high / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step / 2; i++) ticks.push(fix(min + i * step));
  return { min, max, step, ticks };
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * Where every point of every series goes: across by date (one shared time axis), up by value
 * (one shared round scale). Points are drawn in date order; a series with one point is a dot.
 * Pure, so the chart's shape is tested without a DOM.
 */
export function lineGeometry(series: readonly LineSeries[], box: LineBox, tickCount = 4): LineGeometry {
  const innerWidth = box.width - box.left - box.right;
  const innerHeight = box.height - box.top - box.bottom;
  const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.value) && Number.isFinite(dayMs(p.at)));
  const scale = niceScale(all.map((p) => p.value), tickCount);
  const times = all.map((p) => dayMs(p.at));
  const first = times.length ? Math.min(...times) : 0;
  const last = times.length ? Math.max(...times) : 0;
  const span = last - first;
  const x = (at: string) => roundTenth(span > 0 ? box.left + ((dayMs(at) - first) / span) * innerWidth : box.left + innerWidth / 2);
  const y = (value: number) => roundTenth(box.top + (1 - (value - scale.min) / (scale.max - scale.min)) * innerHeight);

  const lines = series.map((s) => {
    const points = s.points
      .filter((p) => Number.isFinite(p.value) && Number.isFinite(dayMs(p.at)))
      .sort((a, b) => dayMs(a.at) - dayMs(b.at))
      .map((p) => ({ ...p, x: x(p.at), y: y(p.value) }));
    return { id: s.id, path: points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x} ${p.y}`).join(" "), points };
  });
  const firstDay = all.find((p) => dayMs(p.at) === first)?.at;
  const lastDay = all.find((p) => dayMs(p.at) === last)?.at;
  const xTicks = !firstDay || !lastDay ? [] : span > 0 ? [{ at: firstDay, x: x(firstDay) }, { at: lastDay, x: x(lastDay) }] : [{ at: firstDay, x: x(firstDay) }];
  return { lines, yTicks: scale.ticks.map((value) => ({ value, y: y(value) })), xTicks, xAt: x };
}

/** The rows of the table that goes with a chart: one per day, one value (or none) per series. */
export function chartTable(series: readonly LineSeries[]): { at: string; values: (number | null)[] }[] {
  const days = [...new Set(series.flatMap((s) => s.points.map((p) => p.at)))].sort();
  const lookup = series.map((s) => new Map(s.points.map((p) => [p.at, p.value])));
  return days.map((at) => ({ at, values: lookup.map((values) => values.get(at) ?? null) }));
}
