import { z } from "zod";
import { LOCATION_KINDS } from "../enums";

/** Organisation settings: the reference data findings, visits and experiments point to. */

const name = z.string().trim().min(1).max(120);
const archived = z.boolean();

export const locationCreate = z.strictObject({ name, kind: z.enum(LOCATION_KINDS) });
export const locationPatch = z.strictObject({ name: name.optional(), kind: z.enum(LOCATION_KINDS).optional(), archived: archived.optional() });

export const journeyStageCreate = z.strictObject({ name });
export const journeyStagePatch = z.strictObject({ name: name.optional(), archived: archived.optional() });
export const journeyStageOrder = z.strictObject({ ids: z.array(z.uuid()).min(1).max(100) });

const motives = z.array(z.string().trim().min(1).max(60)).max(20);
export const segmentCreate = z.strictObject({ name, motives: motives.default([]) });
export const segmentPatch = z.strictObject({ name: name.optional(), motives: motives.optional(), archived: archived.optional() });

const description = z.string().trim().max(1000);
export const themeCreate = z.strictObject({ name, description: description.default(""), notDoing: z.boolean().default(false) });
export const themePatch = z.strictObject({
  name: name.optional(),
  description: description.optional(),
  notDoing: z.boolean().optional(),
  archived: archived.optional(),
});

/** The settings as the API answers them. */
const settingItem = z.object({ id: z.uuid(), name: z.string(), archived: z.boolean(), createdAt: z.string(), updatedAt: z.string() });
export const locationItem = settingItem.extend({ kind: z.enum(LOCATION_KINDS) }).meta({ id: "Location" });
export const journeyStageItem = settingItem.extend({ position: z.number().int() }).meta({ id: "JourneyStage" });
export const segmentItem = settingItem.extend({ motives: z.array(z.string()) }).meta({ id: "Segment" });
export const themeItem = settingItem.extend({ description: z.string(), notDoing: z.boolean() }).meta({ id: "Theme" });
export type Location = z.infer<typeof locationItem>;
export type JourneyStage = z.infer<typeof journeyStageItem>;
export type Segment = z.infer<typeof segmentItem>;
export type Theme = z.infer<typeof themeItem>;
