import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { beforeAll, describe, expect, test } from "vitest";
import { createLogger } from "../../server/log";
import { agent, DEMO_PASSWORD, freshApp, httpsCookie } from "../support/app";
import { expectError, issuePaths, newMember, prepareWorld, snapshot, userIds, world } from "../support/api";

/** The shared two-organisation world is built once, ahead of the tests (a busy machine would time out the first one). */
beforeAll(prepareWorld, 120_000);

type World = Awaited<ReturnType<typeof world>>;
const DAY = 86_400_000;
const ADMIN = "admin@demo.example";
const CX = "cx@demo.example";
const COMMON = "This password is too common; choose another";

const tokenOf = (link: string) => new URL(link).pathname.split("/").pop()!;
const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");
const logIn = (w: World, email: string, password: string) => agent(w.app).post("/api/auth/login", { email, password });

/** The events an operator's log collector would read. */
function capturedLog() {
  const events: Record<string, any>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) events.push(JSON.parse(line));
      done();
    },
  });
  return { events, log: createLogger({ level: "info", destination }) };
}

/** The Set-Cookie attributes, lower-cased, without the name=value pair. */
const cookieAttributes = (header: string | null) =>
  (header ?? "")
    .split(";")
    .slice(1)
    .map((part) => part.trim().toLowerCase());
const maxAgeOf = (header: string | null) => Number(cookieAttributes(header).find((a) => a.startsWith("max-age="))?.slice("max-age=".length));

async function sessionsOf(w: World, email: string) {
  const rs = await w.client.execute({
    sql: "select s.token_hash, s.created_at, s.expires_at, s.last_used_at, s.revoked_at from sessions s join users u on u.id = s.user_id where u.email = ? order by s.created_at",
    args: [email],
  });
  return rs.rows.map((row) => ({
    tokenHash: String(row.token_hash),
    createdAt: String(row.created_at),
    expiresAt: String(row.expires_at),
    lastUsedAt: row.last_used_at === null ? null : String(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : String(row.revoked_at),
  }));
}

/** Moves one session's clock: its last use, and optionally its login (and so its hard end). */
async function ageSession(w: World, cookie: string, { idleDays, loginDaysAgo }: { idleDays: number; loginDaysAgo?: number }) {
  const tokenHash = sha256(cookie.slice(cookie.indexOf("=") + 1));
  const lastUsedAt = new Date(Date.now() - idleDays * DAY).toISOString();
  await w.client.execute({ sql: "update sessions set last_used_at = ? where token_hash = ?", args: [lastUsedAt, tokenHash] });
  if (loginDaysAgo !== undefined) {
    const createdAt = Date.now() - loginDaysAgo * DAY;
    await w.client.execute({
      sql: "update sessions set created_at = ?, expires_at = ? where token_hash = ?",
      args: [new Date(createdAt).toISOString(), new Date(createdAt + 90 * DAY).toISOString(), tokenHash],
    });
  }
  return tokenHash;
}

describe("changing one's password", () => {
  test("needs the current password: a wrong one is a 401 that changes nothing", async () => {
    const w = await world();
    const before = await snapshot(w.client);
    const res = await w.a.admin.post("/api/me/password", { currentPassword: "not-my-password", newPassword: "a-brand-new-secret" });
    expectError(res, 401, "invalid_credentials");
    expect(await snapshot(w.client)).toEqual(before);
    expect((await w.a.admin.get("/api/me")).status).toBe(200);
    expect((await logIn(w, ADMIN, DEMO_PASSWORD)).status).toBe(200);
  });

  test("sets the new password, ends the person's other sessions and keeps this one", async () => {
    const w = await world();
    const laptop = agent(w.app);
    expect((await laptop.post("/api/auth/login", { email: ADMIN, password: DEMO_PASSWORD })).status).toBe(200);
    // The laptop's session is in this process's cache: it must stop working all the same.
    expect((await laptop.get("/api/me")).status).toBe(200);
    const others = await w.a.cx.get("/api/me");

    const res = await w.a.admin.post("/api/me/password", { currentPassword: DEMO_PASSWORD, newPassword: "a-brand-new-secret" });
    expect(res.status, res.text).toBe(204);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect((await w.a.admin.get("/api/me")).status).toBe(200);
    expectError(await laptop.get("/api/me"), 401, "unauthenticated");
    // Nobody else is touched.
    expect((await w.a.cx.get("/api/me")).json).toEqual(others.json);

    expectError(await logIn(w, ADMIN, DEMO_PASSWORD), 401, "invalid_credentials");
    expect((await logIn(w, ADMIN, "a-brand-new-secret")).status).toBe(200);
  });

  test("refuses a common or short new password with a 400 naming newPassword, and keeps the old one", async () => {
    const w = await world();
    for (const newPassword of ["Password123!", "chefsache2025", "qwertyuiop", "11111111"]) {
      const res = await w.a.admin.post("/api/me/password", { currentPassword: DEMO_PASSWORD, newPassword });
      expectError(res, 400, "validation_failed");
      expect(res.json.error.issues).toEqual([{ path: "newPassword", message: COMMON }]);
    }
    const short = await w.a.admin.post("/api/me/password", { currentPassword: DEMO_PASSWORD, newPassword: "short" });
    expectError(short, 400, "validation_failed");
    expect(issuePaths(short.json)).toEqual(["newPassword"]);
    expect((await logIn(w, ADMIN, DEMO_PASSWORD)).status).toBe(200);
  });

  test("wrong current passwords count against the login limit: guessing stops with a 429, at the login too", async () => {
    const w = await world({ loginLimits: { perEmail: 3, perIp: 100, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) {
      expect((await w.a.admin.post("/api/me/password", { currentPassword: `guess-${i}-guess`, newPassword: "a-brand-new-secret" })).status).toBe(401);
    }
    const blocked = await w.a.admin.post("/api/me/password", { currentPassword: DEMO_PASSWORD, newPassword: "a-brand-new-secret" });
    expectError(blocked, 429, "too_many_attempts");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expectError(await logIn(w, ADMIN, DEMO_PASSWORD), 429, "too_many_attempts");
  });

  test("needs a session", async () => {
    const w = await world();
    expectError(await agent(w.app).post("/api/me/password", { currentPassword: DEMO_PASSWORD, newPassword: "a-brand-new-secret" }), 401, "unauthenticated");
  });
});

async function makeReset(w: World, email = CX) {
  const ids = await userIds(w);
  const userId = email === CX ? ids.cx_ops : ids.admin;
  const res = await w.a.admin.post(`/api/orgs/${w.a.orgId}/members/${userId}/password-reset`);
  expect(res.status, res.text).toBe(201);
  return { ...(res.json as { link: string; expiresAt: string }), token: tokenOf(res.json.link), userId };
}

describe("password reset links", () => {
  test("an admin makes a one-time link for a member: 201 with the link (shown once, stored hashed) and a 24-hour expiry", async () => {
    const w = await world();
    const before = Date.now();
    const { link, expiresAt, token, userId } = await makeReset(w);
    expect(link).toMatch(/^http:\/\/localhost\/reset\/[A-Za-z0-9_-]{43}$/);
    const expiry = Date.parse(expiresAt);
    expect(expiry).toBeGreaterThanOrEqual(before + DAY - 1000);
    expect(expiry).toBeLessThanOrEqual(Date.now() + DAY);
    const rows = (await w.client.execute("select user_id, token_hash, used_at from password_resets")).rows;
    expect(rows).toEqual([expect.objectContaining({ user_id: userId, token_hash: sha256(token), used_at: null })]);
    expect(JSON.stringify(await snapshot(w.client))).not.toContain(token);
  });

  test("behind a trusted TLS-terminating proxy the link uses the forwarded scheme and host", async () => {
    const w = await world({ proxyHops: 1 });
    const { cx_ops } = await userIds(w);
    const res = await agent(w.app, httpsCookie(w.a.admin.cookie)).request("POST", `/api/orgs/${w.a.orgId}/members/${cx_ops}/password-reset`, undefined, {
      "x-forwarded-proto": "https",
      "x-forwarded-host": "chefsache.example.com",
    });
    expect(res.json.link).toMatch(/^https:\/\/chefsache\.example\.com\/reset\/[A-Za-z0-9_-]{43}$/);
  });

  test.each(["director", "cx", "board"] as const)("a non-admin (%s) may not make one (403) and none is made", async (who) => {
    const w = await world();
    const { admin } = await userIds(w);
    const before = await snapshot(w.client);
    expectError(await w.a[who].post(`/api/orgs/${w.a.orgId}/members/${admin}/password-reset`), 403, "forbidden");
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("someone who is not a member of the organisation is a 404, and nothing is made", async () => {
    const w = await world();
    const before = await snapshot(w.client);
    expectError(await w.a.admin.post(`/api/orgs/${w.a.orgId}/members/${w.b.userId}/password-reset`), 404, "not_found");
    expectError(await w.a.admin.post(`/api/orgs/${w.a.orgId}/members/${crypto.randomUUID()}/password-reset`), 404, "not_found");
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("the person opens the link, sets a new password and is logged in; every older session ends; the link works once", async () => {
    const w = await world();
    const { token, expiresAt } = await makeReset(w);
    expect((await w.a.cx.get("/api/me")).status).toBe(200);

    const offer = await agent(w.app).get(`/api/password-resets/${token}`);
    expect(offer.status).toBe(200);
    expect(offer.json).toEqual({ email: CX, name: expect.any(String), orgName: "Demo Retail", expiresAt });

    const person = agent(w.app);
    const res = await person.post(`/api/password-resets/${token}`, { password: "a-fresh-start-42" });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ user: expect.objectContaining({ email: CX }), memberships: [{ orgId: w.a.orgId, orgName: "Demo Retail", role: "cx_ops" }] });
    expect(res.headers.get("set-cookie")).toMatch(/^chefsache_session=[^;]+;.*HttpOnly/i);
    expect((await person.get("/api/me")).status).toBe(200);
    expectError(await w.a.cx.get("/api/me"), 401, "unauthenticated");

    expectError(await logIn(w, CX, DEMO_PASSWORD), 401, "invalid_credentials");
    expect((await logIn(w, CX, "a-fresh-start-42")).status).toBe(200);

    const before = await snapshot(w.client);
    expectError(await agent(w.app).get(`/api/password-resets/${token}`), 410, "link_used");
    expectError(await agent(w.app).post(`/api/password-resets/${token}`, { password: "mallory-was-here" }), 410, "link_used");
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("after 24 hours the link is a 410 and sets nothing", async () => {
    const w = await world();
    const { token } = await makeReset(w);
    await w.client.execute({ sql: "update password_resets set expires_at = ?", args: [new Date(Date.now() - 1000).toISOString()] });
    expectError(await agent(w.app).get(`/api/password-resets/${token}`), 410, "link_expired");
    const before = await snapshot(w.client);
    expectError(await agent(w.app).post(`/api/password-resets/${token}`, { password: "a-fresh-start-42" }), 410, "link_expired");
    expect(await snapshot(w.client)).toEqual(before);
    expect((await w.a.cx.get("/api/me")).status).toBe(200);
  });

  test("an unknown link is a 404", async () => {
    const w = await world();
    expectError(await agent(w.app).get("/api/password-resets/made-up-token"), 404, "not_found");
    expectError(await agent(w.app).post("/api/password-resets/made-up-token", { password: "a-fresh-start-42" }), 404, "not_found");
  });

  test("a link outlives neither the person's membership nor its maker's admin role (410 link_withdrawn)", async () => {
    const w = await world();
    const { token, userId } = await makeReset(w);
    expect((await w.a.admin.delete(`/api/orgs/${w.a.orgId}/members/${userId}`)).status).toBe(204);
    expectError(await agent(w.app).get(`/api/password-resets/${token}`), 410, "link_withdrawn");

    const alex = await newMember(w, "admin", "Alex Admin");
    const { admin } = await userIds(w);
    const made = await alex.post(`/api/orgs/${w.a.orgId}/members/${admin}/password-reset`);
    expect(made.status).toBe(201);
    const alexId = (await alex.get("/api/me")).json.user.id;
    expect((await w.a.admin.patch(`/api/orgs/${w.a.orgId}/members/${alexId}`, { role: "executive" })).status).toBe(200);
    const before = await snapshot(w.client);
    expectError(await agent(w.app).post(`/api/password-resets/${tokenOf(made.json.link)}`, { password: "a-fresh-start-42" }), 410, "link_withdrawn");
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("a common or short password is refused with a 400 naming password, and the link still works", async () => {
    const w = await world();
    const { token } = await makeReset(w);
    const common = await agent(w.app).post(`/api/password-resets/${token}`, { password: "iloveyou2024" });
    expectError(common, 400, "validation_failed");
    expect(common.json.error.issues).toEqual([{ path: "password", message: COMMON }]);
    const short = await agent(w.app).post(`/api/password-resets/${token}`, { password: "short" });
    expectError(short, 400, "validation_failed");
    expect(issuePaths(short.json)).toEqual(["password"]);
    expect((await agent(w.app).get(`/api/password-resets/${token}`)).status).toBe(200);
  });

  test("a newer link's use spends the older ones too", async () => {
    const w = await world();
    const first = await makeReset(w);
    const second = await makeReset(w);
    expect((await agent(w.app).post(`/api/password-resets/${second.token}`, { password: "a-fresh-start-42" })).status).toBe(200);
    expectError(await agent(w.app).get(`/api/password-resets/${first.token}`), 410, "link_used");
  });
});

describe("log out everywhere", () => {
  test("ends every session of the person, this one included, at once, and clears the cookie", async () => {
    const w = await world();
    const laptop = agent(w.app);
    await laptop.post("/api/auth/login", { email: ADMIN, password: DEMO_PASSWORD });
    // Cached in this process: it must stop working all the same.
    expect((await laptop.get("/api/me")).status).toBe(200);
    const phone = w.a.admin;
    const stolen = phone.cookie;

    const res = await phone.post("/api/auth/logout-all");
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/^chefsache_session=;/);
    expect(cookieAttributes(res.headers.get("set-cookie"))).toContain("max-age=0");
    expectError(await phone.get("/api/me"), 401, "unauthenticated");
    expectError(await laptop.get("/api/me"), 401, "unauthenticated");
    expect((await w.app.request("/api/me", { headers: { cookie: stolen } })).status).toBe(401);
    expect((await sessionsOf(w, ADMIN)).every((s) => s.revokedAt !== null)).toBe(true);
    // Other people stay logged in; the person may log in again.
    expect((await w.a.cx.get("/api/me")).status).toBe(200);
    expect((await logIn(w, ADMIN, DEMO_PASSWORD)).status).toBe(200);
  });

  test("needs a session", async () => {
    const w = await world();
    expectError(await agent(w.app).post("/api/auth/logout-all"), 401, "unauthenticated");
  });
});

describe("session lifetime", () => {
  test("a login's session ends 90 days later at most; its cookie lasts the 14 idle days", async () => {
    const w = await world();
    const res = await logIn(w, ADMIN, DEMO_PASSWORD);
    const maxAge = maxAgeOf(res.headers.get("set-cookie"));
    expect(maxAge).toBeGreaterThan(14 * 86_400 - 60);
    expect(maxAge).toBeLessThanOrEqual(14 * 86_400);
    const newest = (await sessionsOf(w, ADMIN)).at(-1)!;
    expect(Date.parse(newest.expiresAt) - Date.parse(newest.createdAt)).toBe(90 * DAY);
    expect(newest.lastUsedAt).toBe(newest.createdAt);
  });

  test("a session unused for 14 days has ended", async () => {
    const w = await world();
    await ageSession(w, w.a.admin.cookie, { idleDays: 14.01 });
    expectError(await w.a.admin.get("/api/me"), 401, "unauthenticated");
  });

  test("a session used within 14 days goes on: its last use and the cookie's expiry move on", async () => {
    const w = await world();
    const tokenHash = await ageSession(w, w.a.admin.cookie, { idleDays: 13 });
    const res = await w.a.admin.get("/api/me");
    expect(res.status).toBe(200);
    const session = (await sessionsOf(w, ADMIN)).find((s) => s.tokenHash === tokenHash)!;
    expect(Date.now() - Date.parse(session.lastUsedAt!)).toBeLessThan(60_000);
    expect(res.headers.get("set-cookie")).toMatch(/^chefsache_session=[^;]+;/);
    expect(maxAgeOf(res.headers.get("set-cookie"))).toBeGreaterThan(14 * 86_400 - 60);
    // Used again 13 days from its old last use: still there.
    expect((await w.a.admin.get("/api/me")).status).toBe(200);
  });

  test("the last use is written at most about hourly: a request half an hour after the last writes nothing", async () => {
    const w = await world();
    const tokenHash = await ageSession(w, w.a.admin.cookie, { idleDays: 0.5 / 24 });
    const before = (await sessionsOf(w, ADMIN)).find((s) => s.tokenHash === tokenHash)!;
    const res = await w.a.admin.get("/api/me");
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect((await sessionsOf(w, ADMIN)).find((s) => s.tokenHash === tokenHash)).toEqual(before);
  });

  test("a session ends 90 days after the login, however busy", async () => {
    const w = await world();
    await ageSession(w, w.a.admin.cookie, { idleDays: 0, loginDaysAgo: 90.01 });
    expectError(await w.a.admin.get("/api/me"), 401, "unauthenticated");
  });

  test("a session 89 days old that is in use still works, and its cookie ends with it", async () => {
    const w = await world();
    await ageSession(w, w.a.admin.cookie, { idleDays: 0.5, loginDaysAgo: 89 });
    const res = await w.a.admin.get("/api/me");
    expect(res.status).toBe(200);
    const maxAge = maxAgeOf(res.headers.get("set-cookie"));
    expect(maxAge).toBeGreaterThan(86_400 - 60);
    expect(maxAge).toBeLessThanOrEqual(86_400);
  });
});

describe("the cookie's name follows the scheme", () => {
  test("over https the session is __Host-chefsache_session, and the plain name is not read there", async () => {
    const w = await world();
    const login = await w.app.request("https://localhost/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN, password: DEMO_PASSWORD }),
    });
    const pair = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect(pair).toMatch(/^__Host-chefsache_session=[A-Za-z0-9_-]{43}$/);
    const plain = pair.replace(/^__Host-/, "");
    expect((await w.app.request("https://localhost/api/me", { headers: { cookie: pair } })).status).toBe(200);
    expect((await w.app.request("https://localhost/api/me", { headers: { cookie: plain } })).status).toBe(401);
    // Over plain http only the plain name is read.
    expect((await w.app.request("http://localhost/api/me", { headers: { cookie: plain } })).status).toBe(200);
    expect((await w.app.request("http://localhost/api/me", { headers: { cookie: pair } })).status).toBe(401);

    const out = await w.app.request("https://localhost/api/auth/logout", { method: "POST", headers: { cookie: pair } });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^__Host-chefsache_session=;/);
    expect(cookieAttributes(out.headers.get("set-cookie"))).toEqual(expect.arrayContaining(["max-age=0", "path=/", "secure"]));
  });
});

describe("common passwords are refused wherever a password is chosen", () => {
  test("at setup (a new organisation's admin), which stays needed", async () => {
    const { app } = await freshApp();
    const res = await agent(app).post("/api/setup", { mode: "org", orgName: "Bakkerij", name: "Jan", email: "jan@bakkerij.example", password: "Welkom2024!" });
    expectError(res, 400, "validation_failed");
    expect(res.json.error.issues).toEqual([{ path: "password", message: COMMON }]);
    expect((await agent(app).get("/api/setup")).json).toEqual({ needed: true, codeRequired: false });
  });

  test("when a new person accepts an invite, which stays open", async () => {
    const w = await world();
    const invite = await w.a.admin.post(`/api/orgs/${w.a.orgId}/invites`, { email: "nina@demo.example", role: "cx_ops" });
    const token = tokenOf(invite.json.link);
    const res = await agent(w.app).post(`/api/invites/${token}/accept`, { name: "Nina", password: "password1234" });
    expectError(res, 400, "validation_failed");
    expect(res.json.error.issues).toEqual([{ path: "password", message: COMMON }]);
    expect((await agent(w.app).get(`/api/invites/${token}`)).status).toBe(200);
  });
});

describe("an invite made by an admin who is no longer one", () => {
  async function inviteByAlex(w: World) {
    const alex = await newMember(w, "admin", "Alex Admin");
    const alexId = (await alex.get("/api/me")).json.user.id as string;
    const invite = await alex.post(`/api/orgs/${w.a.orgId}/invites`, { email: "xavier@demo.example", role: "admin" });
    expect(invite.status).toBe(201);
    return { alexId, token: tokenOf(invite.json.link) };
  }

  test.each([
    ["demoted", (w: World, alexId: string) => w.a.admin.patch(`/api/orgs/${w.a.orgId}/members/${alexId}`, { role: "executive" })],
    ["removed", (w: World, alexId: string) => w.a.admin.delete(`/api/orgs/${w.a.orgId}/members/${alexId}`)],
  ])("grants nothing once its maker is %s: 409 invite_issuer_not_admin, and no account or membership", async (_label, change) => {
    const w = await world();
    const { alexId, token } = await inviteByAlex(w);
    expect((await change(w, alexId)).status).toBeLessThan(300);
    expectError(await agent(w.app).get(`/api/invites/${token}`), 409, "invite_issuer_not_admin");
    const before = await snapshot(w.client);
    const xavier = agent(w.app);
    expectError(await xavier.post(`/api/invites/${token}/accept`, { name: "Xavier", password: "xavier-password" }), 409, "invite_issuer_not_admin");
    expect(await snapshot(w.client)).toEqual(before);
    expect(xavier.cookie).toBe("");
    const members = (await w.a.admin.get(`/api/orgs/${w.a.orgId}/members`)).json.members.map((m: { email: string }) => m.email);
    expect(members).not.toContain("xavier@demo.example");
  });

  test("still works while its maker is an admin", async () => {
    const w = await world();
    const { token } = await inviteByAlex(w);
    const res = await agent(w.app).post(`/api/invites/${token}/accept`, { name: "Xavier", password: "xavier-password" });
    expect(res.status, res.text).toBe(200);
    expect(res.json.memberships).toEqual([{ orgId: w.a.orgId, orgName: "Demo Retail", role: "admin" }]);
  });
});

describe("security events", () => {
  test("password_changed, password_reset_created, password_reset_used and sessions_ended are logged, without the link's secret", async () => {
    const { events, log } = capturedLog();
    const w = await world({ log });
    const ids = await userIds(w);
    expect((await w.a.director.post("/api/me/password", { currentPassword: DEMO_PASSWORD, newPassword: "a-brand-new-secret" })).status).toBe(204);
    const { token } = await makeReset(w);
    expect((await agent(w.app).post(`/api/password-resets/${token}`, { password: "a-fresh-start-42" })).status).toBe(200);
    expect((await w.a.board.post("/api/auth/logout-all")).status).toBe(204);
    const byEvent = (name: string) => events.find((e) => e.event === name);
    expect(byEvent("password_changed")).toMatchObject({ userId: ids.executive });
    expect(byEvent("password_reset_created")).toMatchObject({ userId: ids.admin, memberId: ids.cx_ops, orgId: w.a.orgId });
    expect(byEvent("password_reset_used")).toMatchObject({ memberId: ids.cx_ops });
    expect(byEvent("sessions_ended")).toMatchObject({ userId: ids.board, ended: 1 });
    expect(JSON.stringify(events)).not.toContain(token);
  });
});
