/** The finance module: pure functions for business cases, shared by server and web. */
export { annuityFactor, businessCase, losesMoney, OUT_OF_RANGE_MESSAGE, scenarioFromLift } from "./business-case";
export type { FinanceOutcome, FinanceProblem, FinanceProblemCode } from "./outcome";
export * from "./schemas";
