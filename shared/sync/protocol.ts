import { z } from "zod";
import type { FieldConflict } from "../history";
import { MAX_BATCH, PUSH_ENTITIES, type PullEntity } from "./constants";
import { isHlc } from "./hlc";

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
