import { HlcClock, MAX_CLOCK_AHEAD_MS, parseHlc } from "../../../../shared/sync/hlc";
import { applyChange, emptyRecord } from "../../../../shared/sync/merge";
import type { Mutation, MutationResult, PulledChange } from "../../../../shared/sync/protocol";
import type { Api } from "../api";
import { databaseName, initialMeta, openLocalDatabase, readMeta, updateMeta, usableClock, type Meta } from "./database";
import { committed, promised } from "./idb";
import { undoMutation, type OutboxEntry, type RejectedEntry } from "./outbox";
import { mergePulled, pullAll } from "./pull";
import type { Entity, EntityFields, PullEntity, PushEntity, StoredRecord } from "./types";
import { compareText } from "../../order";

export interface StoredPhoto {
  sha256: string;
  blob: Blob;
  type: string;
  uploaded: boolean;
  createdAt: string;
  /** A copy of a photo the server has, fetched ahead so it shows offline (a colleague's, say). */
  fetched?: boolean;
}

/** Copies fetched ahead that are kept at most (about 300 KB each); the oldest go first. */
export const FETCHED_PHOTOS_MAX = 200;

/** "edit": this tab's user changed something; "sync": the sync engine did; "other-tab": another tab did. */
export type ChangeOrigin = "edit" | "sync" | "other-tab";
export type StoreListener = (entities: Set<string>, origin: ChangeOrigin) => void;

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function toEntity<E extends PullEntity>(record: StoredRecord): Entity<E> {
  return { ...(record.fields as Partial<EntityFields[E]>), id: record.id, pending: record.pending > 0, conflicts: record.conflicts ?? [], ...record.meta };
}

/**
 * Everything the device holds for one person in one organisation, in IndexedDB: records,
 * the outbox of changes not yet acknowledged, rejected changes, photos and sync state.
 * Each user edit writes its record and its outbox entry in one transaction, so an edit is
 * either wholly kept (and will be sent) or not made at all — whatever happens to the tab.
 */
export class LocalStore {
  private readonly listeners = new Set<StoreListener>();
  private readonly channel: BroadcastChannel | null;

  private constructor(
    private readonly db: IDBDatabase,
    private clock: HlcClock,
    private meta: Meta,
    readonly userId: string,
    readonly name: string,
  ) {
    this.channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(name);
    // Another tab of the same person and organisation changed something: show it here too.
    if (this.channel) this.channel.onmessage = (event: MessageEvent<string[]>) => this.notify(new Set(event.data), "other-tab");
  }

  static async open(userId: string, orgId: string, factory?: IDBFactory): Promise<LocalStore> {
    const name = databaseName(userId, orgId);
    const db = await openLocalDatabase(name, factory);
    const tx = db.transaction("meta", "readwrite");
    const metaStore = tx.objectStore("meta");
    let meta = (await promised(metaStore.get("meta"))) as Meta | undefined;
    if (!meta) {
      meta = initialMeta();
      metaStore.put(meta, "meta");
    }
    await committed(tx);
    // A clock saved while the device's time was far ahead would keep stamping every new edit in
    // the future, and the server refuses those: start from the (corrected) time instead, and
    // restamp the changes still waiting (rebaseFutureChanges), so none is lost.
    const store = new LocalStore(db, new HlcClock(meta.nodeId, Date.now, usableClock(meta.hlc)), meta, userId, name);
    await store.rebaseFutureChanges();
    return store;
  }

  /**
   * Gives a fresh timestamp to every waiting change stamped more than the allowed skew ahead of
   * this device's clock (made while its time was wrong, then refused as `clock_ahead`), and to
   * the record fields it set, so they are sent again once the time is right.
   */
  async rebaseFutureChanges(): Promise<number> {
    const limit = Date.now() + MAX_CLOCK_AHEAD_MS;
    const isFuture = (hlc: string) => (parseHlc(hlc)?.millis ?? 0) > limit;
    // This runs before every sync: look without a write lock first, so edits are never held up
    // by it; the write transaction below reads again, as an edit may land in between.
    if (!(await this.outbox()).some((entry) => isFuture(entry.mutation.hlc))) return 0;
    const tx = this.db.transaction(["records", "outbox", "meta"], "readwrite");
    const outbox = tx.objectStore("outbox");
    const records = tx.objectStore("records");
    const entries = ((await promised(outbox.getAll())) as OutboxEntry[]).filter((entry) => isFuture(entry.mutation.hlc));
    if (entries.length === 0) {
      tx.abort();
      return 0;
    }
    this.clock = new HlcClock(this.meta.nodeId, Date.now);
    for (const entry of entries) {
      const old = entry.mutation.hlc;
      const hlc = this.clock.next();
      outbox.put({ ...entry, mutation: { ...entry.mutation, hlc } } satisfies OutboxEntry);
      const record = (await promised(records.get([entry.mutation.entity, entry.mutation.entityId]))) as StoredRecord | undefined;
      if (!record) continue;
      for (const [field, clock] of Object.entries(record.clocks)) if (clock === old) record.clocks[field] = hlc;
      if (record.deletedAt === old) record.deletedAt = hlc;
      records.put(record);
    }
    this.meta = await updateMeta(tx, () => ({ hlc: this.clock.latest }));
    await committed(tx);
    this.notify(new Set(entries.map((entry) => entry.mutation.entity)));
    return entries.length;
  }

  close() {
    this.channel?.close();
    this.db.close();
  }

  /** Called with the entities that changed, after the change is durable. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(entities: Set<string>, origin: ChangeOrigin = "sync") {
    if (entities.size === 0) return;
    for (const listener of this.listeners) listener(entities, origin);
    if (origin !== "other-tab") this.channel?.postMessage([...entities]);
  }

  get clientId() {
    return this.meta.clientId;
  }
  get cursor() {
    return this.meta.cursor;
  }
  get lastSyncAt() {
    return this.meta.lastSyncAt;
  }

  async list<E extends PullEntity>(entity: E, options: { includeDeleted?: boolean } = {}): Promise<Entity<E>[]> {
    const tx = this.db.transaction("records");
    const rows = (await promised(tx.objectStore("records").index("entity").getAll(entity))) as StoredRecord[];
    return rows.filter((r) => options.includeDeleted || r.deletedAt === null).map((r) => toEntity<E>(r));
  }

  async get<E extends PullEntity>(entity: E, id: string): Promise<Entity<E> | undefined> {
    const tx = this.db.transaction("records");
    const row = (await promised(tx.objectStore("records").get([entity, id]))) as StoredRecord | undefined;
    return row && row.deletedAt === null ? toEntity<E>(row) : undefined;
  }

  /** Records a local edit: applies it and queues it for the server, in one transaction. */
  async change<E extends PushEntity>(entity: E, id: string, fields: Partial<EntityFields[E]>): Promise<Mutation> {
    return this.write({ id: crypto.randomUUID(), entity, entityId: id, op: "upsert", fields: fields as Record<string, unknown>, hlc: "" });
  }

  async remove(entity: PushEntity, id: string): Promise<Mutation> {
    return this.write({ id: crypto.randomUUID(), entity, entityId: id, op: "delete", fields: {}, hlc: "" });
  }

  /**
   * Deletes a record that came to nothing (a finding left blank): its changes still waiting are
   * taken out of the outbox and only the delete is queued, in one transaction. A record the
   * server never got thus never reaches it (the server answers a delete of an unknown record
   * without writing anything); one it got, or whose creation is on its way, is archived.
   */
  async discard(entity: PushEntity, id: string): Promise<Mutation> {
    return this.write({ id: crypto.randomUUID(), entity, entityId: id, op: "delete", fields: {}, hlc: "" }, { dropQueued: true });
  }

  private async write(draft: Mutation, options: { dropQueued?: boolean } = {}): Promise<Mutation> {
    const tx = this.db.transaction(["records", "outbox", "meta"], "readwrite");
    const done = committed(tx);
    const records = tx.objectStore("records");
    const now = new Date().toISOString();
    let mutation: Mutation | undefined;
    try {
      const [current, meta] = await Promise.all([
        promised(records.get([draft.entity, draft.entityId])) as Promise<StoredRecord | undefined>,
        updateMeta(tx, (stored) => {
          // The pull worker moved the saved clock past what it merged: stamp this edit after that.
          this.adopt(stored.hlc);
          mutation = { ...draft, hlc: this.clock.next() };
          return { hlc: this.clock.latest };
        }),
      ]);
      this.meta = meta;
      if (!mutation) throw new Error("the edit was not stamped");
      let dropped = 0;
      if (options.dropQueued) {
        const outbox = tx.objectStore("outbox");
        for (const entry of (await promised(outbox.getAll())) as OutboxEntry[]) {
          if (entry.mutation.entity !== mutation.entity || entry.mutation.entityId !== mutation.entityId || entry.mutation.op !== "upsert") continue;
          outbox.delete(entry.seq!);
          dropped++;
        }
      }
      const { state } = applyChange(current ?? emptyRecord(), mutation);
      const next: StoredRecord = {
        entity: mutation.entity,
        id: mutation.entityId,
        ...state,
        meta: current?.meta ?? { authorId: this.userId, createdAt: now, updatedAt: now },
        pending: Math.max(0, (current?.pending ?? 0) - dropped) + 1,
        // A new edit of a field settles its conflict: the user has chosen what it says.
        ...(current?.conflicts ? { conflicts: current.conflicts.filter((c) => !(c.field in mutation!.fields)) } : {}),
      };
      next.meta = { ...next.meta, updatedAt: now };
      records.put(next);
      tx.objectStore("outbox").add({ mutation } satisfies OutboxEntry);
    } catch (error) {
      // A throw outside an IndexedDB callback does not abort the transaction by itself: without
      // this, the record could commit without its outbox entry and the edit would never be sent.
      tx.abort();
      await done.catch(() => undefined);
      throw error;
    }
    await done;
    this.notify(new Set([mutation.entity]), "edit");
    return mutation;
  }

  /** Outbox entries in the order they were made. */
  async outbox(limit = Infinity): Promise<OutboxEntry[]> {
    const tx = this.db.transaction("outbox");
    const all = (await promised(tx.objectStore("outbox").getAll(null, Number.isFinite(limit) ? limit : undefined))) as OutboxEntry[];
    return all;
  }

  async pendingCount(): Promise<number> {
    const tx = this.db.transaction("outbox");
    return promised(tx.objectStore("outbox").count());
  }

  async rejected(): Promise<RejectedEntry[]> {
    const tx = this.db.transaction("rejected");
    return (await promised(tx.objectStore("rejected").getAll())) as RejectedEntry[];
  }

  /** Forgets conflicts shown on a record ("keep theirs"); "use mine" is an ordinary edit. */
  async dismissConflicts(entity: PushEntity, id: string, fields: string[]) {
    const tx = this.db.transaction("records", "readwrite");
    const records = tx.objectStore("records");
    const record = (await promised(records.get([entity, id]))) as StoredRecord | undefined;
    if (record?.conflicts) {
      record.conflicts = record.conflicts.filter((c) => !fields.includes(c.field));
      records.put(record);
    }
    await committed(tx);
    this.notify(new Set([entity]), "edit");
  }

  async dismissRejected(id: string) {
    const tx = this.db.transaction("rejected", "readwrite");
    tx.objectStore("rejected").delete(id);
    await committed(tx);
    this.notify(new Set(["rejected"]));
  }

  /**
   * Takes the server's answers to a push. Applied and duplicate changes leave the outbox;
   * rejected ones move to the rejected list (shown to the user) and their effect is taken
   * off the local record, which the next full pull restores to the server's state.
   */
  async acknowledge(entries: OutboxEntry[], results: MutationResult[]): Promise<{ rejected: number; clockAhead: number }> {
    const byId = new Map(results.map((r) => [r.id, r]));
    const tx = this.db.transaction(["records", "outbox", "rejected", "meta"], "readwrite");
    const records = tx.objectStore("records");
    const touched = new Set<string>();
    let rejected = 0;
    let clockAhead = 0;
    for (const entry of entries) {
      const result = byId.get(entry.mutation.id);
      if (!result) continue; // not answered: stays queued
      // Refused only because this device's clock is ahead: the change itself is fine. It stays
      // queued, untouched, and is restamped once the time is right (rebaseFutureChanges).
      if (result.status === "rejected" && result.error?.code === "clock_ahead") {
        clockAhead++;
        continue;
      }
      tx.objectStore("outbox").delete(entry.seq!);
      const key = [entry.mutation.entity, entry.mutation.entityId];
      const record = (await promised(records.get(key))) as StoredRecord | undefined;
      if (record && result.conflicts?.length) {
        const at = new Date().toISOString();
        const others = (record.conflicts ?? []).filter((c) => !result.conflicts!.some((n) => n.field === c.field));
        record.conflicts = [...others, ...result.conflicts.map((c) => ({ ...c, at }))];
      }
      if (result.status === "rejected") {
        rejected++;
        tx.objectStore("rejected").put({ id: entry.mutation.id, mutation: entry.mutation, error: result.error ?? { code: "rejected", message: "Rejected" }, at: new Date().toISOString() } satisfies RejectedEntry);
        if (record) undoMutation(record, entry.mutation);
      }
      if (record) {
        record.pending = Math.max(0, record.pending - 1);
        if (Object.keys(record.clocks).length === 0 && record.deletedAt === null && record.pending === 0) records.delete(key);
        else records.put(record);
      }
      touched.add(entry.mutation.entity);
    }
    if (rejected > 0) {
      // Start the next pull from the beginning, to get back the server's version of what was undone.
      this.meta = await updateMeta(tx, () => ({ cursor: "" }));
      touched.add("rejected");
    }
    await committed(tx);
    this.notify(touched);
    return { rejected, clockAhead };
  }

  /** Moves this tab's clock up to one saved by another thread (the pull worker). */
  private adopt(hlc: string) {
    const usable = usableClock(hlc);
    if (usable && usable > this.clock.latest) this.clock.observe(usable);
  }

  /** Merges a page of pulled changes and moves the cursor (pull.ts), on this thread. */
  async applyPull(changes: PulledChange[], cursor: string): Promise<void> {
    const { touched } = await mergePulled(this.db, changes, cursor);
    await this.pulled(touched);
  }

  /** Pulls everything new from the server on this thread (where there is no pull worker). */
  async pullFrom(api: Api, orgId: string): Promise<void> {
    await pullAll(this.db, api, orgId, (touched) => this.pulled(touched));
  }

  /**
   * Takes in a merged page (merged here or by the pull worker): the cursor and clock it saved,
   * then tells the screens what changed.
   */
  async pulled(touched: Set<string>): Promise<void> {
    const meta = await readMeta(this.db);
    if (meta) {
      this.adopt(meta.hlc);
      this.meta = meta;
    }
    this.notify(touched);
  }

  async markSynced(at = new Date().toISOString()) {
    const tx = this.db.transaction("meta", "readwrite");
    const done = committed(tx);
    this.meta = await updateMeta(tx, () => ({ lastSyncAt: at }));
    await done;
    this.notify(new Set(["sync"]));
  }


  /** Keeps a (resized) photo on the device until the server has it; returns its SHA-256. */
  async savePhoto(blob: Blob): Promise<string> {
    const sha256 = await sha256Hex(blob);
    const tx = this.db.transaction("photos", "readwrite");
    const photos = tx.objectStore("photos");
    const existing = (await promised(photos.get(sha256))) as StoredPhoto | undefined;
    if (!existing) photos.put({ sha256, blob, type: blob.type, uploaded: false, createdAt: new Date().toISOString() } satisfies StoredPhoto);
    await committed(tx);
    if (!existing) this.notify(new Set(["photo"]), "edit");
    return sha256;
  }

  async photo(sha256: string): Promise<StoredPhoto | undefined> {
    const tx = this.db.transaction("photos");
    return (await promised(tx.objectStore("photos").get(sha256))) as StoredPhoto | undefined;
  }

  /**
   * Photos the server does not have yet that a finding on this device names (a deleted one too:
   * the archive keeps its photos). A photo taken off every finding before it was uploaded is
   * no longer wanted, so it is not sent: the server keeps only the latest photos of a finding.
   */
  async photosToUpload(): Promise<StoredPhoto[]> {
    const tx = this.db.transaction(["photos", "records"]);
    const waiting = ((await promised(tx.objectStore("photos").getAll())) as StoredPhoto[]).filter((p) => !p.uploaded);
    // Every sync asks: reading every finding only when a photo waits spares the phone's screen.
    if (waiting.length === 0) return [];
    const named = await this.namedPhotos(tx);
    return waiting.filter((p) => named.has(p.sha256));
  }

  /** Every photo a finding on this device names. */
  private async namedPhotos(tx: IDBTransaction): Promise<Set<string>> {
    const findings = (await promised(tx.objectStore("records").index("entity").getAll("finding"))) as StoredRecord[];
    return new Set(findings.flatMap((f) => (Array.isArray(f.fields.photos) ? (f.fields.photos as string[]) : [])));
  }

  /**
   * Drops a photo that is not uploaded and that no finding on this device names (taken off the
   * finding it was added to, or never saved with one). `olderThanMs` spares photos stored
   * moments ago: a photo is stored before the finding naming it is saved.
   */
  async forgetPhotos(options: { sha256?: string; olderThanMs?: number } = {}): Promise<number> {
    const tx = this.db.transaction(["photos", "records"], "readwrite");
    const photos = tx.objectStore("photos");
    const before = Date.now() - (options.olderThanMs ?? 0);
    const candidates = ((await promised(photos.getAll())) as StoredPhoto[]).filter((p) => !p.uploaded && (options.sha256 === undefined || p.sha256 === options.sha256) && Date.parse(p.createdAt) <= before);
    const named = candidates.length > 0 ? await this.namedPhotos(tx) : new Set<string>();
    const gone = candidates.filter((p) => !named.has(p.sha256));
    for (const photo of gone) photos.delete(photo.sha256);
    await committed(tx);
    if (gone.length > 0) this.notify(new Set(["photo"]));
    return gone.length;
  }

  /** Which of these photos are on this device. */
  async photosHere(sha256s: readonly string[]): Promise<Set<string>> {
    const tx = this.db.transaction("photos");
    const photos = tx.objectStore("photos");
    const keys = await Promise.all(sha256s.map((sha) => promised(photos.getKey(sha))));
    return new Set(keys.filter((key): key is string => typeof key === "string"));
  }

  /**
   * Keeps a copy of a photo the server has, fetched ahead for offline use: never uploaded, and
   * refused when its content is not the photo the hash names (the copy would stand for good).
   */
  async keepFetchedPhoto(sha256: string, blob: Blob): Promise<boolean> {
    if ((await sha256Hex(blob)) !== sha256) return false;
    const tx = this.db.transaction("photos", "readwrite");
    const photos = tx.objectStore("photos");
    if (!(await promised(photos.getKey(sha256)))) {
      photos.put({ sha256, blob, type: blob.type, uploaded: true, fetched: true, createdAt: new Date().toISOString() } satisfies StoredPhoto);
    }
    await committed(tx);
    this.notify(new Set(["photo"]));
    return true;
  }

  /** Beyond {@link FETCHED_PHOTOS_MAX} fetched copies, drops the oldest, never those in `spare`; returns how many went. */
  async trimFetchedPhotos(spare: ReadonlySet<string>): Promise<number> {
    const tx = this.db.transaction("photos", "readwrite");
    const photos = tx.objectStore("photos");
    const fetched = ((await promised(photos.getAll())) as StoredPhoto[]).filter((p) => p.fetched);
    const gone = fetched
      .filter((p) => !spare.has(p.sha256))
      .sort((a, b) => compareText(a.createdAt, b.createdAt))
      .slice(0, Math.max(0, fetched.length - FETCHED_PHOTOS_MAX));
    for (const photo of gone) photos.delete(photo.sha256);
    await committed(tx);
    return gone.length;
  }

  async markPhotoUploaded(sha256: string) {
    const tx = this.db.transaction("photos", "readwrite");
    const photos = tx.objectStore("photos");
    const photo = (await promised(photos.get(sha256))) as StoredPhoto | undefined;
    if (photo) photos.put({ ...photo, uploaded: true });
    await committed(tx);
    this.notify(new Set(["photo"]));
  }
}
