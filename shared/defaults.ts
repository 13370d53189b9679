/**
 * What a new record starts with, in one place for the server (the demo, new organisations, the
 * database's column defaults) and the screens. Deliberately free of zod, like limits.ts.
 */
import type { BusinessCaseFields } from "./schemas/business-case";
import type { ExperimentFields } from "./schemas/experiment";
import type { PushEntity } from "./sync/constants";
import type { DataLanguage, LocationKind, MysteryChannel } from "./enums";

/** Every field empty: what a new experiment starts with, and what a field of a stored one reads as while it has no value. */
export const EMPTY_EXPERIMENT: Readonly<ExperimentFields> = Object.freeze({
  title: "",
  findingIds: [],
  change: "",
  segmentId: null,
  journeyStageId: null,
  primaryKpiId: null,
  expectedLift: null,
  guardrailKpiIds: [],
  baseline: null,
  mde: null,
  requiredSampleSize: null,
  design: null,
  treatmentShare: null,
  pilotLocationIds: [],
  controlLocationIds: [],
  pilotStart: null,
  pilotEnd: null,
  preFrom: null,
  impact: null,
  confidence: null,
  ease: null,
  ownerId: null,
  team: [],
  themeId: null,
  plan: [],
  results: [],
  notes: "",
});

/** Every field empty: what a new case starts with, and what a field of a stored one reads as while it has no value. */
export const EMPTY_CASE: Readonly<BusinessCaseFields> = Object.freeze({
  title: "",
  summary: "",
  ask: "",
  experimentIds: [],
  findingIds: [],
  kpiId: null,
  baseline: null,
  lift: null,
  liftOverridden: false,
  liftOverrideReason: "",
  volumeLabel: "",
  annualVolume: null,
  valuePerUnit: null,
  investment: null,
  runningCostPerYear: null,
  horizonYears: null,
  discountRate: null,
  options: [],
  risks: [],
  themeId: null,
  recommendation: "",
  ownerId: null,
});

/** The discount rate a new organisation's business cases start with: 8 % a year. */
export const DEFAULT_DISCOUNT_RATE = 0.08;
export const DEFAULT_HORIZON_YEARS = 3;

/** The journey a new organisation starts with, in order, in the language it was set up in. */
export const DEFAULT_JOURNEY_STAGES: Readonly<Record<DataLanguage, readonly string[]>> = {
  en: ["Orientation", "Purchase", "Delivery", "Use", "Service", "Loyalty"],
  nl: ["Oriëntatie", "Aankoop", "Levering", "Gebruik", "Service", "Loyaliteit"],
};

/**
 * The location kinds a mystery-shop template is offered for when it is made, by its channel: a
 * store visit suits stores and branches, a call the contact centre, a web or chat test the
 * webshop and the app. The template's author may change them.
 */
export const CHANNEL_LOCATION_KINDS: Readonly<Record<MysteryChannel, readonly LocationKind[]>> = {
  store: ["store", "branch"],
  phone: ["contact_centre"],
  web: ["web", "app"],
  chat: ["contact_centre", "web", "app"],
};

/**
 * Values a new record takes for fields its first push left out, where the answer is obvious: a
 * finding starts in triage as `new`, an action starts `open`. Applied when a record is created
 * only, so an update without the field keeps what the record holds.
 */
export const CREATE_DEFAULTS: Readonly<Partial<Record<PushEntity, Readonly<Record<string, unknown>>>>> = Object.freeze({
  finding: Object.freeze({ status: "new" }),
  action: Object.freeze({ status: "open" }),
});
