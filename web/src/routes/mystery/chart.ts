import { roundTenth, type LineBox } from "../../components/line-chart";

export interface ChartDot {
  index: number;
  x: number;
  y: number;
  value: number;
}

export interface ChartGeometry {
  /** Line segments through the dots; a point without a value breaks the line. */
  path: string;
  dots: ChartDot[];
  /** Horizontal grid lines for 0, 50 and 100 %. */
  grid: { value: number; y: number }[];
  /** Horizontal position of every point, with or without a value. */
  xs: number[];
}

/**
 * Where each point of a 0–100 % trend goes: across by time (evenly spaced when all points
 * share one moment), up by value. Pure, so the chart's shape can be tested without a DOM.
 */
export function trendGeometry(points: readonly { at: string; value: number | null }[], box: LineBox): ChartGeometry {
  const innerWidth = box.width - box.left - box.right;
  const innerHeight = box.height - box.top - box.bottom;
  const times = points.map((p) => Date.parse(p.at));
  const first = Math.min(...times);
  const span = Math.max(...times) - first;
  const xs = points.map((_, index) => {
    if (points.length === 1) return roundTenth(box.left + innerWidth / 2);
    const share = span > 0 && Number.isFinite(span) ? (times[index]! - first) / span : index / (points.length - 1);
    return roundTenth(box.left + share * innerWidth);
  });
  const y = (value: number) => roundTenth(box.top + (1 - Math.min(100, Math.max(0, value)) / 100) * innerHeight);

  const dots: ChartDot[] = [];
  const commands: string[] = [];
  let drawing = false;
  points.forEach((point, index) => {
    if (point.value === null) {
      drawing = false;
      return;
    }
    const dot = { index, x: xs[index]!, y: y(point.value), value: point.value };
    dots.push(dot);
    commands.push(`${drawing ? "L" : "M"}${dot.x} ${dot.y}`);
    drawing = true;
  });
  const path = commands.join(" ");
  return { path, dots, grid: [0, 50, 100].map((value) => ({ value, y: y(value) })), xs };
}
