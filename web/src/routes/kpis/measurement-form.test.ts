import { describe, expect, it } from "vitest";
import type { KpiMeasurementFields } from "../../../../shared/schemas/kpi";
import { draftOf, emptyDraft, numberForInput, readDraft, type MeasurementDraft } from "./measurement-form";

const KPI = "00000000-0000-4000-8000-00000000000a";
const AMS = "00000000-0000-4000-8000-000000000001";
const draft = (fields: Partial<MeasurementDraft>): MeasurementDraft => ({ ...emptyDraft("week", "2024-03-06"), value: "3,2", ...fields });
const context = (extra: Partial<Parameters<typeof readDraft>[1]> = {}) => ({ kpiId: KPI, language: "nl", existing: [], ...extra });

describe("readDraft", () => {
  it("reads a Dutch decimal comma and moves the date to the Monday of its week", () => {
    expect(readDraft(draft({ sampleSize: "1.234", note: "  na de verbouwing " }), context())).toEqual({
      fields: { kpiId: KPI, period: "week", periodStart: "2024-03-04", locationId: null, segmentId: null, value: 3.2, sampleSize: 1234, note: "na de verbouwing" },
    });
  });

  it("reads an English decimal point and moves a month's date to its 1st", () => {
    const reading = readDraft(draft({ period: "month", date: "2024-02-29", value: "1,234.5", locationId: AMS }), context({ language: "en" }));
    expect(reading.fields).toMatchObject({ period: "month", periodStart: "2024-02-01", value: 1234.5, locationId: AMS });
  });

  it("says what is missing or wrong, per field", () => {
    expect(readDraft(draft({ date: "", value: "" }), context()).issues).toEqual({ date: "dateMissing", value: "valueMissing" });
    expect(readDraft(draft({ date: "2024-02-30", value: "veel", sampleSize: "1,5", note: "x".repeat(501) }), context()).issues).toEqual({
      date: "dateInvalid",
      value: "valueInvalid",
      sampleSize: "sampleInvalid",
      note: "noteTooLong",
    });
    expect(readDraft(draft({ value: "2000000000000" }), context()).issues).toEqual({ value: "valueRange" });
    expect(readDraft(draft({ sampleSize: "-1" }), context()).issues).toEqual({ sampleSize: "sampleInvalid" });
  });

  it("refuses a value outside the KPI's range: a percentage above 100, a rating outside its own 1–5", () => {
    expect(readDraft(draft({ value: "150" }), context({ kpi: { unit: "percent" } })).issues).toEqual({ value: "valueOutside" });
    expect(readDraft(draft({ value: "-0,5" }), context({ kpi: { unit: "percent" } })).issues).toEqual({ value: "valueOutside" });
    expect(readDraft(draft({ value: "100" }), context({ kpi: { unit: "percent" } })).fields?.value).toBe(100);
    expect(readDraft(draft({ value: "6" }), context({ kpi: { unit: "score", minValue: 1, maxValue: 5 } })).issues).toEqual({ value: "valueOutside" });
    expect(readDraft(draft({ value: "150" }), context({ kpi: { unit: "count" } })).fields?.value).toBe(150);
  });

  it("refuses a second value for the same period, location and segment, but not the one being edited", () => {
    const existing = [{ id: "m1", kpiId: KPI, period: "week", periodStart: "2024-03-04", locationId: null, segmentId: null, value: 1, sampleSize: null, note: null } satisfies KpiMeasurementFields & { id: string }];
    expect(readDraft(draft({ date: "2024-03-10" }), context({ existing })).issues).toEqual({ date: "duplicate" });
    expect(readDraft(draft({ date: "2024-03-10" }), context({ existing, editingId: "m1" })).fields?.periodStart).toBe("2024-03-04");
    expect(readDraft(draft({ date: "2024-03-10", locationId: AMS }), context({ existing })).fields).toMatchObject({ periodStart: "2024-03-04", locationId: AMS });
  });
});

describe("draftOf and numberForInput", () => {
  it("puts a stored measurement back in the form in the interface language", () => {
    const m: KpiMeasurementFields = { kpiId: KPI, period: "week", periodStart: "2024-03-04", locationId: AMS, segmentId: null, value: 3.25, sampleSize: 400, note: null };
    expect(draftOf(m, "nl")).toEqual({ period: "week", date: "2024-03-04", locationId: AMS, segmentId: "", value: "3,25", sampleSize: "400", note: "" });
    expect(numberForInput(3.25, "en")).toBe("3.25");
    expect(numberForInput(null, "en")).toBe("");
  });

  it("reads back what it wrote", () => {
    for (const value of [3.25, -0.5, 1234567.891, 0.000001]) {
      for (const language of ["nl", "en"]) {
        expect(readDraft(draft({ value: numberForInput(value, language) }), context({ language })).fields?.value).toBe(value);
      }
    }
  });
});
