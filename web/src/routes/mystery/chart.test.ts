import { describe, expect, it } from "vitest";
import type { LineBox } from "../../components/line-chart";
import { trendGeometry } from "./chart";

const box: LineBox = { width: 120, height: 110, left: 10, right: 10, top: 5, bottom: 5 };

describe("trendGeometry", () => {
  it("places points across by time and up by percentage", () => {
    const g = trendGeometry(
      [
        { at: "2026-03-01T00:00:00Z", value: 0 },
        { at: "2026-03-02T00:00:00Z", value: 50 },
        { at: "2026-03-05T00:00:00Z", value: 100 },
      ],
      box,
    );
    expect(g.xs).toEqual([10, 35, 110]);
    expect(g.dots.map((d) => d.y)).toEqual([105, 55, 5]);
    expect(g.path).toBe("M10 105 L35 55 L110 5");
    expect(g.grid).toEqual([
      { value: 0, y: 105 },
      { value: 50, y: 55 },
      { value: 100, y: 5 },
    ]);
  });

  it("breaks the line where a point has no score", () => {
    const g = trendGeometry(
      [
        { at: "2026-03-01T00:00:00Z", value: 20 },
        { at: "2026-03-02T00:00:00Z", value: null },
        { at: "2026-03-03T00:00:00Z", value: 40 },
        { at: "2026-03-04T00:00:00Z", value: 60 },
      ],
      box,
    );
    expect(g.dots.map((d) => d.index)).toEqual([0, 2, 3]);
    expect(g.path.split("M")).toHaveLength(3);
  });

  it("centres a single point and spaces points of one moment evenly", () => {
    expect(trendGeometry([{ at: "2026-03-01T00:00:00Z", value: 70 }], box).xs).toEqual([60]);
    const same = "2026-03-01T00:00:00Z";
    expect(trendGeometry([{ at: same, value: 1 }, { at: same, value: 2 }, { at: same, value: 3 }], box).xs).toEqual([10, 60, 110]);
    expect(trendGeometry([], box)).toMatchObject({ path: "", dots: [], xs: [] });
  });
});
