import type { PushEntity } from "./sync/constants";

/** Archived records can be restored for this long; after it, an admin may purge them for good. */
export const ARCHIVE_DAYS = 90;
export const ARCHIVE_MS = ARCHIVE_DAYS * 24 * 60 * 60 * 1000;

/** GET /api/orgs/:orgId/archive — archived (deleted, not purged) records, most recently archived first. */
export interface ArchivedRecord {
  entity: PushEntity;
  entityId: string;
  /** The words that name the record (a finding's "saw", an experiment's title …). */
  title: string;
  /** When it was archived (server time) and by whom. */
  deletedAt: string;
  deletedBy: { id: string; name: string };
  /** From when an admin may purge it. */
  purgeableFrom: string;
}

export interface ArchiveResponse {
  records: ArchivedRecord[];
}
