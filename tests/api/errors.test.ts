import { beforeAll, describe, expect, test } from "vitest";
import { MAX_BODY_BYTES } from "../../server/app";
import { agent } from "../support/app";
import {
  errorShapeProblem,
  expectError,
  fillPath,
  issuePaths,
  prepareWorld,
  registeredRoutes,
  type RouteEntry,
  routeKey,
  sampleBody,
  snapshot,
  world,
} from "../support/api";

/** The shared two-organisation world is built once, ahead of the tests (a busy machine would time out the first one). */
beforeAll(prepareWorld, 120_000);

/** Bodies no route accepts, each sent as application/json. */
const BAD_JSON_BODIES: [string, string][] = [
  ["an empty body", ""],
  ["malformed JSON", '{"name": "x",'],
  ["a bare word", "undefined"],
  ["an array instead of an object", "[]"],
  ["an array of objects", '[{"name":"x","kind":"store"}]'],
  ["null", "null"],
  ["a string", '"just text"'],
  ["a number", "42"],
  ["a huge number", "1e999"],
  ["true", "true"],
  ["an unknown field only", '{"extra": 1}'],
  ["wrong types in every field", '{"name": 12, "email": [], "password": {}, "role": 7, "kind": false, "ids": "x", "mode": 1, "motives": "a", "notDoing": "yes", "archived": "no", "description": 3}'],
  ["huge numbers in every field", '{"name": 1e308, "email": 1e308, "password": -1e308, "role": 1e308, "kind": 1e308, "ids": 1e308, "mode": 1e308}'],
  ["nulls in every field", '{"name": null, "email": null, "password": null, "role": null, "kind": null, "ids": null, "mode": null, "archived": null}'],
  ["deeply nested arrays", `{"name": ${"[".repeat(20_000)}${"]".repeat(20_000)}, "ids": ${"[".repeat(20_000)}${"]".repeat(20_000)}}`],
  ["a prototype-pollution key", '{"__proto__": {"role": "admin"}, "constructor": {"prototype": {}}}'],
  ["an over-long string in every field", JSON.stringify(Object.fromEntries(["name", "email", "password", "orgName", "description", "mode", "role", "kind"].map((k) => [k, "x".repeat(100_000)])))],
  ["a NUL byte", '{"name": "\\u0000"}\u0000'],
  ["a byte-order mark and junk", "\ufeff\u0001\u0002"],
];

/** Path parameter values that name no record. */
const BAD_PARAMS: [string, string][] = [
  ["a non-UUID", "not-a-uuid"],
  ["a number", "123"],
  ["the nil UUID", "00000000-0000-0000-0000-000000000000"],
  ["a bad percent-escape", "%ZZ"],
  ["an encoded NUL", "%00"],
  ["an encoded traversal", "..%2F..%2Fetc%2Fpasswd"],
  ["SQL", encodeURIComponent("' OR '1'='1")],
  ["markup", encodeURIComponent("<script>alert(1)</script>")],
  ["a very long value", "a".repeat(3000)],
  ["a UUID with trailing junk", "3f2504e0-4f89-41d3-9a0c-0305e82c3301-x"],
];

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH"]);
/** Routes that read a JSON body (logout, a reset link's making and the archive's restore and purge read none; a photo upload reads bytes, see attachments.test.ts). */
const NOT_JSON = new Set(["/api/auth/logout", "/api/auth/logout-all", "/api/orgs/:orgId/members/:userId/password-reset", "/api/orgs/:orgId/attachments/:sha256", "/api/orgs/:orgId/archive/:entity/:id/restore", "/api/orgs/:orgId/archive/:entity/:id/purge"]);
const bodyRoutes = (routes: RouteEntry[]) => routes.filter((r) => WRITE_METHODS.has(r.method) && !NOT_JSON.has(r.path));

/** The path with real records of org A, and a made-up token for invite links. */
const realPath = (route: RouteEntry, aIds: Parameters<typeof fillPath>[1]) =>
  fillPath(route.path, aIds, aIds, { ":token": "made-up-invite-token" });

describe("the error shape", () => {
  test("an unknown API route is a 404 in the error shape, whatever the method", async () => {
    const { app, a } = await world();
    for (const method of ["GET", "POST", "DELETE"]) {
      expectError(await agent(app).request(method, "/api/no-such-thing"), 404, "not_found");
    }
    expectError(await a.admin.get(`/api/orgs/${a.orgId}/no-such-thing`), 404, "not_found");
  });

  test("a method a route does not have is a 404 in the error shape", async () => {
    const { a } = await world();
    expectError(await a.admin.delete(`/api/orgs/${a.orgId}/locations`), 404, "not_found");
  });

  test("malformed JSON is a 400 invalid_json", async () => {
    const { a } = await world();
    const res = await a.admin.request("POST", `/api/orgs/${a.orgId}/locations`, '{"name": "x", "kind": ');
    expectError(res, 400, "invalid_json");
  });

  test("wrong types are a 400 whose issues name each field", async () => {
    const { a } = await world();
    const res = await a.admin.post(`/api/orgs/${a.orgId}/locations`, { name: 5, kind: "castle" });
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(["kind", "name"]);
  });

  test('an unknown field is a 400 whose issue path is the field, e.g. "extra"', async () => {
    const { a } = await world();
    const res = await a.admin.post(`/api/orgs/${a.orgId}/locations`, { name: "Delft", kind: "store", extra: true, another: 1 });
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(["another", "extra"]);
  });

  test("nested fields are named by their dotted path", async () => {
    const { a } = await world();
    const res = await a.admin.post(`/api/orgs/${a.orgId}/segments`, { name: "Students", motives: ["price", 7] });
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(["motives.1"]);
  });

  test("a 120-character name is accepted and a 121-character one is a 400 naming it", async () => {
    const { a } = await world();
    expect((await a.admin.post(`/api/orgs/${a.orgId}/locations`, { name: "x".repeat(120), kind: "store" })).status).toBe(201);
    const res = await a.admin.post(`/api/orgs/${a.orgId}/locations`, { name: "x".repeat(121), kind: "store" });
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(["name"]);
  });

  test("a body sent as application/json with a charset is accepted", async () => {
    const { a } = await world();
    const res = await a.admin.request("POST", `/api/orgs/${a.orgId}/locations`, { name: "Delft", kind: "store" }, { "content-type": "application/json; charset=utf-8" });
    expect(res.status).toBe(201);
  });
});

describe("body size", () => {
  const oversized = JSON.stringify({ email: "admin@demo.example", password: "x".repeat(MAX_BODY_BYTES) });

  test("a body over 1 MB is a 413 payload_too_large, with or without Content-Length", async () => {
    const { app } = await world();
    const variants: Record<string, string>[] = [{}, { "content-length": String(Buffer.byteLength(oversized)) }];
    for (const headers of variants) {
      const res = await app.request("/api/auth/login", { method: "POST", body: oversized, headers: { "content-type": "application/json", ...headers } });
      expect(res.status).toBe(413);
      const json = await res.json();
      expect(errorShapeProblem(json)).toBeNull();
      expect(json.error.code).toBe("payload_too_large");
    }
  });

  test("a body over 1 MB to an org route is a 413 and creates nothing", async () => {
    const { a, client } = await world();
    const before = await snapshot(client);
    const res = await a.admin.request("POST", `/api/orgs/${a.orgId}/locations`, JSON.stringify({ name: "x", kind: "store", pad: "y".repeat(MAX_BODY_BYTES) }));
    expectError(res, 413, "payload_too_large");
    expect(await snapshot(client)).toEqual(before);
  });

  test("a body just under 1 MB is read and judged on its content (400, not 413)", async () => {
    const { app } = await world();
    const body = JSON.stringify({ email: "admin@demo.example", password: "x".repeat(MAX_BODY_BYTES - 100) });
    expect(Buffer.byteLength(body)).toBeLessThan(MAX_BODY_BYTES);
    const res = await agent(app).request("POST", "/api/auth/login", body);
    expectError(res, 400, "validation_failed");
  });
});

describe("content type", () => {
  test.each([
    ["no content type", undefined],
    ["a form encoding (what curl -d sends)", "application/x-www-form-urlencoded"],
    ["text/plain", "text/plain"],
  ])("a JSON body labelled with %s is still read as JSON", async (_label, type) => {
    const { app, a } = await world();
    const headers: Record<string, string> = { cookie: a.admin.cookie, ...(type ? { "content-type": type } : {}) };
    const res = await app.request(`/api/orgs/${a.orgId}/locations`, { method: "POST", headers, body: JSON.stringify({ name: "Delft", kind: "store" }) });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { name: string }).name).toBe("Delft");
  });

  test("a cross-site form post is refused by the origin check and creates nothing", async () => {
    const { a, client } = await world();
    const before = await snapshot(client);
    const res = await a.admin.request("POST", `/api/orgs/${a.orgId}/locations`, JSON.stringify({ name: "Delft", kind: "store" }), {
      "content-type": "text/plain",
      origin: "https://evil.example",
    });
    expectError(res, 403, "cross_origin");
    expect(await snapshot(client)).toEqual(before);
  });

  test("a write with no body and no content type is a 4xx in the error shape", async () => {
    const { app, a } = await world();
    const res = await app.request(`/api/orgs/${a.orgId}/locations`, { method: "POST", headers: { cookie: a.admin.cookie } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(errorShapeProblem(await res.json())).toBeNull();
  });
});

describe("no client mistake produces a 500", () => {
  test("a path id that names nothing is a 404 even when the body is malformed too", async () => {
    const { a, client } = await world();
    const before = await snapshot(client);
    const res = await a.admin.request("PATCH", `/api/orgs/${a.orgId}/members/not-a-uuid`, '{"role":', { "content-type": "application/json" });
    expectError(res, 404, "not_found");
    expect(await snapshot(client)).toEqual(before);
  });

  test("every body-reading route answers every bad JSON body with a 400 in the error shape, changing nothing", async () => {
    const { app, client, a, aIds } = await world();
    const routes = bodyRoutes(registeredRoutes(app));
    expect(routes.map(routeKey)).toEqual(
      expect.arrayContaining(["POST /api/setup", "POST /api/auth/login", "POST /api/invites/:token/accept", "POST /api/orgs/:orgId/locations", "PUT /api/orgs/:orgId/journey-stages/order"]),
    );
    const before = await snapshot(client);
    const problems: string[] = [];
    for (const route of routes) {
      for (const [label, body] of BAD_JSON_BODIES) {
        // As org A's admin, so role checks pass and the body is what gets judged.
        const res = await a.admin.request(route.method, realPath(route, aIds), body, { "content-type": "application/json" });
        const shape = errorShapeProblem(res.json);
        // The installation is set up, and that is setup's answer to any body (health-setup.test.ts checks its 400s).
        const expected = routeKey(route) === "POST /api/setup" ? 409 : 400;
        if (res.status !== expected || shape) problems.push(`${routeKey(route)} with ${label} → ${res.status} ${shape ?? ""} ${res.text.slice(0, 100)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshot(client)).toEqual(before);
  });

  test("every route with a path parameter answers every bad value with a 404 in the error shape, changing nothing", async () => {
    const { app, client, a, aIds } = await world();
    const routes = registeredRoutes(app).filter((r) => r.path.includes("/:"));
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const before = await snapshot(client);
    const problems: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const params = route.path.split("/").filter((s) => s.startsWith(":"));
      for (const param of params) {
        for (const [label, value] of BAD_PARAMS) {
          const path = fillPath(route.path, aIds, aIds, { ":token": "made-up-invite-token", [param]: value });
          const res = await a.admin.request(route.method, path, sampleBody(route, aIds));
          requests += 1;
          const shape = errorShapeProblem(res.json);
          if (res.status !== 404 || shape) problems.push(`${routeKey(route)} with ${param} = ${label} → ${res.status} ${shape ?? ""} ${res.text.slice(0, 100)}`);
        }
      }
    }
    expect(requests).toBeGreaterThan(100);
    expect(problems).toEqual([]);
    expect(await snapshot(client)).toEqual(before);
  });

  test("a real record id in upper case names nothing (404), it does not crash", async () => {
    const { a, aIds } = await world();
    expectError(await a.admin.patch(`/api/orgs/${a.orgId}/locations/${aIds.locationId.toUpperCase()}`, { name: "X" }), 404, "not_found");
    expectError(await a.admin.get(`/api/orgs/${a.orgId.toUpperCase()}/locations`), 404, "not_found");
  });

  test("odd query strings on list routes do not crash", async () => {
    const { app, a, aIds } = await world();
    const lists = registeredRoutes(app).filter((r) => r.method === "GET" && r.path.startsWith("/api/orgs/"));
    for (const route of lists) {
      for (const query of ["?archived=include&archived=exclude", "?archived[]=x", "?archived=%ZZ", `?${"q=1&".repeat(500)}`]) {
        const res = await a.admin.get(fillPath(route.path, aIds) + query);
        expect(res.status, `${routeKey(route)}${query}`).toBeLessThan(500);
      }
    }
  });

  test("concurrent writes from several people all get answers, none a 500", async () => {
    const { app, a, aIds, b } = await world();
    const base = `/api/orgs/${a.orgId}`;
    const requests = [
      ...Array.from({ length: 4 }, (_, i) => a.admin.put(`${base}/journey-stages/order`, { ids: i % 2 ? aIds.stageIds : [...aIds.stageIds].reverse() })),
      ...Array.from({ length: 6 }, (_, i) => a.admin.post(`${base}/locations`, { name: `Pop-up ${i}`, kind: "store" })),
      a.admin.patch(`${base}/members/${aIds.memberId}`, { role: "board" }),
      a.admin.patch(`${base}/members/${aIds.memberId}`, { role: "executive" }),
      a.admin.post(`${base}/invites`, { email: "someone@demo.example", role: "board" }),
      a.admin.delete(`${base}/invites/${aIds.inviteId}`),
      b.agent.post(`/api/orgs/${b.orgId}/themes`, { name: "Concurrent theme" }),
      agent(app).post("/api/setup", { mode: "demo" }),
      agent(app).post("/api/auth/logout"),
      a.board.get(`${base}/locations`),
    ];
    const results = await Promise.all(requests);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.slice(0, 10).every((s) => s === 200 || s === 201)).toBe(true);
    const locations = (await a.admin.get(`${base}/locations`)).json.items.map((l: { name: string }) => l.name);
    for (let i = 0; i < 6; i++) expect(locations).toContain(`Pop-up ${i}`);
  });
});
