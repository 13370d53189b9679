import type { Client } from "@libsql/client";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { expectError, prepareWorld, snapshot, world } from "../support/api";
import { captured } from "../support/log";
import { hlcAt, mutation, NODE_B, pullAll, pushApplied, userId } from "../support/sync";

type World = Awaited<ReturnType<typeof world>>;
type Agent = World["a"]["admin"];

beforeAll(prepareWorld, 120_000);

const AMSTERDAM = "Amsterdam Kalverstraat";
const UTRECHT = "Utrecht Hoog Catharijne";
const LOYAL = "Loyal regulars";

let offset = 0;
/** A fresh KPI of org A (pushed by CX operations), so the demo's measurements stay out of the way. */
async function newKpi(w: World) {
  const id = randomUUID();
  await pushApplied(w.a.cx, w.a.orgId, [mutation("kpi", id, { name: "Feed conversion", unit: "percent", direction: "higher", kind: "proportion", hard: true }, hlcAt(offset++, NODE_B))]);
  return id;
}

async function makeKey(who: Agent, orgId: string, name = "Till export") {
  const res = await who.post(`/api/orgs/${orgId}/api-keys`, { name });
  expect(res.status, res.text).toBe(201);
  return { key: res.json.key as string, id: res.json.apiKey.id as string, answer: res.json };
}

/** A machine's request: the key in the header, no cookie. */
async function feed(w: World, orgId: string, kpiId: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await w.app.request(`/api/orgs/${orgId}/kpis/${kpiId}/measurements`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function rows(client: Client, sql: string, args: string[] = []) {
  const rs = await client.execute({ sql, args });
  return rs.rows.map((row) => Object.fromEntries(rs.columns.map((col, i) => [col, row[i]])));
}
const measurementRows = (client: Client, kpiId: string) =>
  rows(client, "select * from kpi_measurements where kpi_id = ? and deleted_at is null order by period, period_start, value", [kpiId]);

/** Every table but api_keys, whose `last_used_at` a request with a live key moves (at most once a minute) whatever it asks. */
const dataSnapshot = async (client: Client) => ({ ...(await snapshot(client)), api_keys: [] });

async function idsByName(w: World, noun: "locations" | "segments") {
  const items = (await w.a.admin.get(`/api/orgs/${w.a.orgId}/${noun}`)).json.items as { id: string; name: string }[];
  return Object.fromEntries(items.map((i) => [i.name, i.id])) as Record<string, string>;
}

describe("API keys", () => {
  test("an admin makes a key: shown once, stored only as its hash, listed by name, prefix and maker", async () => {
    const { lines, log } = captured();
    const w = await world({ log });
    const made = await makeKey(w.a.admin, w.a.orgId, "Power BI nightly");
    expect(made.key).toMatch(/^csk_[A-Za-z0-9_-]{43}$/);
    const adminId = await userId(w.a.admin);
    expect(made.answer.apiKey).toEqual({
      id: made.id,
      name: "Power BI nightly",
      prefix: made.key.slice(0, 12),
      createdAt: expect.any(String),
      createdBy: { id: adminId, name: expect.any(String) },
      lastUsedAt: null,
      revokedAt: null,
    });

    const list = await w.a.admin.get(`/api/orgs/${w.a.orgId}/api-keys`);
    expect(list.status).toBe(200);
    expect(list.json.apiKeys[0]).toEqual(made.answer.apiKey);
    // The template's key is listed too; nothing in any answer or any table holds the key.
    expect(list.json.apiKeys.map((k: { name: string }) => k.name)).toEqual(["Power BI nightly", "Till export"]);
    expect(list.text).not.toContain(made.key);
    expect(JSON.stringify(await snapshot(w.client))).not.toContain(made.key);
    const [stored] = await rows(w.client, "select * from api_keys where id = ?", [made.id]);
    expect(stored!.token_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(stored!.token_hash).not.toBe(made.key);

    expect(lines.filter((l) => l.event === "api_key_created")).toEqual([expect.objectContaining({ apiKeyId: made.id, orgId: w.a.orgId, userId: adminId, prefix: made.answer.apiKey.prefix })]);
    expect(JSON.stringify(lines)).not.toContain(made.key);
  });

  test("only admins list, make and revoke keys (403, nothing changes); another organisation's key id is a 404", async () => {
    const w = await world();
    const { id } = await makeKey(w.a.admin, w.a.orgId);
    const before = await snapshot(w.client);
    for (const who of [w.a.cx, w.a.director, w.a.board]) {
      expectError(await who.get(`/api/orgs/${w.a.orgId}/api-keys`), 403, "forbidden");
      expectError(await who.post(`/api/orgs/${w.a.orgId}/api-keys`, { name: "Sneaky" }), 403, "forbidden");
      expectError(await who.delete(`/api/orgs/${w.a.orgId}/api-keys/${id}`), 403, "forbidden");
    }
    // Eve, admin of B, through her own organisation and through A's.
    expectError(await w.b.agent.delete(`/api/orgs/${w.b.orgId}/api-keys/${id}`), 404, "not_found");
    expectError(await w.b.agent.delete(`/api/orgs/${w.a.orgId}/api-keys/${id}`), 404, "not_found");
    expectError(await w.b.agent.get(`/api/orgs/${w.a.orgId}/api-keys`), 404, "not_found");
    const bKeyId = (await w.b.agent.get(`/api/orgs/${w.b.orgId}/api-keys`)).json.apiKeys[0].id;
    expectError(await w.a.admin.delete(`/api/orgs/${w.a.orgId}/api-keys/${bKeyId}`), 404, "not_found");
    expectError(await w.a.admin.delete(`/api/orgs/${w.a.orgId}/api-keys/${randomUUID()}`), 404, "not_found");
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("a name is required and at most 100 characters", async () => {
    const w = await world();
    const before = await snapshot(w.client);
    expectError(await w.a.admin.post(`/api/orgs/${w.a.orgId}/api-keys`, { name: "  " }), 400, "validation_failed");
    expectError(await w.a.admin.post(`/api/orgs/${w.a.orgId}/api-keys`, { name: "x".repeat(101) }), 400, "validation_failed");
    expectError(await w.a.admin.post(`/api/orgs/${w.a.orgId}/api-keys`, {}), 400, "validation_failed");
    expect(await snapshot(w.client)).toEqual(before);
  });
});

describe("the KPI feed", () => {
  test("a request with a key and no cookie writes the rows; devices pull them, attributed to the key's maker", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const { key, id } = await makeKey(w.a.admin, w.a.orgId);
    const [locations, segments] = [await idsByName(w, "locations"), await idsByName(w, "segments")];
    const { cursor } = await pullAll(w.a.board, w.a.orgId);

    const res = await feed(w, w.a.orgId, kpiId, [
      // A Wednesday: stored as its week's Monday. Places by name (any case) or id.
      { period: "week", periodStart: "2025-01-08", location: AMSTERDAM.toUpperCase(), value: 21.5, sampleSize: 3100, note: "Koopzondag" },
      { period: "month", periodStart: "2025-01-31", location: locations[UTRECHT], segment: LOYAL, value: 19.8 },
      { period: "day", periodStart: "2025-01-06", value: 0.2, location: null, segment: null, sampleSize: null, note: null },
    ], bearer(key));
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ imported: 3, updated: 0, unchanged: 0, errors: [] });

    expect((await measurementRows(w.client, kpiId)).map((r) => [r.period, r.period_start, r.location_id, r.segment_id, r.value, r.sample_size, r.note])).toEqual([
      ["day", "2025-01-06", null, null, 0.2, null, null],
      ["month", "2025-01-01", locations[UTRECHT], segments[LOYAL], 19.8, null, null],
      ["week", "2025-01-06", locations[AMSTERDAM], null, 21.5, 3100, "Koopzondag"],
    ]);

    const adminId = await userId(w.a.admin);
    const pulled = [...(await pullAll(w.a.board, w.a.orgId, cursor)).changes.values()].filter((c) => c.entity === "kpi_measurement");
    expect(pulled).toHaveLength(3);
    for (const change of pulled) expect(change.fields.authorId).toBe(adminId);
    const history = await w.a.board.get(`/api/orgs/${w.a.orgId}/history/kpi_measurement/${pulled[0]!.entityId}`);
    expect(history.json.entries[0]).toMatchObject({ by: { id: adminId }, op: "create" });

    const listed = (await w.a.admin.get(`/api/orgs/${w.a.orgId}/api-keys`)).json.apiKeys.find((k: { id: string }) => k.id === id);
    expect(Date.now() - Date.parse(listed.lastUsedAt)).toBeLessThan(60_000);
  });

  test("re-sending the same rows changes nothing: no duplicates, nothing new to pull; a changed value updates in place", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const { key } = await makeKey(w.a.admin, w.a.orgId);
    const batch = [
      { period: "week", periodStart: "2025-01-06", location: AMSTERDAM, value: 21.5, sampleSize: 3100 },
      { period: "week", periodStart: "2025-01-13", location: AMSTERDAM, value: 22.25, note: "Regen" },
    ];
    expect((await feed(w, w.a.orgId, kpiId, batch, bearer(key))).json).toEqual({ imported: 2, updated: 0, unchanged: 0, errors: [] });
    const first = await measurementRows(w.client, kpiId);
    const { cursor } = await pullAll(w.a.board, w.a.orgId);
    const before = await snapshot(w.client);

    // The same rows, a second later, even with another date in the same week.
    const again = await feed(w, w.a.orgId, kpiId, [{ ...batch[0], periodStart: "2025-01-09" }, batch[1]], bearer(key));
    expect(again.json).toEqual({ imported: 0, updated: 0, unchanged: 2, errors: [] });
    expect(await snapshot(w.client)).toEqual(before);
    expect([...(await pullAll(w.a.board, w.a.orgId, cursor)).changes.values()]).toEqual([]);

    // One value corrected: that measurement changes (same id), the other does not; a row
    // without a note or sample size leaves the stored ones as they are.
    const corrected = await feed(w, w.a.orgId, kpiId, [{ ...batch[0], value: 21.7 }, { period: "week", periodStart: "2025-01-13", location: AMSTERDAM, value: 22.25 }], bearer(key));
    expect(corrected.json).toEqual({ imported: 0, updated: 1, unchanged: 1, errors: [] });
    const now = await measurementRows(w.client, kpiId);
    expect(now.map((r) => r.id).sort()).toEqual(first.map((r) => r.id).sort());
    expect(now.map((r) => [r.period_start, r.value, r.sample_size, r.note])).toEqual([
      ["2025-01-06", 21.7, 3100, null],
      ["2025-01-13", 22.25, null, "Regen"],
    ]);
    const pulled = [...(await pullAll(w.a.board, w.a.orgId, cursor)).changes.values()];
    expect(pulled.map((c) => [c.entity, c.fields.value])).toEqual([["kpi_measurement", 21.7]]);
  });

  test("bad rows are reported by index with their reasons, and the good rows are still written", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const { key } = await makeKey(w.a.admin, w.a.orgId);
    const res = await feed(w, w.a.orgId, kpiId, [
      { period: "week", periodStart: "2025-01-06", location: AMSTERDAM, value: 21.5 }, // 0: good
      { period: "week", periodStart: "2025-02-30", location: AMSTERDAM, value: 20.1 }, // 1: no such date
      { period: "week", periodStart: "2025-01-13", location: "Eindhoven Centrum", value: 19.9 }, // 2: no such store
      { period: "week", periodStart: "2025-01-13", location: UTRECHT, value: 19.9, sampleSize: 2.5 }, // 3: not a whole number
      { period: "week", periodStart: "2025-01-07", location: AMSTERDAM, value: 3 }, // 4: the same week as row 0
      { period: "week", periodStart: "2025-01-20", value: 1, note: "x".repeat(501) }, // 5: note too long
      { period: "week", periodStart: "2025-01-20", value: 1e13 }, // 6: out of range
      { period: "week", periodStart: "2025-01-20", location: UTRECHT, value: 22 }, // 7: good
      { period: "week", periodStart: "2025-01-27", location: UTRECHT, value: 150 }, // 8: a percentage above 100
    ], bearer(key));
    expect(res.status, res.text).toBe(200);
    expect(res.json.imported).toBe(2);
    expect(res.json.errors.map((e: { index: number }) => e.index)).toEqual([1, 2, 3, 4, 5, 6, 8]);
    const messages = res.json.errors.map((e: { message: string }) => e.message);
    expect(messages[0]).toMatch(/periodStart.*2025-02-30.*not a date/);
    expect(messages[1]).toMatch(/location.*Eindhoven Centrum.*not a known location/);
    expect(messages[2]).toMatch(/sampleSize.*2\.5.*not a whole number/);
    expect(messages[3]).toBe("the same period, location and segment as row 0 (periodStart 2025-01-06)");
    expect(messages[4]).toMatch(/note: is 501 characters long/);
    expect(messages[5]).toMatch(/value.*more than/);
    expect(messages[6]).toBe("value: 150 is more than 100");
    expect((await measurementRows(w.client, kpiId)).map((r) => [r.period_start, r.value])).toEqual([
      ["2025-01-06", 21.5],
      ["2025-01-20", 22],
    ]);
  });

  test("a body that is not an array of rows is a 400 and changes nothing", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const { key } = await makeKey(w.a.admin, w.a.orgId);
    const before = await dataSnapshot(w.client);
    const row = { period: "week", periodStart: "2025-01-06", value: 1 };
    const bodies: [string, unknown, string][] = [
      ["an object", row, "(body)"],
      ["an empty array", [], "(body)"],
      ["a row with an unknown field", [row, { ...row, store: "x" }], "1.store"],
      ["a value as text", [{ ...row, value: "1,5" }], "0.value"],
      ["an unknown period", [{ ...row, period: "year" }], "0.period"],
      ["a row that is not an object", [row, 5], "1"],
      ["10,001 rows", Array.from({ length: 10_001 }, () => row), "(body)"],
    ];
    for (const [label, body, path] of bodies) {
      const res = await feed(w, w.a.orgId, kpiId, body, bearer(key));
      expectError(res, 400, "validation_failed");
      expect(res.json.error.issues.map((i: { path: string }) => i.path), label).toContain(path);
    }
    expectError(await feed(w, w.a.orgId, kpiId, "[{", bearer(key)), 400, "invalid_json");
    expect(await dataSnapshot(w.client)).toEqual(before);
  });

  test("without a valid key: no header, a wrong, malformed or revoked key are 401s and change nothing", async () => {
    const { lines, log } = captured();
    const w = await world({ log });
    const kpiId = await newKpi(w);
    const { key, id } = await makeKey(w.a.admin, w.a.orgId);
    const rows = [{ period: "week", periodStart: "2025-01-06", value: 1 }];
    const before = await snapshot(w.client);

    expectError(await feed(w, w.a.orgId, kpiId, rows), 401, "unauthenticated");
    for (const authorization of [`Bearer csk_${"x".repeat(43)}`, `Bearer ${key}x`, `Bearer ${key.slice(0, -1)}`, "Bearer", `Basic ${key}`, key, `Bearer ${"a".repeat(5000)}`]) {
      const res = await feed(w, w.a.orgId, kpiId, rows, { authorization });
      expectError(res, 401, "invalid_api_key");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
    }
    // A wrong key next to an admin's cookie: the key is what counts.
    expectError(await feed(w, w.a.orgId, kpiId, rows, { ...bearer("csk_wrong"), cookie: w.a.admin.cookie }), 401, "invalid_api_key");
    expect(await snapshot(w.client)).toEqual(before);

    expect((await w.a.admin.delete(`/api/orgs/${w.a.orgId}/api-keys/${id}`)).status).toBe(204);
    const revoked = await snapshot(w.client);
    expectError(await feed(w, w.a.orgId, kpiId, rows, bearer(key)), 401, "invalid_api_key");
    expect(await snapshot(w.client)).toEqual(revoked);
    // Revoking again changes nothing; the list keeps the key, marked revoked.
    expect((await w.a.admin.delete(`/api/orgs/${w.a.orgId}/api-keys/${id}`)).status).toBe(204);
    expect(await snapshot(w.client)).toEqual(revoked);
    const listed = (await w.a.admin.get(`/api/orgs/${w.a.orgId}/api-keys`)).json.apiKeys.find((k: { id: string }) => k.id === id);
    expect(listed.revokedAt).toEqual(expect.any(String));

    expect(lines.filter((l) => l.event === "api_key_revoked")).toHaveLength(1);
    const refused = lines.filter((l) => l.event === "api_key_refused");
    expect(refused.length).toBe(9);
    expect(refused.every((l) => l.level === "warn")).toBe(true);
    expect(JSON.stringify(lines)).not.toContain(key);
  });

  test("another organisation's key cannot write to this organisation; a KPI of another organisation or none is a 404", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const aKey = (await makeKey(w.a.admin, w.a.orgId)).key;
    const bKey = (await makeKey(w.b.agent, w.b.orgId)).key;
    const rows = [{ period: "week", periodStart: "2025-01-06", value: 1 }];
    const before = await dataSnapshot(w.client);
    // B's key on A's organisation: the same answer as an unknown key.
    expectError(await feed(w, w.a.orgId, kpiId, rows, bearer(bKey)), 401, "invalid_api_key");
    // B's key on B's organisation naming A's KPI, A's key naming B's KPI, and KPIs that do not exist.
    expectError(await feed(w, w.b.orgId, kpiId, rows, bearer(bKey)), 404, "not_found");
    expectError(await feed(w, w.a.orgId, w.bIds.kpiId, rows, bearer(aKey)), 404, "not_found");
    expectError(await feed(w, w.a.orgId, randomUUID(), rows, bearer(aKey)), 404, "not_found");
    expectError(await feed(w, w.a.orgId, "not-a-kpi", rows, bearer(aKey)), 404, "not_found");
    // Eve's session on A's feed: not a member.
    expectError(await feed(w, w.a.orgId, kpiId, rows, { cookie: w.b.agent.cookie }), 404, "not_found");
    // Places of another organisation are unknown places.
    const bLocation = (await w.b.agent.get(`/api/orgs/${w.b.orgId}/locations`)).json.items[0].id;
    const res = await feed(w, w.a.orgId, kpiId, [{ ...rows[0], location: bLocation }], bearer(aKey));
    expect(res.json).toMatchObject({ imported: 0, errors: [{ index: 0, message: expect.stringContaining("not a known location") }] });
    expect(await dataSnapshot(w.client)).toEqual(before);
  });

  test("with a session instead of a key: CX operations may send rows, an executive may not", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const rows = [{ period: "day", periodStart: "2025-01-06", value: 1 }];
    const cx = await w.a.cx.post(`/api/orgs/${w.a.orgId}/kpis/${kpiId}/measurements`, rows);
    expect(cx.json).toEqual({ imported: 1, updated: 0, unchanged: 0, errors: [] });
    expect((await measurementRows(w.client, kpiId))[0]!.author_id).toBe(await userId(w.a.cx));
    expectError(await w.a.director.post(`/api/orgs/${w.a.orgId}/kpis/${kpiId}/measurements`, rows), 403, "forbidden");
  });

  test("a body over 1 MB (up to 4 MB) is read; over 4 MB is a 413", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const { key } = await makeKey(w.a.admin, w.a.orgId);
    const big = Array.from({ length: 6000 }, (_, i) => ({ period: "day", periodStart: "2025-01-06", value: i, note: "n".repeat(150) }));
    expect(JSON.stringify(big).length).toBeGreaterThan(1024 * 1024);
    const res = await feed(w, w.a.orgId, kpiId, big, bearer(key));
    expect(res.status, res.text.slice(0, 200)).toBe(200);
    expect(res.json.imported).toBe(1);
    expect(res.json.errors).toHaveLength(5999);
    const huge = [{ period: "day", periodStart: "2025-01-06", value: 1, note: "n".repeat(4 * 1024 * 1024) }];
    expectError(await feed(w, w.a.orgId, kpiId, huge, bearer(key)), 413, "payload_too_large");
  }, 60_000);
});
