import { MAX_CLOCK_AHEAD_MS, newNodeId, parseHlc } from "../../../../shared/sync/hlc";
import { openDatabase, promised } from "./idb";

/**
 * The device's database for one person in one organisation, as both the page and the pull
 * worker open it: one schema, one version, and the sync state ("meta") read and written only
 * inside a transaction, since two threads write it.
 */
const VERSION = 1;

export interface Meta {
  nodeId: string;
  clientId: string;
  hlc: string;
  cursor: string;
  lastSyncAt: string | null;
}

/** A device's sync state before its first sync: a clock node and a client id of its own. */
export function initialMeta(): Meta {
  return { nodeId: newNodeId(), clientId: crypto.randomUUID(), hlc: "", cursor: "", lastSyncAt: null };
}

function upgrade(db: IDBDatabase) {
  const records = db.createObjectStore("records", { keyPath: ["entity", "id"] });
  records.createIndex("entity", "entity");
  db.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
  db.createObjectStore("rejected", { keyPath: "id" });
  db.createObjectStore("photos", { keyPath: "sha256" });
  // Written with the database, so whichever opens it first (the page's store or the pull worker,
  // which may pull before the store has opened) finds the sync state there.
  db.createObjectStore("meta").put(initialMeta(), "meta");
}

export function databaseName(userId: string, orgId: string): string {
  return `chefsache:${userId}:${orgId}`;
}

export function openLocalDatabase(name: string, factory?: IDBFactory): Promise<IDBDatabase> {
  return openDatabase(name, VERSION, upgrade, factory);
}

/**
 * Reads the sync state in `tx` and writes it back changed. Whoever writes it reads it in the
 * same transaction, so the page and the pull worker never overwrite each other's part (the
 * worker's cursor, the page's clock).
 */
export async function updateMeta(tx: IDBTransaction, change: (meta: Meta) => Partial<Meta>): Promise<Meta> {
  const store = tx.objectStore("meta");
  const current = (await promised(store.get("meta"))) as Meta;
  const next = { ...current, ...change(current) };
  store.put(next, "meta");
  return next;
}

export async function readMeta(db: IDBDatabase): Promise<Meta | undefined> {
  const tx = db.transaction("meta");
  return (await promised(tx.objectStore("meta").get("meta"))) as Meta | undefined;
}

/**
 * The saved clock, unless it was saved while the device's time was far ahead: a clock that
 * kept it would stamp every new edit in the future, and the server refuses those.
 */
export function usableClock(hlc: string): string | undefined {
  const saved = hlc ? parseHlc(hlc) : null;
  return saved && saved.millis <= Date.now() + MAX_CLOCK_AHEAD_MS ? hlc : undefined;
}
