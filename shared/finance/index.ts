/** The finance module: pure functions for business cases, shared by server and web. */
export { annuityFactor, businessCase, losesMoney, OUT_OF_RANGE_MESSAGE, scenarioFromBenefit, scenarioFromLift, type CostTerms } from "./business-case";
export { SCENARIOS, type ScenarioName } from "./constants";
export type { FinanceOutcome, FinanceProblem, FinanceProblemCode } from "./outcome";
