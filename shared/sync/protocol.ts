import { z } from "zod";
import { fieldConflict } from "../history";
import { MAX_BATCH, PULL_ENTITIES, PUSH_ENTITIES } from "./constants";
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

export const MUTATION_STATUSES = ["applied", "duplicate", "rejected"] as const;
export type MutationStatus = (typeof MUTATION_STATUSES)[number];

const cursor = z.string().describe("Opaque: pull from here next time");

export const mutationResult = z
  .object({
    id: z.uuid(),
    status: z.enum(MUTATION_STATUSES),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    /** An applied edit whose text lost, field by field, to another device's newer edit: both texts, so the device can show them. */
    conflicts: z.array(fieldConflict).optional(),
  })
  .meta({ id: "MutationResult" });
export type MutationResult = z.infer<typeof mutationResult>;

/** The answer of POST /api/orgs/:orgId/sync/push: one result per mutation, in order. */
export const pushResponse = z.object({ results: z.array(mutationResult), cursor }).meta({ id: "PushResponse" });
export type PushResponse = z.infer<typeof pushResponse>;

export const pulledChange = z
  .object({
    entity: z.enum(PULL_ENTITIES),
    entityId: z.string(),
    deleted: z.boolean(),
    fields: z.record(z.string(), z.unknown()),
    /** Synced entities only: the HLC of each field's last change and of the delete, for merging on the device. */
    clocks: z.record(z.string(), z.string()).optional(),
    deletedAt: z.string().nullable().optional(),
    /** Synced entities restored from the archive: the HLC of the latest restore (deletes older than it are void). */
    restoredAt: z.string().nullable().optional(),
  })
  .meta({ id: "PulledChange" });
export type PulledChange = z.infer<typeof pulledChange>;

/** The answer of GET /api/orgs/:orgId/sync/pull: changes after the cursor, in sequence order. */
export const pullResponse = z.object({ changes: z.array(pulledChange), cursor, hasMore: z.boolean() }).meta({ id: "PullResponse" });
export type PullResponse = z.infer<typeof pullResponse>;

export { formatCursor, parseCursor } from "./cursor";
