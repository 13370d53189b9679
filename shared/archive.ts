import { z } from "zod";
import { PUSH_ENTITIES } from "./sync/constants";

/** Archived records can be restored for this long; after it, an admin may purge them for good. */
export const ARCHIVE_DAYS = 90;
export const ARCHIVE_MS = ARCHIVE_DAYS * 24 * 60 * 60 * 1000;

/** GET /api/orgs/:orgId/archive — archived (deleted, not purged) records, most recently archived first. */
export const archivedRecord = z
  .object({
    entity: z.enum(PUSH_ENTITIES),
    entityId: z.string(),
    /** The words that name the record (a finding's "saw", an experiment's title …). */
    title: z.string(),
    /** When it was archived (server time) and by whom. */
    deletedAt: z.string(),
    deletedBy: z.object({ id: z.string(), name: z.string() }),
    /** From when an admin may purge it. */
    purgeableFrom: z.string(),
  })
  .meta({ id: "ArchivedRecord" });
export type ArchivedRecord = z.infer<typeof archivedRecord>;

export const archiveResponse = z.object({ records: z.array(archivedRecord) });
export type ArchiveResponse = z.infer<typeof archiveResponse>;
