import { beforeAll, describe, expect, test } from "vitest";
import { MAX_PHOTO_BYTES } from "../../server/routes/attachments/attachments.routes";
import { expectError, pngOfSize, prepareWorld, sha256Of, snapshot, TINY_JPEG, TINY_PNG, TINY_WEBP, world } from "../support/api";

beforeAll(prepareWorld, 120_000);

type World = Awaited<ReturnType<typeof world>>;
type Agent = World["a"]["director"];

const put = (who: Agent, orgId: string, sha: string, bytes: Uint8Array, type?: string, headers: Record<string, string> = {}) =>
  who.request("PUT", `/api/orgs/${orgId}/attachments/${sha}`, bytes, { ...(type ? { "content-type": type } : {}), ...headers });
const get = (who: Agent, orgId: string, sha: string) => who.get(`/api/orgs/${orgId}/attachments/${sha}`);

/** Raw GET, to read the bytes (the agent reads bodies as text). */
async function getBytes(w: World, who: Agent, orgId: string, sha: string) {
  const res = await w.app.request(`/api/orgs/${orgId}/attachments/${sha}`, { headers: { cookie: who.cookie } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe("photo upload and download", () => {
  test.each([
    ["image/png", TINY_PNG],
    ["image/jpeg", TINY_JPEG],
    ["image/webp", TINY_WEBP],
  ] as const)("%s: 201 when new, 200 when already stored; GET returns the bytes, the type and an immutable cache lifetime", async (type, bytes) => {
    const w = await world();
    const { a } = w;
    const sha = sha256Of(bytes);
    // Org A's template already holds TINY_PNG; B's holds TINY_WEBP, so use org A with a fresh image.
    const fresh = type === "image/png" ? pngOfSize(100) : bytes;
    const freshSha = type === "image/png" ? sha256Of(fresh) : sha;
    const created = await put(a.board, a.orgId, freshSha, fresh, type);
    expect(created.status, created.text).toBe(201);
    expect(created.json).toEqual({ sha256: freshSha, size: fresh.length, contentType: type });
    const again = await put(a.cx, a.orgId, freshSha, fresh, `${type}; charset=binary`);
    expect(again.status, again.text).toBe(200);
    expect(again.json).toEqual({ sha256: freshSha, size: fresh.length, contentType: type });

    const res = await getBytes(w, a.director, a.orgId, freshSha);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(type);
    const cache = res.headers.get("cache-control") ?? "";
    expect(cache).toContain("immutable");
    expect(Number(/max-age=(\d+)/.exec(cache)?.[1])).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect(Buffer.from(res.bytes).equals(Buffer.from(fresh))).toBe(true);
  });

  test("the photo stored for the template world is readable by every member", async () => {
    const w = await world();
    for (const who of [w.a.director, w.a.admin, w.a.cx, w.a.board]) {
      const res = await getBytes(w, who, w.a.orgId, w.aIds.photoSha256);
      expect(res.status).toBe(200);
      expect(Buffer.from(res.bytes).equals(Buffer.from(TINY_PNG))).toBe(true);
    }
  });

  test("a photo that was never uploaded is a 404", async () => {
    const { a } = await world();
    expectError(await get(a.director, a.orgId, sha256Of(new Uint8Array([1, 2, 3]))), 404, "not_found");
  });
});

describe("refused uploads store nothing", () => {
  test.each([
    ["a hash that does not match the bytes", () => ({ sha: sha256Of(TINY_JPEG), bytes: TINY_PNG, type: "image/png" }), 400, "hash_mismatch"],
    ["PNG bytes declared as JPEG", () => ({ sha: sha256Of(TINY_PNG), bytes: TINY_PNG, type: "image/jpeg" }), 400, "not_an_image"],
    ["JPEG bytes declared as WebP", () => ({ sha: sha256Of(TINY_JPEG), bytes: TINY_JPEG, type: "image/webp" }), 400, "not_an_image"],
    ["text declared as PNG", () => ({ sha: sha256Of(Buffer.from("hello")), bytes: Buffer.from("hello"), type: "image/png" }), 400, "not_an_image"],
    ["no bytes", () => ({ sha: sha256Of(new Uint8Array()), bytes: new Uint8Array(), type: "image/png" }), 400, undefined],
    ["an SVG (scriptable)", () => ({ sha: sha256Of(Buffer.from("<svg/>")), bytes: Buffer.from("<svg/>"), type: "image/svg+xml" }), 415, undefined],
    ["a GIF", () => ({ sha: sha256Of(Buffer.from("GIF89a")), bytes: Buffer.from("GIF89a"), type: "image/gif" }), 415, undefined],
    ["JSON", () => ({ sha: sha256Of(Buffer.from("{}")), bytes: Buffer.from("{}"), type: "application/json" }), 415, undefined],
    ["no content type", () => ({ sha: sha256Of(TINY_PNG), bytes: TINY_PNG, type: undefined }), 415, undefined],
  ] as const)("%s is refused with its status and code", async (_label, make, status, code) => {
    const { a, client } = await world();
    const { sha, bytes, type } = make();
    const before = await snapshot(client);
    expectError(await put(a.director, a.orgId, sha, new Uint8Array(bytes), type), status, code);
    expect(await snapshot(client)).toEqual(before);
  });

  test.each([
    ["upper-case hex", sha256Of(TINY_PNG).toUpperCase()],
    ["too short", sha256Of(TINY_PNG).slice(0, 63)],
    ["not hex", "z".repeat(64)],
  ])("an address that is no SHA-256 (%s) is a 404 for PUT and GET", async (_label, sha) => {
    const { a, client } = await world();
    const before = await snapshot(client);
    expectError(await put(a.director, a.orgId, sha, TINY_PNG, "image/png"), 404, "not_found");
    expectError(await get(a.director, a.orgId, sha), 404, "not_found");
    expect(await snapshot(client)).toEqual(before);
  });

  test("exactly 10 MB is stored; one byte more is a 413, with or without Content-Length, and stores nothing", async () => {
    const w = await world();
    const { a, client } = w;
    const over = pngOfSize(MAX_PHOTO_BYTES + 1);
    const before = await snapshot(client);
    for (const headers of [{}, { "content-length": String(over.length) }] as Record<string, string>[]) {
      expectError(await put(a.director, a.orgId, sha256Of(over), over, "image/png", headers), 413, "payload_too_large");
    }
    expect(await snapshot(client)).toEqual(before);

    const max = pngOfSize(MAX_PHOTO_BYTES);
    const res = await put(a.director, a.orgId, sha256Of(max), max, "image/png");
    expect(res.status, res.text).toBe(201);
    const back = await getBytes(w, a.cx, a.orgId, sha256Of(max));
    expect(back.bytes.length).toBe(MAX_PHOTO_BYTES);
    expect(sha256Of(back.bytes)).toBe(sha256Of(max));
  });
});

describe("photos and tenants", () => {
  test("a member of another organisation gets 404 for org A's photo, through A's org and through their own", async () => {
    const { a, aIds, b } = await world();
    expect((await get(a.board, a.orgId, aIds.photoSha256)).status).toBe(200);
    expectError(await get(b.agent, a.orgId, aIds.photoSha256), 404, "not_found");
    expectError(await get(b.agent, b.orgId, aIds.photoSha256), 404, "not_found");
    // And the other way round.
    expectError(await get(a.admin, a.orgId, sha256Of(TINY_WEBP)), 404, "not_found");
    expectError(await get(a.admin, b.orgId, sha256Of(TINY_WEBP)), 404, "not_found");
  });

  test("uploading bytes org A already has stores B's own copy (201, not 200: nothing about A is revealed) and leaves A's alone", async () => {
    const { a, aIds, b, client } = await world();
    const aRow = async () => (await client.execute({ sql: "select * from attachments where org_id = ? and sha256 = ?", args: [a.orgId, aIds.photoSha256] })).rows[0];
    const before = await aRow();
    const res = await put(b.agent, b.orgId, aIds.photoSha256, TINY_PNG, "image/png");
    expect(res.status, res.text).toBe(201);
    expect(await aRow()).toEqual(before);
    expect((await get(b.agent, b.orgId, aIds.photoSha256)).status).toBe(200);
    const count = await client.execute({ sql: "select count(*) as n from attachments where sha256 = ?", args: [aIds.photoSha256] });
    expect(Number(count.rows[0]!.n)).toBe(2);
  });

  test("a non-member cannot upload into org A", async () => {
    const { a, b, client } = await world();
    const before = await snapshot(client);
    const bytes = pngOfSize(64);
    expectError(await put(b.agent, a.orgId, sha256Of(bytes), bytes, "image/png"), 404, "not_found");
    expect(await snapshot(client)).toEqual(before);
  });
});
