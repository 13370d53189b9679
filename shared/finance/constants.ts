/**
 * The calculator's plain values, free of zod so a screen that computes a case does not load the
 * wire schema (schemas.ts); the business-case record's schema takes its horizon bounds from here.
 */

/** The three scenarios every business case is shown in, in the order a board reads them. */
export const SCENARIOS = ["low", "base", "high"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** A case's horizon, in whole years. */
export const MIN_HORIZON_YEARS = 1;
export const MAX_HORIZON_YEARS = 10;
