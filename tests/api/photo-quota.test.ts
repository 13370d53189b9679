import { beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_PHOTO_QUOTA_MB, readConfig } from "../../server/config";
import { MB } from "../../server/routes/attachments/attachments.routes";
import { PHOTO_QUOTA_HEADER } from "../../shared/limits";
import { expectError, pngOfSize, prepareWorld, sha256Of, snapshot, TINY_PNG, world } from "../support/api";

beforeAll(prepareWorld, 120_000);

type World = Awaited<ReturnType<typeof world>>;
type Agent = World["a"]["director"];

const upload = (who: Agent, orgId: string, bytes: Uint8Array, type = "image/png") =>
  who.request("PUT", `/api/orgs/${orgId}/attachments/${sha256Of(bytes)}`, bytes, { "content-type": type });

async function storedBytes(w: World, orgId: string): Promise<number> {
  const rs = await w.client.execute({ sql: "select coalesce(sum(size), 0) as bytes from attachments where org_id = ?", args: [orgId] });
  return Number(rs.rows[0]!.bytes);
}

describe("the photo quota of an organisation", () => {
  test("a photo that would take the organisation over its quota is a 413 stating the quota, and nothing is stored", async () => {
    const w = await world({ photoQuotaBytes: MB });
    // Org A holds TINY_PNG already: 600 KB fits beside it, another 600 KB does not.
    expect((await upload(w.a.director, w.a.orgId, pngOfSize(600_000, 1))).status).toBe(201);
    const before = await snapshot(w.client);
    const over = pngOfSize(600_000, 2);
    const refused = await upload(w.a.director, w.a.orgId, over);
    expectError(refused, 413, "photo_quota_exceeded");
    expect(refused.json.error.message).toContain("(1 MB)");
    expect(refused.json.error.message).toMatch(/admin can free space .* or raise the quota/);
    expect(refused.headers.get(PHOTO_QUOTA_HEADER)).toBe("1");
    expect(await snapshot(w.client)).toEqual(before);
    expectError(await w.a.director.get(`/api/orgs/${w.a.orgId}/attachments/${sha256Of(over)}`), 404, "not_found");
    // Every organisation has its own quota: B's photos are not A's.
    expect((await upload(w.b.agent, w.b.orgId, pngOfSize(600_000, 2))).status).toBe(201);
  });

  test("the default quota is 5,000 MB, stated in the message", async () => {
    const w = await world();
    // Pretend the organisation's photos fill the quota: the one stored photo counts for all of it.
    await w.client.execute({ sql: "update attachments set size = ? where org_id = ?", args: [DEFAULT_PHOTO_QUOTA_MB * MB, w.a.orgId] });
    const refused = await upload(w.a.cx, w.a.orgId, pngOfSize(100, 3));
    expectError(refused, 413, "photo_quota_exceeded");
    expect(refused.json.error.message).toContain("(5,000 MB)");
    expect(refused.headers.get(PHOTO_QUOTA_HEADER)).toBe("5000");
  });

  test("a photo stored already is not counted twice: sending it again under a full quota is still a 200", async () => {
    const w = await world({ photoQuotaBytes: MB });
    const big = pngOfSize(MB - TINY_PNG.length, 4);
    expect((await upload(w.a.director, w.a.orgId, big)).status).toBe(201);
    expect(await storedBytes(w, w.a.orgId)).toBe(MB);
    expectError(await upload(w.a.director, w.a.orgId, pngOfSize(100, 5)), 413, "photo_quota_exceeded");
    for (const [bytes, who] of [[big, w.a.cx], [TINY_PNG, w.a.board]] as const) {
      const again = await upload(who, w.a.orgId, bytes);
      expect(again.status, again.text).toBe(200);
      expect(again.json).toEqual({ sha256: sha256Of(bytes), size: bytes.length, contentType: "image/png" });
    }
    expect(await storedBytes(w, w.a.orgId)).toBe(MB);
  });

  test("uploads at the same time do not overshoot the quota together", async () => {
    const w = await world({ photoQuotaBytes: MB });
    const photos = Array.from({ length: 8 }, (_, i) => pngOfSize(300_000, 10 + i));
    const answers = await Promise.all(photos.map((bytes, i) => upload([w.a.director, w.a.cx, w.a.admin, w.a.board][i % 4]!, w.a.orgId, bytes)));
    const statuses = answers.map((a) => a.status).sort();
    // TINY_PNG + 3 × 300 KB fit in 1 MB; a fourth would not.
    expect(statuses).toEqual([201, 201, 201, 413, 413, 413, 413, 413]);
    expect(await storedBytes(w, w.a.orgId)).toBe(TINY_PNG.length + 3 * 300_000);

    // The same new photo sent by several devices at once: stored once, counted once.
    const shared = pngOfSize(40_000, 99);
    await w.client.execute({ sql: "delete from attachments where org_id = ? and size = 300000", args: [w.a.orgId] });
    const same = await Promise.all([w.a.director, w.a.cx, w.a.admin, w.a.board].map((who) => upload(who, w.a.orgId, shared)));
    expect(same.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    expect(await storedBytes(w, w.a.orgId)).toBe(TINY_PNG.length + shared.length);
  });

  test("PHOTO_QUOTA_MB sets the quota in megabytes; anything but a whole number of at least 1 stops the start", () => {
    expect(readConfig({}).photoQuotaBytes).toBe(5000 * MB);
    expect(readConfig({ PHOTO_QUOTA_MB: "200" }).photoQuotaBytes).toBe(200 * MB);
    for (const wrong of ["0", "-5", "1.5", "lots"]) expect(() => readConfig({ PHOTO_QUOTA_MB: wrong })).toThrow(/PHOTO_QUOTA_MB/);
  });
});
