import { HlcClock } from "../../../../shared/sync/hlc";
import { emptyRecord, mergeStates, stateFromPull, type RecordState } from "../../../../shared/sync/merge";
import { PUSH_ENTITIES } from "../../../../shared/sync/constants";
import type { PullResponse, PulledChange } from "../../../../shared/sync/protocol";
import { nextTask } from "../../tasks";
import { ApiError, type Api } from "../api";
import { readMeta, updateMeta, usableClock } from "./database";
import { committed, promised } from "./idb";
import type { StoredRecord } from "./types";

const PUSHABLE = new Set<string>(PUSH_ENTITIES);
const PULL_PAGE = 1000;
/** Pulled changes merged per transaction: about 10 ms of work on a slow phone. */
const PULL_SLICE = 200;

/**
 * Pulls every change since the device's cursor, page by page, merging each into the database
 * before asking for the next; `onPage` hears which entities each page changed. Runs on the
 * page's thread or in the pull worker (pull.worker.ts), which keeps a first pull of thousands
 * of records from freezing the screen.
 */
export async function pullAll(db: IDBDatabase, api: Api, orgId: string, onPage: (touched: Set<string>) => unknown, options: { pause?: boolean } = {}): Promise<void> {
  for (;;) {
    const since = (await readMeta(db))?.cursor ?? "";
    let page: PullResponse;
    try {
      page = await api.call("get", "/orgs/:orgId/sync/pull", { param: { orgId }, query: { since, limit: String(PULL_PAGE) } });
    } catch (err) {
      // A cursor from another database (the server was restored): start over.
      if (err instanceof ApiError && err.code === "stale_cursor") {
        await resetCursor(db);
        continue;
      }
      throw err;
    }
    const { touched } = await mergePulled(db, page.changes, page.cursor, options);
    await onPage(touched);
    if (!page.hasMore) return;
  }
}

/** Forgets how far the device has pulled: the next pull starts from the beginning. */
export async function resetCursor(db: IDBDatabase): Promise<void> {
  const tx = db.transaction("meta", "readwrite");
  const done = committed(tx);
  await updateMeta(tx, () => ({ cursor: "" }));
  await done;
}

export interface Merged {
  /** The entities that changed. */
  touched: Set<string>;
  /** The device's clock after seeing the page's timestamps: later local edits must be stamped after it. */
  hlc: string;
}

/**
 * Merges a page of pulled changes into the device's database and moves the cursor. The page is
 * merged in slices, one transaction each, with a pause between them for the screen to answer
 * taps (on the page's own thread a first pull of a thousand records would otherwise freeze a
 * phone for a second); the cursor moves with the last slice, so a page cut short is pulled
 * again, and merging it twice changes nothing. The page and the pull worker both merge with it;
 * the worker, whose pauses nobody waits for, merges a page in one transaction.
 */
export async function mergePulled(db: IDBDatabase, changes: PulledChange[], cursor: string, options: { pause?: boolean } = {}): Promise<Merged> {
  const touched = new Set<string>();
  const size = options.pause !== false ? PULL_SLICE : Math.max(changes.length, 1);
  let hlc = "";
  for (let start = 0; start === 0 || start < changes.length; start += size) {
    if (start > 0) await nextTask();
    const last = start + size >= changes.length;
    hlc = await mergeSlice(db, changes.slice(start, start + size), touched, last ? cursor : undefined);
  }
  return { touched, hlc };
}

async function mergeSlice(db: IDBDatabase, changes: PulledChange[], touched: Set<string>, cursor: string | undefined): Promise<string> {
  const tx = db.transaction(["records", "meta"], "readwrite");
  const done = committed(tx);
  const records = tx.objectStore("records");
  const remotes = changes.map((change) => (PUSHABLE.has(change.entity) ? stateFromPull(change) : null));
  // A device's first pull has nothing to merge with: no read per record (on a phone, a third of
  // the merge). Otherwise every read is asked at once: the answers come back in order, without a
  // round trip each.
  const empty = (await promised(records.count())) === 0;
  const [currents, meta] = await Promise.all([
    Promise.all(empty ? [] : changes.map((change) => promised(records.get([change.entity, change.entityId])))) as Promise<(StoredRecord | undefined)[]>,
    updateMeta(tx, (meta) => {
      // The clock as the device last saved it, moved past every timestamp of this slice.
      const clock = new HlcClock(meta.nodeId, Date.now, usableClock(meta.hlc));
      for (const remote of remotes) {
        if (!remote) continue;
        for (const hlc of Object.values(remote.clocks)) clock.observe(hlc);
        // A delete made here after a restore must be later than it, or it would be void.
        if (remote.restoredAt) clock.observe(remote.restoredAt);
        if (remote.deletedAt) clock.observe(remote.deletedAt);
      }
      return cursor === undefined ? { hlc: clock.latest } : { hlc: clock.latest, cursor };
    }),
  ]);
  const now = new Date().toISOString();
  changes.forEach((change, index) => {
    const current = currents[index];
    const { authorId, createdAt, updatedAt, ...fields } = change.fields as Record<string, unknown>;
    const remote = remotes[index];
    // Settings are changed only on the server: its version simply replaces ours.
    const state: RecordState = remote ? mergeStates(current ?? emptyRecord(), remote) : { fields, clocks: {}, deletedAt: change.deleted ? "deleted" : null };
    records.put({
      entity: change.entity,
      id: change.entityId,
      ...state,
      meta: {
        authorId: typeof authorId === "string" ? authorId : (current?.meta.authorId ?? ""),
        createdAt: typeof createdAt === "string" ? createdAt : (current?.meta.createdAt ?? now),
        updatedAt: typeof updatedAt === "string" ? updatedAt : (current?.meta.updatedAt ?? now),
      },
      pending: current?.pending ?? 0,
      ...(current?.conflicts ? { conflicts: current.conflicts } : {}),
    } satisfies StoredRecord);
    touched.add(change.entity);
  });
  await done;
  return meta.hlc;
}
