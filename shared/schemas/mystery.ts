import { z } from "zod";
import { LOCATION_KINDS, MYSTERY_CHANNELS, QUESTION_KINDS } from "../enums";
import { LINE_MAX, MAX_QUESTION_WEIGHT, MAX_QUESTIONS, MAX_SECTIONS, TEXT_MAX, TITLE_MAX } from "../limits";

export const mysteryQuestion = z.strictObject({
  id: z.uuid(),
  text: z.string().trim().min(1).max(LINE_MAX),
  kind: z.enum(QUESTION_KINDS),
  weight: z.number().min(0).max(MAX_QUESTION_WEIGHT),
  naAllowed: z.boolean(),
  critical: z.boolean(),
});
export const mysterySection = z.strictObject({
  id: z.uuid(),
  title: z.string().trim().min(1).max(TITLE_MAX),
  questions: z.array(mysteryQuestion).max(MAX_QUESTIONS),
});
export const mysteryTemplateFields = z.strictObject({
  name: z.string().trim().min(1).max(TITLE_MAX),
  channel: z.enum(MYSTERY_CHANNELS),
  sections: z.array(mysterySection).max(MAX_SECTIONS),
  archived: z.boolean(),
  /**
   * The kinds of location the template is for (a store visit is no test of the app): shops with
   * it start only there. Null on templates made before templates named them: those fit anywhere.
   */
  locationKinds: z
    .array(z.enum(LOCATION_KINDS))
    .min(1)
    .max(LOCATION_KINDS.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, "Each location kind once")
    .nullable(),
});
export const mysteryTemplateRequired = ["name", "channel", "sections"] as const;
export type MysteryTemplateFields = z.infer<typeof mysteryTemplateFields>;
export type MysterySection = z.infer<typeof mysterySection>;
export type MysteryQuestion = z.infer<typeof mysteryQuestion>;

/** One answer: yes/no as a boolean, a 1–5 scale as a number, text as a string; `na` when not applicable. */
export const mysteryAnswer = z.strictObject({
  value: z.union([z.boolean(), z.number().int().min(1).max(5), z.string().max(TEXT_MAX)]).nullable(),
  na: z.boolean(),
  note: z.string().max(TEXT_MAX).optional(),
});
export type MysteryAnswer = z.infer<typeof mysteryAnswer>;

export const mysteryShopFields = z.strictObject({
  templateId: z.uuid(),
  locationId: z.uuid(),
  visitId: z.uuid().nullable(),
  startedAt: z.iso.datetime({ offset: true }),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
  answers: z.record(z.uuid(), mysteryAnswer),
  /**
   * The template's sections as they were when the shop started, so later edits to the template
   * (a weight, a deleted question) do not rewrite this shop's score. Null or absent on shops
   * started before shops kept a copy: those are scored against the template as it is now.
   */
  sections: z.array(mysterySection).max(MAX_SECTIONS).nullable(),
});
export const mysteryShopRequired = ["templateId", "locationId", "startedAt"] as const;
export type MysteryShopFields = z.infer<typeof mysteryShopFields>;
