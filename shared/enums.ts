/**
 * Every enumeration of the records, in one place and in the order the screens list them: the
 * zod schemas in shared/schemas accept exactly these values, the screens offer them. Deliberately
 * free of zod, so a screen that lists a choice does not load the schemas.
 */

export const VISIT_KINDS = ["floor_walk", "ride_along", "team_meal", "it_walkthrough", "call_listening", "customer_interview", "mystery_shop"] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export const SENTIMENTS = ["pain", "neutral", "delight"] as const;
export const FIX_LEVELS = ["campaign", "message", "proposition", "operations"] as const;
export const FINDING_STATUSES = ["new", "triaged", "linked", "closed"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
export type FixLevel = (typeof FIX_LEVELS)[number];
export type FindingStatus = (typeof FINDING_STATUSES)[number];
/** What a director saw when they looked at an earlier finding again on a later visit. */
export const RECHECK_RESULTS = ["fixed", "still_seen"] as const;
export type RecheckResult = (typeof RECHECK_RESULTS)[number];

export const ACTION_PRIORITIES = ["low", "medium", "high"] as const;
export const ACTION_STATUSES = ["open", "done"] as const;
export type ActionPriority = (typeof ACTION_PRIORITIES)[number];

/** The lifecycle, in order; the allowed moves between them are in shared/permissions.ts. */
export const EXPERIMENT_STATUSES = ["idea", "proposed", "approved", "running", "analysing", "won", "lost", "inconclusive", "scaled", "stopped"] as const;
export const EXPERIMENT_DESIGNS = ["ab_split", "pilot_control", "before_after"] as const;
/** What makes a "won" need an explicit reason (shared/experiments/gates.ts). */
export const VERDICT_GATES = ["srm", "guardrail_hurt", "short_sample"] as const;
export type VerdictGateCode = (typeof VERDICT_GATES)[number];
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];
export type ExperimentDesign = (typeof EXPERIMENT_DESIGNS)[number];

/** In the order a case moves (the case list groups by it). */
export const BUSINESS_CASE_STATUSES = ["draft", "submitted", "approved", "rejected", "deferred"] as const;
export type BusinessCaseStatus = (typeof BUSINESS_CASE_STATUSES)[number];

export const KPI_UNITS = ["percent", "eur", "count", "score"] as const;
export const KPI_DIRECTIONS = ["higher", "lower"] as const;
/** How a KPI is compared between two groups: a rate of users (conversion) or a mean per user (spend). */
export const KPI_KINDS = ["proportion", "mean"] as const;
export const MEASUREMENT_PERIODS = ["day", "week", "month"] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];
export type KpiKind = (typeof KPI_KINDS)[number];
export type MeasurementPeriod = (typeof MEASUREMENT_PERIODS)[number];

export const MYSTERY_CHANNELS = ["store", "phone", "web", "chat"] as const;
export type MysteryChannel = (typeof MYSTERY_CHANNELS)[number];
export const QUESTION_KINDS = ["yes_no", "scale", "text"] as const;

export const LOCATION_KINDS = ["store", "branch", "contact_centre", "web", "app", "field"] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** The languages an organisation's starting data (journey stages, the demo) can be written in. */
export const DATA_LANGUAGES = ["en", "nl"] as const;
export type DataLanguage = (typeof DATA_LANGUAGES)[number];

export type TrendVerdict = "better" | "worse" | "same";

/** Whether the latest value is good news against the one before, for this KPI's direction. */
export function trendVerdict(latest: number, previous: number, direction: KpiDirection | undefined): TrendVerdict {
  const delta = latest - previous;
  if (Math.abs(delta) <= Math.max(Math.abs(previous), Math.abs(latest)) * 1e-9) return "same";
  return (delta > 0) === (direction !== "lower") ? "better" : "worse";
}
