import { describe, expect, it } from "vitest";
import type { KpiMeasurementFields } from "../schemas/kpi";
import { csvMappingSchema, measurementsFromCsv, measurementsToCsv, parseCsv, type CsvKpi, type CsvMapping } from "./csv";
import type { MeasurementPeriod } from "../enums";

const KPI = "00000000-0000-4000-8000-00000000000a";
const AMSTERDAM = "00000000-0000-4000-8000-000000000001";
const UTRECHT = "00000000-0000-4000-8000-000000000002";
const WEB = "00000000-0000-4000-8000-000000000003";
const STARTERS = "00000000-0000-4000-8000-000000000011";
const FAMILIES = "00000000-0000-4000-8000-000000000012";
const lookups = {
  locations: [
    { id: AMSTERDAM, name: "Amsterdam Centrum" },
    { id: UTRECHT, name: "Utrecht, Hoog Catharijne" },
    { id: WEB, name: "=Web shop" },
  ],
  segments: [
    { id: STARTERS, name: "Starters" },
    { id: FAMILIES, name: "Families" },
  ],
};
const mapping: CsvMapping = { periodStart: "date", value: "value", location: "store", segment: "segment", sampleSize: "n", note: "note" };

/** The KPI a file is imported into: a count, so that no value in these files is out of its range. */
const VISITS: CsvKpi = { id: KPI, name: "Store visits", unit: "count" };

function importCsv(text: string, options: { period?: MeasurementPeriod; mapping?: CsvMapping; kpi?: CsvKpi } = {}) {
  return measurementsFromCsv(text, { kpi: options.kpi ?? VISITS, period: options.period ?? "day", mapping: options.mapping ?? mapping, lookups });
}
const values = (text: string, period?: MeasurementPeriod) => importCsv(text, { period }).rows.map((row) => row.fields.value);

describe("parseCsv", () => {
  it("reads a plain comma-separated file with its header", () => {
    expect(parseCsv("a,b,c\n1,2,3\n4,5,6")).toEqual({
      header: ["a", "b", "c"],
      rows: [
        { line: 2, cells: ["1", "2", "3"] },
        { line: 3, cells: ["4", "5", "6"] },
      ],
    });
  });

  it("detects the semicolons Dutch Excel writes, decimal commas and all", () => {
    const parsed = parseCsv("datum;waarde\n04-03-2024;3,2\n11-03-2024;4,75\n");
    expect(parsed.header).toEqual(["datum", "waarde"]);
    expect(parsed.rows.map((row) => row.cells)).toEqual([
      ["04-03-2024", "3,2"],
      ["11-03-2024", "4,75"],
    ]);
  });

  it("keeps commas, semicolons, quotes and line breaks inside quoted cells", () => {
    const parsed = parseCsv('name,note\n"Utrecht, HC","He said ""hi""; then left"\n"x","line one\nline two"\nlast,row');
    expect(parsed.rows).toEqual([
      { line: 2, cells: ["Utrecht, HC", 'He said "hi"; then left'] },
      { line: 3, cells: ["x", "line one\nline two"] },
      { line: 5, cells: ["last", "row"] },
    ]);
  });

  it("tells ',' from ';' by which one splits every row the same way", () => {
    // One comma in the header, decimal commas in every row: it is still a ';' file.
    expect(parseCsv("Datum;Omzet (€, incl.)\n2024-03-04;3,2\n2024-03-05;4,1").rows[0]!.cells).toEqual(["2024-03-04", "3,2"]);
    // Quoted decimal commas in a comma file.
    expect(parseCsv('date,value\n2024-03-04,"3,2"\n2024-03-05,"4,1"').rows[1]!.cells).toEqual(["2024-03-05", "4,1"]);
    // Semicolons only inside quotes do not make a ';' file.
    expect(parseCsv('a,b\n"x;y",2').rows[0]!.cells).toEqual(["x;y", "2"]);
  });

  it("drops a byte order mark so the first header name matches", () => {
    expect(parseCsv("\uFEFFdate;value\n2024-01-01;1").header).toEqual(["date", "value"]);
  });

  it("reads CRLF, LF and old-Mac CR line ends, and keeps a line break in a cell as \\n", () => {
    const parsed = parseCsv('a,b\r\n1,"x\r\ny"\r\n2,z\r3,w\r\n');
    expect(parsed.rows).toEqual([
      { line: 2, cells: ["1", "x\ny"] },
      { line: 4, cells: ["2", "z"] },
      { line: 5, cells: ["3", "w"] },
    ]);
  });

  it("skips blank lines (also rows of only delimiters) but keeps counting lines", () => {
    const parsed = parseCsv("\n\na;b\n\n1;2\n   \n;\n3;4\n\n");
    expect(parsed.header).toEqual(["a", "b"]);
    expect(parsed.rows).toEqual([
      { line: 5, cells: ["1", "2"] },
      { line: 8, cells: ["3", "4"] },
    ]);
  });

  it("follows Excel's sep= line and counts it as line 1", () => {
    expect(parseCsv("sep=;\r\na,b;c\r\n1,5;2\r\n")).toEqual({ header: ["a,b", "c"], rows: [{ line: 3, cells: ["1,5", "2"] }] });
    expect(parseCsv("\uFEFFSEP=,\na;b,c\n").header).toEqual(["a;b", "c"]);
  });

  it("trims header names and keeps cells as written", () => {
    expect(parseCsv(" date , value \n x , 1 ")).toEqual({ header: ["date", "value"], rows: [{ line: 2, cells: [" x ", " 1 "] }] });
  });

  it("returns an empty header for an empty file", () => {
    expect(parseCsv("")).toEqual({ header: [], rows: [] });
    expect(parseCsv("\uFEFF\r\n\r\n")).toEqual({ header: [], rows: [] });
  });

  it("keeps empty cells, including a trailing one", () => {
    expect(parseCsv("a,b,c\n1,,\n").rows[0]!.cells).toEqual(["1", "", ""]);
    expect(parseCsv('a,b\n"",x').rows[0]!.cells).toEqual(["", "x"]);
  });
});

describe("measurementsFromCsv", () => {
  it("turns rows into measurements with locations, segments, sample sizes and notes", () => {
    const result = importCsv(
      "date,value,store,segment,n,note\n" +
        "2024-03-04,3.2,Amsterdam Centrum,Starters,1200,after the redesign\n" +
        `2024-03-05,4,${UTRECHT},,,\n` +
        "2024-03-06,5,,families,0,\n",
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 2,
        fields: { kpiId: KPI, period: "day", periodStart: "2024-03-04", locationId: AMSTERDAM, segmentId: STARTERS, value: 3.2, sampleSize: 1200, note: "after the redesign" },
      },
      { line: 3, fields: { kpiId: KPI, period: "day", periodStart: "2024-03-05", locationId: UTRECHT, segmentId: null, value: 4, sampleSize: null, note: null } },
      { line: 4, fields: { kpiId: KPI, period: "day", periodStart: "2024-03-06", locationId: null, segmentId: FAMILIES, value: 5, sampleSize: 0, note: null } },
    ]);
  });

  it("needs only the date and value columns", () => {
    const result = importCsv("week;conversie\n2024-W10;3,2\n", { period: "week", mapping: { periodStart: "week", value: "conversie" } });
    expect(result.errors).toEqual([]);
    expect(result.rows[0]!.fields).toMatchObject({ periodStart: "2024-03-04", value: 3.2, locationId: null, segmentId: null, sampleSize: null, note: null });
  });

  it("reads the date formats spreadsheets write", () => {
    const text = "date,value,store,segment,n,note\n" + ["2024-03-04", "5-3-2024", "06/03/2024", "7.3.2024", "2024-03-08T00:00:00", "09-03-2024 00:00"].map((d) => `${d},1,,,,`).join("\n");
    const result = importCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((row) => row.fields.periodStart)).toEqual(["2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08", "2024-03-09"]);
  });

  it("moves a date to the start of its period: the Monday of a week, the 1st of a month", () => {
    const text = "date,value,store,segment,n,note\n10-03-2024,1,,,,\n2024-03-11,2,,,,\n2024-W01,3,,,,\n";
    expect(importCsv(text, { period: "week" }).rows.map((row) => row.fields.periodStart)).toEqual(["2024-03-04", "2024-03-11", "2024-01-01"]);
    const months = "date,value,store,segment,n,note\n31-03-2024,1,,,,\n2024-02-29,2,,,,\n";
    expect(importCsv(months, { period: "month" }).rows.map((row) => row.fields.periodStart)).toEqual(["2024-03-01", "2024-02-01"]);
    // 2026 has 53 ISO weeks, starting on 29 December 2025.
    expect(importCsv("date,value,store,segment,n,note\n2026-W01,1,,,,\n2026-W53,2,,,,", { period: "week" }).rows.map((row) => row.fields.periodStart)).toEqual([
      "2025-12-29",
      "2026-12-28",
    ]);
  });

  it("reads decimal commas, thousands separators, % and € in a Dutch file", () => {
    const text = "date;value;store;segment;n;note\n" + ["3,2", "1.234,56", "€ 1.234", "12,5 %", "-0,75", "1 234,5", "\u221212", "1.234.567", "€-5,00", "+7"].map((v, i) => `2024-03-${String(i + 1).padStart(2, "0")};${v};;;;`).join("\n");
    expect(importCsv(text).errors).toEqual([]);
    expect(values(text)).toEqual([3.2, 1234.56, 1234, 12.5, -0.75, 1234.5, -12, 1234567, -5, 7]);
  });

  it("reads decimal points and comma thousands in an English file", () => {
    const text = "date,value,store,segment,n,note\n" + ["3.2", '"1,234.56"', "1.234", "0.5%", ".5", "1.5e3", '"1,234,567"'].map((v, i) => `2024-03-0${i + 1},${v},,,,`).join("\n");
    expect(importCsv(text).errors).toEqual([]);
    expect(values(text)).toEqual([3.2, 1234.56, 1.234, 0.5, 0.5, 1500, 1234567]);
  });

  it("settles 1.234 from the other numbers in the column, else from the delimiter", () => {
    const dutch = "date;value;store;segment;n;note\n2024-03-01;1.234;;;;\n2024-03-02;2.500;;;;\n";
    expect(values(dutch)).toEqual([1234, 2500]);
    // The same ';' file, but another row uses a decimal point: the column uses points.
    expect(values(`${dutch}2024-03-03;3.25;;;;\n`)).toEqual([1.234, 2.5, 3.25]);
    const english = 'date,value,store,segment,n,note\n2024-03-01,"1,234",,,,\n2024-03-02,"1,5",,,,\n2024-03-03,"2,25",,,,\n';
    // Decimal commas elsewhere in the column make "1,234" mean 1.234 even in a ',' file.
    expect(values(english)).toEqual([1.234, 1.5, 2.25]);
  });

  it("reads sample sizes with thousands separators either way and refuses fractions", () => {
    const text = "date;value;store;segment;n;note\n2024-03-01;1;;;1.234;\n2024-03-02;1;;;2,500;\n2024-03-03;1;;;1,5;\n2024-03-04;1;;;-3;\n";
    const result = importCsv(text);
    expect(result.rows.map((row) => row.fields.sampleSize)).toEqual([1234, 2500]);
    expect(result.errors).toEqual([
      { line: 4, message: 'sample_size: "1,5" is not a whole number of 0 or more' },
      { line: 5, message: 'sample_size: "-3" is not a whole number of 0 or more' },
    ]);
  });

  it("says in plain words what is wrong with a value, with its line", () => {
    const text = "date,value,store,segment,n,note\n2024-03-01,abc,,,,\n2024-03-02,,,,,\n2024-03-03,1.2.3,,,,\n2024-03-04,2e12,,,,\n2024-03-05,12abc,,,,";
    const result = importCsv(text);
    expect(result.rows).toEqual([]);
    expect(result.errors.map((error) => error.line)).toEqual([2, 3, 4, 5, 6]);
    expect(result.errors[0]!.message).toBe('value: "abc" is not a number');
    expect(result.errors[1]!.message).toBe("value: is empty");
    expect(result.errors[2]!.message).toBe('value: "1.2.3" is not a number');
    // Out of range is caught by the same schema the sync endpoint uses.
    expect(result.errors[3]!.message).toBe("value: 2000000000000 is more than 1000000000000");
    expect(result.errors[4]!.message).toBe('value: "12abc" is not a number');
  });

  it("reports impossible and unreadable dates", () => {
    const result = importCsv("date,value,store,segment,n,note\n2024-02-30,1,,,,\n03/04/24,1,,,,\n,1,,,,\n2023-W53,1,,,,\n", { period: "week" });
    expect(result.errors).toEqual([
      { line: 2, message: 'period_start: "2024-02-30" is not a date (use YYYY-MM-DD or DD-MM-YYYY)' },
      { line: 3, message: 'period_start: "03/04/24" is not a date (use YYYY-MM-DD or DD-MM-YYYY)' },
      { line: 4, message: "period_start: is empty" },
      { line: 5, message: 'period_start: "2023-W53" is not a date (use YYYY-MM-DD or DD-MM-YYYY)' },
    ]);
  });

  it("matches locations and segments by name (any case, trimmed) or by id, and reports unknown ones", () => {
    const text =
      "date,value,store,segment,n,note\n" +
      "2024-03-01,1,  amsterdam centrum ,STARTERS,,\n" +
      `2024-03-02,1,${AMSTERDAM.toUpperCase()},${FAMILIES},,\n` +
      '2024-03-03,1,"Utrecht, Hoog Catharijne",,,\n' +
      "2024-03-04,1,Rotterdam,Seniors,,\n";
    const result = importCsv(text);
    expect(result.rows.map((row) => [row.fields.locationId, row.fields.segmentId])).toEqual([
      [AMSTERDAM, STARTERS],
      [AMSTERDAM, FAMILIES],
      [UTRECHT, null],
    ]);
    expect(result.errors).toEqual([{ line: 5, message: 'location: "Rotterdam" is not a known location; segment: "Seniors" is not a known segment' }]);
  });

  it("asks for the id when two locations have the same name", () => {
    const twins = { locations: [...lookups.locations, { id: WEB.replace("3", "4"), name: "amsterdam centrum" }], segments: [] };
    const result = measurementsFromCsv("date,value,store\n2024-03-01,1,Amsterdam Centrum\n", {
      kpi: VISITS,
      period: "day",
      mapping: { periodStart: "date", value: "value", location: "store" },
      lookups: twins,
    });
    expect(result.errors).toEqual([{ line: 2, message: 'location: "Amsterdam Centrum" matches 2 locations; use its id instead' }]);
  });

  it("refuses a row with too few or too many cells", () => {
    const result = importCsv("date,value,store,segment,n,note\n2024-03-01,1\n2024-03-02,1,,,,,extra\n2024-03-03,1,,,,\n");
    expect(result.errors).toEqual([
      { line: 2, message: "expected 6 cells like the header, found 2" },
      { line: 3, message: "expected 6 cells like the header, found 7" },
    ]);
    expect(result.rows.map((row) => row.line)).toEqual([4]);
  });

  it("gives the line where a row starts, after blank lines and multi-line notes", () => {
    const text = 'date,value,store,segment,n,note\n\n2024-03-01,1,,,,"first\nsecond\nthird"\n\n2024-03-02,x,,,,\n';
    const result = importCsv(text);
    expect(result.rows.map((row) => [row.line, row.fields.note])).toEqual([[3, "first\nsecond\nthird"]]);
    expect(result.errors).toEqual([{ line: 7, message: 'value: "x" is not a number' }]);
  });

  it("reports a quoted cell that is never closed", () => {
    const result = importCsv('date,value,store,segment,n,note\n2024-03-01,1,,,,fine\n2024-03-02,1,,,,"oops\n2024-03-03,1,,,,\n');
    expect(result.rows.map((row) => row.line)).toEqual([2]);
    expect(result.errors).toEqual([{ line: 3, message: "a quoted cell opened on line 3 is never closed" }]);
  });

  it("reports every problem of a row together, once", () => {
    const result = importCsv("date,value,store,segment,n,note\nsoon,lots,Mars,,1.5,\n");
    expect(result.errors).toEqual([
      {
        line: 2,
        message: 'period_start: "soon" is not a date (use YYYY-MM-DD or DD-MM-YYYY); value: "lots" is not a number; sample_size: "1.5" is not a whole number of 0 or more; location: "Mars" is not a known location',
      },
    ]);
  });

  it("reports the same period, location and segment twice as a duplicate of the first line", () => {
    const text = "date,value,store,segment,n,note\n2024-03-04,1,Amsterdam Centrum,,,\n2024-03-04,2,,,,\n2024-03-06,3,amsterdam centrum,,,\n";
    const result = importCsv(text, { period: "week" });
    expect(result.rows.map((row) => row.line)).toEqual([2, 3]);
    expect(result.errors).toEqual([{ line: 4, message: "the same period, location and segment as line 2 (period_start 2024-03-04)" }]);
  });

  it("refuses notes longer than a measurement can hold", () => {
    const result = importCsv(`date,value,store,segment,n,note\n2024-03-01,1,,,,${"x".repeat(501)}\n2024-03-02,1,,,,${"y".repeat(500)}\n`);
    expect(result.errors).toEqual([{ line: 2, message: "note: is 501 characters long; at most 500 fit" }]);
    expect(result.rows).toHaveLength(1);
  });

  it("reports a mapping that names a missing column as one error on line 1, and imports nothing", () => {
    const result = importCsv("date,value\n2024-03-01,1\n2024-03-02,abc\n");
    expect(result.rows).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.line).toBe(1);
    expect(result.errors[0]!.message).toContain('there is no column "store" in the header');
    expect(result.errors[0]!.message).toContain('sample_size: there is no column "n"');
  });

  it("finds mapped columns whatever their case, and refuses one column for two fields or a name used twice", () => {
    const header = "Date,Value\n2024-03-01,1\n";
    expect(importCsv(header, { mapping: { periodStart: "date", value: "VALUE" } }).rows).toHaveLength(1);
    const twice = importCsv(header, { mapping: { periodStart: "Date", value: "Date" } });
    expect(twice).toEqual({ rows: [], errors: [{ line: 1, message: expect.stringContaining('value: column "Date" is already used for period_start') }] });
    const doubled = importCsv("date,value,value\n2024-03-01,1,2\n", { mapping: { periodStart: "date", value: "value" } });
    expect(doubled.errors).toEqual([{ line: 1, message: expect.stringContaining('the header has 2 columns named "value"') }]);
  });

  it("treats empty or null optional columns in the mapping as not mapped", () => {
    const result = importCsv("date,value\n2024-03-01,1\n", { mapping: { periodStart: "date", value: "value", location: "", segment: null, note: undefined } });
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(1);
  });

  it("refuses a row whose kpi column names another KPI, and takes this KPI's name or id (any case) or an empty cell", () => {
    const file = ["date,kpi,value", "2024-03-04,Store visits,1200", "2024-03-05,NPS,41", `2024-03-06,${KPI.toUpperCase()},1300`, "2024-03-07, store VISITS ,1250", "2024-03-08,,1100"].join("\n");
    const result = importCsv(file, { mapping: { periodStart: "date", value: "value" } });
    expect(result.rows.map((row) => [row.line, row.fields.kpiId, row.fields.value])).toEqual([
      [2, KPI, 1200],
      [4, KPI, 1300],
      [5, KPI, 1250],
      [6, KPI, 1100],
    ]);
    expect(result.errors).toEqual([{ line: 3, message: 'kpi: "NPS" is another KPI than "Store visits": import its rows into that KPI' }]);
  });

  it("checks the column the mapping names as the KPI's, and a column named kpi only when no other field uses it", () => {
    const named = importCsv("date,metric,value\n2024-03-04,Conversion,12\n", { mapping: { periodStart: "date", value: "value", kpi: "metric" } });
    expect(named.errors).toEqual([{ line: 2, message: 'kpi: "Conversion" is another KPI than "Store visits": import its rows into that KPI' }]);
    // A file whose "kpi" column holds the values: it is the value column, nothing to check.
    expect(importCsv("date,kpi\n2024-03-04,12\n", { mapping: { periodStart: "date", value: "kpi" } }).rows).toHaveLength(1);
    expect(importCsv("date,kpi,value\n2024-03-04,x,1\n", { mapping: { periodStart: "date", value: "value", kpi: "nope" } }).errors[0]!.line).toBe(1);
  });

  it("refuses a percentage below 0 or above 100 as a row error, and keeps 0 and 100", () => {
    const conversion: CsvKpi = { id: KPI, name: "Conversion", unit: "percent" };
    const result = importCsv("date,value\n2024-03-04,150\n2024-03-05,-0.5\n2024-03-06,0\n2024-03-07,100\n2024-03-08,23.5 %\n", { mapping: { periodStart: "date", value: "value" }, kpi: conversion });
    expect(result.rows.map((row) => row.fields.value)).toEqual([0, 100, 23.5]);
    expect(result.errors).toEqual([
      { line: 2, message: "value: 150 is more than 100" },
      { line: 3, message: "value: -0.5 is less than 0" },
    ]);
  });

  it("refuses values outside the KPI's own range", () => {
    const rating: CsvKpi = { id: KPI, name: "Service rating", unit: "score", minValue: 1, maxValue: 5 };
    const result = importCsv("date,value\n2024-03-04,6\n2024-03-05,0\n2024-03-06,4.2\n", { mapping: { periodStart: "date", value: "value" }, kpi: rating });
    expect(result.rows.map((row) => row.fields.value)).toEqual([4.2]);
    expect(result.errors.map((e) => e.message)).toEqual(["value: 6 is more than 5", "value: 0 is less than 1"]);
  });

  it("says so when the file is empty", () => {
    expect(importCsv("")).toEqual({ rows: [], errors: [{ line: 1, message: expect.stringContaining("empty") }] });
  });

  it("imports nothing, without errors, from a file with only a header", () => {
    expect(importCsv("date,value,store,segment,n,note\n")).toEqual({ rows: [], errors: [] });
  });
});

describe("csvMappingSchema", () => {
  it("accepts a mapping with only the required columns, or with nulls", () => {
    expect(csvMappingSchema.parse({ periodStart: "date", value: "value" })).toEqual({ periodStart: "date", value: "value" });
    expect(csvMappingSchema.safeParse({ periodStart: "date", value: "value", location: null, segment: "s", sampleSize: null, note: null }).success).toBe(true);
  });

  it("refuses unknown keys, missing columns and names over 200 characters", () => {
    expect(csvMappingSchema.safeParse({ periodStart: "date", value: "value", colour: "x" }).success).toBe(false);
    expect(csvMappingSchema.safeParse({ periodStart: "date" }).success).toBe(false);
    expect(csvMappingSchema.safeParse({ periodStart: "", value: "value" }).success).toBe(false);
    expect(csvMappingSchema.safeParse({ periodStart: "d".repeat(201), value: "value" }).success).toBe(false);
    expect(csvMappingSchema.safeParse({ periodStart: "d".repeat(200), value: "value" }).success).toBe(true);
    expect(csvMappingSchema.safeParse({ periodStart: "date", value: 3 }).success).toBe(false);
  });
});

const measurement = (fields: Partial<KpiMeasurementFields>): KpiMeasurementFields => ({
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

describe("measurementsToCsv", () => {
  it("writes the header, names instead of ids, sorted by period start then location", () => {
    const csv = measurementsToCsv(
      [
        measurement({ periodStart: "2024-03-11", value: 2 }),
        measurement({ periodStart: "2024-03-04", locationId: UTRECHT, value: 3.25, sampleSize: 400 }),
        measurement({ periodStart: "2024-03-04", locationId: AMSTERDAM, segmentId: STARTERS, value: -1.5, note: "quiet week" }),
        measurement({ periodStart: "2024-03-04", value: 4 }),
      ],
      lookups,
    );
    expect(csv.split("\r\n")).toEqual([
      "period,period_start,location,segment,value,sample_size,note",
      "week,2024-03-04,,,4,,",
      "week,2024-03-04,Amsterdam Centrum,Starters,-1.5,,quiet week",
      'week,2024-03-04,"Utrecht, Hoog Catharijne",,3.25,400,',
      "week,2024-03-11,,,2,,",
      "",
    ]);
  });

  it("quotes cells with commas, quotes and line breaks the RFC 4180 way", () => {
    const csv = measurementsToCsv([measurement({ note: 'He said "no",\nthen left; really' })], lookups);
    expect(csv.split("\r\n")[1]).toBe('week,2024-03-04,,,1,,"He said ""no"",\nthen left; really"');
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    const csv = measurementsToCsv([measurement({ locationId: WEB, note: "=HYPERLINK(\"http://x\")" })], lookups);
    expect(csv.split("\r\n")[1]).toBe(`week,2024-03-04,'=Web shop,,1,,"'=HYPERLINK(""http://x"")"`);
  });

  it("writes the id of a location or segment it has no name for", () => {
    const gone = "00000000-0000-4000-8000-000000000099";
    expect(measurementsToCsv([measurement({ segmentId: gone })], lookups).split("\r\n")[1]).toBe(`week,2024-03-04,,${gone},1,,`);
  });

  it("writes only the header when there is nothing to export", () => {
    expect(measurementsToCsv([], lookups)).toBe("period,period_start,location,segment,value,sample_size,note\r\n");
  });

  it("reads back to the same measurements", () => {
    const original = [
      measurement({ periodStart: "2024-03-04", value: 3.2, sampleSize: 1234, note: "after the redesign" }),
      measurement({ periodStart: "2024-03-04", locationId: WEB, value: 1234567.891, note: "-- minus first" }),
      measurement({ periodStart: "2024-03-04", locationId: UTRECHT, segmentId: FAMILIES, value: -1e-7, note: 'quotes "", commas, ; and\nbreaks' }),
      measurement({ periodStart: "2024-03-11", locationId: AMSTERDAM, value: 1.234, sampleSize: 0, note: "'=already quoted" }),
      measurement({ periodStart: "2024-03-18", segmentId: STARTERS, value: 1e12 }),
      measurement({ periodStart: "2024-03-25", value: 0 }),
    ];
    const csv = measurementsToCsv(original, lookups);
    const back = measurementsFromCsv(csv, {
      kpi: VISITS,
      period: "week",
      mapping: { periodStart: "period_start", value: "value", location: "location", segment: "segment", sampleSize: "sample_size", note: "note" },
      lookups,
    });
    expect(back.errors).toEqual([]);
    // `original` is already in the export's order: period start, then location name.
    expect(back.rows.map((row) => row.fields)).toEqual(original);
  });

  it("reads back the export after Dutch Excel saved it again with ';', decimal commas and a BOM", () => {
    const resaved = "\uFEFFperiod;period_start;location;segment;value;sample_size;note\r\nweek;4-3-2024;Amsterdam Centrum;Starters;3,2;1.234;\"a; b\"\r\n";
    const back = measurementsFromCsv(resaved, {
      kpi: VISITS,
      period: "week",
      mapping: { periodStart: "period_start", value: "value", location: "location", segment: "segment", sampleSize: "sample_size", note: "note" },
      lookups,
    });
    expect(back.errors).toEqual([]);
    expect(back.rows.map((row) => row.fields)).toEqual([measurement({ locationId: AMSTERDAM, segmentId: STARTERS, value: 3.2, sampleSize: 1234, note: "a; b" })]);
  });
});
