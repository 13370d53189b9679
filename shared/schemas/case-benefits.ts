import { z } from "zod";
import { KPI_KINDS, KPI_UNITS } from "../enums";
import { DESCRIPTION_MAX, MAX_RAMP_UP_MONTHS, MAX_SCOPE_LOCATIONS } from "../limits";

/**
 * The wire format of benefit tracking (shared/business-cases/benefits.ts holds the maths): what
 * the case's owner sends — go-live, ramp-up, measurement scope, a quarter's actual — and what the
 * server answers.
 */

export const benefitScope = z
  .strictObject({
    locationIds: z.array(z.uuid()).max(MAX_SCOPE_LOCATIONS).describe("The locations whose figures count; empty: the organisation-wide figures."),
    segmentId: z.uuid().nullable().describe("The segment whose figures count; null: all customers."),
    baselineFrom: z.iso.date().describe("First day of the baseline period (before go-live)."),
    baselineTo: z.iso.date().describe("Last day of the baseline period."),
  })
  .refine((s) => s.baselineFrom <= s.baselineTo, { path: ["baselineTo"], message: "The baseline period ends before it starts" })
  .refine((s) => new Set(s.locationIds).size === s.locationIds.length, { path: ["locationIds"], message: "A location is named twice" });

/** PUT /api/orgs/:orgId/business-cases/:id/benefit-plan */
export const benefitPlanRequest = z.strictObject({
  goLive: z.iso.date().describe("The day the change went (or goes) live: targets start here."),
  rampUpMonths: z.number().int().min(0).max(MAX_RAMP_UP_MONTHS).describe("Months to the full benefit, linearly; 0: the full benefit from go-live."),
  scope: benefitScope.nullable().describe("Where the KPI is measured and against which period; null: actuals are only recorded."),
});
export type BenefitPlanRequest = z.infer<typeof benefitPlanRequest>;

/** PUT /api/orgs/:orgId/business-cases/:id/benefit-actuals/:quarter */
export const benefitActualRequest = z.strictObject({
  amount: z.number().finite().min(-1e12).max(1e12).describe("The quarter's benefit in euros (negative: a loss)."),
  method: z.string().trim().min(1).max(DESCRIPTION_MAX).describe("How it was measured."),
});

export const quarterParam = z.string().regex(/^\d{4}-Q[1-4]$/, "A quarter such as 2026-Q3");

const recordedActual = z.object({ quarter: z.string(), amount: z.number(), method: z.string(), recordedBy: z.string(), recordedAt: z.string() });

export const caseQuarter = z.object({
  quarter: z.string().describe('"2026-Q3"'),
  days: z.number().describe("Days of the quarter that count: from go-live, within the horizon, up to today."),
  daysInQuarter: z.number(),
  toDate: z.boolean().describe("The current quarter, counted up to today."),
  target: z.number().describe("The base scenario's benefit for the counted days, along the ramp-up."),
  actual: z.number().nullable().describe("The recorded actual, else the measured one; null when neither."),
  source: z.enum(["recorded", "measured"]).nullable(),
  recorded: recordedActual.nullable(),
  measured: z
    .object({
      level: z.number(),
      baseline: z.number(),
      movement: z.number().describe("level − baseline in the KPI's own scale."),
      share: z.number().describe("The share of the movement booked to this case (split in proportion to each case's target for the quarter)."),
      sharedWith: z.array(z.string()),
      amount: z.number(),
    })
    .nullable(),
  gap: z.enum(["no_kpi", "no_scope", "no_baseline_data", "no_data"]).nullable().describe("Why nothing was measured."),
});

const caseBenefitsFields = {
    caseId: z.string(),
    tracked: z.boolean().describe("False for a case that is not approved: nothing to track."),
    start: z.string().nullable().describe("Go-live, or the approval day while none is set."),
    goLiveSet: z.boolean(),
    rampUpMonths: z.number(),
    quarters: z.array(caseQuarter),
    promised: z.number().describe("Σ the targets so far (the current quarter to date)."),
    delivered: z.number().describe("Σ the actuals so far (quarters without one count nothing)."),
    promisedWithActuals: z.number().describe("Σ the targets of the quarters that have an actual."),
};

/** GET /api/orgs/:orgId/business-cases/:id/benefits, and the answer of every benefit write. */
export const caseBenefitsResult = z.object(caseBenefitsFields).meta({ id: "CaseBenefits" });

/** An approved case's benefits as the board view lists them: with its title and KPI, to read the movement in. */
export const boardCaseBenefits = z.object({
  ...caseBenefitsFields,
  title: z.string(),
  kpi: z.object({ name: z.string(), unit: z.enum(KPI_UNITS), kind: z.enum(KPI_KINDS) }).nullable(),
});

/** Every approved case's quarters added up. */
export const totalQuarter = z.object({
  quarter: z.string(),
  target: z.number(),
  actual: z.number().nullable().describe("Σ the actuals of the cases that have one; null when none has."),
  cases: z.number().describe("Approved cases with days in the quarter."),
  withActual: z.number().describe("Of those, the cases with an actual."),
});
