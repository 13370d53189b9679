import { describe, expect, test } from "vitest";
import { agent, DEMO_PASSWORD, demoOrg, freshApp, type TestApp } from "../support/app";
import { expectError, issuePaths, snapshot } from "../support/api";
import { captured } from "../support/log";

describe("GET /api/health", () => {
  test("answers 200 {ok:true} when the database answers", async () => {
    const { app } = await freshApp();
    const res = await agent(app).get("/api/health");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
  });

  test("answers 503 in the error shape when the database is gone", async () => {
    const { app, client } = await freshApp();
    client.close();
    const res = await agent(app).get("/api/health");
    expectError(res, 503, "database_unavailable");
  });
});

describe("setup", () => {
  test("GET /api/setup says setup is needed on an empty installation and not after", async () => {
    const { app } = await freshApp();
    const a = agent(app);
    expect((await a.get("/api/setup")).json).toEqual({ needed: true, codeRequired: false });
    expect((await a.post("/api/setup", { mode: "demo" })).status).toBe(201);
    expect((await a.get("/api/setup")).json).toEqual({ needed: false, codeRequired: false });
  });

  test("demo setup creates Demo Retail and logs you in as the director", async () => {
    const { app } = await freshApp();
    const a = agent(app);
    const res = await a.post("/api/setup", { mode: "demo" });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      user: { id: expect.any(String), email: "director@demo.example", name: expect.any(String) },
      memberships: [{ orgId: expect.any(String), orgName: "Demo Retail", role: "executive" }],
    });
    expect(res.headers.get("set-cookie")).toMatch(/^chefsache_session=[^;]+;/);
    const me = await a.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.json).toEqual(res.json);
  });

  test("demo setup creates the four demo people with their roles, each able to log in with the demo password", async () => {
    const { app } = await freshApp();
    const demo = await demoOrg(app);
    const members = (await demo.admin.get(`/api/orgs/${demo.orgId}/members`)).json.members as { email: string; role: string }[];
    expect(Object.fromEntries(members.map((m) => [m.email, m.role]))).toEqual({
      "admin@demo.example": "admin",
      "director@demo.example": "executive",
      "cx@demo.example": "cx_ops",
      "board@demo.example": "board",
    });
    // demoOrg logged in admin, cx and board; the director was logged in by setup.
    for (const who of [demo.admin, demo.cx, demo.board, demo.director]) {
      const me = await who.get("/api/me");
      expect(me.json.memberships).toEqual([{ orgId: demo.orgId, orgName: "Demo Retail", role: expect.any(String) }]);
    }
    const wrong = await agent(app).post("/api/auth/login", { email: "board@demo.example", password: `${DEMO_PASSWORD}x` });
    expect(wrong.status).toBe(401);
  });

  test("demo setup creates locations, the six default journey stages in order, segments with motives and themes", async () => {
    const { app } = await freshApp();
    const demo = await demoOrg(app);
    const list = async (noun: string) => (await demo.director.get(`/api/orgs/${demo.orgId}/${noun}`)).json.items as any[];

    const locations = await list("locations");
    expect(locations.length).toBeGreaterThanOrEqual(3);
    expect(new Set(locations.map((l) => l.kind)).size).toBeGreaterThan(1);

    const stages = await list("journey-stages");
    expect(stages.map((s) => s.name)).toEqual(["Orientation", "Purchase", "Delivery", "Use", "Service", "Loyalty"]);
    expect(stages.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5]);

    const segments = await list("segments");
    expect(segments.length).toBeGreaterThan(0);
    for (const segment of segments) expect(segment.motives.length).toBeGreaterThan(0);

    const themes = await list("themes");
    expect(themes.some((t) => t.notDoing === true)).toBe(true);
    expect(themes.some((t) => t.notDoing === false)).toBe(true);
  });

  test("org setup creates the organisation with its admin, logged in, with default stages and no other settings", async () => {
    const { app } = await freshApp();
    const a = agent(app);
    const res = await a.post("/api/setup", {
      mode: "org",
      orgName: "  Bakkerij Jansen ",
      name: "Jan Jansen",
      email: "Jan@Bakkerij.Example",
      password: "long-enough-password",
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      user: { id: expect.any(String), email: "jan@bakkerij.example", name: "Jan Jansen" },
      memberships: [{ orgId: expect.any(String), orgName: "Bakkerij Jansen", role: "admin" }],
    });
    const orgId = res.json.memberships[0].orgId;
    expect((await a.get(`/api/orgs/${orgId}/journey-stages`)).json.items).toHaveLength(6);
    expect((await a.get(`/api/orgs/${orgId}/locations`)).json.items).toEqual([]);

    const login = await agent(app).post("/api/auth/login", { email: "jan@bakkerij.example", password: "long-enough-password" });
    expect(login.status).toBe(200);
    expect(login.json.user.id).toBe(res.json.user.id);
  });

  test.each([
    ["demo", { mode: "demo" }],
    ["org", { mode: "org", orgName: "Second", name: "Second Admin", email: "second@example.com", password: "long-enough-password" }],
  ])("a second %s setup is refused with 409 and creates nothing", async (_mode, body) => {
    const { app, client } = await freshApp();
    const first = agent(app);
    expect((await first.post("/api/setup", { mode: "demo" })).status).toBe(201);
    const before = await snapshot(client);
    const second = agent(app);
    const res = await second.post("/api/setup", body);
    expectError(res, 409, "conflict");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await snapshot(client)).toEqual(before);
  });

  test("once set up, any setup body — even a malformed one — is answered 409", async () => {
    const { app } = await freshApp();
    expect((await agent(app).post("/api/setup", { mode: "demo" })).status).toBe(201);
    expectError(await agent(app).post("/api/setup", { mode: "nonsense", extra: 1 }), 409, "conflict");
    expectError(await agent(app).post("/api/setup", "{not json"), 409, "conflict");
  });

  test("two simultaneous setups create exactly one organisation", async () => {
    const { app, client } = await freshApp();
    const results = await Promise.all([agent(app).post("/api/setup", { mode: "demo" }), agent(app).post("/api/setup", { mode: "demo" })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await client.execute("select count(*) as n from organisations")).rows[0]!.n).toBe(1);
  });

  test.each([
    [{ mode: "org", name: "A", email: "a@example.com", password: "long-enough-password" }, ["orgName"]],
    [{ mode: "org", orgName: "O", name: "A", email: "not-an-email", password: "long-enough-password" }, ["email"]],
    [{ mode: "org", orgName: "O", name: "A", email: "a@example.com", password: "short" }, ["password"]],
    [{ mode: "org", orgName: "O", name: "   ", email: "a@example.com", password: "long-enough-password" }, ["name"]],
    [{ mode: "org", orgName: "O".repeat(121), name: "A", email: "a@example.com", password: "long-enough-password" }, ["orgName"]],
    [{ mode: "demo", extra: true }, ["extra"]],
    [{ mode: "party" }, ["mode"]],
    [{}, ["mode"]],
  ])("setup body %j is refused with 400 naming %j, and setup stays needed", async (body, paths) => {
    const { app } = await freshApp();
    const a = agent(app);
    const res = await a.post("/api/setup", body);
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(paths);
    expect((await a.get("/api/setup")).json).toEqual({ needed: true, codeRequired: false });
  });
});

describe("setup code: no takeover of a fresh installation from another machine", () => {
  const CODE = "K7QXM-3HWPA";
  const ORG_SETUP = { mode: "org", orgName: "Bakkerij Jansen", name: "Jan Jansen", email: "jan@bakkerij.example", password: "long-enough-password" };

  /** A request whose socket peer is another machine (in-process requests otherwise count as the machine itself). */
  async function fromElsewhere(app: TestApp, method: string, path: string, body?: unknown) {
    const init: RequestInit = { method, ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }) };
    const res = await app.request(path, init, { incoming: { socket: { remoteAddress: "203.0.113.5", remotePort: 50123, remoteFamily: "IPv4" } } });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
  }

  test("GET /api/setup says whether this caller needs the code: another machine does, the machine itself does not", async () => {
    const { app } = await freshApp({ setupCode: CODE });
    expect((await fromElsewhere(app, "GET", "/api/setup")).json).toEqual({ needed: true, codeRequired: true });
    expect((await agent(app).get("/api/setup")).json).toEqual({ needed: true, codeRequired: false });
  });

  test.each([
    ["no code", { mode: "demo" }, "setup_code_required"],
    ["a wrong code", { mode: "demo", setupCode: "AAAAA-BBBBB" }, "setup_code_wrong"],
    ["no code, setting up an organisation", ORG_SETUP, "setup_code_required"],
  ])("from another machine with %s: 403, nothing created, logged, and setup still needed", async (_label, body, code) => {
    const { lines, log } = captured();
    const { app, client } = await freshApp({ setupCode: CODE, log });
    const before = await snapshot(client);
    const res = await fromElsewhere(app, "POST", "/api/setup", body);
    expectError(res, 403, code);
    expect(res.json.error.message).toMatch(/setup code/);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await snapshot(client)).toEqual(before);
    expect((await agent(app).get("/api/setup")).json.needed).toBe(true);
    expect(lines.find((l) => l.event === "setup_refused")).toMatchObject({ level: "warn", ip: "203.0.113.5" });
  });

  test("from another machine with no code printed (the installation had an organisation at start), any code is wrong", async () => {
    const { app } = await freshApp();
    expectError(await fromElsewhere(app, "POST", "/api/setup", { mode: "demo", setupCode: "" }), 403, "setup_code_required");
    expectError(await fromElsewhere(app, "POST", "/api/setup", { mode: "demo", setupCode: CODE }), 403, "setup_code_wrong");
  });

  test("from another machine with the right code (in any case, without the dash) setup works", async () => {
    const { app } = await freshApp({ setupCode: CODE });
    const res = await fromElsewhere(app, "POST", "/api/setup", { ...ORG_SETUP, setupCode: " k7qxm3hwpa " });
    expect(res.status).toBe(201);
    expect(res.json.memberships).toEqual([{ orgId: expect.any(String), orgName: "Bakkerij Jansen", role: "admin" }]);
  });

  test("the machine itself needs no code", async () => {
    const { app } = await freshApp({ setupCode: CODE });
    expect((await agent(app).post("/api/setup", { mode: "demo" })).status).toBe(201);
  });

  test("behind a trusted proxy (TRUST_PROXY=1) the code is needed even from loopback", async () => {
    const { app, client } = await freshApp({ setupCode: CODE, proxyHops: 1 });
    const a = agent(app);
    expect((await a.get("/api/setup")).json).toEqual({ needed: true, codeRequired: true });
    const before = await snapshot(client);
    expectError(await a.post("/api/setup", { mode: "demo" }), 403, "setup_code_required");
    expect(await snapshot(client)).toEqual(before);
    expect((await a.post("/api/setup", { mode: "demo", setupCode: CODE })).status).toBe(201);
    expect((await a.get("/api/setup")).json).toEqual({ needed: false, codeRequired: false });
  });
});
