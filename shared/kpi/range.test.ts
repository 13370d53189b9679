import { describe, expect, it } from "vitest";
import { outOfRange, rangeProblem, validRange } from "./range";

describe("a KPI's valid range", () => {
  it("a percentage lies between 0 and 100 by itself; money, counts and scores have no bounds of their own", () => {
    expect(validRange({ unit: "percent" })).toEqual({ min: 0, max: 100 });
    for (const unit of ["eur", "count", "score"] as const) expect(validRange({ unit })).toEqual({ min: null, max: null });
  });

  it("a KPI's own minimum and maximum narrow its unit's bounds, never widen them", () => {
    expect(validRange({ unit: "score", minValue: -100, maxValue: 100 })).toEqual({ min: -100, max: 100 });
    expect(validRange({ unit: "percent", minValue: 5, maxValue: null })).toEqual({ min: 5, max: 100 });
    expect(validRange({ unit: "percent", minValue: -10, maxValue: 150 })).toEqual({ min: 0, max: 100 });
    expect(validRange({ unit: "eur", minValue: 0 })).toEqual({ min: 0, max: null });
  });

  it("150 % and −0.5 % are outside a percentage's range; 0 and 100 are inside", () => {
    expect(outOfRange(150, { unit: "percent" })).toEqual({ side: "above", bound: 100 });
    expect(outOfRange(-0.5, { unit: "percent" })).toEqual({ side: "below", bound: 0 });
    for (const value of [0, 23.5, 100]) expect(outOfRange(value, { unit: "percent" })).toBeNull();
    expect(outOfRange(150, { unit: "count" })).toBeNull();
  });

  it("a score of 6 on a 1–5 scale is outside its own range", () => {
    expect(outOfRange(6, { unit: "score", minValue: 1, maxValue: 5 })).toEqual({ side: "above", bound: 5 });
    expect(outOfRange(0, { unit: "score", minValue: 1, maxValue: 5 })).toEqual({ side: "below", bound: 1 });
  });

  it("a range whose minimum is above its maximum, or a percentage's range beyond 0–100, is refused", () => {
    expect(rangeProblem({ unit: "score", minValue: 5, maxValue: 1 })).toBe("min_above_max");
    expect(rangeProblem({ unit: "percent", maxValue: 150 })).toBe("outside_unit");
    expect(rangeProblem({ unit: "percent", minValue: -1 })).toBe("outside_unit");
    expect(rangeProblem({ unit: "percent", minValue: 0, maxValue: 100 })).toBeNull();
    expect(rangeProblem({ unit: "score", minValue: 5, maxValue: 5 })).toBeNull();
    expect(rangeProblem({ unit: "eur" })).toBeNull();
  });
});
