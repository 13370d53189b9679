import type { z } from "zod";
import { ROLES, type Role } from "../../shared/roles";
import { actionFields, actionRequired } from "../../shared/schemas/action";
import { findingFields, findingRequired } from "../../shared/schemas/finding";
import { mysteryShopFields, mysteryShopRequired, mysteryTemplateFields, mysteryTemplateRequired } from "../../shared/schemas/mystery";
import { visitFields, visitRequired } from "../../shared/schemas/visit";
import type { PushEntity } from "../../shared/sync/protocol";
import { actions, findings, mysteryShops, mysteryTemplates, visits } from "../db/schema";

/** What a reference field may point to: another synced record or an organisation setting. */
export type RefTarget = PushEntity | "location" | "journey_stage" | "segment" | "theme" | "member";

export type SyncTable = typeof visits | typeof findings | typeof actions | typeof mysteryTemplates | typeof mysteryShops;

export interface SyncEntity {
  table: SyncTable;
  /** Every field on the wire; a push may send any subset. */
  fields: z.ZodObject;
  /** Fields a record must have when it is first created. */
  required: readonly string[];
  /** Reference fields and the kind of record each must name inside the same organisation. */
  refs: Record<string, RefTarget>;
  /** Roles that may change records of this entity. */
  writers: readonly Role[];
}

export const SYNC_ENTITIES: Record<PushEntity, SyncEntity> = {
  visit: { table: visits, fields: visitFields, required: visitRequired, refs: { locationId: "location" }, writers: ROLES },
  finding: {
    table: findings,
    fields: findingFields,
    required: findingRequired,
    refs: {
      visitId: "visit",
      mysteryShopId: "mystery_shop",
      journeyStageId: "journey_stage",
      locationId: "location",
      segmentId: "segment",
      themeId: "theme",
    },
    writers: ROLES,
  },
  action: { table: actions, fields: actionFields, required: actionRequired, refs: { findingId: "finding", ownerId: "member" }, writers: ROLES },
  mystery_template: {
    table: mysteryTemplates,
    fields: mysteryTemplateFields,
    required: mysteryTemplateRequired,
    refs: {},
    writers: ["admin", "cx_ops"],
  },
  mystery_shop: {
    table: mysteryShops,
    fields: mysteryShopFields,
    required: mysteryShopRequired,
    refs: { templateId: "mystery_template", locationId: "location", visitId: "visit" },
    writers: ["admin", "executive", "cx_ops"],
  },
};

const names = new Map<SyncEntity, string[]>();
const partials = new Map<SyncEntity, z.ZodType>();

/** The entity's wire field names (computed once). */
export function fieldNames(entity: SyncEntity): string[] {
  let list = names.get(entity);
  if (!list) names.set(entity, (list = Object.keys(entity.fields.shape)));
  return list;
}

/** The schema a push's fields are checked against: any subset of the fields (built once). */
export function partialFields(entity: SyncEntity): z.ZodType {
  let schema = partials.get(entity);
  if (!schema) partials.set(entity, (schema = entity.fields.partial()));
  return schema;
}
