import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { cleanUpPhotos, startPhotoCleanup } from "../../server/ops/photo-cleanup";
import { formatHlc } from "../../shared/sync/hlc";
import { pngOfSize, prepareWorld, sha256Of, TINY_JPEG, TINY_PNG, TINY_WEBP, world } from "../support/api";
import { deletion, mutation, newFinding, NODE_A, pushApplied } from "../support/sync";
import { captured } from "../support/log";

beforeAll(prepareWorld, 120_000);

type World = Awaited<ReturnType<typeof world>>;

const DAY = 24 * 60 * 60 * 1000;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

let counter = 0;
const now = () => formatHlc({ millis: Date.now(), counter: counter++ % 0xffff, node: NODE_A });

async function upload(w: World, bytes: Uint8Array, type = "image/png") {
  const sha = sha256Of(bytes);
  const res = await w.a.director.request("PUT", `/api/orgs/${w.a.orgId}/attachments/${sha}`, bytes, { "content-type": type });
  expect(res.status, res.text).toBeLessThan(300);
  return { sha, status: res.status };
}

/** A finding of org A naming these photos, pushed by the director; returns its id. */
async function findingWith(w: World, photos: string[]) {
  const id = randomUUID();
  await pushApplied(w.a.director, w.a.orgId, [mutation("finding", id, newFinding({ photos }), now())]);
  return id;
}

const stored = async (w: World, orgId: string, sha: string) => (await w.client.execute({ sql: "select unnamed_since from attachments where org_id = ? and sha256 = ?", args: [orgId, sha] })).rows[0];
const isStored = async (w: World, sha: string) => (await stored(w, w.a.orgId, sha)) !== undefined;

describe("photos no record names are removed after 30 days", () => {
  test("an unnamed photo survives 29 days and is removed after 30, logged; named photos and an archived finding's stay", async () => {
    const w = await world();
    const { lines, log } = captured();
    const unnamed = pngOfSize(2_000, 1);
    const { sha: loose } = await upload(w, unnamed);
    const { sha: named } = await upload(w, pngOfSize(3_000, 2));
    const { sha: archivedPhoto } = await upload(w, TINY_JPEG, "image/jpeg");
    await findingWith(w, [named]);
    const archived = await findingWith(w, [archivedPhoto, named]);
    await pushApplied(w.a.director, w.a.orgId, [deletion("finding", archived, now())]);

    const t0 = new Date();
    const first = await cleanUpPhotos(w.db, { now: t0, log });
    // The photos the shared world stores (TINY_PNG in A, TINY_WEBP in B) are named by nothing either.
    expect(first).toEqual(
      expect.arrayContaining([
        { orgId: w.a.orgId, marked: 2, named: 0, removed: 0, bytes: 0 },
        { orgId: w.b.orgId, marked: 1, named: 0, removed: 0, bytes: 0 },
      ]),
    );
    expect((await stored(w, w.a.orgId, loose))?.unnamed_since).toBe(t0.toISOString());
    expect((await stored(w, w.a.orgId, named))?.unnamed_since).toBeNull();
    expect((await stored(w, w.a.orgId, archivedPhoto))?.unnamed_since).toBeNull();

    await cleanUpPhotos(w.db, { now: later(t0, 29 * DAY), log });
    expect(await isStored(w, loose)).toBe(true);
    expect(lines.filter((l) => l.event === "photos_removed")).toEqual([]);

    const removed = await cleanUpPhotos(w.db, { now: later(t0, 30 * DAY + 60_000), log });
    expect(removed).toEqual(
      expect.arrayContaining([
        { orgId: w.a.orgId, marked: 0, named: 0, removed: 2, bytes: unnamed.length + TINY_PNG.length },
        { orgId: w.b.orgId, marked: 0, named: 0, removed: 1, bytes: TINY_WEBP.length },
      ]),
    );
    expect(await isStored(w, loose)).toBe(false);
    expect((await w.a.director.get(`/api/orgs/${w.a.orgId}/attachments/${loose}`)).status).toBe(404);
    const logged = lines.filter((l) => l.event === "photos_removed");
    expect(logged).toHaveLength(2);
    expect(logged).toContainEqual(expect.objectContaining({ level: "info", event: "photos_removed", orgId: w.a.orgId, count: 2, bytes: unnamed.length + TINY_PNG.length }));
    expect(logged).toContainEqual(expect.objectContaining({ orgId: w.b.orgId, count: 1, bytes: TINY_WEBP.length }));

    // A named photo never goes; nor does an archived finding's, however long it stays in the
    // archive: an admin may restore it until it is purged.
    await cleanUpPhotos(w.db, { now: later(t0, 400 * DAY), log });
    for (const sha of [named, archivedPhoto]) expect((await w.a.director.get(`/api/orgs/${w.a.orgId}/attachments/${sha}`)).status).toBe(200);
    expect(lines.filter((l) => l.event === "photos_removed")).toHaveLength(2);
  });

  test("a photo uploaded before its finding is pushed is kept; one named again, or sent again, starts its 30 days anew", async () => {
    const w = await world();
    const { log } = captured();
    const t0 = new Date();
    // The device sends the photo first; the finding follows (say, after days offline halfway).
    const { sha: early } = await upload(w, pngOfSize(1_000, 3));
    await cleanUpPhotos(w.db, { now: t0, log });
    expect((await stored(w, w.a.orgId, early))?.unnamed_since).toBe(t0.toISOString());
    const finding = await findingWith(w, [early]);
    const t20 = later(t0, 20 * DAY);
    expect(await cleanUpPhotos(w.db, { now: t20, log })).toContainEqual({ orgId: w.a.orgId, marked: 0, named: 1, removed: 0, bytes: 0 });
    expect((await stored(w, w.a.orgId, early))?.unnamed_since).toBeNull();

    // The finding drops the photo: its 30 days count from the first clean-up that sees it unnamed.
    await pushApplied(w.a.director, w.a.orgId, [mutation("finding", finding, { photos: [] }, now())]);
    const t21 = later(t0, 21 * DAY);
    await cleanUpPhotos(w.db, { now: t21, log });
    await cleanUpPhotos(w.db, { now: later(t21, 29 * DAY), log });
    expect(await isStored(w, early)).toBe(true);

    // A device sending it again is about to name it: the clock starts over.
    expect((await upload(w, pngOfSize(1_000, 3))).status).toBe(200);
    expect((await stored(w, w.a.orgId, early))?.unnamed_since).toBeNull();
    const t50 = later(t21, 29 * DAY + 60_000);
    await cleanUpPhotos(w.db, { now: t50, log });
    expect(await isStored(w, early)).toBe(true);
    await cleanUpPhotos(w.db, { now: later(t50, 30 * DAY), log });
    expect(await isStored(w, early)).toBe(false);
  });

  test("the background job runs once at start, then on its timer, and stops", async () => {
    const w = await world();
    const { log } = captured();
    const stop = startPhotoCleanup(w.db, log, { everyMs: 60 * 60 * 1000 });
    await stop();
    // The first pass ran (and was awaited by stop): the world's unnamed photo is marked.
    expect((await stored(w, w.a.orgId, sha256Of(TINY_PNG)))?.unnamed_since).toEqual(expect.any(String));
  });
});
