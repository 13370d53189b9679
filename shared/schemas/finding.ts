import { z } from "zod";
import { MAX_PHOTOS, MAX_TAGS, TAG_MAX, TEXT_MAX } from "../limits";

export const SENTIMENTS = ["pain", "neutral", "delight"] as const;
export const FIX_LEVELS = ["campaign", "message", "proposition", "operations"] as const;
export const FINDING_STATUSES = ["new", "triaged", "linked", "closed"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
export type FixLevel = (typeof FIX_LEVELS)[number];
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "Must be a lower-case hex SHA-256");

export const findingFields = z.strictObject({
  visitId: z.uuid().nullable(),
  mysteryShopId: z.uuid().nullable(),
  journeyStageId: z.uuid().nullable(),
  locationId: z.uuid().nullable(),
  segmentId: z.uuid().nullable(),
  themeId: z.uuid().nullable(),
  saw: z.string().max(TEXT_MAX),
  felt: z.string().max(TEXT_MAX),
  expectation: z.string().max(TEXT_MAX),
  severity: z.number().int().min(1).max(5),
  sentiment: z.enum(SENTIMENTS),
  level: z.enum(FIX_LEVELS).nullable(),
  status: z.enum(FINDING_STATUSES),
  tags: z.array(z.string().trim().min(1).max(TAG_MAX)).max(MAX_TAGS),
  photos: z.array(sha256Hex).max(MAX_PHOTOS),
});
export const findingRequired = ["saw", "severity", "sentiment", "status"] as const;
export type FindingFields = z.infer<typeof findingFields>;
