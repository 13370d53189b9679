import { describe, expect, it } from "vitest";
import { chartTable, lineGeometry, niceScale, type LineBox } from "./line-chart";

const box: LineBox = { width: 120, height: 110, left: 10, right: 10, top: 5, bottom: 5 };

describe("niceScale", () => {
  it("covers every value with round steps", () => {
    expect(niceScale([19.6, 23.4])).toEqual({ min: 19, max: 24, step: 1, ticks: [19, 20, 21, 22, 23, 24] });
    expect(niceScale([0, 100])).toEqual({ min: 0, max: 100, step: 25, ticks: [0, 25, 50, 75, 100] });
    expect(niceScale([32.1, 49.9]).ticks).toEqual([30, 35, 40, 45, 50]);
  });

  it("keeps decimals exact for small steps", () => {
    const scale = niceScale([0.31, 0.37]);
    expect(scale.ticks).toEqual([0.3, 0.32, 0.34, 0.36, 0.38]);
  });

  it("handles negative values and values that straddle zero", () => {
    expect(niceScale([-30, 45]).ticks).toEqual([-40, -20, 0, 20, 40, 60]);
    expect(niceScale([-5, -1]).ticks).toEqual([-5, -4, -3, -2, -1]);
  });

  it("gives a flat series room around its value, zero included", () => {
    const flat = niceScale([40, 40, 40]);
    expect(flat.min).toBeLessThan(40);
    expect(flat.max).toBeGreaterThan(40);
    const zero = niceScale([0]);
    expect(zero.min).toBeLessThan(0);
    expect(zero.max).toBeGreaterThan(0);
  });

  it("has a default axis when there is nothing to show", () => {
    expect(niceScale([]).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceScale([Number.NaN, Infinity]).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});

describe("lineGeometry", () => {
  it("places all lines on one time axis and one value scale", () => {
    const g = lineGeometry(
      [
        { id: "org", name: "Organisation", points: [{ at: "2024-03-04", value: 0 }, { at: "2024-03-18", value: 100 }] },
        { id: "a", name: "Amsterdam", points: [{ at: "2024-03-11", value: 50 }] },
      ],
      box,
    );
    expect(g.lines[0]!.path).toBe("M10 105 L110 5");
    expect(g.lines[1]!.points.map((p) => [p.x, p.y])).toEqual([[60, 55]]);
    expect(g.xTicks).toEqual([
      { at: "2024-03-04", x: 10 },
      { at: "2024-03-18", x: 110 },
    ]);
    expect(g.yTicks.map((t) => t.value)).toEqual([0, 25, 50, 75, 100]);
    expect(g.yTicks[0]!.y).toBe(105);
    expect(g.yTicks.at(-1)!.y).toBe(5);
  });

  it("draws points in date order whatever order they come in", () => {
    const g = lineGeometry([{ id: "s", name: "S", points: [{ at: "2024-03-18", value: 2 }, { at: "2024-03-04", value: 1 }, { at: "2024-03-11", value: 3 }] }], box);
    expect(g.lines[0]!.points.map((p) => p.at)).toEqual(["2024-03-04", "2024-03-11", "2024-03-18"]);
    expect(g.lines[0]!.path.startsWith("M10 ")).toBe(true);
  });

  it("centres a single day and keeps every point inside the drawing area", () => {
    const g = lineGeometry([{ id: "s", name: "S", points: [{ at: "2024-03-04", value: 7 }] }], box);
    expect(g.lines[0]!.points[0]!.x).toBe(60);
    expect(g.xTicks).toEqual([{ at: "2024-03-04", x: 60 }]);
    const y = g.lines[0]!.points[0]!.y;
    expect(y).toBeGreaterThan(5);
    expect(y).toBeLessThan(105);
  });

  it("draws nothing for no points and skips unreadable ones", () => {
    expect(lineGeometry([], box)).toMatchObject({ lines: [], xTicks: [] });
    const g = lineGeometry([{ id: "s", name: "S", points: [{ at: "not a day", value: 1 }, { at: "2024-03-04", value: Number.NaN }, { at: "2024-03-05", value: 2 }] }], box);
    expect(g.lines[0]!.points).toHaveLength(1);
  });
});

describe("chartTable", () => {
  it("has one row per day with a value or a gap for each line", () => {
    expect(
      chartTable([
        { id: "org", name: "O", points: [{ at: "2024-03-11", value: 2 }, { at: "2024-03-04", value: 1 }] },
        { id: "a", name: "A", points: [{ at: "2024-03-11", value: 5 }] },
      ]),
    ).toEqual([
      { at: "2024-03-04", values: [1, null] },
      { at: "2024-03-11", values: [2, 5] },
    ]);
  });
});
