import { z } from "zod";
import { FINDING_STATUSES, FIX_LEVELS, RECHECK_RESULTS, SENTIMENTS } from "../enums";
import { MAX_PHOTOS, MAX_TAGS, TAG_MAX, TEXT_MAX } from "../limits";

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "Must be a lower-case hex SHA-256");

/**
 * The latest look at a finding on a later visit: fixed, or still seen — who looked (always the
 * one who records it, shared/permissions.ts), when, and on which visit. An observation for CX
 * operations, who still decide whether the finding is closed.
 */
export const findingRecheck = z.strictObject({
  result: z.enum(RECHECK_RESULTS),
  by: z.uuid(),
  at: z.iso.datetime({ offset: true }),
  visitId: z.uuid().nullable(),
});
export type FindingRecheck = z.infer<typeof findingRecheck>;

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
  // A finding starts as what was seen (a photo, a sentence); how it felt may follow. Only a pain
  // has a severity: a delight (or a neutral observation) is no irritation to grade.
  severity: z.number().int().min(1).max(5).nullable(),
  sentiment: z.enum(SENTIMENTS).nullable(),
  level: z.enum(FIX_LEVELS).nullable(),
  status: z.enum(FINDING_STATUSES),
  tags: z.array(z.string().trim().min(1).max(TAG_MAX)).max(MAX_TAGS),
  photos: z.array(sha256Hex).max(MAX_PHOTOS),
  // Never part of capturing a finding, only of looking at it again later: optional.
  recheck: findingRecheck.nullable().optional(),
});
export const findingRequired = ["saw", "status"] as const;
export type FindingFields = z.infer<typeof findingFields>;
