import { failure, success, type FinanceOutcome } from "./outcome";
import { SCENARIOS, type ScenarioName } from "./constants";
import type { BusinessCaseRequest, BusinessCaseResult, CaseTerms, Scenario } from "./schemas";

export const OUT_OF_RANGE_MESSAGE = "These amounts are too large to compute with; enter them in thousands or millions instead";

/** The fields the annual benefit is made of; "lift" stands for the scenario's own lift. */
const BENEFIT_FIELDS = ["annualVolume", "valuePerUnit", "lift"] as const;
/** Every amount a scenario's figures are made of. */
const MONEY_FIELDS = ["investment", "runningCostPerYear", "annualVolume", "valuePerUnit", "lift"] as const;

/**
 * What 1 a year, received at the end of each of `years` years, is worth today at `rate`:
 * Σ_{y=1..H} (1 + r)^−y, exactly H when r = 0. Summed term by term (H ≤ 10) rather than
 * by the closed form (1 − (1 + r)^−H) / r, which loses digits for small r.
 */
export function annuityFactor(rate: number, years: number): number {
  let factor = 0;
  for (let year = 1; year <= years; year++) factor += 1 / (1 + rate) ** year;
  return factor;
}

/** −0 prints as 0 in JSON anyway; normalised so that equal figures compare equal everywhere. */
const plain = (x: number) => x + 0;

/** What a scenario costs and over how long, whatever its benefit is made of. */
export type CostTerms = Pick<CaseTerms, "investment" | "runningCostPerYear" | "horizonYears" | "discountRate">;

/** The amounts a yearly benefit's figures are made of (a business-case option's own fields). */
const OPTION_FIELDS = ["investment", "runningCostPerYear", "annualBenefit"] as const;

/**
 * One scenario's figures for a yearly benefit B (a lift's worth, or what a business-case option
 * brings in against doing nothing):
 *
 *   N = B − C (the net a year),
 *   npv  = −I + Σ_{y=1..H} N / (1 + r)^y,
 *   roi  = (H · B − (I + H · C)) / (I + H · C), null when I + H · C = 0,
 *   paybackMonths = 12 · I / N when N > 0 and that is within 12 · H months (0 when I = 0),
 *                   else null: a scenario that nets nothing or loses money each year never
 *                   pays back, even with nothing invested (a 0 would read as "at once").
 *
 * The one place these are computed: the case's scenarios and its options both come here. A
 * problem instead when an amount would exceed the double range.
 */
export function scenarioFromBenefit(terms: CostTerms, annualBenefit: number): FinanceOutcome<Scenario> {
  const { investment, runningCostPerYear, horizonYears, discountRate } = terms;
  const net = annualBenefit - runningCostPerYear;
  const npv = -investment + net * annuityFactor(discountRate, horizonYears);
  const totalCost = investment + horizonYears * runningCostPerYear;
  // H·N − I is the numerator rearranged (H·benefit − I − H·C); it stays finite where H·benefit alone may not.
  const roi = totalCost === 0 ? null : (horizonYears * net - investment) / totalCost;
  // I / N before × 12: 12 · I can overflow where the months themselves are a handful.
  const paybackMonths = net > 0 && investment / net <= horizonYears ? 12 * (investment / net) : null;

  // An infinite total cost would pass as an ROI of 0, so it is checked in its own right.
  const figures = [annualBenefit, net, npv, totalCost, roi ?? 0, paybackMonths ?? 0];
  if (!figures.every(Number.isFinite)) return failure("out_of_range", OUT_OF_RANGE_MESSAGE, [...OPTION_FIELDS]);

  return success({
    annualBenefit: plain(annualBenefit),
    npv: plain(npv),
    roi: roi === null ? null : plain(roi),
    paybackMonths: paybackMonths === null ? null : plain(paybackMonths),
  });
}

/**
 * One scenario's figures for a lift x: its yearly benefit is V · x · u (annualBenefit), the rest
 * as scenarioFromBenefit. A problem instead when an amount in the calculation would exceed the
 * double range; the lift's path is "lift" here (businessCase names the scenario).
 */
export function scenarioFromLift(terms: CaseTerms, lift: number): FinanceOutcome<Scenario> {
  const { annualVolume, valuePerUnit } = terms;
  const annualBenefit = annualVolume * lift * valuePerUnit;
  if (!Number.isFinite(annualBenefit)) return failure("out_of_range", OUT_OF_RANGE_MESSAGE, [...BENEFIT_FIELDS]);
  const outcome = scenarioFromBenefit(terms, annualBenefit);
  return outcome.ok ? outcome : failure("out_of_range", OUT_OF_RANGE_MESSAGE, [...MONEY_FIELDS]);
}

/**
 * The low, base and high scenarios of a business case. When any scenario's amounts are out
 * of range, one problem names the fields of every scenario at fault ("lift.high").
 */
export function businessCase(request: BusinessCaseRequest): FinanceOutcome<BusinessCaseResult> {
  const { lift, ...terms } = request;
  const scenarios: Partial<Record<ScenarioName, Scenario>> = {};
  const paths = new Set<string>();
  let message = OUT_OF_RANGE_MESSAGE;
  for (const name of SCENARIOS) {
    const outcome = scenarioFromLift(terms, lift[name]);
    if (outcome.ok) scenarios[name] = outcome.value;
    else {
      message = outcome.problem.message;
      for (const path of outcome.problem.paths) paths.add(path === "lift" ? `lift.${name}` : path);
    }
  }
  if (paths.size > 0) return failure("out_of_range", message, [...paths]);
  return success({ scenarios: scenarios as Record<ScenarioName, Scenario> });
}

/** A scenario loses money when its discounted net value is below zero: the case's warning sign. */
export const losesMoney = (scenario: Scenario): boolean => scenario.npv < 0;
