// @vitest-environment node
// Node rather than jsdom: jsdom's Blob hands out ArrayBuffers Node's WebCrypto refuses to hash.
import { createHash } from "node:crypto";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, describe, expect, it } from "vitest";
import { createPhotosAhead } from "./photos-ahead";
import { FETCHED_PHOTOS_MAX, LocalStore } from "./store";

const USER = "00000000-0000-4000-8000-000000000001";
const ORG = "00000000-0000-4000-8000-0000000000aa";

const bytes = (n: number) => new Uint8Array([0xff, 0xd8, 0xff, n & 0xff, n >> 8]);
const shaOf = (n: number) => createHash("sha256").update(bytes(n)).digest("hex");

/** A server holding photos 0…999 by hash; counts what it was asked for. */
function photoServer(options: { offline?: boolean; missing?: Set<string>; wrongBytes?: Set<string> } = {}) {
  const asked: string[] = [];
  const byHash = new Map(Array.from({ length: 1000 }, (_, n) => [shaOf(n), n]));
  const fetchPhoto: typeof fetch = async (url) => {
    const sha = String(url).split("/").pop()!;
    asked.push(sha);
    if (options.offline) throw new TypeError("Failed to fetch");
    const n = byHash.get(sha);
    if (n === undefined || options.missing?.has(sha)) return new Response(null, { status: 404 });
    return new Response(new Blob([bytes(options.wrongBytes?.has(sha) ? n + 1 : n)], { type: "image/jpeg" }));
  };
  return { asked, fetchPhoto };
}

const open: LocalStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});
async function openStore() {
  const store = await LocalStore.open(USER, ORG, new IDBFactory());
  open.push(store);
  return store;
}
const url = (sha: string) => `/api/orgs/${ORG}/attachments/${sha}`;

describe("photos fetched ahead", () => {
  it("lands a colleague's photo in the device's store, never to be uploaded, and fetches it only once", async () => {
    const store = await openStore();
    const server = photoServer();
    const ahead = createPhotosAhead(store, url, server.fetchPhoto);
    await ahead.fetch([shaOf(1), shaOf(2)]);
    await ahead.fetch([shaOf(2), shaOf(1)]);
    expect(server.asked).toEqual([shaOf(1), shaOf(2)]);
    expect((await store.photo(shaOf(1)))?.fetched).toBe(true);
    await store.change("finding", "00000000-0000-4000-8000-0000000000f1", { saw: "Queue", severity: 3, sentiment: "pain", status: "new", photos: [shaOf(1)] });
    expect(await store.photosToUpload()).toEqual([]);
  });

  it("refuses bytes that are not the photo the hash names, skips one the server lacks, and stops when offline", async () => {
    const store = await openStore();
    const server = photoServer({ missing: new Set([shaOf(1)]), wrongBytes: new Set([shaOf(2)]) });
    await createPhotosAhead(store, url, server.fetchPhoto).fetch([shaOf(1), shaOf(2), shaOf(3)]);
    expect([...(await store.photosHere([shaOf(1), shaOf(2), shaOf(3)]))]).toEqual([shaOf(3)]);

    const offline = photoServer({ offline: true });
    await createPhotosAhead(store, url, offline.fetchPhoto).fetch([shaOf(4), shaOf(5)]);
    expect(offline.asked).toEqual([shaOf(4)]);
  });

  it(`keeps at most ${FETCHED_PHOTOS_MAX} fetched copies, making room with the oldest (never the device's own photos)`, async () => {
    const store = await openStore();
    const own = await store.savePhoto(new Blob([new Uint8Array([1, 2, 3])], { type: "image/jpeg" }));
    // Three briefings' worth: 100 + 100 + 10 photos.
    const runs = [0, 100, 200].map((start) => Array.from({ length: start === 200 ? 10 : 100 }, (_, n) => shaOf(start + n)));
    const ahead = createPhotosAhead(store, url, photoServer().fetchPhoto);
    for (const run of runs) {
      await ahead.fetch(run);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const [first, second, third] = runs as [string[], string[], string[]];
    const here = await store.photosHere([...first, ...second, ...third, own]);
    expect(here.size).toBe(FETCHED_PHOTOS_MAX + 1);
    expect(here.has(own)).toBe(true);
    expect([...second, ...third].every((sha) => here.has(sha))).toBe(true);
    // The room came from the oldest briefing (which of its photos were stored first is up to the fetches' order).
    expect(first.filter((sha) => here.has(sha))).toHaveLength(90);
  }, 30_000);
});
