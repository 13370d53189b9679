import { describe, expect, test } from "vitest";
import { benefitsDelivered, quarterOf, quartersBetween, shareOfQuarterFrom, type BenefitCase, type BenefitMeasurement } from "./benefits";

const STORE = "7d0e3c57-8a7d-4b36-9b59-3f4c1f0c0a01";
const SEGMENT = "7d0e3c57-8a7d-4b36-9b59-3f4c1f0c0a02";
const m = (periodStart: string, value: number, locationId: string | null = null, segmentId: string | null = null): BenefitMeasurement => ({ periodStart, value, locationId, segmentId });

/** The demo's pickup case: conversion (percent, proportion) from 20.5 % up 2.25 points. */
const conversionCase: BenefitCase = {
  kpi: { kind: "proportion", unit: "percent", direction: "higher" },
  baseline: 0.205,
  lift: { low: 0.004, base: 0.0225, high: 0.041 },
  annualVolume: 400_000,
  valuePerUnit: 35,
  approvedAt: "2026-01-01T10:00:00.000Z",
};

describe("quarters", () => {
  test("a date's quarter, and the quarters between two, across a year end", () => {
    expect(quarterOf("2026-01-01")).toBe("2026-Q1");
    expect(quarterOf("2026-03-31T23:59:59.999Z")).toBe("2026-Q1");
    expect(quarterOf("2026-04-01")).toBe("2026-Q2");
    expect(quarterOf("2026-12-31")).toBe("2026-Q4");
    expect(quartersBetween("2025-Q3", "2026-Q2")).toEqual(["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]);
    expect(quartersBetween("2026-Q2", "2026-Q2")).toEqual(["2026-Q2"]);
  });
});

describe("benefits delivered", () => {
  test("target is a quarter of the base annual benefit; actual comes from the quarter's organisation-wide mean, in rates", () => {
    const measurements = [
      m("2025-12-29", 40), // before the approval quarter: not counted
      m("2026-01-05", 22.0),
      m("2026-02-02", 23.0),
      m("2026-03-02", 30.0, STORE), // organisation-wide values exist this quarter, so store values are left out
      m("2026-04-06", 21.0, STORE), // Q2 has only store values: their mean
      m("2026-05-04", 22.0, null, SEGMENT),
    ];
    const result = benefitsDelivered(conversionCase, measurements, new Date("2026-08-15T12:00:00Z"));
    // 400,000 × 0.0225 × 35 / 4 = 78,750 a quarter.
    // Q1: mean 22.5 % → (0.225 − 0.205) × 400,000 × 35 / 4 = 70,000.
    // Q2: mean 21.5 % → 0.01 × 400,000 × 35 / 4 = 35,000. Q3: nothing measured yet.
    expect(result.quarters.map((q) => q.quarter)).toEqual(["2026-Q1", "2026-Q2", "2026-Q3"]);
    for (const q of result.quarters) expect(q.target).toBeCloseTo(78_750, 6);
    expect(result.quarters[0]!.actual).toBeCloseTo(70_000, 6);
    expect(result.quarters[1]!.actual).toBeCloseTo(35_000, 6);
    expect(result.quarters[2]!.actual).toBeNull();
    expect(result.promised).toBeCloseTo(236_250, 6);
    expect(result.delivered).toBeCloseTo(105_000, 6);
  });

  test("a mean KPI in euros is taken as it is; the approval quarter counts from the day of approval; a quarter below the baseline is a loss", () => {
    const spend: BenefitCase = { kpi: { kind: "mean", unit: "eur", direction: "higher" }, baseline: 40, lift: { low: 0, base: 2, high: 3 }, annualVolume: 10_000, valuePerUnit: 0.3, approvedAt: "2025-11-20T09:00:00Z" };
    const result = benefitsDelivered(spend, [m("2025-11-17", 60), m("2025-11-24", 42), m("2025-12-01", 41), m("2026-01-12", 38)], new Date("2026-01-20T00:00:00Z"));
    // Q4 2025 has 92 days, 42 of them from 20 November on. The week of 17 November started before approval: left out.
    // target 10,000 × 2 × 0.3 / 4 = 1,500 a quarter; Q4: 1,500 × 42/92 = 684.78…; actual (41.5 − 40) × 750 × 42/92 = 513.59…
    // Q1: target 1,500; actual (38 − 40) × 750 = −1,500.
    expect(shareOfQuarterFrom("2025-11-20")).toBeCloseTo(42 / 92, 12);
    expect(result.quarters).toEqual([
      { quarter: "2025-Q4", target: expect.closeTo((1500 * 42) / 92, 6), actual: expect.closeTo((1125 * 42) / 92, 6) },
      { quarter: "2026-Q1", target: 1500, actual: expect.closeTo(-1500, 6) },
    ]);
    expect(result.promised).toBeCloseTo((1500 * 42) / 92 + 1500, 6);
    expect(result.delivered).toBeCloseTo((1125 * 42) / 92 - 1500, 6);
  });

  test("for a KPI where lower is better, the benefit is the reduction below the baseline", () => {
    const waiting: BenefitCase = { kpi: { kind: "mean", unit: "count", direction: "lower" }, baseline: 12, lift: { low: 1, base: 2, high: 3 }, annualVolume: 1_000, valuePerUnit: 5, approvedAt: "2026-04-01T08:00:00Z" };
    const result = benefitsDelivered(waiting, [m("2026-04-06", 10.5)], new Date("2026-05-01T00:00:00Z"));
    // target 1,000 × 2 × 5 / 4 = 2,500; actual (12 − 10.5) × 1,000 × 5 / 4 = 1,875.
    expect(result.quarters).toEqual([{ quarter: "2026-Q2", target: 2500, actual: expect.closeTo(1875, 6) }]);
  });

  test("a case that is not approved tracks nothing", () => {
    expect(benefitsDelivered({ ...conversionCase, approvedAt: null }, [m("2026-01-05", 22)], new Date("2026-08-15T00:00:00Z"))).toEqual({ quarters: [], promised: 0, delivered: 0 });
  });

  test("without a KPI or a baseline the targets still show, and every actual is null", () => {
    for (const theCase of [{ ...conversionCase, kpi: null }, { ...conversionCase, baseline: null }]) {
      const result = benefitsDelivered(theCase, [m("2026-01-05", 22)], new Date("2026-04-01T00:00:00Z"));
      expect(result.quarters.map((q) => q.actual)).toEqual([null, null]);
      expect(result.promised).toBeCloseTo(157_500, 6);
      expect(result.delivered).toBe(0);
    }
  });

  test("approved this quarter: one quarter with its target", () => {
    const result = benefitsDelivered(conversionCase, [], new Date("2026-03-01T00:00:00Z"));
    expect(result.quarters).toEqual([{ quarter: "2026-Q1", target: expect.closeTo(78_750, 6), actual: null }]);
  });
});
