import { z } from "zod";
import type { FieldConflict } from "../history";
import { isHlc, MAX_CLOCK_AHEAD_MS } from "./hlc";

/** Entities a device may change through sync/push. */
export const PUSH_ENTITIES = ["visit", "finding", "action", "mystery_shop", "mystery_template", "experiment", "kpi", "kpi_measurement", "business_case"] as const;
export type PushEntity = (typeof PUSH_ENTITIES)[number];

/**
 * Entities pull carries: the pushable ones plus what only the server writes, read-only on the
 * device: the organisation's settings and the experiments' decision log.
 */
export const PULL_ENTITIES = [...PUSH_ENTITIES, "location", "journey_stage", "segment", "theme", "experiment_decision", "business_case_decision"] as const;
export type PullEntity = (typeof PULL_ENTITIES)[number];

export const MAX_BATCH = 1000;
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;
export { MAX_CLOCK_AHEAD_MS };

export const hlcString = z.string().max(64).refine(isHlc, "Not a hybrid logical clock timestamp");

/**
 * The envelope of one change. `fields` is checked per entity afterwards, so that one bad
 * mutation is rejected alone instead of failing the whole batch.
 */
export const mutationSchema = z.strictObject({
  id: z.uuid(),
  entity: z.enum(PUSH_ENTITIES),
  entityId: z.uuid(),
  op: z.enum(["upsert", "delete"]),
  fields: z.record(z.string().max(64), z.unknown()).default({}),
  hlc: hlcString,
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushBody = z.strictObject({
  clientId: z.string().trim().min(1).max(100),
  // Each mutation is validated one by one (see mutationSchema), so the batch only has to be a list.
  mutations: z.array(z.unknown()).max(MAX_BATCH),
});

export type MutationStatus = "applied" | "duplicate" | "rejected";
export interface MutationResult {
  id: string;
  status: MutationStatus;
  error?: { code: string; message: string };
  /** An applied edit whose text lost, field by field, to another device's newer edit: both texts, so the device can show them. */
  conflicts?: FieldConflict[];
}
export interface PushResponse {
  results: MutationResult[];
  cursor: string;
}

export interface PulledChange {
  entity: PullEntity;
  entityId: string;
  deleted: boolean;
  fields: Record<string, unknown>;
  /** Synced entities only: the HLC of each field's last change and of the delete, for merging on the device. */
  clocks?: Record<string, string>;
  deletedAt?: string | null;
  /** Synced entities restored from the archive: the HLC of the latest restore (deletes older than it are void). */
  restoredAt?: string | null;
}
export interface PullResponse {
  changes: PulledChange[];
  cursor: string;
  hasMore: boolean;
}

/** Cursors are opaque to clients: `v1.<sequence>`; the sequence orders every change in the database. */
export function formatCursor(sequence: number): string {
  return `v1.${sequence}`;
}
export function parseCursor(text: string | undefined | null): number | null {
  if (text === undefined || text === null || text === "") return 0;
  const match = /^v1\.(\d{1,15})$/.exec(text);
  return match ? Number(match[1]) : null;
}
