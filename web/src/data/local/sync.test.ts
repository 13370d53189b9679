// @vitest-environment node
// Node rather than jsdom: jsdom's Blob hands out ArrayBuffers Node's WebCrypto refuses to hash.
import { IDBFactory } from "fake-indexeddb";
import { createComputed, createRoot } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import { PHOTO_QUOTA_EXCEEDED, PHOTO_QUOTA_HEADER } from "../../../../shared/limits";
import type { FindingFields } from "../../../../shared/schemas/finding";
import { fakeServer, json, ORG } from "../../test/fake-server";
import { createApi } from "../api";
import { LocalStore } from "./store";
import { createSyncEngine } from "./sync";

const USER = "00000000-0000-4000-8000-000000000001";
const FINDING = "00000000-0000-4000-8000-0000000000f1";

const newFinding = (photos: string[]): Partial<FindingFields> => ({ saw: "Empty shelf at the entrance", severity: 3, sentiment: "pain", status: "new", tags: [], photos });
const jpeg = (n: number) => new Blob([new Uint8Array([0xff, 0xd8, 0xff, n, n + 1])], { type: "image/jpeg" });

const open: LocalStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

/** A device with two photos and a finding naming them, against a fake server whose photo answer a test sets. */
async function device(photoAnswer: () => Response) {
  const store = await LocalStore.open(USER, ORG, new IDBFactory());
  open.push(store);
  const photos = [await store.savePhoto(jpeg(1)), await store.savePhoto(jpeg(2))];
  await store.change("finding", FINDING, newFinding(photos));
  const server = fakeServer({ me: null, route: ({ method, path }) => (method === "PUT" && path.includes("/attachments/") ? photoAnswer() : undefined) });
  const engine = createSyncEngine(store, createApi({ fetch: server.fetch }), ORG, { upload: server.fetch });
  const uploads = () => server.requests.filter((r) => r.startsWith("PUT ")).length;
  return { store, server, engine, photos, uploads };
}

const full = (headers: Record<string, string> = { [PHOTO_QUOTA_HEADER]: "5000" }) =>
  new Response(JSON.stringify({ error: { code: PHOTO_QUOTA_EXCEEDED, message: "Photo storage for this organisation is full (5,000 MB)." } }), { status: 413, headers });

describe("sync engine: the organisation's photo storage is full", () => {
  it("reports it with the quota; the photos stay on the device and the finding naming them waits", async () => {
    let answer = () => full();
    const d = await device(() => answer());
    await d.engine.syncNow();

    expect(d.engine.status()).toMatchObject({ photoStorageFull: { quotaMb: 5000 }, error: null, pending: 1, photosPending: 2 });
    // One refusal is enough: the other photo waits without an upload of its own.
    expect(d.uploads()).toBe(1);
    expect(d.server.pushed).toEqual([]);
    expect((await d.store.outbox()).map((entry) => entry.mutation.entityId)).toEqual([FINDING]);
    for (const sha of d.photos) {
      const kept = await d.store.photo(sha);
      expect(kept).toMatchObject({ uploaded: false, type: "image/jpeg" });
      expect(kept!.blob.size).toBe(5);
    }

    // An admin frees space: the next sync sends the photos, then the finding, and the state clears.
    answer = () => json(201, {});
    await d.engine.syncNow();
    expect(d.engine.status()).toMatchObject({ photoStorageFull: null, error: null, pending: 0, photosPending: 0 });
    expect(d.server.pushed).toHaveLength(1);
    for (const sha of d.photos) expect(await d.store.photo(sha)).toMatchObject({ uploaded: true });
  });

  it("says full without a size when the answer does not state the quota", async () => {
    const d = await device(() => full({}));
    await d.engine.syncNow();
    expect(d.engine.status().photoStorageFull).toEqual({ quotaMb: null });
  });

  it("a photo refused for another reason (too large) waits as before, without saying storage is full", async () => {
    const d = await device(() => json(413, { error: { code: "payload_too_large", message: "A photo may be at most 10 MB" } }));
    await d.engine.syncNow();
    expect(d.engine.status()).toMatchObject({ photoStorageFull: null, pending: 1, photosPending: 2 });
    expect(d.uploads()).toBe(2);
    expect(d.server.pushed).toEqual([]);
  });
});

describe("sync engine: photos no finding names any more", () => {
  it("uploads only the photos a finding still names; the finding goes with them", async () => {
    const d = await device(() => json(201, {}));
    const removed = d.photos[1]!;
    // Taken off the finding before the device was online: the change naming it still waits.
    await d.store.change("finding", FINDING, { photos: [d.photos[0]!] });
    await d.engine.syncNow();

    expect(d.server.requests.filter((r) => r.startsWith("PUT ")).map((r) => r.includes(removed))).toEqual([false]);
    expect(d.engine.status()).toMatchObject({ error: null, pending: 0, photosPending: 0 });
    expect(await d.store.photo(d.photos[0]!)).toMatchObject({ uploaded: true });
    expect(await d.store.photo(removed)).toMatchObject({ uploaded: false });
  });
});

describe("sync engine: runs asked for during a run", () => {
  it("follow it, and the header says syncing throughout, not done in between", async () => {
    const store = await LocalStore.open(USER, ORG, new IDBFactory());
    open.push(store);
    const server = fakeServer({ me: null });
    const engine = createSyncEngine(store, createApi({ fetch: server.fetch }), ORG, { upload: server.fetch });
    const seen: boolean[] = [];
    const dispose = createRoot((dispose) => {
      createComputed(() => {
        const { syncing } = engine.status();
        if (seen.at(-1) !== syncing) seen.push(syncing);
      });
      return dispose;
    });
    const first = engine.syncNow();
    void engine.syncNow();
    await first;
    dispose();
    expect(server.requests.filter((request) => request.includes("/sync/pull"))).toHaveLength(2);
    expect(seen).toEqual([false, true, false]);
  });
});
