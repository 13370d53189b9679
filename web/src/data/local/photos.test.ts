import { describe, expect, it } from "vitest";
import { fitWithin, MAX_PHOTO_SIDE } from "./photos";

describe("fitWithin", () => {
  it("scales a landscape photo to 1600 px wide, keeping the ratio", () => {
    expect(fitWithin({ width: 2400, height: 1200 })).toEqual({ width: 1600, height: 800 });
    expect(fitWithin({ width: 4032, height: 3024 })).toEqual({ width: 1600, height: 1200 });
  });

  it("scales a portrait photo to 1600 px high", () => {
    expect(fitWithin({ width: 3024, height: 4032 })).toEqual({ width: 1200, height: 1600 });
  });

  it("scales a square to 1600 × 1600", () => {
    expect(fitWithin({ width: 5000, height: 5000 })).toEqual({ width: 1600, height: 1600 });
  });

  it("never enlarges a photo that already fits", () => {
    expect(fitWithin({ width: 1600, height: 900 })).toEqual({ width: 1600, height: 900 });
    expect(fitWithin({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
  });

  it("keeps a very thin image at least one pixel wide", () => {
    expect(fitWithin({ width: 20_000, height: 3 })).toEqual({ width: 1600, height: 1 });
    expect(fitWithin({ width: 2, height: 50_000 })).toEqual({ width: 1, height: 1600 });
  });

  it("rounds to whole pixels and never past the limit", () => {
    for (const [width, height] of [
      [1601, 1599],
      [3001, 2999],
      [1999, 1333],
      [4000, 2251],
      [7, 16_001],
    ] as const) {
      const fitted = fitWithin({ width, height });
      expect(Number.isInteger(fitted.width) && Number.isInteger(fitted.height)).toBe(true);
      expect(Math.max(fitted.width, fitted.height)).toBe(MAX_PHOTO_SIDE);
      // The aspect ratio stays within rounding of the original.
      expect(Math.abs(fitted.width / fitted.height - width / height) / (width / height)).toBeLessThan(0.01 + 1 / Math.min(fitted.width, fitted.height));
    }
  });

  it("accepts another limit", () => {
    expect(fitWithin({ width: 1000, height: 500 }, 400)).toEqual({ width: 400, height: 200 });
  });
});
