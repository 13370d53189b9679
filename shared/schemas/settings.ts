import { z } from "zod";
import { LOCATION_KINDS, type LocationKind } from "../enums";

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

interface SettingBase {
  id: string;
  name: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface Location extends SettingBase { kind: LocationKind }
export interface JourneyStage extends SettingBase { position: number }
export interface Segment extends SettingBase { motives: string[] }
export interface Theme extends SettingBase { description: string; notDoing: boolean }
