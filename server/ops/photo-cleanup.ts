import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { securityEvent, type Logger } from "../log";

/** A photo no record has named for this long is removed. */
export const UNNAMED_DAYS = 30;
export const UNNAMED_MS = UNNAMED_DAYS * 24 * 60 * 60 * 1000;
/** How often the clean-up runs (besides once at start). */
export const CLEANUP_EVERY_MS = 6 * 60 * 60 * 1000;

export interface PhotoCleanupResult {
  orgId: string;
  /** Photos found unnamed for the first time (their 30 days start now). */
  marked: number;
  /** Photos a record names again (their 30 days are forgotten). */
  named: number;
  /** Photos removed, and their bytes. */
  removed: number;
  bytes: number;
}

/**
 * The SHA-256 of every photo a record of the organisation names. Only findings name photos
 * (`photos`, a JSON list). An archived finding still names its photos, however long ago it was
 * archived: an admin may restore it until it is purged (and a purge empties `photos`, removing
 * the photos itself, see server/archive/archive.ts). NULLs are left out: one would make
 * `NOT IN` match nothing.
 */
const namedPhotos = (orgId: string) => sql`
  select photo.value from findings, json_each(findings.photos) as photo
  where findings.org_id = ${orgId} and findings.purged_on is null and photo.value is not null`;

/**
 * One pass over every organisation's photos at `now`: a photo no record names gets
 * `unnamed_since = now` (if it has none yet), one named again loses it, and those unnamed for
 * 30 days are removed, in a write transaction that checks again that nothing names them (a
 * finding pushed meanwhile keeps its photo). Photos uploaded before the finding naming them is
 * pushed (a device sends photos first) are covered by the same 30 days. Each removal is logged
 * per organisation (`photos_removed`, with the count and bytes).
 */
export async function cleanUpPhotos(db: Db, { now, log }: { now: Date; log: Logger }): Promise<PhotoCleanupResult[]> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - UNNAMED_MS).toISOString();
  const orgs = await db.all<{ org_id: string }>(sql`select distinct org_id from attachments`);
  const results: PhotoCleanupResult[] = [];
  for (const { org_id: orgId } of orgs) {
    // The named list is worked out once per statement (an uncorrelated IN), not once per photo.
    const marked = await db.run(sql`
      update attachments set unnamed_since = ${at}
      where org_id = ${orgId} and unnamed_since is null and sha256 not in (${namedPhotos(orgId)})`);
    const named = await db.run(sql`
      update attachments set unnamed_since = null
      where org_id = ${orgId} and unnamed_since is not null and sha256 in (${namedPhotos(orgId)})`);
    const removed = await db.transaction(
      (tx) =>
        tx.all<{ size: number }>(sql`
          delete from attachments
          where org_id = ${orgId} and unnamed_since is not null and unnamed_since <= ${cutoff}
            and sha256 not in (${namedPhotos(orgId)})
          returning size`),
      { behavior: "immediate" },
    );
    const bytes = removed.reduce((sum, row) => sum + Number(row.size), 0);
    if (removed.length > 0) securityEvent(log, "photos_removed", { orgId, count: removed.length, bytes });
    results.push({ orgId, marked: marked.rowsAffected, named: named.rowsAffected, removed: removed.length, bytes });
  }
  return results;
}

/**
 * Runs the clean-up now and then every few hours, one pass at a time, without keeping the
 * process alive. Returns the function that stops it (and answers the pass under way, if any).
 */
export function startPhotoCleanup(db: Db, log: Logger, { everyMs = CLEANUP_EVERY_MS }: { everyMs?: number } = {}): () => Promise<void> {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= cleanUpPhotos(db, { now: new Date(), log })
      .then(() => undefined)
      .catch((err: unknown) => log.error({ err }, "photo clean-up failed"))
      .finally(() => (running = null));
    return running;
  };
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
