import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, CSV_MESSAGES, measurementsFromCsv, parseCsv } from "../../../../shared/kpi/csv";
import { createI18n } from "../../i18n";
import { memoryStore } from "../../data/storage";
import { csvMessages, decodeCsvBytes, guessMapping, guessPeriod, rowErrorsFromIssues, toMapping } from "./csv-import";

describe("guessMapping", () => {
  it("maps the app's own export completely", () => {
    const { header, rows } = parseCsv(`${CSV_COLUMNS.join(",")}\nweek,2024-03-04,Amsterdam,,3.2,120,\n`);
    expect(guessMapping(header, rows)).toEqual({
      periodStart: "period_start",
      value: "value",
      location: "location",
      segment: "segment",
      sampleSize: "sample_size",
      note: "note",
      kpi: "",
    });
  });

  it("knows Dutch and English names, whatever their case and punctuation", () => {
    expect(guessMapping(["Datum", "Winkel", "Conversie (%)", "Bezoekers", "Opmerking"])).toEqual({
      periodStart: "Datum",
      value: "Conversie (%)",
      location: "Winkel",
      segment: "",
      sampleSize: "Bezoekers",
      note: "Opmerking",
      kpi: "",
    });
    expect(guessMapping(["Week", "Store", "Value", "N"])).toMatchObject({ periodStart: "Week", location: "Store", value: "Value", sampleSize: "N" });
    expect(guessMapping(["Sample size", "Doelgroep", "Waarde", "Date"])).toMatchObject({ sampleSize: "Sample size", segment: "Doelgroep", value: "Waarde", periodStart: "Date" });
  });

  it("uses each column for one field only", () => {
    const mapping = guessMapping(["date", "count"]);
    expect(mapping).toMatchObject({ periodStart: "date", sampleSize: "count", value: "" });
  });

  it("prefers the column that holds dates, and finds one with an unknown name", () => {
    const { header, rows } = parseCsv("period,start,amount\nweek,04-03-2024,1\n");
    expect(guessMapping(header, rows).periodStart).toBe("start");
    const unnamed = parseCsv("when,amount\n2024-03-04,1\n2024-03-11,2\n");
    expect(guessMapping(unnamed.header, unnamed.rows)).toMatchObject({ periodStart: "when", value: "amount" });
  });

  it("leaves everything open for a header it does not know", () => {
    expect(guessMapping(["a", "b"])).toEqual({ periodStart: "", value: "", location: "", segment: "", sampleSize: "", note: "", kpi: "" });
  });

  it("finds the column naming each row's KPI, but not a column of that name holding the values", () => {
    const named = parseCsv("date,KPI,value\n2024-03-04,Conversion,3.2\n");
    expect(guessMapping(named.header, named.rows)).toMatchObject({ periodStart: "date", kpi: "KPI", value: "value" });
    const values = parseCsv("date,kpi\n2024-03-04,3.2\n");
    expect(guessMapping(values.header, values.rows)).toMatchObject({ periodStart: "date", kpi: "", value: "kpi" });
    expect(toMapping(guessMapping(named.header, named.rows)).kpi).toBe("KPI");
  });
});

describe("guessPeriod", () => {
  it("reads the period from the date column's name", () => {
    expect(guessPeriod("Week")).toBe("week");
    expect(guessPeriod("weeknummer")).toBe("week");
    expect(guessPeriod("Maand")).toBe("month");
    expect(guessPeriod("month_start")).toBe("month");
    expect(guessPeriod("Dag")).toBe("day");
    expect(guessPeriod("date")).toBeNull();
    expect(guessPeriod("period_start")).toBeNull();
  });
});

describe("toMapping", () => {
  it("sends the chosen columns and null for the others", () => {
    expect(toMapping({ periodStart: "d", value: "v", location: "", segment: " ", sampleSize: "n", note: "", kpi: "" })).toEqual({
      periodStart: "d",
      value: "v",
      location: null,
      segment: null,
      sampleSize: "n",
      note: null,
      kpi: null,
    });
  });
});

describe("decodeCsvBytes", () => {
  it("reads UTF-8, and Windows-1252 when the bytes are not UTF-8", () => {
    expect(decodeCsvBytes(new TextEncoder().encode("datum;omzet €\n"))).toBe("datum;omzet €\n");
    // "Café;€" as Excel on Windows saves it: é = 0xE9, € = 0x80.
    expect(decodeCsvBytes(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x3b, 0x80]))).toBe("Café;€");
    expect(decodeCsvBytes(new Uint8Array([0x93, 0x61, 0x94, 0x9f, 0xff]).buffer)).toBe("“a”Ÿÿ");
  });
});

describe("rowErrorsFromIssues", () => {
  it("turns the server's issues back into line numbers", () => {
    expect(rowErrorsFromIssues([{ path: "line 4", message: 'value: "x" is not a number' }])).toEqual([{ line: 4, message: 'value: "x" is not a number' }]);
  });
});

describe("csvMessages", () => {
  it("gives the import's own English messages in English", () => {
    expect(csvMessages(createI18n({ storage: memoryStore(), browserLanguage: "en" }).t)).toEqual(CSV_MESSAGES);
  });

  it("gives Dutch messages with the same placeholders, filled in by the import", () => {
    const messages = csvMessages(createI18n({ storage: memoryStore(), browserLanguage: "nl" }).t);
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(CSV_MESSAGES) as (keyof typeof CSV_MESSAGES)[]) expect(placeholders(messages[key]), key).toEqual(placeholders(CSV_MESSAGES[key]));
    const result = measurementsFromCsv("datum;waarde\n2024-03-04;veel\n", {
      kpi: { id: "00000000-0000-4000-8000-00000000000a", name: "Conversie", unit: "percent" },
      period: "week",
      mapping: { periodStart: "datum", value: "waarde" },
      lookups: { locations: [], segments: [] },
      messages,
    });
    expect(result.errors).toEqual([{ line: 2, message: 'value: "veel" is geen getal' }]);
  });
});
