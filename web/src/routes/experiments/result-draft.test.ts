import { describe, expect, it } from "vitest";
import type { KpiResult } from "../../../../shared/schemas/experiment";
import { draftFromResult, mergeResults, parseNumber, readDraft, type ResultDraft } from "./result-draft";

const KPI = "00000000-0000-4000-8000-000000000001";
const OTHER = "00000000-0000-4000-8000-000000000002";
const THIRD = "00000000-0000-4000-8000-000000000003";

const proportionDraft = (cu: string, cc: string, tu: string, tc: string): ResultDraft => ({
  control: { users: cu, conversions: cc },
  treatment: { users: tu, conversions: tc },
});
const meanDraft = (c: [string, string, string], tr: [string, string, string]): ResultDraft => ({
  control: { n: c[0], mean: c[1], sd: c[2] },
  treatment: { n: tr[0], mean: tr[1], sd: tr[2] },
});

describe("parseNumber", () => {
  it("reads decimals with a point or a comma in either language", () => {
    expect(parseNumber("12.5", "en")).toBe(12.5);
    expect(parseNumber("12,5", "nl")).toBe(12.5);
    expect(parseNumber("12.5", "nl")).toBe(12.5);
    expect(parseNumber("-0,25", "nl")).toBe(-0.25);
  });

  it("reads thousands the way the language groups them", () => {
    expect(parseNumber("4.000", "nl")).toBe(4000);
    expect(parseNumber("4,000", "en")).toBe(4000);
    expect(parseNumber("4 000", "en")).toBe(4000);
    expect(parseNumber("1.234.567", "nl")).toBe(1234567);
    expect(parseNumber("1.234,56", "nl")).toBe(1234.56);
    expect(parseNumber("1,234.56", "en")).toBe(1234.56);
    // In English "4.000" is four, in Dutch "4,000" is four.
    expect(parseNumber("4.000", "en")).toBe(4);
    expect(parseNumber("4,000", "nl")).toBe(4);
  });

  it("refuses text that is not a number", () => {
    for (const text of ["", "  ", "abc", "12a", "1.2.3", "--4", "1e5", "Infinity"]) expect(parseNumber(text, "en"), text).toBeUndefined();
  });
});

describe("readDraft", () => {
  it("turns complete, valid figures into a stored and comparable result", () => {
    const reading = readDraft(KPI, "proportion", proportionDraft("4.000", "820", "4000", "910"), "nl");
    expect(reading.issues).toEqual({});
    expect(reading.comparable).toEqual({ kpiId: KPI, control: { users: 4000, conversions: 820 }, treatment: { users: 4000, conversions: 910 } });
    expect(reading.storable).toEqual(reading.comparable);
  });

  it("says when conversions are above users, but still keeps what was typed", () => {
    const reading = readDraft(KPI, "proportion", proportionDraft("100", "120", "100", "10"), "en");
    expect(reading.issues).toEqual({ "control.conversions": "conversionsAboveUsers" });
    expect(reading.comparable).toBeNull();
    expect(reading.storable).toEqual({ kpiId: KPI, control: { users: 100, conversions: 120 }, treatment: { users: 100, conversions: 10 } });
  });

  it("needs whole, non-negative counts and at least one user", () => {
    const reading = readDraft(KPI, "proportion", proportionDraft("0", "0", "10,5", "-1"), "nl");
    expect(reading.issues).toEqual({ "control.users": "noUsers", "treatment.users": "whole", "treatment.conversions": "negative" });
    expect(reading.storable).toBeNull();
  });

  it("refuses a standard deviation of 0 or below and fewer than 2 observations", () => {
    const reading = readDraft(KPI, "mean", meanDraft(["1", "23.5", "0"], ["50", "24", "-2"]), "en");
    expect(reading.issues).toEqual({ "control.n": "nTooSmall", "control.sd": "sdNotPositive", "treatment.sd": "sdNotPositive" });
    expect(reading.comparable).toBeNull();
    // A negative sd is not something the device store accepts; an sd of 0 is.
    expect(reading.storable).toBeNull();
    const zero = readDraft(KPI, "mean", meanDraft(["10", "23.5", "0"], ["50", "24", "2"]), "en");
    expect(zero.storable).toEqual({ kpiId: KPI, control: { n: 10, mean: 23.5, sd: 0 }, treatment: { n: 50, mean: 24, sd: 2 } });
    expect(zero.comparable).toBeNull();
  });

  it("marks empty fields as required and tells empty from partly filled", () => {
    const empty = readDraft(KPI, "mean", { control: {}, treatment: {} }, "en");
    expect(empty).toMatchObject({ empty: true, complete: false, storable: null, comparable: null });
    const partial = readDraft(KPI, "proportion", proportionDraft("100", "", "100", "x"), "en");
    expect(partial).toMatchObject({ empty: false, complete: false, storable: null });
    expect(partial.issues).toEqual({ "control.conversions": "required", "treatment.conversions": "number" });
  });

  it("round-trips a stored result through the form in both languages", () => {
    const stored: KpiResult = { kpiId: KPI, control: { n: 1200, mean: 23.45, sd: 11.2 }, treatment: { n: 1180, mean: 24.1, sd: 10.95 } };
    const nl = draftFromResult(stored, "mean", "nl");
    expect(nl.control).toEqual({ n: "1200", mean: "23,45", sd: "11,2" });
    expect(readDraft(KPI, "mean", nl, "nl").comparable).toEqual(stored);
    expect(readDraft(KPI, "mean", draftFromResult(stored, "mean", "en"), "en").comparable).toEqual(stored);
    // A result of the other kind does not fill the form.
    expect(draftFromResult(stored, "proportion", "en")).toEqual({ control: {}, treatment: {} });
  });
});

describe("mergeResults", () => {
  it("replaces, adds and removes a KPI's result and keeps the others", () => {
    const a: KpiResult = { kpiId: KPI, control: { users: 10, conversions: 1 }, treatment: { users: 10, conversions: 2 } };
    const b: KpiResult = { kpiId: OTHER, control: { users: 5, conversions: 1 }, treatment: { users: 5, conversions: 1 } };
    const a2: KpiResult = { ...a, treatment: { users: 10, conversions: 3 } };
    const c: KpiResult = { ...b, kpiId: THIRD };
    expect(mergeResults([a, b], new Map([[KPI, a2]]))).toEqual([a2, b]);
    expect(mergeResults([a, b], new Map([[KPI, null]]))).toEqual([b]);
    expect(mergeResults([a], new Map([[THIRD, c]]))).toEqual([a, c]);
    expect(mergeResults([a, b], new Map([[KPI, a2], [THIRD, c]]))).toEqual([a2, b, c]);
  });
});
