import { describe, expect, it } from "vitest";
import { discountRateFromInput, discountRateToInput, organisationPatch, visitTargetFromInput } from "./organisation-model";

describe("the organisation's settings as typed", () => {
  it("takes a whole number of visits from 0 to 31 and nothing else", () => {
    expect(visitTargetFromInput("2")).toBe(2);
    expect(visitTargetFromInput(" 0 ")).toBe(0);
    expect(visitTargetFromInput("31")).toBe(31);
    for (const text of ["32", "-1", "1.5", "1,5", "", "two"]) expect(visitTargetFromInput(text), text).toBeUndefined();
  });

  it("reads the discount rate in percent, in either language, from 0 to below 100", () => {
    expect(discountRateFromInput("8")).toBe(0.08);
    expect(discountRateFromInput("7,5")).toBe(0.075);
    expect(discountRateFromInput("7.3 %")).toBe(0.073);
    expect(discountRateFromInput("0")).toBe(0);
    for (const text of ["100", "-1", "", "eight"]) expect(discountRateFromInput(text), text).toBeUndefined();
  });

  it("shows a stored rate in percent the way it is typed back", () => {
    expect(discountRateToInput(0.08, "en")).toBe("8");
    expect(discountRateToInput(0.075, "en")).toBe("7.5");
    expect(discountRateToInput(0.075, "nl")).toBe("7,5");
  });

  it("sends only what changed", () => {
    const current = { visitTargetPerMonth: 2, defaultDiscountRate: 0.08 };
    expect(organisationPatch(current, { visitTargetPerMonth: 3, defaultDiscountRate: 0.08 })).toEqual({ visitTargetPerMonth: 3 });
    expect(organisationPatch(current, { visitTargetPerMonth: 2, defaultDiscountRate: 0.1 })).toEqual({ defaultDiscountRate: 0.1 });
    expect(organisationPatch(current, { visitTargetPerMonth: 2, defaultDiscountRate: 0.08 })).toEqual({});
  });
});
