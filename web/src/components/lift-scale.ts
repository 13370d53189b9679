/** The horizontal drawing area of a lift chart inside its viewBox (SVG user units). */
export interface LiftBox {
  width: number;
  left: number;
  right: number;
}

export interface LiftInterval {
  estimate: number;
  low: number;
  high: number;
}

export interface LiftGeometry {
  zeroX: number;
  pointX: number;
  /** The interval's bar; never narrower than the minimum, so a zero-width interval still shows. */
  barX: number;
  barWidth: number;
}

/** Room on either side of the outermost value, as a share of the span, so dots are not cut in half. */
const PADDING = 0.08;
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Where zero, the interval and the point estimate go across a lift chart. The scale always
 * holds zero and the whole interval, whatever their values: an interval far from zero, one of
 * zero width, reversed bounds, or numbers near the limits of floating point. Every position lies
 * inside [left, width − right]. Pure, so the chart's shape is tested without a DOM.
 */
export function liftGeometry(interval: LiftInterval, box: LiftBox, minBarWidth = 3): LiftGeometry {
  const start = box.left;
  const end = box.width - box.right;
  const inner = Math.max(0, end - start);
  const finite = (v: number) => (Number.isFinite(v) ? v : 0);
  const [low, high] = [finite(interval.low), finite(interval.high)].sort((a, b) => a - b) as [number, number];
  const estimate = finite(interval.estimate);

  // Work in units of the largest magnitude, so a span of ±10³⁰⁸ cannot overflow to Infinity.
  const magnitude = Math.max(Math.abs(low), Math.abs(high), Math.abs(estimate));
  const unit = magnitude > 0 ? magnitude : 1;
  const scaled = [0, low / unit, high / unit, estimate / unit];
  let min = Math.min(...scaled);
  let max = Math.max(...scaled);
  if (!(max - min > 1e-12)) {
    // Everything at zero: show a symmetric scale around it.
    min = -1;
    max = 1;
  }
  const pad = (max - min) * PADDING;
  min -= pad;
  max += pad;

  const x = (value: number) => {
    const share = (value / unit - min) / (max - min);
    return round(start + Math.min(1, Math.max(0, share)) * inner);
  };
  const lowX = x(low);
  const highX = x(high);
  const barWidth = Math.min(inner, Math.max(minBarWidth, highX - lowX));
  const centre = (lowX + highX) / 2;
  const barX = round(Math.min(end - barWidth, Math.max(start, barWidth > highX - lowX ? centre - barWidth / 2 : lowX)));
  return { zeroX: x(0), pointX: x(estimate), barX, barWidth: round(barWidth) };
}
