import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { beforeEach, describe, expect, test } from "vitest";
import { chooseEncoding } from "../../server/http/compress";
import { demoOrg, freshApp, type TestApp } from "../support/app";

let app: TestApp;
let orgId: string;
let cookie: string;

async function get(path: string, acceptEncoding?: string) {
  const headers: Record<string, string> = { cookie };
  if (acceptEncoding !== undefined) headers["accept-encoding"] = acceptEncoding;
  const res = await app.request(path, { headers });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

const pullPath = () => `/api/orgs/${orgId}/sync/pull`;

describe("JSON answers over 1 KB are compressed when the client accepts it", () => {
  // freshApp closes its database after each test.
  beforeEach(async () => {
    ({ app } = await freshApp());
    const demo = await demoOrg(app);
    orgId = demo.orgId;
    cookie = demo.director.cookie;
  });

  test("the demo's first pull in brotli is a fraction of its size and reads back the same", async () => {
    const plain = await get(pullPath());
    const { res, bytes } = await get(pullPath(), "gzip, deflate, br, zstd");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(bytes.length).toBeLessThan(plain.bytes.length / 5);
    const unpacked = JSON.parse(brotliDecompressSync(bytes).toString());
    expect(unpacked.changes.length).toBeGreaterThan(50);
    expect(unpacked).toEqual(JSON.parse(plain.bytes.toString()));
  });

  test("gzip for a client that does not accept brotli", async () => {
    const { res, bytes } = await get(pullPath(), "gzip, deflate");
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(JSON.parse(gunzipSync(bytes).toString()).changes.length).toBeGreaterThan(50);
  });

  test("as it is, with Vary, for a client that accepts no encoding", async () => {
    for (const acceptEncoding of [undefined, "identity", "br;q=0, gzip;q=0"]) {
      const { res, bytes } = await get(pullPath(), acceptEncoding);
      expect(res.headers.get("content-encoding")).toBeNull();
      expect(res.headers.get("vary")).toBe("Accept-Encoding");
      expect(JSON.parse(bytes.toString()).changes.length).toBeGreaterThan(50);
    }
  });

  test("a small answer goes out as it is", async () => {
    const { res, bytes } = await get("/api/health", "br, gzip");
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(bytes.length).toBeLessThan(1024);
    expect(JSON.parse(bytes.toString())).toMatchObject({ ok: true });
  });

  test("an error answer keeps its status and shape when compressed", async () => {
    const res = await app.request(`/api/orgs/${orgId}/sync/pull?since=not-a-cursor&limit=0`, { headers: { cookie, "accept-encoding": "br" } });
    expect(res.status).toBe(400);
    const bytes = Buffer.from(await res.arrayBuffer());
    const body = JSON.parse(res.headers.get("content-encoding") === "br" ? brotliDecompressSync(bytes).toString() : bytes.toString());
    expect(body.error.code).toBeTypeOf("string");
  });
});

describe("chooseEncoding reads Accept-Encoding as browsers and proxies write it", () => {
  test.each([
    ["gzip, deflate, br, zstd", "br"],
    ["br", "br"],
    ["gzip", "gzip"],
    ["GZIP", "gzip"],
    ["gzip;q=1.0, br;q=0.5", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["br;q=0, gzip;q=0", undefined],
    ["*", "br"],
    ["*;q=0", undefined],
    ["identity", undefined],
    ["deflate", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%s → %s", (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});
