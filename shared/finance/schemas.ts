import { z } from "zod";
import { MAX_HORIZON_YEARS, MIN_HORIZON_YEARS, SCENARIOS } from "./constants";

/**
 * Wire schema of the business-case calculator (POST /api/finance/business-case), also the
 * web form's validation. It checks each field's own domain; whether the amounts are small
 * enough to compute with is decided by business-case.ts. zod's number() already refuses
 * NaN and ±Infinity, so every number that passes is finite.
 */

/** Money or a volume: 0 or more. */
const nonNegative = z.number().min(0, "Cannot be negative");

/**
 * The lift per scenario, in the KPI's own units per unit of volume (for a conversion rate
 * against visitors: 0.004 = 0.4 points more conversions per visitor). A lift may be negative
 * (a scenario where the change hurts); the order low ≤ base ≤ high is not enforced, since an
 * overridden scenario is the author's call and shows as entered.
 */
export const liftScenarios = z.strictObject({
  low: z.number(),
  base: z.number(),
  high: z.number(),
});

export const businessCaseRequest = z.strictObject({
  /** One-off, paid at the start (year 0). */
  investment: nonNegative,
  runningCostPerYear: nonNegative,
  // One refinement rather than int().min().max(): a value like 1e20 would otherwise get two
  // issues on the same field.
  horizonYears: z
    .number()
    .refine(
      (years) => Number.isInteger(years) && years >= MIN_HORIZON_YEARS && years <= MAX_HORIZON_YEARS,
      `Must be a whole number of years from ${MIN_HORIZON_YEARS} to ${MAX_HORIZON_YEARS}`,
    ),
  /** A fraction a year: 0.08 is 8 %. */
  discountRate: z.number().min(0, "Cannot be negative").lt(1, "Must be below 1 (0.08 is 8 %)"),
  /** How many units a year the lift applies to (for example visitors a year). */
  annualVolume: nonNegative,
  /** What one unit of the KPI is worth (for example the margin of one extra conversion). */
  valuePerUnit: nonNegative,
  lift: liftScenarios,
});

export type BusinessCaseRequest = z.output<typeof businessCaseRequest>;
/** Everything but the lifts: what the three scenarios share. */
export type CaseTerms = Omit<BusinessCaseRequest, "lift">;

/** One scenario's figures. */
export const scenario = z
  .object({
    annualBenefit: z.number().describe("annualVolume × lift × valuePerUnit, a year."),
    npv: z.number().describe("−investment + Σ over the horizon of (annualBenefit − runningCostPerYear) / (1 + r)^year."),
    roi: z.number().nullable().describe("(total benefit − total cost) / total cost over the horizon, undiscounted; null when nothing is spent."),
    paybackMonths: z
      .number()
      .nullable()
      .describe("Months until the investment is earned back (0 without investment); null when not within the horizon or when the yearly net (benefit − running cost) is 0 or less, whatever the investment."),
  })
  .meta({ id: "Scenario" });
export type Scenario = z.output<typeof scenario>;

/** The answer of POST /api/finance/business-case. */
export const businessCaseResult = z.object({ scenarios: z.record(z.enum(SCENARIOS), scenario) }).meta({ id: "BusinessCaseResult" });
export type BusinessCaseResult = z.output<typeof businessCaseResult>;
