import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { LoginLimits } from "../../server/auth/login-throttle";
import type { Logger } from "../../server/log";
import { agent, DEMO_PASSWORD, freshApp } from "../support/app";
import { expectError, issuePaths, prepareWorld, snapshot, world } from "../support/api";
import { captured } from "../support/log";

/** The shared two-organisation world is built once, ahead of the tests (a busy machine would time out the first one). */
beforeAll(prepareWorld, 120_000);

const ORG_ADMIN = { email: "admin@demo.example", password: DEMO_PASSWORD };

/** Two organisations (from a copied template: no password hashing), with A's admin id. */
async function installed(loginLimits?: LoginLimits, options: { proxyHops?: number; log?: Logger } = {}) {
  const w = await world({ ...(loginLimits ? { loginLimits } : {}), ...options });
  const me = await w.a.admin.get("/api/me");
  return { ...w, orgId: w.a.orgId, userId: me.json.user.id as string };
}

const login = (app: Parameters<typeof agent>[0], email: string, password: string, headers: Record<string, string> = {}, url = "/api/auth/login") =>
  app.request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ email, password }) });

/** The attributes of a Set-Cookie header, lower-cased, without the name=value pair. */
const cookieAttributes = (header: string | null) =>
  (header ?? "")
    .split(";")
    .slice(1)
    .map((part) => part.trim().toLowerCase());

describe("login", () => {
  test("returns exactly the user and memberships, nothing more (no password hash)", async () => {
    const { app, orgId, userId } = await installed();
    const res = await agent(app).post("/api/auth/login", ORG_ADMIN);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      user: { id: userId, email: ORG_ADMIN.email, name: "Anouk Admin" },
      memberships: [{ orgId, orgName: "Demo Retail", role: "admin" }],
    });
  });

  test("sets an HttpOnly, SameSite=Lax, Path=/ session cookie without Secure over plain http", async () => {
    const { app } = await installed();
    const res = await login(app, ORG_ADMIN.email, ORG_ADMIN.password);
    expect(res.status).toBe(200);
    const header = res.headers.get("set-cookie");
    expect(header).toMatch(/^chefsache_session=[A-Za-z0-9_-]{40,};/);
    const attributes = cookieAttributes(header);
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");
  });

  test.each([
    ["a request to https://", {}, "https://localhost/api/auth/login", 0],
    ["a request forwarded by a trusted proxy with x-forwarded-proto: https", { "x-forwarded-proto": "https" }, "/api/auth/login", 1],
  ])("names the session cookie __Host-chefsache_session and marks it Secure, Path=/, without Domain for %s", async (_label, headers, url, proxyHops) => {
    const { app } = await installed(undefined, { proxyHops });
    const res = await login(app, ORG_ADMIN.email, ORG_ADMIN.password, headers, url);
    expect(res.status).toBe(200);
    const header = res.headers.get("set-cookie");
    expect(header).toMatch(/^__Host-chefsache_session=[A-Za-z0-9_-]{40,};/);
    const attributes = cookieAttributes(header);
    expect(attributes).toContain("secure");
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
  });

  test("a wrong password and an unknown e-mail get the same 401, and no cookie", async () => {
    const { app } = await installed();
    const wrong = await agent(app).post("/api/auth/login", { email: ORG_ADMIN.email, password: "not-the-password" });
    const unknown = await agent(app).post("/api/auth/login", { email: "nobody@demo.example", password: ORG_ADMIN.password });
    expectError(wrong, 401, "invalid_credentials");
    expectError(unknown, 401, "invalid_credentials");
    expect(unknown.json).toEqual(wrong.json);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    expect(unknown.headers.get("set-cookie")).toBeNull();
  });

  test("treats the e-mail address case-insensitively and ignores surrounding spaces", async () => {
    const { app, userId } = await installed();
    const res = await agent(app).post("/api/auth/login", { email: "  ADMIN@Demo.Example ", password: ORG_ADMIN.password });
    expect(res.status).toBe(200);
    expect(res.json.user.id).toBe(userId);
  });

  test("the password is case-sensitive", async () => {
    const { app } = await installed();
    const res = await agent(app).post("/api/auth/login", { email: ORG_ADMIN.email, password: ORG_ADMIN.password.toUpperCase() });
    expectError(res, 401, "invalid_credentials");
  });

  test.each([
    [{ email: ORG_ADMIN.email }, ["password"]],
    [{ password: "x" }, ["email"]],
    [{ email: "not an email", password: "x" }, ["email"]],
    [{ ...ORG_ADMIN, extra: 1 }, ["extra"]],
    [{ email: ORG_ADMIN.email, password: "" }, ["password"]],
    [{ email: ORG_ADMIN.email, password: "x".repeat(201) }, ["password"]],
  ])("login body %j is a 400 naming %j", async (body, paths) => {
    const { app } = await installed();
    const res = await agent(app).post("/api/auth/login", body);
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(paths);
  });
});

describe("/api/me and logout", () => {
  test("GET /api/me returns the login shape for the session, and 401 without one", async () => {
    const { app } = await installed();
    const a = agent(app);
    expectError(await a.get("/api/me"), 401, "unauthenticated");
    const res = await a.post("/api/auth/login", ORG_ADMIN);
    const me = await a.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.json).toEqual(res.json);
  });

  test.each([
    ["a made-up token", "chefsache_session=made-up-token"],
    ["an over-long token", `chefsache_session=${"a".repeat(500)}`],
    ["a malformed cookie header", 'chefsache_session="%E0%A4%A; ;;=='],
  ])("GET /api/me with %s is a 401", async (_label, cookie) => {
    const { app } = await installed();
    const res = await app.request("/api/me", { headers: { cookie } });
    expect(res.status).toBe(401);
    const json = await res.json();
    expect(json.error.code).toBe("unauthenticated");
  });

  test("logout answers 204, clears the cookie and revokes the session even if the old cookie is replayed", async () => {
    const { app } = await installed();
    const a = agent(app);
    await a.post("/api/auth/login", ORG_ADMIN);
    const stolen = a.cookie;
    expect(stolen).toMatch(/^chefsache_session=/);
    expect((await app.request("/api/me", { headers: { cookie: stolen } })).status).toBe(200);

    const out = await a.post("/api/auth/logout");
    expect(out.status).toBe(204);
    expect(out.text).toBe("");
    expect(out.headers.get("set-cookie")).toMatch(/^chefsache_session=;/);
    expect(cookieAttributes(out.headers.get("set-cookie"))).toContain("max-age=0");
    expectError(await a.get("/api/me"), 401, "unauthenticated");

    const replay = await app.request("/api/me", { headers: { cookie: stolen } });
    expect(replay.status).toBe(401);
  });

  test("logging out one session leaves the user's other sessions working", async () => {
    const { app } = await installed();
    const phone = agent(app);
    const laptop = agent(app);
    await phone.post("/api/auth/login", ORG_ADMIN);
    await laptop.post("/api/auth/login", ORG_ADMIN);
    expect(phone.cookie).not.toBe(laptop.cookie);
    expect((await phone.post("/api/auth/logout")).status).toBe(204);
    expect((await phone.get("/api/me")).status).toBe(401);
    expect((await laptop.get("/api/me")).status).toBe(200);
  });

  test("logout without a session is still a 204", async () => {
    const { app } = await installed();
    expect((await agent(app).post("/api/auth/logout")).status).toBe(204);
  });
});

describe("login rate limits", () => {
  test("after perEmail failures the address gets 429 with Retry-After, even with the right password", async () => {
    const { app } = await installed({ perEmail: 3, perIp: 100, windowMs: 60_000 });
    const a = agent(app);
    for (let i = 0; i < 3; i++) expect((await a.post("/api/auth/login", { email: ORG_ADMIN.email, password: `wrong-${i}` })).status).toBe(401);
    const blocked = await a.post("/api/auth/login", ORG_ADMIN);
    expectError(blocked, 429, "too_many_attempts");
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(blocked.headers.get("set-cookie")).toBeNull();
    // The limit follows the address, not its spelling.
    expect((await a.post("/api/auth/login", { email: "ADMIN@demo.example", password: ORG_ADMIN.password })).status).toBe(429);
  });

  test("the per-e-mail limit does not lock out other addresses", async () => {
    const { app } = await installed({ perEmail: 2, perIp: 100, windowMs: 60_000 });
    const a = agent(app);
    for (let i = 0; i < 2; i++) await a.post("/api/auth/login", { email: "victim@shop.example", password: "guess-guess" });
    expect((await a.post("/api/auth/login", { email: "victim@shop.example", password: "guess-guess" })).status).toBe(429);
    expect((await a.post("/api/auth/login", ORG_ADMIN)).status).toBe(200);
  });

  test("after perIp failures across different addresses, the client gets 429 for any address", async () => {
    const { app } = await installed({ perEmail: 100, perIp: 3, windowMs: 60_000 });
    const a = agent(app);
    for (let i = 0; i < 3; i++) expect((await a.post("/api/auth/login", { email: `spray${i}@shop.example`, password: "guess-guess" })).status).toBe(401);
    const blocked = await a.post("/api/auth/login", ORG_ADMIN);
    expectError(blocked, 429, "too_many_attempts");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  test("behind a trusted proxy, attempts count per forwarded address, so one client's failures do not lock out the others", async () => {
    const w = await world({ loginLimits: { perEmail: 100, perIp: 2, windowMs: 60_000 }, proxyHops: 1 });
    // The proxy appends the address it saw; what the client wrote to the left is not believed.
    const attempt = (ip: string, email: string, password: string) =>
      agent(w.app).request("POST", "/api/auth/login", { email, password }, { "x-forwarded-for": `10.9.9.9, ${ip}` });
    for (let i = 0; i < 2; i++) expect((await attempt("203.0.113.7", `spray${i}@shop.example`, "guess-guess")).status).toBe(401);
    expectError(await attempt("203.0.113.7", ORG_ADMIN.email, ORG_ADMIN.password), 429, "too_many_attempts");
    expect((await attempt("198.51.100.20", ORG_ADMIN.email, ORG_ADMIN.password)).status).toBe(200);
  });

  test("without trusting a proxy, a forged X-Forwarded-For does not escape the per-address limit", async () => {
    const w = await world({ loginLimits: { perEmail: 100, perIp: 2, windowMs: 60_000 } });
    const attempt = (ip: string, email: string, password: string) => agent(w.app).request("POST", "/api/auth/login", { email, password }, { "x-forwarded-for": ip });
    for (let i = 0; i < 2; i++) expect((await attempt(`192.0.2.${i}`, `spray${i}@shop.example`, "guess-guess")).status).toBe(401);
    expectError(await attempt("192.0.2.99", ORG_ADMIN.email, ORG_ADMIN.password), 429, "too_many_attempts");
  });

  test("a successful login resets the address's failure count", async () => {
    const { app } = await installed({ perEmail: 3, perIp: 100, windowMs: 60_000 });
    const a = agent(app);
    for (let i = 0; i < 2; i++) await a.post("/api/auth/login", { email: ORG_ADMIN.email, password: "wrong-wrong" });
    expect((await a.post("/api/auth/login", ORG_ADMIN)).status).toBe(200);
    for (let i = 0; i < 2; i++) await a.post("/api/auth/login", { email: ORG_ADMIN.email, password: "wrong-wrong" });
    expect((await a.post("/api/auth/login", ORG_ADMIN)).status).toBe(200);
  });

  test("the block lifts once the window has passed", async () => {
    const { app } = await installed({ perEmail: 1, perIp: 100, windowMs: 300 });
    const a = agent(app);
    await a.post("/api/auth/login", { email: ORG_ADMIN.email, password: "wrong-wrong" });
    expect((await a.post("/api/auth/login", ORG_ADMIN)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await a.post("/api/auth/login", ORG_ADMIN)).status).toBe(200);
  });

  test("invalid login bodies do not count as attempts", async () => {
    const { app } = await installed({ perEmail: 1, perIp: 1, windowMs: 60_000 });
    const a = agent(app);
    for (let i = 0; i < 3; i++) expect((await a.post("/api/auth/login", { email: ORG_ADMIN.email })).status).toBe(400);
    expect((await a.post("/api/auth/login", ORG_ADMIN)).status).toBe(200);
  });
});

/** How many answers had each status, e.g. { 401: 5, 429: 25 }. */
const tally = (answers: { status: number }[]) => {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
};

/** A request through one trusted proxy from `ip` (the proxy appends it; what the client wrote stays to its left). */
const via = (ip: string, clientWrote?: string) => ({ "x-forwarded-for": clientWrote ? `${clientWrote}, ${ip}` : ip });

describe("login limits under concurrent guessing", () => {
  test("guesses at one account sent together each count: of 30, perEmail are checked and the rest refused without hashing", async () => {
    const { app } = await installed({ perEmail: 5, perIp: 100, windowMs: 60_000 });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => agent(app).post("/api/auth/login", { email: ORG_ADMIN.email, password: `wrong-${i}-wrong` })),
    );
    expect(tally(answers)).toEqual({ 401: 5, 429: 25 });
    for (const refused of answers.filter((a) => a.status === 429)) {
      expectError(refused, 429, "too_many_attempts");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expectError(await agent(app).post("/api/auth/login", ORG_ADMIN), 429, "too_many_attempts");
  });

  test("with the default limits, a burst of 200 wrong passwords for one account is checked 10 times and the rest refused within seconds", async () => {
    const { app } = await installed(undefined, { proxyHops: 1 });
    const began = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => agent(app).request("POST", "/api/auth/login", { email: ORG_ADMIN.email, password: `wrong-${i}-wrong` }, via("203.0.113.7"))),
    );
    expect(tally(answers)).toEqual({ 401: 10, 429: 190 });
    expect(performance.now() - began).toBeLessThan(10_000);
  }, 30_000);

  test("the owner logs in from another address during such a burst, which still gets at most 10 checks", async () => {
    const { app } = await installed(undefined, { proxyHops: 1 });
    const burst = Promise.all(
      Array.from({ length: 200 }, (_, i) => agent(app).request("POST", "/api/auth/login", { email: ORG_ADMIN.email, password: `wrong-${i}-wrong` }, via("203.0.113.7"))),
    );
    const owner = agent(app).request("POST", "/api/auth/login", ORG_ADMIN, via("198.51.100.20"));
    const answers = await burst;
    expect((await owner).status).toBe(200);
    // The owner's check may push one queued guess out (429 busy): never more than 10 are checked.
    expect(tally(answers)[401]).toBeLessThanOrEqual(10);
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
  }, 30_000);

  test("guesses from one address sent together each count against its limit", async () => {
    const { app } = await installed({ perEmail: 100, perIp: 5, windowMs: 60_000 });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => agent(app).post("/api/auth/login", { email: `spray${i}@shop.example`, password: "guess-guess" })),
    );
    expect(tally(answers)).toEqual({ 401: 5, 429: 25 });
  });

  test("a locked account stays open to its owner from an address that has not failed there, and the guesser keeps waiting", async () => {
    const { app } = await installed({ perEmail: 3, perIp: 100, windowMs: 60_000 }, { proxyHops: 1 });
    const guess = (password: string) => agent(app).request("POST", "/api/auth/login", { email: ORG_ADMIN.email, password }, via("203.0.113.7"));
    for (let i = 0; i < 3; i++) expect((await guess(`wrong-${i}-wrong`)).status).toBe(401);
    expectError(await guess(ORG_ADMIN.password), 429, "too_many_attempts");
    const owner = await agent(app).request("POST", "/api/auth/login", ORG_ADMIN, via("198.51.100.20"));
    expect(owner.status).toBe(200);
    expectError(await guess(ORG_ADMIN.password), 429, "too_many_attempts");
  });

  test("beyond perEmail failures, a failing address waits longer after each further failure", async () => {
    const { app } = await installed({ perEmail: 1, perIp: 100, windowMs: 60_000 });
    const a = agent(app);
    const wrong = () => a.post("/api/auth/login", { email: ORG_ADMIN.email, password: "wrong-wrong" });
    expect((await wrong()).status).toBe(401);
    const first = await wrong();
    expectError(first, 429, "too_many_attempts");
    expect(first.headers.get("retry-after")).toBe("1");
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await wrong()).status).toBe(401);
    expect((await wrong()).headers.get("retry-after")).toBe("2");
  });

  test("behind a trusted proxy, what the client writes to the left of X-Forwarded-For does not escape the per-address limit", async () => {
    const { app } = await installed({ perEmail: 100, perIp: 2, windowMs: 60_000 }, { proxyHops: 1 });
    const attempt = (i: number, email: string, password: string) =>
      agent(app).request("POST", "/api/auth/login", { email, password }, via("203.0.113.7", `192.0.2.${i}, 10.0.0.${i}`));
    for (let i = 0; i < 2; i++) expect((await attempt(i, `spray${i}@shop.example`, "guess-guess")).status).toBe(401);
    expectError(await attempt(99, ORG_ADMIN.email, ORG_ADMIN.password), 429, "too_many_attempts");
  });

  test("without a trusted proxy, a rotating X-Forwarded-For does not escape the per-address limit even when sent together", async () => {
    const { app } = await installed({ perEmail: 100, perIp: 3, windowMs: 60_000 });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        agent(app).request("POST", "/api/auth/login", { email: `spray${i}@shop.example`, password: "guess-guess" }, { "x-forwarded-for": `192.0.2.${i}` }),
      ),
    );
    expect(tally(answers)).toEqual({ 401: 3, 429: 9 });
  });

  test("failed and refused logins are logged as security events with the address and the account", async () => {
    const { lines, log } = captured();
    const { app } = await installed({ perEmail: 1, perIp: 100, windowMs: 60_000 }, { proxyHops: 1, log });
    const guess = () => agent(app).request("POST", "/api/auth/login", { email: ORG_ADMIN.email, password: "wrong-wrong" }, via("203.0.113.7"));
    expect((await guess()).status).toBe(401);
    expect((await guess()).status).toBe(429);
    expect(lines.find((l) => l.event === "login_failed")).toMatchObject({ level: "warn", email: ORG_ADMIN.email, ip: "203.0.113.7", knownEmail: true });
    expect(lines.find((l) => l.event === "rate_limited")).toMatchObject({ level: "warn", email: ORG_ADMIN.email, ip: "203.0.113.7", reason: "account", retryAfter: 1 });
  });
});

describe("login under a flood of bogus logins", { timeout: 60_000 }, () => {
  test.each([
    ["one address", 1],
    ["four addresses", 4],
  ])("400 bogus logins sent together from %s are refused quickly, and a real login started meanwhile answers within 2 s", async (_label, addresses) => {
    const { app } = await installed(undefined, { proxyHops: 1 });
    const flood = Array.from({ length: 400 }, async (_, i) => {
      const started = performance.now();
      const res = await agent(app).request("POST", "/api/auth/login", { email: `nobody${i}@shop.example`, password: "guess-guess" }, via(`203.0.113.${i % addresses}`));
      return { status: res.status, code: res.json?.error?.code as string, ms: performance.now() - started };
    });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const started = performance.now();
    const real = await agent(app).request("POST", "/api/auth/login", ORG_ADMIN, via("198.51.100.20"));
    const realMs = performance.now() - started;
    const answers = await Promise.all(flood);

    expect(real.status).toBe(200);
    expect(realMs).toBeLessThan(2000);
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 401).length + refused.length).toBe(400);
    // At most the address limit's worth (100 per address) got as far as a hash, and only a line's worth of those waited for one.
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(100 * addresses);
    expect(refused.length).toBeGreaterThan(300);
    for (const code of new Set(refused.map((a) => a.code))) expect(["too_many_attempts", "busy"]).toContain(code);
    const slowestRefusal = Math.max(...refused.map((a) => a.ms));
    console.info(`flood from ${_label}: real login ${Math.round(realMs)} ms; ${JSON.stringify(tally(answers))}, slowest refusal ${Math.round(slowestRefusal)} ms`);
  });
});

describe("CSRF: cookie-authenticated writes must come from our own origin", () => {
  const newLocation = { name: "Groningen Herestraat", kind: "store" };

  test.each([
    ["Origin: https://evil.example", { origin: "https://evil.example" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["Origin: null (sandboxed frame)", { origin: "null" }],
    ["a same-host Origin on another port", { origin: "http://localhost:6666" }],
    ["an unparsable Origin", { origin: "::not a url::" }],
  ])("a POST with %s is a 403 and changes nothing", async (_label, headers) => {
    const { orgId, client, a } = await installed();
    const owner = a.admin;
    const before = await snapshot(client);
    const res = await owner.request("POST", `/api/orgs/${orgId}/locations`, newLocation, headers);
    expectError(res, 403, "cross_origin");
    expect(await snapshot(client)).toEqual(before);
  });

  test.each(["PUT", "PATCH", "DELETE"])("a cross-site %s is refused too", async (method) => {
    const { a, aIds, client } = await world();
    const before = await snapshot(client);
    const target = method === "PUT" ? "journey-stages/order" : `locations/${aIds.locationId}`;
    const body = method === "PUT" ? { ids: [...aIds.stageIds].reverse() } : method === "PATCH" ? { name: "Hijacked" } : undefined;
    const res = await a.admin.request(method, `/api/orgs/${a.orgId}/${target}`, body, { origin: "https://evil.example" });
    expectError(res, 403, "cross_origin");
    expect(await snapshot(client)).toEqual(before);
  });

  test.each([
    ["a same-origin Origin", { origin: "http://localhost" }],
    ["Sec-Fetch-Site: same-origin", { "sec-fetch-site": "same-origin" }],
    ["no Origin at all (a non-browser client)", {}],
    ["the public origin behind a trusted proxy", { origin: "https://chefsache.example", "x-forwarded-host": "chefsache.example" }],
  ])("a POST with %s goes through", async (_label, headers) => {
    const { orgId, a } = await installed(undefined, { proxyHops: "x-forwarded-host" in headers ? 1 : 0 });
    const owner = a.admin;
    const res = await owner.request("POST", `/api/orgs/${orgId}/locations`, newLocation, headers);
    expect(res.status, res.text).toBe(201);
  });

  test("without TRUST_PROXY, X-Forwarded-Host and X-Forwarded-Proto are the client's words: a forged host does not pass the origin check", async () => {
    const { app, orgId, a, client } = await installed();
    const before = await snapshot(client);
    const res = await a.admin.request("POST", `/api/orgs/${orgId}/locations`, newLocation, { origin: "https://evil.example", "x-forwarded-host": "evil.example" });
    expectError(res, 403, "cross_origin");
    expect(await snapshot(client)).toEqual(before);
    const plain = await login(app, ORG_ADMIN.email, ORG_ADMIN.password, { "x-forwarded-proto": "https" });
    expect(cookieAttributes(plain.headers.get("set-cookie"))).not.toContain("secure");
  });

  test("a cross-site logout is refused and the session survives", async () => {
    const { a } = await installed();
    const owner = a.admin;
    expectError(await owner.request("POST", "/api/auth/logout", undefined, { origin: "https://evil.example" }), 403, "cross_origin");
    expect((await owner.get("/api/me")).status).toBe(200);
  });

  test("a cross-site login is refused and sets no cookie", async () => {
    const { app } = await installed();
    const res = await login(app, ORG_ADMIN.email, ORG_ADMIN.password, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  test("a cross-site read is not a write and is answered", async () => {
    const { orgId, a } = await installed();
    const owner = a.admin;
    expect((await owner.request("GET", `/api/orgs/${orgId}/locations`, undefined, { origin: "https://evil.example" })).status).toBe(200);
  });
});

describe("secure headers", () => {
  const directivesOf = (csp: string) =>
    Object.fromEntries(
      csp
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...values]) => [name, values]),
    );

  test.each([
    ["a success", "/api/health"],
    ["an error", "/api/no-such-route"],
  ])("API answers (%s) forbid rendering anything, are not sniffed and not cached", async (_label, path) => {
    const { app } = await freshApp();
    const res = await app.request(path);
    const directives = directivesOf(res.headers.get("content-security-policy") ?? "");
    expect(directives["default-src"]).toEqual(["'none'"]);
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  test("the app's pages carry a CSP with script-src 'self' (no inline scripts), nosniff and no framing", async () => {
    const webRoot = mkdtempSync(join(tmpdir(), "chefsache-web-"));
    writeFileSync(join(webRoot, "index.html"), "<!doctype html><title>Chefsache</title>");
    try {
      const { app } = await freshApp({ webRoot });
      for (const path of ["/", "/o/some/deep/link"]) {
        const res = await app.request(path);
        expect(res.status, path).toBe(200);
        const directives = directivesOf(res.headers.get("content-security-policy") ?? "");
        expect(directives["script-src"]).toEqual(["'self'"]);
        expect(directives["default-src"]).toEqual(["'self'"]);
        expect(directives["object-src"]).toEqual(["'none'"]);
        expect(directives["frame-ancestors"]).toEqual(["'none'"]);
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
        expect(res.headers.get("x-frame-options")).toBe("DENY");
      }
    } finally {
      rmSync(webRoot, { recursive: true, force: true });
    }
  });
});

test("the demo password is the published one", () => {
  // Guards the helper against drifting from the server's seed.
  expect(DEMO_PASSWORD).toBe("demo-demo-demo");
});
