import { describe, expect, it } from "vitest";
import { liftGeometry, type LiftBox, type LiftInterval } from "./lift-scale";

const box: LiftBox = { width: 320, left: 14, right: 14 };
const start = box.left;
const end = box.width - box.right;

function expectInside(interval: LiftInterval) {
  const g = liftGeometry(interval, box);
  for (const x of [g.zeroX, g.pointX, g.barX, g.barX + g.barWidth]) {
    expect(Number.isFinite(x), JSON.stringify(interval)).toBe(true);
    expect(x, JSON.stringify(interval)).toBeGreaterThanOrEqual(start);
    expect(x, JSON.stringify(interval)).toBeLessThanOrEqual(end);
  }
  return g;
}

describe("liftGeometry", () => {
  it("puts zero, the interval and the estimate in order along the axis", () => {
    const g = expectInside({ estimate: 0.0225, low: 0.0045, high: 0.0405 });
    // Zero lies left of an interval that is all above it.
    expect(g.zeroX).toBeLessThan(g.barX);
    expect(g.pointX).toBeGreaterThan(g.barX);
    expect(g.pointX).toBeLessThan(g.barX + g.barWidth);
  });

  it("keeps zero in view when the interval is far from it, on either side", () => {
    const above = expectInside({ estimate: 1000, low: 990, high: 1010 });
    expect(above.zeroX).toBeLessThan(above.barX);
    const below = expectInside({ estimate: -5, low: -6, high: -4 });
    expect(below.zeroX).toBeGreaterThan(below.barX + below.barWidth);
  });

  it("places an interval across zero around the zero line", () => {
    const g = expectInside({ estimate: 0.01, low: -0.02, high: 0.04 });
    expect(g.barX).toBeLessThan(g.zeroX);
    expect(g.barX + g.barWidth).toBeGreaterThan(g.zeroX);
    // The scale is linear: zero sits a third of the way into the interval.
    expect((g.zeroX - g.barX) / g.barWidth).toBeCloseTo(1 / 3, 1);
  });

  it("still draws a zero-width interval, at zero or away from it", () => {
    const atZero = expectInside({ estimate: 0, low: 0, high: 0 });
    expect(atZero.barWidth).toBeGreaterThan(0);
    expect(atZero.zeroX).toBeCloseTo((start + end) / 2, 5);
    const away = expectInside({ estimate: 0.3, low: 0.3, high: 0.3 });
    expect(away.barWidth).toBeGreaterThan(0);
    expect(away.pointX).toBeGreaterThan(away.zeroX);
    expect(Math.abs(away.barX + away.barWidth / 2 - away.pointX)).toBeLessThan(0.2);
  });

  it("copes with reversed bounds, huge and tiny numbers, and non-finite input", () => {
    const reversed = expectInside({ estimate: 2, low: 3, high: 1 });
    expect(reversed).toEqual(liftGeometry({ estimate: 2, low: 1, high: 3 }, box));
    expectInside({ estimate: 1e308, low: -1.7e308, high: 1.7e308 });
    expectInside({ estimate: 1e-300, low: 5e-301, high: 2e-300 });
    expectInside({ estimate: Number.NaN, low: Number.NEGATIVE_INFINITY, high: Number.POSITIVE_INFINITY });
  });

  it("stays inside the box for any mix of values", () => {
    const values = [-1e9, -3, -0.5, -1e-6, 0, 1e-6, 0.5, 3, 1e9];
    for (const low of values) for (const high of values) for (const estimate of values) expectInside({ estimate, low, high });
  });
});
