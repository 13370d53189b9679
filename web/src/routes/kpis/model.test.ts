import { describe, expect, it } from "vitest";
import type { KpiMeasurementFields } from "../../../../shared/schemas/kpi";
import { buildSeries, canEditKpis, fieldsOnly, measurementsAt, measurementsOf, periodsUsed, sortKpis, WHOLE_ORGANISATION, type Kpi, type Measurement } from "./model";
import { formatKpiValue } from "../../format";
import { trendVerdict } from "../../../../shared/enums";

const KPI = "00000000-0000-4000-8000-00000000000a";
const AMS = "00000000-0000-4000-8000-000000000001";
const UTR = "00000000-0000-4000-8000-000000000002";
const SEG = "00000000-0000-4000-8000-000000000011";
const names = { organisation: "Whole organisation", location: (id: string) => (id === AMS ? "Amsterdam" : id === UTR ? "Utrecht" : "?") };

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

const record = (fields: Partial<Measurement>): Measurement => ({ id: crypto.randomUUID(), pending: false, authorId: "u", createdAt: "", updatedAt: "", ...fields });

describe("canEditKpis", () => {
  it("lets admins and CX operations edit, and nobody else", () => {
    expect(canEditKpis("admin")).toBe(true);
    expect(canEditKpis("cx_ops")).toBe(true);
    expect(canEditKpis("executive")).toBe(false);
    expect(canEditKpis("board")).toBe(false);
  });
});

describe("formatKpiValue", () => {
  it("reads a percent KPI's value as percent, in the interface language", () => {
    expect(formatKpiValue(3.2, "percent", "en-GB")).toBe("3.2%");
    expect(formatKpiValue(3.2, "percent", "nl-NL")).toBe("3,2%");
    expect(formatKpiValue(0.4, "percent", "en-GB", { signed: true })).toBe("+0.4%");
  });

  it("writes money in euros and counts with grouping", () => {
    expect(formatKpiValue(44.5, "eur", "en-GB")).toBe("€44.50");
    expect(formatKpiValue(1234.5, "eur", "nl-NL").replace(/\s/g, " ")).toBe("€ 1.234,50");
    expect(formatKpiValue(12345, "count", "nl-NL")).toBe("12.345");
    expect(formatKpiValue(-3.456, "score", "en-GB")).toBe("-3.46");
  });

  it("shows a dash for no value", () => {
    expect(formatKpiValue(null, "percent", "en-GB")).toBe("–");
    expect(formatKpiValue(Number.NaN, "count", "en-GB")).toBe("–");
  });
});

describe("measurementsOf", () => {
  it("keeps one KPI's whole measurements, newest period first", () => {
    const list = measurementsOf(KPI, [
      record({ ...m({ periodStart: "2024-03-04" }) }),
      record({ ...m({ periodStart: "2024-03-11", locationId: UTR }) }),
      record({ ...m({ periodStart: "2024-03-11", locationId: AMS }) }),
      record({ ...m({ kpiId: "00000000-0000-4000-8000-0000000000bb" }) }),
      record({ kpiId: KPI, period: "week" }), // still syncing: no value yet
    ]);
    expect(list.map((x) => [x.periodStart, x.locationId])).toEqual([
      ["2024-03-11", AMS],
      ["2024-03-11", UTR],
      ["2024-03-04", null],
    ]);
  });
});

describe("measurementsAt", () => {
  const all = [m({ locationId: AMS, value: 1 }), m({ value: 2 }), m({ locationId: UTR, value: 3 })];

  it("keeps every measurement for \"\", the organisation's own for WHOLE_ORGANISATION, else one location's", () => {
    expect(measurementsAt(all, "").map((x) => x.value)).toEqual([1, 2, 3]);
    expect(measurementsAt(all, WHOLE_ORGANISATION).map((x) => x.value)).toEqual([2]);
    expect(measurementsAt(all, UTR).map((x) => x.value)).toEqual([3]);
  });
});

describe("fieldsOnly", () => {
  it("drops what the device store adds to a measurement", () => {
    const stored = { ...m({ value: 4, note: "n" }), id: "x", pending: true };
    expect(fieldsOnly(stored)).toEqual(m({ value: 4, note: "n" }));
  });
});

describe("periodsUsed", () => {
  it("lists the periods by how often they are used", () => {
    expect(periodsUsed([m({ period: "month" }), m({ period: "week" }), m({ period: "week" })])).toEqual(["week", "month"]);
    expect(periodsUsed([])).toEqual([]);
  });
});

describe("buildSeries", () => {
  const data = [
    m({ periodStart: "2024-03-11", value: 3 }),
    m({ periodStart: "2024-03-04", value: 2 }),
    m({ periodStart: "2024-03-04", locationId: UTR, value: 5 }),
    m({ periodStart: "2024-03-04", locationId: AMS, value: 4 }),
    m({ periodStart: "2024-03-11", locationId: AMS, value: 6 }),
    m({ periodStart: "2024-03-04", segmentId: SEG, value: 99 }),
    m({ period: "month", periodStart: "2024-03-01", value: 77 }),
  ];

  it("draws the organisation first, then one line per location by name, in date order", () => {
    const series = buildSeries(data, { period: "week", segmentId: null, location: "" }, names, "en-GB");
    expect(series.map((s) => s.name)).toEqual(["Whole organisation", "Amsterdam", "Utrecht"]);
    expect(series[0]!.points).toEqual([
      { at: "2024-03-04", value: 2 },
      { at: "2024-03-11", value: 3 },
    ]);
    expect(series[1]!.points.map((p) => p.value)).toEqual([4, 6]);
  });

  it("shows only the organisation, or only one location, when filtered", () => {
    expect(buildSeries(data, { period: "week", segmentId: null, location: WHOLE_ORGANISATION }, names, "en-GB").map((s) => s.id)).toEqual([WHOLE_ORGANISATION]);
    expect(buildSeries(data, { period: "week", segmentId: null, location: UTR }, names, "en-GB").map((s) => s.id)).toEqual([UTR]);
  });

  it("keeps periods and segments apart", () => {
    expect(buildSeries(data, { period: "month", segmentId: null, location: "" }, names, "en-GB")).toEqual([{ id: WHOLE_ORGANISATION, name: "Whole organisation", points: [{ at: "2024-03-01", value: 77 }] }]);
    expect(buildSeries(data, { period: "week", segmentId: SEG, location: "" }, names, "en-GB")[0]!.points).toEqual([{ at: "2024-03-04", value: 99 }]);
  });

  it("takes the value changed last when one period was entered twice", () => {
    const twice = [m({ value: 1, updatedAt: "2024-03-05T10:00:00Z" }), m({ value: 2, updatedAt: "2024-03-05T11:00:00Z" }), m({ value: 3, updatedAt: "2024-03-05T09:00:00Z" })];
    expect(buildSeries(twice, { period: "week", segmentId: null, location: "" }, names, "en-GB")[0]!.points).toEqual([{ at: "2024-03-04", value: 2 }]);
  });

  it("has no lines without measurements", () => {
    expect(buildSeries([], { period: "week", segmentId: null, location: "" }, names, "en-GB")).toEqual([]);
  });
});


describe("trendVerdict", () => {
  it("calls a rise good news only when higher is better", () => {
    expect(trendVerdict(3.4, 3.2, "higher")).toBe("better");
    expect(trendVerdict(3.4, 3.2, "lower")).toBe("worse");
    expect(trendVerdict(3.0, 3.2, "lower")).toBe("better");
    expect(trendVerdict(3.2, 3.2, "higher")).toBe("same");
  });
});

describe("sortKpis", () => {
  it("puts active before archived, hard before soft, then names in order", () => {
    const kpi = (name: string, hard: boolean, archived = false): Kpi => ({ id: name, name, hard, archived, pending: false, authorId: "", createdAt: "", updatedAt: "" });
    expect(sortKpis([kpi("NPS", false), kpi("Zeta", true, true), kpi("conversion", true), kpi("Basket", true)], "en-GB").map((k) => k.name)).toEqual(["Basket", "conversion", "NPS", "Zeta"]);
  });
});
