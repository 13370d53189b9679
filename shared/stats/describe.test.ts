import { describe, expect, it } from "vitest";
import { describeResult } from "./describe";
import type { CompareResult } from "./schemas";

const result = (chanceToBeat: number, ciAbsolute: [number, number]): CompareResult => ({
  absoluteLift: (ciAbsolute[0] + ciAbsolute[1]) / 2,
  relativeLift: 0.1,
  ciAbsolute,
  ciRelative: [0, 0.2],
  pValue: 0.03,
  chanceToBeat,
  srm: { pValue: 0.5, mismatch: false },
});

describe("describeResult", () => {
  it("says a rate is likely better in points, in English and Dutch", () => {
    const r = result(0.97, [0.004, 0.021]);
    expect(describeResult(r, { unit: "points", direction: "higher" }).text).toBe("likely better: 97 % chance; the lift is between +0.4 and +2.1 points");
    expect(describeResult(r, { unit: "points", direction: "higher", locale: "nl" }).text).toBe(
      "waarschijnlijk beter: 97 % kans; het verschil ligt tussen +0,4 en +2,1 procentpunt",
    );
  });

  it("reads the chance the KPI's way: where lower is better, a rise is likely worse", () => {
    const d = describeResult(result(0.98, [3.2, 17.9]), { unit: "EUR", direction: "lower" });
    expect(d.verdict).toBe("likely_worse");
    expect(d.chanceBetter).toBeCloseTo(0.02, 12);
    expect(d.text).toBe("likely worse: 98 % chance; the lift is between +€3 and +€18");
  });

  it("calls a middling chance unclear, and never claims certainty", () => {
    expect(describeResult(result(0.64, [-0.0041, 0.0213]), { unit: "points", direction: "higher" }).text).toBe(
      "unclear: 64 % chance of better; the lift is between -0.4 and +2.1 points",
    );
    expect(describeResult(result(0.9999, [1, 2]), { unit: "", direction: "higher" }).text).toBe("likely better: > 99 % chance; the lift is between +1.0 and +2.0");
    expect(describeResult(result(0.0001, [-2, -1]), { unit: "", direction: "higher", locale: "nl" }).text).toBe(
      "waarschijnlijk slechter: > 99 % kans; het verschil ligt tussen -2,0 en -1,0",
    );
    expect(describeResult(result(0.002, [-2, 1]), { unit: "", direction: "lower" }).verdict).toBe("likely_better");
  });
});
