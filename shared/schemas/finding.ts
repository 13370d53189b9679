import { z } from "zod";

export const SENTIMENTS = ["pain", "neutral", "delight"] as const;
export const FIX_LEVELS = ["campaign", "message", "proposition", "operations"] as const;
export const FINDING_STATUSES = ["new", "triaged", "linked", "closed"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
export type FixLevel = (typeof FIX_LEVELS)[number];
export type FindingStatus = (typeof FINDING_STATUSES)[number];
/** Statuses anyone may give a finding (recording it, linking it to an experiment); the others are triage (TRIAGE_ROLES). */
export const OPEN_TO_ALL_STATUSES: readonly FindingStatus[] = ["new", "linked"];

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "Must be a lower-case hex SHA-256");

export const findingFields = z.strictObject({
  visitId: z.uuid().nullable(),
  mysteryShopId: z.uuid().nullable(),
  journeyStageId: z.uuid().nullable(),
  locationId: z.uuid().nullable(),
  segmentId: z.uuid().nullable(),
  themeId: z.uuid().nullable(),
  saw: z.string().max(5000),
  felt: z.string().max(5000),
  expectation: z.string().max(5000),
  severity: z.number().int().min(1).max(5),
  sentiment: z.enum(SENTIMENTS),
  level: z.enum(FIX_LEVELS).nullable(),
  status: z.enum(FINDING_STATUSES),
  tags: z.array(z.string().trim().min(1).max(40)).max(30),
  photos: z.array(sha256Hex).max(30),
});
export const findingRequired = ["saw", "severity", "sentiment", "status"] as const;
export type FindingFields = z.infer<typeof findingFields>;
