import { beforeAll, describe, expect, test } from "vitest";
import { agent, httpsCookie, type TestApp } from "../support/app";
import { expectError, issuePaths, prepareWorld, snapshot, world } from "../support/api";

/** The shared two-organisation world is built once, ahead of the tests (a busy machine would time out the first one). */
beforeAll(prepareWorld, 120_000);

const tokenOf = (link: string) => new URL(link).pathname.split("/").pop()!;

async function invite(w: Awaited<ReturnType<typeof world>>, email: string, role = "cx_ops") {
  const res = await w.a.admin.post(`/api/orgs/${w.a.orgId}/invites`, { email, role });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${res.text}`);
  return { ...res.json, token: tokenOf(res.json.link) } as { invite: { id: string }; link: string; token: string };
}

const openLink = (app: TestApp, token: string) => agent(app).get(`/api/invites/${token}`);

describe("creating invites", () => {
  test("an admin invites by e-mail and role: 201 with the invite and a one-time link", async () => {
    const { a } = await world();
    const res = await a.admin.post(`/api/orgs/${a.orgId}/invites`, { email: "Nina.New@Demo.Example", role: "board" });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      invite: { id: expect.any(String), email: "nina.new@demo.example", role: "board", createdAt: expect.any(String), expiresAt: expect.any(String) },
      link: expect.stringMatching(/^http:\/\/localhost\/invite\/[A-Za-z0-9_-]{43}$/),
    });
    expect(Date.parse(res.json.invite.expiresAt)).toBeGreaterThan(Date.now() + 7 * 86_400_000);
    const pending = (await a.admin.get(`/api/orgs/${a.orgId}/invites`)).json.invites.map((i: { email: string }) => i.email);
    expect(pending).toContain("nina.new@demo.example");
  });

  test("behind a trusted TLS-terminating proxy the link uses the forwarded scheme and host", async () => {
    const { app, a } = await world({ proxyHops: 1 });
    // Over https the browser sends the session under its `__Host-` name.
    const admin = agent(app, httpsCookie(a.admin.cookie));
    const res = await admin.request("POST", `/api/orgs/${a.orgId}/invites`, { email: "nina@demo.example", role: "board" }, {
      "x-forwarded-proto": "https",
      "x-forwarded-host": "chefsache.example.com",
    });
    expect(res.json.link).toMatch(/^https:\/\/chefsache\.example\.com\/invite\/[A-Za-z0-9_-]{43}$/);
  });

  test("without TRUST_PROXY the forwarded scheme and host are ignored: a client cannot make links point elsewhere", async () => {
    const { a } = await world();
    const res = await a.admin.request("POST", `/api/orgs/${a.orgId}/invites`, { email: "nina@demo.example", role: "board" }, {
      "x-forwarded-proto": "https",
      "x-forwarded-host": "evil.example",
    });
    expect(res.status).toBe(201);
    expect(res.json.link).toMatch(/^http:\/\/localhost\/invite\//);
  });

  test("the link is not stored: the invite list and database hold no token", async () => {
    const w = await world();
    const { token } = await invite(w, "secret@demo.example");
    const list = await w.a.admin.get(`/api/orgs/${w.a.orgId}/invites`);
    expect(list.text).not.toContain(token);
    expect(JSON.stringify(await snapshot(w.client))).not.toContain(token);
  });

  test.each(["director", "cx", "board"] as const)("a non-admin (%s) may not invite (403) and no invite is created", async (who) => {
    const { a, client } = await world();
    const before = await snapshot(client);
    const res = await a[who].post(`/api/orgs/${a.orgId}/invites`, { email: "sneaky@demo.example", role: "admin" });
    expectError(res, 403, "forbidden");
    expect(await snapshot(client)).toEqual(before);
  });

  test("inviting an existing member is a 409, whatever the case of the address", async () => {
    const { a, client } = await world();
    const before = await snapshot(client);
    expectError(await a.admin.post(`/api/orgs/${a.orgId}/invites`, { email: "cx@demo.example", role: "board" }), 409, "conflict");
    expectError(await a.admin.post(`/api/orgs/${a.orgId}/invites`, { email: "CX@Demo.Example", role: "board" }), 409, "conflict");
    expect(await snapshot(client)).toEqual(before);
  });

  test.each([
    [{ email: "x@demo.example", role: "owner" }, ["role"]],
    [{ email: "not-an-address", role: "board" }, ["email"]],
    [{ email: "x@demo.example" }, ["role"]],
    [{ email: "x@demo.example", role: "board", orgId: "someone-else" }, ["orgId"]],
  ])("invite body %j is a 400 naming %j", async (body, paths) => {
    const { a } = await world();
    const res = await a.admin.post(`/api/orgs/${a.orgId}/invites`, body);
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(paths);
  });
});

describe("accepting an invite as a new user", () => {
  test("the invitee opens the link and sees the org, address, role and that they are new", async () => {
    const w = await world();
    const { token } = await invite(w, "nina@demo.example", "cx_ops");
    const res = await openLink(w.app, token);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ orgId: w.a.orgId, orgName: "Demo Retail", email: "nina@demo.example", role: "cx_ops", existingUser: false });
  });

  test("accepting with name and password logs them in with a membership in that role", async () => {
    const w = await world();
    const { token } = await invite(w, "nina@demo.example", "cx_ops");
    const nina = agent(w.app);
    const res = await nina.post(`/api/invites/${token}/accept`, { name: "Nina Nieuw", password: "nina-password" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      user: { id: expect.any(String), email: "nina@demo.example", name: "Nina Nieuw" },
      memberships: [{ orgId: w.a.orgId, orgName: "Demo Retail", role: "cx_ops" }],
    });
    expect(res.headers.get("set-cookie")).toMatch(/^chefsache_session=[^;]+;.*HttpOnly/i);
    expect((await nina.get("/api/me")).json).toEqual(res.json);
    expect((await nina.get(`/api/orgs/${w.a.orgId}/locations`)).status).toBe(200);
    // A cx_ops member, not an admin.
    expectError(await nina.post(`/api/orgs/${w.a.orgId}/locations`, { name: "X", kind: "store" }), 403, "forbidden");

    const members = (await w.a.admin.get(`/api/orgs/${w.a.orgId}/members`)).json.members;
    expect(members).toContainEqual(expect.objectContaining({ email: "nina@demo.example", name: "Nina Nieuw", role: "cx_ops" }));
    const pending = (await w.a.admin.get(`/api/orgs/${w.a.orgId}/invites`)).json.invites.map((i: { email: string }) => i.email);
    expect(pending).not.toContain("nina@demo.example");

    const login = await agent(w.app).post("/api/auth/login", { email: "NINA@demo.example", password: "nina-password" });
    expect(login.status).toBe(200);
  });

  test("the link works once: a second accept and a second look are 404s", async () => {
    const w = await world();
    const { token } = await invite(w, "nina@demo.example");
    expect((await agent(w.app).post(`/api/invites/${token}/accept`, { name: "Nina", password: "nina-password" })).status).toBe(200);
    const before = await snapshot(w.client);
    expectError(await agent(w.app).post(`/api/invites/${token}/accept`, { name: "Mallory", password: "mallory-password" }), 404, "not_found");
    expectError(await openLink(w.app, token), 404, "not_found");
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("a new user must give a name (400 naming it), and the link still works afterwards", async () => {
    const w = await world();
    const { token } = await invite(w, "nina@demo.example");
    const res = await agent(w.app).post(`/api/invites/${token}/accept`, { password: "nina-password" });
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(["name"]);
    expect((await openLink(w.app, token)).status).toBe(200);
  });

  test.each([
    [{ name: "Nina", password: "short" }, ["password"]],
    [{ name: "Nina", password: "x".repeat(201) }, ["password"]],
    [{ name: "N".repeat(121), password: "nina-password" }, ["name"]],
    [{ name: "Nina", password: "nina-password", role: "admin" }, ["role"]],
  ])("accept body %j is a 400 naming %j and uses nothing up", async (body, paths) => {
    const w = await world();
    const { token } = await invite(w, "nina@demo.example");
    const res = await agent(w.app).post(`/api/invites/${token}/accept`, body);
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(paths);
    expect((await openLink(w.app, token)).status).toBe(200);
  });
});

describe("accepting an invite as an existing user of another organisation", () => {
  test("the link says they already have an account", async () => {
    const w = await world();
    const { token } = await invite(w, w.b.email, "board");
    expect((await openLink(w.app, token)).json).toEqual({ orgId: w.a.orgId, orgName: "Demo Retail", email: w.b.email, role: "board", existingUser: true });
  });

  test("a wrong password is a 401 and leaves the invite usable", async () => {
    const w = await world();
    const { token } = await invite(w, w.b.email, "board");
    const before = await snapshot(w.client);
    const res = await agent(w.app).post(`/api/invites/${token}/accept`, { password: "not-eves-password" });
    expectError(res, 401, "invalid_credentials");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await snapshot(w.client)).toEqual(before);
    expect((await openLink(w.app, token)).status).toBe(200);
  });

  test("after five wrong passwords the invite refuses further guesses for a while, even the right one", async () => {
    const w = await world();
    const { token } = await invite(w, w.b.email, "board");
    for (let i = 0; i < 5; i++) expectError(await agent(w.app).post(`/api/invites/${token}/accept`, { password: `guess-${i}-guess` }), 401, "invalid_credentials");
    const blocked = await agent(w.app).post(`/api/invites/${token}/accept`, { password: w.b.password });
    expectError(blocked, 429, "too_many_attempts");
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  test("wrong passwords sent together each count: of ten, five are checked and five refused without hashing", async () => {
    const w = await world();
    const { token } = await invite(w, w.b.email, "board");
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => agent(w.app).post(`/api/invites/${token}/accept`, { password: `guess-${i}-guess` })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    expectError(await agent(w.app).post(`/api/invites/${token}/accept`, { password: w.b.password }), 429, "too_many_attempts");
  });

  test("accepting counts as a login attempt at the account: guesses through the invite count towards the login limit", async () => {
    const w = await world({ loginLimits: { perEmail: 100, perIp: 3, windowMs: 60_000 } });
    const { token } = await invite(w, w.b.email, "board");
    for (let i = 0; i < 3; i++) expectError(await agent(w.app).post(`/api/invites/${token}/accept`, { password: `guess-${i}-guess` }), 401, "invalid_credentials");
    expectError(await agent(w.app).post("/api/auth/login", { email: w.b.email, password: w.b.password }), 429, "too_many_attempts");
  });

  test("with their own password they get a second membership, can switch between both orgs, and keep their name", async () => {
    const w = await world();
    const { token } = await invite(w, w.b.email, "board");
    const eve = agent(w.app);
    const res = await eve.post(`/api/invites/${token}/accept`, { name: "Ignored Name", password: w.b.password });
    expect(res.status).toBe(200);
    expect(res.json.user).toEqual({ id: w.b.userId, email: w.b.email, name: "Eve Other" });
    expect(res.json.memberships).toEqual([
      { orgId: w.a.orgId, orgName: "Demo Retail", role: "board" },
      { orgId: w.b.orgId, orgName: "Other Org", role: "admin" },
    ]);
    // Her existing session (from before the invite) sees the new membership too.
    expect((await w.b.agent.get("/api/me")).json.memberships).toHaveLength(2);
    // Switching orgs: board in A, admin in B.
    expect((await eve.get(`/api/orgs/${w.a.orgId}`)).json).toEqual({ id: w.a.orgId, name: "Demo Retail", role: "board", visitTargetPerMonth: 2, defaultDiscountRate: 0.08, separationOfDuties: true, adminCount: 1 });
    expect((await eve.get(`/api/orgs/${w.b.orgId}`)).json).toEqual({ id: w.b.orgId, name: "Other Org", role: "admin", visitTargetPerMonth: 2, defaultDiscountRate: 0.08, separationOfDuties: true, adminCount: 1 });
    expectError(await eve.post(`/api/orgs/${w.a.orgId}/locations`, { name: "X", kind: "store" }), 403, "forbidden");
    expect((await eve.post(`/api/orgs/${w.b.orgId}/locations`, { name: "X", kind: "store" })).status).toBe(201);
  });
});

describe("revoking invites", () => {
  test("a revoked invite's link is a 404 to open and to accept", async () => {
    const w = await world();
    const { token, invite: created } = await invite(w, "nina@demo.example");
    const revoke = await w.a.admin.delete(`/api/orgs/${w.a.orgId}/invites/${created.id}`);
    expect(revoke.status).toBe(204);
    expectError(await openLink(w.app, token), 404, "not_found");
    expectError(await agent(w.app).post(`/api/invites/${token}/accept`, { name: "Nina", password: "nina-password" }), 404, "not_found");
    const pending = (await w.a.admin.get(`/api/orgs/${w.a.orgId}/invites`)).json.invites.map((i: { id: string }) => i.id);
    expect(pending).not.toContain(created.id);
  });

  test("revoking twice, or revoking an accepted invite, is a 404", async () => {
    const w = await world();
    const first = await invite(w, "nina@demo.example");
    expect((await w.a.admin.delete(`/api/orgs/${w.a.orgId}/invites/${first.invite.id}`)).status).toBe(204);
    expectError(await w.a.admin.delete(`/api/orgs/${w.a.orgId}/invites/${first.invite.id}`), 404, "not_found");

    const second = await invite(w, "otto@demo.example");
    await agent(w.app).post(`/api/invites/${second.token}/accept`, { name: "Otto", password: "otto-password" });
    expectError(await w.a.admin.delete(`/api/orgs/${w.a.orgId}/invites/${second.invite.id}`), 404, "not_found");
    const members = (await w.a.admin.get(`/api/orgs/${w.a.orgId}/members`)).json.members.map((m: { email: string }) => m.email);
    expect(members).toContain("otto@demo.example");
  });

  test("an expired invite is a 404 and drops off the pending list", async () => {
    const w = await world();
    const { token, invite: created } = await invite(w, "late@demo.example");
    await w.client.execute({ sql: "update invites set expires_at = ? where id = ?", args: [new Date(Date.now() - 1000).toISOString(), created.id] });
    expectError(await openLink(w.app, token), 404, "not_found");
    expectError(await agent(w.app).post(`/api/invites/${token}/accept`, { name: "Late", password: "late-password" }), 404, "not_found");
    const pending = (await w.a.admin.get(`/api/orgs/${w.a.orgId}/invites`)).json.invites.map((i: { id: string }) => i.id);
    expect(pending).not.toContain(created.id);
  });

  test.each([
    ["a made-up token", "made-up-token"],
    ["an over-long token", "t".repeat(101)],
  ])("%s is a 404", async (_label, token) => {
    const { app } = await world();
    expectError(await openLink(app, token), 404, "not_found");
  });
});
