import type { z } from "zod";
import { actionFields, actionRequired } from "../../shared/schemas/action";
import { businessCaseFields, businessCaseRequired } from "../../shared/schemas/business-case";
import { experimentFields, experimentRequired } from "../../shared/schemas/experiment";
import { kpiFields, kpiMeasurementFields, kpiMeasurementRequired, kpiRequired } from "../../shared/schemas/kpi";
import { findingFields, findingRequired } from "../../shared/schemas/finding";
import { mysteryShopFields, mysteryShopRequired, mysteryTemplateFields, mysteryTemplateRequired } from "../../shared/schemas/mystery";
import { visitFields, visitRequired } from "../../shared/schemas/visit";
import { actions, businessCases, experiments, findings, kpiMeasurements, kpis, mysteryShops, mysteryTemplates, visits } from "../db/schema";
import type { PushEntity } from "../../shared/sync/constants";

/** What a reference field may point to: another synced record or an organisation setting. */
export type RefTarget = PushEntity | "location" | "journey_stage" | "segment" | "theme" | "member";

/**
 * A reference field: the kind of record it names. The field may hold one id or a list of ids;
 * for a list of objects (plan blocks, results), `key` names the id inside each item.
 */
export type RefSpec = RefTarget | { target: RefTarget; key: string };

export const refTarget = (spec: RefSpec): RefTarget => (typeof spec === "string" ? spec : spec.target);

/** Every id a field's value names under its reference spec (none for null or a wrong shape: validation judges those). */
export function refIds(value: unknown, spec: RefSpec): string[] {
  const key = typeof spec === "string" ? null : spec.key;
  const items = Array.isArray(value) ? value : [value];
  const ids: string[] = [];
  for (const item of items) {
    const id = key === null ? item : item && typeof item === "object" ? (item as Record<string, unknown>)[key] : undefined;
    if (typeof id === "string") ids.push(id);
  }
  return ids;
}

export type SyncTable =
  | typeof visits
  | typeof findings
  | typeof actions
  | typeof mysteryTemplates
  | typeof mysteryShops
  | typeof experiments
  | typeof kpis
  | typeof kpiMeasurements
  | typeof businessCases;

export interface SyncEntity {
  table: SyncTable;
  /** Every field on the wire; a push may send any subset. */
  fields: z.ZodObject;
  /** Fields a record must have when it is first created. */
  required: readonly string[];
  /** Reference fields and the kind of record each must name inside the same organisation. */
  refs: Record<string, RefSpec>;
  /**
   * Free-text fields: where two devices' edits of the same field are a conflict worth showing
   * (a lost sentence), unlike choices and ids, where the newer pick simply stands.
   */
  texts: readonly string[];
  /**
   * Columns only the server writes (an experiment's status): pulled like fields, with their
   * clock in `clocks`, but refused in a push and left alone when a push updates the record.
   */
  serverFields?: readonly string[];
}

// Who may write which records is not here: shared/permissions.ts decides for every write path.
export const SYNC_ENTITIES: Record<PushEntity, SyncEntity> = {
  visit: { table: visits, fields: visitFields, required: visitRequired, refs: { locationId: "location" }, texts: ["peopleMet", "notes"] },
  finding: {
    texts: ["saw", "felt", "expectation"],
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
      recheck: { target: "visit", key: "visitId" },
    },
  },
  action: { table: actions, fields: actionFields, required: actionRequired, refs: { findingId: "finding", ownerId: "member" }, texts: [] },
  mystery_template: {
    texts: [],
    table: mysteryTemplates,
    fields: mysteryTemplateFields,
    required: mysteryTemplateRequired,
    refs: {},
  },
  mystery_shop: {
    texts: [],
    table: mysteryShops,
    fields: mysteryShopFields,
    required: mysteryShopRequired,
    refs: { templateId: "mystery_template", locationId: "location", visitId: "visit" },
  },
  experiment: {
    texts: ["title", "change", "notes"],
    table: experiments,
    fields: experimentFields,
    required: experimentRequired,
    refs: {
      segmentId: "segment",
      journeyStageId: "journey_stage",
      primaryKpiId: "kpi",
      ownerId: "member",
      themeId: "theme",
      findingIds: "finding",
      guardrailKpiIds: "kpi",
      pilotLocationIds: "location",
      controlLocationIds: "location",
      plan: { target: "member", key: "ownerId" },
      results: { target: "kpi", key: "kpiId" },
    },
    serverFields: ["status", "verdictGates", "gateReason"],
  },
  kpi: { table: kpis, fields: kpiFields, required: kpiRequired, refs: {}, texts: ["name", "description"] },
  kpi_measurement: {
    texts: [],
    table: kpiMeasurements,
    fields: kpiMeasurementFields,
    required: kpiMeasurementRequired,
    refs: { kpiId: "kpi", locationId: "location", segmentId: "segment" },
  },
  business_case: {
    texts: ["title", "summary", "ask", "liftOverrideReason", "volumeLabel", "recommendation"],
    table: businessCases,
    fields: businessCaseFields,
    required: businessCaseRequired,
    refs: { experimentIds: "experiment", findingIds: "finding", kpiId: "kpi", themeId: "theme", ownerId: "member" },
    // The benefit tracking is the owner's, written through its endpoints after approval; it
    // travels to every device so the case and its figures read offline.
    serverFields: ["status", "approvedAt", "goLive", "rampUpMonths", "benefitScope", "benefitActuals"],
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
