import { describe, expect, it } from "vitest";
import { caseOption, type CaseOption } from "../schemas/business-case";
import { caseScenarios } from "./snapshot";
import { optionFigures } from "./options";

const option = (figures: Partial<CaseOption> = {}): CaseOption => ({ id: "00000000-0000-4000-8000-000000000001", title: "Roll out", description: "", doNothing: false, ...figures });
const terms = { horizonYears: 3, discountRate: 0.08 };

describe("an option's figures against doing nothing", () => {
  it("discounts its yearly net over the case's horizon at the case's rate: −I + (B − C) · Σ 1.08^−y", () => {
    // Σ_{y=1..3} 1.08^−y = 2.5770969872…; −100,000 + 50,000 × that = 28,854.85.
    const figures = optionFigures(option({ investment: 100_000, runningCostPerYear: 10_000, annualBenefit: 60_000 }), terms)!;
    expect(figures.npv).toBeCloseTo(28_854.849362, 5);
    expect(figures.annualBenefit).toBe(60_000);
    // 100,000 back at 50,000 a year net: two years.
    expect(figures.paybackMonths).toBeCloseTo(24, 12);
    // The same case on a 5-year horizon at 0 %: every year counts in full.
    expect(optionFigures(option({ investment: 100_000, runningCostPerYear: 10_000, annualBenefit: 60_000 }), { horizonYears: 5, discountRate: 0 })!.npv).toBe(150_000);
  });

  it("is the case's own NPV when the option is the case's own figures: one formula for both", () => {
    const fields = { lift: { low: 0.004, base: 0.0225, high: 0.041 }, annualVolume: 400_000, valuePerUnit: 35, investment: 120_000, runningCostPerYear: 20_000, ...terms };
    const base = caseScenarios(fields)!.base;
    const same = optionFigures(option({ investment: 120_000, runningCostPerYear: 20_000, annualBenefit: base.annualBenefit }), terms)!;
    expect(same).toEqual(base);
  });

  it("never pays back when it nets nothing or loses money each year, and says so with null, even with nothing invested", () => {
    const losing = optionFigures(option({ investment: 0, runningCostPerYear: 30_000, annualBenefit: 20_000 }), terms)!;
    expect(losing.paybackMonths).toBeNull();
    expect(losing.npv).toBeCloseTo(-25_770.969872, 5);
    expect(optionFigures(option({ investment: 10_000, runningCostPerYear: 0, annualBenefit: 0 }), terms)!).toMatchObject({ npv: -10_000, paybackMonths: null });
    // Paid back only after the horizon: no payback within it.
    expect(optionFigures(option({ investment: 100_000, runningCostPerYear: 0, annualBenefit: 30_000 }), terms)!.paybackMonths).toBeNull();
  });

  it("is the reference at 0 for doing nothing, whatever is stored on it", () => {
    expect(optionFigures(option({ doNothing: true }), terms)).toEqual({ annualBenefit: 0, npv: 0, roi: null, paybackMonths: null });
    expect(optionFigures(option({ doNothing: true, investment: 5 }), { horizonYears: null, discountRate: null })!.npv).toBe(0);
  });

  it("has no figures until its three amounts and the case's horizon and rate are in (0 is an amount, an older option has none)", () => {
    const full = { investment: 0, runningCostPerYear: 0, annualBenefit: 1_000 };
    expect(optionFigures(option(full), terms)!.npv).toBeCloseTo(2_577.096987, 5);
    for (const missing of ["investment", "runningCostPerYear", "annualBenefit"] as const) {
      expect(optionFigures(option({ ...full, [missing]: null }), terms), missing).toBeNull();
      const { [missing]: _left, ...older } = full;
      expect(optionFigures(option(older), terms), `${missing} absent`).toBeNull();
    }
    expect(optionFigures(option(full), { horizonYears: null, discountRate: 0.08 })).toBeNull();
    expect(optionFigures(option(full), { horizonYears: 3, discountRate: null })).toBeNull();
  });
});

describe("an option as stored", () => {
  it("takes the three amounts, each optional and nullable, so options stored before them still read", () => {
    expect(caseOption.safeParse(option()).success).toBe(true);
    expect(caseOption.safeParse(option({ investment: null, runningCostPerYear: null, annualBenefit: null })).success).toBe(true);
    expect(caseOption.safeParse(option({ investment: 48_000, runningCostPerYear: 8_000, annualBenefit: 40_000 })).success).toBe(true);
  });

  it("refuses a negative amount, text and an absurd size", () => {
    for (const bad of [{ investment: -1 }, { runningCostPerYear: "8000" }, { annualBenefit: 1e14 }, { annualBenefit: -0.01 }]) {
      const parsed = caseOption.safeParse({ ...option(), ...bad });
      expect(parsed.success, JSON.stringify(bad)).toBe(false);
      expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual(Object.keys(bad));
    }
  });
});
