import { describe, expect, it } from "vitest";
import type { KpiMeasurementFields } from "../schemas/kpi";
import { overallTrend } from "./overall";

const KPI = "00000000-0000-4000-8000-00000000000a";
const AMS = "00000000-0000-4000-8000-000000000001";
const UTR = "00000000-0000-4000-8000-000000000002";
const SEG = "00000000-0000-4000-8000-000000000011";

const m = (fields: Partial<KpiMeasurementFields> & { updatedAt?: string }): KpiMeasurementFields & { updatedAt?: string } => ({
  kpiId: KPI,
  period: "week",
  periodStart: "2024-03-04",
  locationId: null,
  segmentId: null,
  value: 1,
  sampleSize: null,
  note: null,
  ...fields,
});

describe("overallTrend", () => {
  it("uses the organisation's own value for a period that has one, and the locations' for the others", () => {
    const trend = overallTrend([m({ value: 3 }), m({ locationId: AMS, value: 10 }), m({ periodStart: "2024-02-26", locationId: AMS, value: 8 }), m({ periodStart: "2024-02-26", locationId: UTR, value: 6 })], "percent");
    expect(trend).toEqual({
      period: "week",
      points: [
        { at: "2024-02-26", value: 7 },
        { at: "2024-03-04", value: 3 },
      ],
      combined: null,
    });
  });

  it("averages the locations weighted by sample size when only locations are measured", () => {
    const trend = overallTrend(
      [m({ locationId: AMS, value: 20, sampleSize: 3000 }), m({ locationId: UTR, value: 10, sampleSize: 1000 }), m({ periodStart: "2024-03-11", locationId: AMS, value: 22, sampleSize: 100 })],
      "percent",
    );
    // The latest week has one location only: that is what the label says.
    expect(trend!.combined).toEqual({ how: "average", locations: 1 });
    expect(trend!.points).toEqual([
      { at: "2024-03-04", value: 17.5 },
      { at: "2024-03-11", value: 22 },
    ]);
  });

  it("averages without weights when a location gives no sample size, and adds up counts", () => {
    expect(overallTrend([m({ locationId: AMS, value: 20, sampleSize: 3000 }), m({ locationId: UTR, value: 10 })], "score")!.points[0]!.value).toBe(15);
    const counts = overallTrend([m({ locationId: AMS, value: 7 }), m({ locationId: UTR, value: 5 })], "count");
    expect(counts).toMatchObject({ combined: { how: "total", locations: 2 }, points: [{ value: 12 }] });
  });

  it("follows the main period and leaves segments out", () => {
    const trend = overallTrend([m({ period: "month", periodStart: "2024-03-01", value: 1 }), m({ value: 2 }), m({ periodStart: "2024-03-11", value: 3 }), m({ segmentId: SEG, period: "day", value: 9 })], "count");
    expect(trend).toMatchObject({ period: "week", points: [{ value: 2 }, { value: 3 }] });
    expect(overallTrend([], "count")).toBeNull();
  });
});
