import { defineLifecycle } from "../lifecycle";
import { CASE_MOVES } from "../permissions";
import type { BusinessCaseFields } from "../schemas/business-case";
import type { BusinessCaseStatus } from "../enums";

/** What a case still lacks before it can go to the board. */
export type CaseGap = "lift" | "override_reason" | "annual_volume" | "value_per_unit" | "investment" | "running_cost" | "horizon" | "discount_rate" | "do_nothing_option" | "recommendation";

const missing = (value: unknown) => value === null || value === undefined;

export function caseGaps(fields: Partial<BusinessCaseFields>): CaseGap[] {
  const gaps: CaseGap[] = [];
  if (!fields.lift) gaps.push("lift");
  // Scenarios that are not the experiment's measured ones need the author's reason.
  else if (fields.liftOverridden && !fields.liftOverrideReason?.trim()) gaps.push("override_reason");
  if (missing(fields.annualVolume)) gaps.push("annual_volume");
  if (missing(fields.valuePerUnit)) gaps.push("value_per_unit");
  if (missing(fields.investment)) gaps.push("investment");
  if (missing(fields.runningCostPerYear)) gaps.push("running_cost");
  if (!fields.horizonYears) gaps.push("horizon");
  if (missing(fields.discountRate)) gaps.push("discount_rate");
  if (!(fields.options ?? []).some((o) => o.doNothing)) gaps.push("do_nothing_option");
  if (!fields.recommendation?.trim()) gaps.push("recommendation");
  return gaps;
}

/**
 * The business-case lifecycle: its moves (from the one rule book, shared/permissions.ts), the
 * moves a role can make from a status, and whether a move may be made, and if not, why.
 */
export const caseLifecycle = defineLifecycle<BusinessCaseStatus, Partial<BusinessCaseFields>, CaseGap>({
  noun: "A business case",
  moves: CASE_MOVES,
  gaps: (to, fields) => (to === "submitted" ? caseGaps(fields) : []),
  gapText: {
    lift: "the lift scenarios",
    override_reason: "the reason the lift scenarios differ from the experiment's result",
    annual_volume: "the annual volume",
    value_per_unit: "the value per unit",
    investment: "the one-off investment",
    running_cost: "the running cost per year",
    horizon: "the horizon",
    discount_rate: "the discount rate",
    do_nothing_option: 'a "do nothing" option',
    recommendation: "a recommendation",
  },
  gapIntro: () => "Before it goes to the board",
});
