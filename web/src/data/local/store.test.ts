// @vitest-environment node
// Node rather than jsdom: jsdom's Blob hands out ArrayBuffers Node's WebCrypto refuses to hash.
import { IDBFactory, IDBObjectStore } from "fake-indexeddb";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FindingFields } from "../../../../shared/schemas/finding";
import type { PulledChange } from "../../../../shared/sync/protocol";
import { databaseName, openLocalDatabase, readMeta } from "./database";
import { mergePulled } from "./pull";
import { LocalStore } from "./store";

const USER = "00000000-0000-4000-8000-000000000001";
const ORG = "00000000-0000-4000-8000-0000000000aa";
const FINDING = "00000000-0000-4000-8000-0000000000f1";
const LOCATION = "00000000-0000-4000-8000-00000000010c";

const newFinding: Partial<FindingFields> = { saw: "Queue of twelve at one till", severity: 4, sentiment: "pain", status: "new", tags: [], photos: [] };

const open: LocalStore[] = [];
async function openStore(factory: IDBFactory) {
  const store = await LocalStore.open(USER, ORG, factory);
  open.push(store);
  return store;
}
afterEach(() => {
  for (const store of open.splice(0)) store.close();
  vi.restoreAllMocks();
});

describe("LocalStore: local edits", () => {
  it("keeps the record and its outbox entry across a reload", async () => {
    const factory = new IDBFactory();
    const first = await openStore(factory);
    const mutation = await first.change("finding", FINDING, newFinding);
    first.close();

    const reopened = await openStore(factory);
    const finding = await reopened.get("finding", FINDING);
    expect(finding).toMatchObject({ ...newFinding, id: FINDING, pending: true, authorId: USER });
    const outbox = await reopened.outbox();
    expect(outbox.map((entry) => entry.mutation)).toEqual([mutation]);
    expect(mutation).toMatchObject({ entity: "finding", entityId: FINDING, op: "upsert", fields: newFinding });
    // The client id and clock survive too: the next edit is stamped after the first.
    expect(reopened.clientId).toBe(first.clientId);
    const second = await reopened.change("finding", FINDING, { severity: 5 });
    expect(second.hlc > mutation.hlc).toBe(true);
  });

  it("writes neither the record nor the outbox entry when the write fails half-way", async () => {
    const store = await openStore(new IDBFactory());
    const add = vi.spyOn(IDBObjectStore.prototype, "add").mockImplementationOnce(() => {
      throw new DOMException("Quota exceeded", "QuotaExceededError");
    });
    await expect(store.change("finding", FINDING, newFinding)).rejects.toThrow("Quota exceeded");
    add.mockRestore();
    expect(await store.get("finding", FINDING)).toBeUndefined();
    expect(await store.pendingCount()).toBe(0);
    // The store is still usable afterwards.
    await store.change("finding", FINDING, newFinding);
    expect(await store.pendingCount()).toBe(1);
  });

  it("tells subscribers after the change is durable", async () => {
    const store = await openStore(new IDBFactory());
    const seen: string[] = [];
    store.subscribe((entities, origin) => seen.push(`${[...entities].join(",")}:${origin}`));
    await store.change("finding", FINDING, newFinding);
    expect(seen).toEqual(["finding:edit"]);
  });
});

describe("LocalStore: acknowledging a push", () => {
  it("removes applied and duplicate changes only; unanswered ones stay queued", async () => {
    const store = await openStore(new IDBFactory());
    const a = await store.change("finding", FINDING, newFinding);
    const b = await store.change("finding", FINDING, { felt: "Ignored" });
    const c = await store.change("finding", FINDING, { expectation: "A second till opens" });
    const entries = await store.outbox();
    await store.acknowledge(entries, [
      { id: a.id, status: "applied" },
      { id: b.id, status: "duplicate" },
    ]);
    expect((await store.outbox()).map((entry) => entry.mutation.id)).toEqual([c.id]);
    expect((await store.get("finding", FINDING))?.pending).toBe(true);

    await store.acknowledge(await store.outbox(), [{ id: c.id, status: "applied" }]);
    expect(await store.pendingCount()).toBe(0);
    const finding = await store.get("finding", FINDING);
    expect(finding).toMatchObject({ ...newFinding, felt: "Ignored", expectation: "A second till opens", pending: false });
    expect(await store.rejected()).toEqual([]);
  });

  it("moves a rejected change to the rejected list and takes its fields off the record", async () => {
    const store = await openStore(new IDBFactory());
    const created = await store.change("finding", FINDING, newFinding);
    await store.acknowledge(await store.outbox(), [{ id: created.id, status: "applied" }]);
    await store.applyPull([], "v1.7");
    const bad = await store.change("finding", FINDING, { severity: 9, felt: "Annoyed" } as never);
    const result = await store.acknowledge(await store.outbox(), [
      { id: bad.id, status: "rejected", error: { code: "validation_failed", message: "severity: Too big" } },
    ]);

    expect(result).toEqual({ rejected: 1, clockAhead: 0 });
    const finding = await store.get("finding", FINDING);
    expect(finding?.severity).toBeUndefined();
    expect(finding?.felt).toBeUndefined();
    expect(finding).toMatchObject({ saw: newFinding.saw, pending: false });
    const rejected = await store.rejected();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ id: bad.id, mutation: { fields: { severity: 9 } }, error: { code: "validation_failed", message: "severity: Too big" } });
    expect(await store.pendingCount()).toBe(0);
    // The next pull starts over, to bring back the server's version of what was undone.
    expect(store.cursor).toBe("");

    await store.dismissRejected(bad.id);
    expect(await store.rejected()).toEqual([]);
  });

  it("drops a record whose creation was rejected", async () => {
    const store = await openStore(new IDBFactory());
    const created = await store.change("visit", FINDING, { kind: "floor_walk", locationId: LOCATION, startedAt: new Date().toISOString() });
    await store.acknowledge(await store.outbox(), [{ id: created.id, status: "rejected", error: { code: "invalid_reference", message: "locationId does not name a location" } }]);
    expect(await store.get("visit", FINDING)).toBeUndefined();
    expect(await store.list("visit")).toEqual([]);
  });
});

describe("LocalStore: pulling", () => {
  const serverClock = (offsetMs: number) => `${new Date(Date.now() + offsetMs).toISOString()}-0000-00000000000000ff`;

  it("merges pulled changes field by field with edits still waiting to be sent", async () => {
    const store = await openStore(new IDBFactory());
    await store.change("finding", FINDING, newFinding);
    await store.change("finding", FINDING, { felt: "Rushed" });

    const older = serverClock(-60_000);
    const newer = serverClock(60_000);
    const pulled: PulledChange = {
      entity: "finding",
      entityId: FINDING,
      deleted: false,
      fields: { ...newFinding, felt: "Calm (older)", status: "triaged", level: "operations", authorId: "someone-else", createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z" },
      clocks: { felt: older, status: newer, level: newer },
      deletedAt: null,
    };
    await store.applyPull([pulled], "v1.12");

    const finding = await store.get("finding", FINDING);
    // Our later edit of `felt` wins; the server's later triage wins `status`; `level` is new.
    expect(finding).toMatchObject({ felt: "Rushed", status: "triaged", level: "operations", saw: newFinding.saw, pending: true });
    expect(store.cursor).toBe("v1.12");
    // Still two edits to send: pulling never drops the outbox.
    expect(await store.pendingCount()).toBe(2);

    // A later local edit is stamped after everything seen, so it beats the server's newer clock.
    const edit = await store.change("finding", FINDING, { status: "closed" });
    expect(edit.hlc > newer).toBe(true);
    expect((await store.get("finding", FINDING))?.status).toBe("closed");
  });

  it("replaces settings with the server's version and hides deleted records", async () => {
    const store = await openStore(new IDBFactory());
    await store.applyPull([{ entity: "location", entityId: LOCATION, deleted: false, fields: { name: "Webshop", kind: "web", archived: false } }], "v1.1");
    expect(await store.list("location")).toMatchObject([{ id: LOCATION, name: "Webshop", kind: "web", archived: false, pending: false }]);
    await store.applyPull([{ entity: "location", entityId: LOCATION, deleted: false, fields: { name: "Web shop", kind: "web", archived: true } }], "v1.2");
    expect((await store.get("location", LOCATION))?.name).toBe("Web shop");

    await store.change("finding", FINDING, newFinding);
    const tombstone = serverClock(60_000);
    await store.applyPull([{ entity: "finding", entityId: FINDING, deleted: true, fields: {}, clocks: {}, deletedAt: tombstone }], "v1.3");
    expect(await store.get("finding", FINDING)).toBeUndefined();
    expect(await store.list("finding", { includeDeleted: true })).toHaveLength(1);
  });
});

describe("LocalStore: a large pull page", () => {
  it("merges all of a page longer than one slice, moves the cursor once it is all in, and tells subscribers once", async () => {
    const factory = new IDBFactory();
    const store = await openStore(factory);
    const heard: string[][] = [];
    store.subscribe((entities) => heard.push([...entities]));
    const page: PulledChange[] = Array.from({ length: 450 }, (_, i) => ({
      entity: "location",
      entityId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      deleted: false,
      fields: { name: `Store ${i}`, kind: "store", archived: false },
    }));
    await store.applyPull(page, "v1.450");
    expect(await store.list("location")).toHaveLength(450);
    expect(store.cursor).toBe("v1.450");
    expect(heard).toEqual([["location"]]);
    store.close();
    const reopened = await openStore(factory);
    expect(reopened.cursor).toBe("v1.450");
    expect((await reopened.get("location", page[449]!.entityId))?.name).toBe("Store 449");
  });
});

describe("LocalStore: pulls merged by the pull worker", () => {
  it("keeps the worker's cursor when the page writes meanwhile, and stamps later edits after what the worker merged", async () => {
    const factory = new IDBFactory();
    const store = await openStore(factory);
    const heard: string[][] = [];
    store.subscribe((entities) => heard.push([...entities]));
    await store.change("finding", FINDING, newFinding);
    // The worker holds its own connection to the same database.
    const workerDb = await openLocalDatabase(databaseName(USER, ORG), factory);
    const newer = `${new Date(Date.now() + 60_000).toISOString()}-0000-00000000000000ff`;
    const pulled: PulledChange = {
      entity: "finding",
      entityId: FINDING,
      deleted: false,
      fields: { ...newFinding, status: "triaged", authorId: USER, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z" },
      clocks: { status: newer },
      deletedAt: null,
    };
    const [merged] = await Promise.all([mergePulled(workerDb, [pulled], "v1.40"), store.change("finding", FINDING, { felt: "Typed while the worker merged" })]);
    // The page's edit did not put back its older cursor.
    expect((await readMeta(workerDb))?.cursor).toBe("v1.40");
    await store.pulled(merged.touched);
    expect(store.cursor).toBe("v1.40");
    expect(heard.at(-1)).toEqual(["finding"]);
    const edit = await store.change("finding", FINDING, { status: "closed" });
    expect(edit.hlc > newer).toBe(true);
    expect((await store.get("finding", FINDING))?.status).toBe("closed");
    workerDb.close();
    store.close();
    expect((await openStore(factory)).cursor).toBe("v1.40");
  });
});

describe("LocalStore: photos", () => {
  it("stores a photo once under its SHA-256 until it is uploaded", async () => {
    const store = await openStore(new IDBFactory());
    const blob = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3])], { type: "image/jpeg" });
    const sha = await store.savePhoto(blob);
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.savePhoto(blob)).toBe(sha);
    await store.change("finding", FINDING, { ...newFinding, photos: [sha] });
    expect((await store.photosToUpload()).map((p) => p.sha256)).toEqual([sha]);
    await store.markPhotoUploaded(sha);
    expect(await store.photosToUpload()).toEqual([]);
    expect((await store.photo(sha))?.type).toBe("image/jpeg");
  });
});

describe("LocalStore: photos no finding names", () => {
  const jpeg = (n: number) => new Blob([new Uint8Array([0xff, 0xd8, 0xff, n])], { type: "image/jpeg" });

  it("a photo added to a finding and removed again before upload is not uploaded, and is deleted from the device", async () => {
    const store = await openStore(new IDBFactory());
    const [kept, removed] = [await store.savePhoto(jpeg(1)), await store.savePhoto(jpeg(2))];
    await store.change("finding", FINDING, { ...newFinding, photos: [kept, removed] });
    await store.change("finding", FINDING, { photos: [kept] });
    // The change that named it still waits in the outbox: the finding's latest photos decide.
    expect((await store.outbox()).some((entry) => (entry.mutation.fields.photos as string[] | undefined)?.includes(removed))).toBe(true);
    expect((await store.photosToUpload()).map((p) => p.sha256)).toEqual([kept]);

    expect(await store.forgetPhotos({ sha256: removed })).toBe(1);
    expect(await store.photo(removed)).toBeUndefined();
    // A photo still named is never forgotten.
    expect(await store.forgetPhotos({ sha256: kept })).toBe(0);
    expect(await store.photo(kept)).toBeDefined();
  });

  it("an upload queued for a photo no finding names is dropped once it is old; a fresh one (its finding about to be saved) is spared", async () => {
    const store = await openStore(new IDBFactory());
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 2 * 24 * 3600_000);
    const orphan = await store.savePhoto(jpeg(3));
    vi.useRealTimers();
    const fresh = await store.savePhoto(jpeg(4));
    const deleted = await store.savePhoto(jpeg(5));
    // A deleted finding's photos are kept for the archive (an admin may restore it).
    await store.change("finding", FINDING, { ...newFinding, photos: [deleted] });
    await store.remove("finding", FINDING);

    expect((await store.photosToUpload()).map((p) => p.sha256)).toEqual([deleted]);
    expect(await store.forgetPhotos({ olderThanMs: 24 * 3600_000 })).toBe(1);
    expect(await store.photo(orphan)).toBeUndefined();
    expect(await store.photo(fresh)).toBeDefined();
    expect(await store.photo(deleted)).toBeDefined();
  });
});

describe("LocalStore: discarding a record that came to nothing", () => {
  it("takes its waiting changes out of the outbox and queues only the delete", async () => {
    const store = await openStore(new IDBFactory());
    const other = "00000000-0000-4000-8000-0000000000f2";
    await store.change("finding", FINDING, newFinding);
    await store.change("finding", other, newFinding);
    await store.change("finding", FINDING, { saw: "" });
    const discard = await store.discard("finding", FINDING);

    expect((await store.outbox()).map((entry) => [entry.mutation.entityId, entry.mutation.op])).toEqual([
      [other, "upsert"],
      [FINDING, "delete"],
    ]);
    expect(discard).toMatchObject({ entity: "finding", entityId: FINDING, op: "delete" });
    expect(await store.get("finding", FINDING)).toBeUndefined();
    expect((await store.list("finding")).map((f) => f.id)).toEqual([other]);
  });
});

describe("LocalStore: a device clock that was ahead", () => {
  const DAY = 24 * 3600_000;

  it("keeps changes refused as clock_ahead queued, then restamps them once the time is right", async () => {
    const factory = new IDBFactory();
    const realNow = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(realNow + DAY);
    const ahead = await openStore(factory);
    const mutation = await ahead.change("finding", FINDING, newFinding);
    expect(mutation.hlc.startsWith(new Date(realNow + DAY).toISOString().slice(0, 10))).toBe(true);

    // The server refuses it for the clock alone: it stays waiting, with its fields on the device.
    const [entry] = await ahead.outbox();
    const answer = await ahead.acknowledge([entry!], [{ id: mutation.id, status: "rejected", error: { code: "clock_ahead", message: "ahead" } }]);
    expect(answer).toEqual({ rejected: 0, clockAhead: 1 });
    expect(await ahead.pendingCount()).toBe(1);
    expect(await ahead.rejected()).toEqual([]);
    expect(await ahead.get("finding", FINDING)).toMatchObject({ saw: newFinding.saw, pending: true });
    ahead.close();

    // The user corrects the time and opens the app again.
    clock.mockReturnValue(realNow);
    const fixed = await openStore(factory);
    const [restamped] = await fixed.outbox();
    expect(restamped!.mutation).toMatchObject({ id: mutation.id, fields: newFinding });
    expect(Date.parse(restamped!.mutation.hlc.slice(0, 24))).toBeLessThanOrEqual(realNow);
    // A new edit of the same field is not beaten by the old, future clock.
    await fixed.change("finding", FINDING, { saw: "Queue of three" });
    expect((await fixed.get("finding", FINDING))?.saw).toBe("Queue of three");
    const next = (await fixed.outbox()).at(-1)!.mutation.hlc;
    expect(next > restamped!.mutation.hlc).toBe(true);
  });
});
