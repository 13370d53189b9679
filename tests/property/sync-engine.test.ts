// The device's real LocalStore (on fake-indexeddb) and sync engine against the real server app,
// in process, through a lossy fetch. It lives with the server-side tests: the web project's
// browser resolve condition would hand the server libSQL's web client.
import { IDBFactory } from "fake-indexeddb";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { openDatabase, type DbHandle } from "../../server/db/client";
import { canEdit, canEditField, type Person, type RecordFacts } from "../../shared/permissions";
import type { LoginResponse } from "../../shared/schemas/auth";
import type { FindingFields } from "../../shared/schemas/finding";
import { applyChange, emptyRecord, type RecordState } from "../../shared/sync/merge";
import type { Mutation, MutationResult, PulledChange, PullResponse, PushResponse } from "../../shared/sync/protocol";
import { agent, DEMO_PASSWORD, type TestApp } from "../support/app";
import { verdictOn, type Held } from "../support/rulebook";
import { createApi } from "../../web/src/data/api";
import { LocalStore } from "../../web/src/data/local/store";
import { createSyncEngine, type SyncEngine } from "../../web/src/data/local/sync";
import { FINDING_STATUSES, FIX_LEVELS } from "../../shared/enums";
import type { PushEntity } from "../../shared/sync/constants";
import { seededRandom } from "../support/random";

type Agent = ReturnType<typeof agent>;
/** A signed-in person: their agent (cookie), and who they are to the rule book. */
type User = { agent: Agent; userId: string; person: Person };

/** One server for the whole file: setting up the demo organisation (password hashing) costs seconds. */
let dir = "";
let database: DbHandle;
let app: TestApp;
let orgId = "";
let director: User;
let cx: User;
let locationIds: string[] = [];
let themeIds: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chefsache-sync-engine-"));
  database = await openDatabase(`file:${join(dir, "test.db")}`);
  app = createApp({ db: database.db });
  const setupAgent = agent(app);
  const setup = await setupAgent.post("/api/setup", { mode: "demo" });
  if (setup.status !== 201) throw new Error(`demo setup failed: ${setup.status} ${setup.text}`);
  const body = setup.json as LoginResponse;
  orgId = body.memberships[0]!.orgId;
  director = { agent: setupAgent, userId: body.user.id, person: { id: body.user.id, role: body.memberships[0]!.role } };
  const cxAgent = agent(app);
  const login = await cxAgent.post("/api/auth/login", { email: "cx@demo.example", password: DEMO_PASSWORD });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const cxLogin = login.json as LoginResponse;
  cx = { agent: cxAgent, userId: cxLogin.user.id, person: { id: cxLogin.user.id, role: cxLogin.memberships.find((m) => m.orgId === orgId)!.role } };
  // The demo's director captures findings (an executive), CX operations triages them.
  expect([director.person.role, cx.person.role]).toEqual(["executive", "cx_ops"]);
  const settings = [...(await serverState()).values()];
  locationIds = settings.filter((c) => c.entity === "location").map((c) => c.entityId);
  themeIds = settings.filter((c) => c.entity === "theme").map((c) => c.entityId);
}, 30_000);

afterAll(() => {
  database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// The network between a device and the server

/** What happens to one request: it reaches the server and its answer comes back ("pass"), never leaves the device ("drop"), is committed by the server and its answer lost ("lose"), or is answered by something in between. */
type Fate = "pass" | "drop" | "lose" | Response;
interface Sent {
  method: string;
  path: string;
  fate: "pass" | "drop" | "lose" | number;
  /** The server's answer to a push that came back. */
  push?: PushResponse;
  status?: number;
}

class Network {
  rule: (request: { method: string; path: string }) => Fate = () => "pass";
  readonly log: Sent[] = [];
  up() {
    this.rule = () => "pass";
  }
  down() {
    this.rule = () => "drop";
  }
  pushes() {
    return this.log.filter((s) => s.method === "POST" && s.path.endsWith("/sync/push"));
  }
}

/**
 * Every push the server answered, whatever happened to the answer afterwards, in the order the
 * server handled them (the tests drive one request at a time): what the rule book is replayed on.
 */
interface ServedPush {
  person: Person;
  mutations: Mutation[];
  results: MutationResult[];
}
const served: ServedPush[] = [];

function requestPath(input: RequestInfo | URL): string {
  if (typeof input === "string") return input;
  if (input instanceof URL) return input.pathname + input.search;
  return new URL(input.url).pathname + new URL(input.url).search;
}

/** A browser's fetch for one signed-in person, through `net`: the cookie is added as the browser would. */
function deviceFetch(user: User, net: Network): typeof fetch {
  const who = user.agent;
  return async (input, init) => {
    const path = requestPath(input);
    const method = init?.method ?? "GET";
    const fate = net.rule({ method, path });
    const sent: Sent = { method, path, fate: fate instanceof Response ? fate.status : fate };
    net.log.push(sent);
    if (fate === "drop") throw new TypeError("fetch failed");
    if (fate instanceof Response) return fate;
    const headers = new Headers(init?.headers);
    headers.set("cookie", who.cookie);
    const response = await app.request(path, { ...init, headers });
    sent.status = response.status;
    if (method === "POST" && path.endsWith("/sync/push") && response.ok) {
      const { mutations } = JSON.parse(String(init?.body)) as { mutations: Mutation[] };
      served.push({ person: user.person, mutations, results: ((await response.clone().json()) as PushResponse).results });
    }
    if (fate === "lose") {
      // The server has committed; the device never hears about it.
      await response.arrayBuffer();
      throw new TypeError("fetch failed");
    }
    if (method === "POST" && path.endsWith("/sync/push") && response.ok) sent.push = (await response.clone().json()) as PushResponse;
    return response;
  };
}

interface Device {
  store: LocalStore;
  engine: SyncEngine;
  net: Network;
  factory: IDBFactory;
  user: User;
}

const openStores: LocalStore[] = [];
afterEach(() => {
  for (const store of openStores.splice(0)) store.close();
});

/** A device (one browser profile) for a person; pass the factory of an earlier one to reopen it as after a reload. */
async function device(user: User, factory = new IDBFactory(), net = new Network()): Promise<Device> {
  const store = await LocalStore.open(user.userId, orgId, factory);
  openStores.push(store);
  const fetch = deviceFetch(user, net);
  const engine = createSyncEngine(store, createApi({ fetch }), orgId, { upload: fetch });
  return { store, engine, net, factory, user };
}

async function reopen(d: Device): Promise<Device> {
  d.store.close();
  return device(d.user, d.factory, d.net);
}

// ---------------------------------------------------------------------------------------------
// What the server and the devices hold

const key = (entity: string, id: string) => `${entity}:${id}`;

/** Everything the organisation holds, as a device pulling from the start would see it. */
async function serverState(): Promise<Map<string, PulledChange>> {
  const state = new Map<string, PulledChange>();
  let since = "";
  for (;;) {
    const res = await director.agent.get(`/api/orgs/${orgId}/sync/pull?since=${encodeURIComponent(since)}&limit=1000`);
    expect(res.status, res.text).toBe(200);
    const page = res.json as PullResponse;
    for (const change of page.changes) state.set(key(change.entity, change.entityId), change);
    since = page.cursor;
    if (!page.hasMore) return state;
  }
}

/** The record's fields as the server has them (undefined when it has none, or a tombstone). */
async function onServer(entity: PushEntity, id: string): Promise<Record<string, unknown> | undefined> {
  const change = (await serverState()).get(key(entity, id));
  if (!change || change.deleted) return undefined;
  // Columns the server fills with null but no change ever set carry no clock, and a device
  // does not hold them: compare what was set.
  const clocks = (change as PulledChange & { clocks?: Record<string, string> }).clocks ?? {};
  return Object.fromEntries(Object.keys(clocks).map((name) => [name, (change.fields as Record<string, unknown>)[name]]));
}

/** The record's fields as the device shows them (undefined when it has none). */
async function onDevice(d: Device, entity: PushEntity, id: string): Promise<Record<string, unknown> | undefined> {
  const record = await d.store.get(entity, id);
  if (!record) return undefined;
  // Identity, meta and the device's own notes (texts it lost in a conflict) are not the record's fields.
  const { id: _id, pending: _p, authorId: _a, createdAt: _c, updatedAt: _u, conflicts: _x, ...fields } = record;
  return fields as Record<string, unknown>;
}

async function expectSame(devices: Device[], entity: PushEntity, id: string) {
  const server = await onServer(entity, id);
  for (const d of devices) expect(await onDevice(d, entity, id), `${entity} ${id} on the device`).toEqual(server);
  return server;
}

/** How many times the server recorded each mutation id as applied. */
async function recorded(ids: string[]): Promise<Map<string, number>> {
  const counts = new Map(ids.map((id) => [id, 0]));
  const placeholders = ids.map(() => "?").join(",");
  const rows = await database.client.execute({ sql: `select id, count(*) as n from sync_mutations where org_id = ? and id in (${placeholders}) group by id`, args: [orgId, ...ids] });
  for (const row of rows.rows) counts.set(String(row.id), Number(row.n));
  return counts;
}

async function expectRecordedOnce(mutations: Mutation[]) {
  const counts = await recorded(mutations.map((m) => m.id));
  expect([...counts.values()]).toEqual(mutations.map(() => 1));
}

const newFinding = (extra: Partial<FindingFields> = {}): Partial<FindingFields> => ({
  saw: "Queue of twelve at one till",
  felt: "",
  expectation: "",
  severity: 4,
  sentiment: "pain",
  status: "new",
  tags: [],
  photos: [],
  ...extra,
});
const newVisit = (locationId: string) => ({ kind: "floor_walk" as const, locationId, startedAt: new Date(Date.now() - 60_000).toISOString(), peopleMet: "", notes: "" });

/** A few bytes that start like a JPEG, which is all the server checks besides the hash. */
function jpeg(seed: number): Blob {
  const bytes = new Uint8Array(64);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  for (let i = 4; i < bytes.length; i++) bytes[i] = (seed * 31 + i * 7) & 0xff;
  return new Blob([bytes], { type: "image/jpeg" });
}

// ---------------------------------------------------------------------------------------------

describe("sync engine against the real server", () => {
  it("keeps offline edits queued across a reload and delivers each exactly once when the network returns", async () => {
    let a = await device(director);
    a.net.down();
    const visitId = crypto.randomUUID();
    const findingId = crypto.randomUUID();
    const made = [
      await a.store.change("visit", visitId, newVisit(locationIds[0]!)),
      await a.store.change("finding", findingId, newFinding({ visitId, locationId: locationIds[0]! })),
      await a.store.change("finding", findingId, { felt: "Annoyed", severity: 5 }),
    ];
    await a.engine.syncNow();
    expect(a.engine.status()).toMatchObject({ error: "offline", pending: 3, syncing: false });
    expect(a.net.pushes().map((s) => s.fate)).toEqual(["drop"]);

    // The tab is closed and opened again, still offline.
    a = await reopen(a);
    expect((await a.store.outbox()).map((entry) => entry.mutation)).toEqual(made);
    await a.engine.syncNow();
    expect(a.engine.status()).toMatchObject({ error: "offline", pending: 3 });
    expect(await onServer("finding", findingId)).toBeUndefined();

    a.net.up();
    await a.engine.syncNow();
    expect(a.engine.status()).toMatchObject({ error: null, pending: 0, rejected: 0 });
    expect(a.engine.status().lastSyncAt).not.toBeNull();
    const finding = await expectSame([a], "finding", findingId);
    expect(finding).toMatchObject({ saw: "Queue of twelve at one till", felt: "Annoyed", severity: 5, visitId });
    await expectSame([a], "visit", visitId);
    expect(await a.store.get("finding", findingId)).toMatchObject({ pending: false, authorId: director.userId });
    await expectRecordedOnce(made);

    // Nothing left to send: the next sync only pulls.
    const before = a.net.pushes().length;
    await a.engine.syncNow();
    expect(a.net.pushes().length).toBe(before);
  });

  it("retries a push whose answer was lost: the server answers duplicate and applies nothing twice", async () => {
    const a = await device(director);
    const findingId = crypto.randomUUID();
    const made = [await a.store.change("finding", findingId, newFinding()), await a.store.change("finding", findingId, { tags: ["till"] })];
    let lost = 0;
    a.net.rule = ({ path }) => (path.endsWith("/sync/push") && lost++ === 0 ? "lose" : "pass");
    await a.engine.syncNow();
    // The server has it; the device does not know, so it keeps both changes queued.
    expect(a.engine.status()).toMatchObject({ error: "offline", pending: 2 });
    expect(await onServer("finding", findingId)).toMatchObject({ tags: ["till"] });
    await expectRecordedOnce(made);
    const seqAfterCommit = (await serverPullSince("")).cursor;

    await a.engine.syncNow();
    expect(a.engine.status()).toMatchObject({ error: null, pending: 0 });
    const retry = a.net.pushes().at(-1)!;
    expect(retry.push?.results).toEqual(made.map((m) => ({ id: m.id, status: "duplicate" })));
    await expectRecordedOnce(made);
    // A duplicate changes nothing: the record was not written again (its sequence did not move).
    expect((await serverPullSince(seqAfterCommit)).changes.filter((c) => c.entityId === findingId)).toEqual([]);
    await expectSame([a], "finding", findingId);
  });

  it("uploads a photo before the finding that names it; the finding waits while the upload fails", async () => {
    const a = await device(director);
    const photo = jpeg(1);
    const sha = await a.store.savePhoto(photo);
    const visitId = crypto.randomUUID();
    const findingId = crypto.randomUUID();
    const laterId = crypto.randomUUID();
    await a.store.change("visit", visitId, newVisit(locationIds[1]!));
    await a.store.change("finding", findingId, newFinding({ visitId, photos: [sha] }));
    await a.store.change("finding", laterId, newFinding({ saw: "Made after the photo" }));

    // The server refuses the photo for now (say, a proxy answers 503): the visit goes, the finding
    // naming the photo and everything after it wait, in order.
    a.net.rule = ({ method }) => (method === "PUT" ? new Response("busy", { status: 503 }) : "pass");
    await a.engine.syncNow();
    // A failed run, so the engine tries again soon rather than at the next periodic sync.
    expect(a.engine.status()).toMatchObject({ error: "failed", pending: 2, photosPending: 1 });
    expect(await onServer("visit", visitId)).toBeDefined();
    expect(await onServer("finding", findingId)).toBeUndefined();
    expect(await onServer("finding", laterId)).toBeUndefined();
    expect((await a.store.outbox()).map((e) => e.mutation.entityId)).toEqual([findingId, laterId]);

    // The upload does not get through at all: nothing is pushed.
    a.net.rule = ({ method }) => (method === "PUT" ? "drop" : "pass");
    const pushesBefore = a.net.pushes().length;
    await a.engine.syncNow();
    expect(a.engine.status()).toMatchObject({ error: "offline", pending: 2, photosPending: 1 });
    expect(a.net.pushes().length).toBe(pushesBefore);
    expect(await onServer("finding", findingId)).toBeUndefined();

    a.net.up();
    const from = a.net.log.length;
    await a.engine.syncNow();
    expect(a.engine.status()).toMatchObject({ error: null, pending: 0, photosPending: 0 });
    const order = a.net.log.slice(from).map((s) => `${s.method} ${s.path.split("?")[0]!.replace(`/api/orgs/${orgId}`, "")}`);
    expect(order.slice(0, 2)).toEqual([`PUT /attachments/${sha}`, "POST /sync/push"]);
    expect(await expectSame([a], "finding", findingId)).toMatchObject({ photos: [sha] });
    await expectSame([a], "finding", laterId);
    expect(await a.store.photo(sha)).toMatchObject({ uploaded: true });
    const stored = await director.agent.get(`/api/orgs/${orgId}/attachments/${sha}`);
    expect(stored.status).toBe(200);
    expect(stored.headers.get("content-type")).toBe("image/jpeg");
  });

  it("moves a rejected change to the rejected list and undoes it on the device; the others apply", async () => {
    const a = await device(director);
    const findingId = crypto.randomUUID();
    await a.store.change("finding", findingId, newFinding({ severity: 2 }));
    await a.engine.syncNow();
    expect(a.engine.status()).toMatchObject({ error: null, pending: 0 });

    const goodVisit = crypto.randomUUID();
    const badVisit = crypto.randomUUID();
    const good = await a.store.change("visit", goodVisit, newVisit(locationIds[0]!));
    const nowhere = await a.store.change("visit", badVisit, newVisit(crypto.randomUUID()));
    const tooSevere = await a.store.change("finding", findingId, { severity: 9 });
    const felt = await a.store.change("finding", findingId, { felt: "Relieved" });
    // Before the sync the device shows its own edits.
    expect(await a.store.get("finding", findingId)).toMatchObject({ severity: 9, felt: "Relieved" });

    await a.engine.syncNow();
    expect(a.engine.status()).toMatchObject({ error: null, pending: 0, rejected: 2 });
    const results = a.net.pushes().at(-1)!.push!.results;
    expect(results.map((r) => [r.id, r.status, r.error?.code])).toEqual([
      [good.id, "applied", undefined],
      [nowhere.id, "rejected", "invalid_reference"],
      [tooSevere.id, "rejected", "validation_failed"],
      [felt.id, "applied", undefined],
    ]);
    const rejected = await a.store.rejected();
    expect(rejected.map((r) => r.mutation).sort((x, y) => x.hlc.localeCompare(y.hlc))).toEqual([nowhere, tooSevere]);
    expect(rejected.find((r) => r.id === nowhere.id)?.error.code).toBe("invalid_reference");

    // The refused visit is gone from the device, as it never reached the server; the finding shows
    // the server's severity again, with the accepted edit kept.
    expect(await a.store.get("visit", badVisit)).toBeUndefined();
    expect(await onServer("visit", badVisit)).toBeUndefined();
    await expectSame([a], "visit", goodVisit);
    expect(await expectSame([a], "finding", findingId)).toMatchObject({ severity: 2, felt: "Relieved" });
    await expectRecordedOnce([good, felt]);
    expect([...(await recorded([nowhere.id, tooSevere.id])).values()]).toEqual([0, 0]);
  });

  it("starts over from the beginning when the server does not know its cursor, and still converges", async () => {
    const a = await device(director);
    const b = await device(cx);
    await a.engine.syncNow();
    const theirs = crypto.randomUUID();
    await b.store.change("finding", theirs, newFinding({ saw: "Seen by the other device" }));
    await b.engine.syncNow();

    // As if the server had been restored from an older backup: the device's cursor is past its end.
    await a.store.applyPull([], "v1.999999999");
    const mine = crypto.randomUUID();
    await a.store.change("finding", mine, newFinding({ saw: "Made while the cursor was stale" }));
    const from = a.net.log.length;
    await a.engine.syncNow();
    expect(a.engine.status()).toMatchObject({ error: null, pending: 0 });
    const pulls = a.net.log.slice(from).filter((s) => s.path.includes("/sync/pull"));
    expect(pulls.map((s) => [new URL(s.path, "http://x").searchParams.get("since"), s.status])).toEqual([
      ["v1.999999999", 400],
      ["", 200],
    ]);
    expect(a.store.cursor).toMatch(/^v1\.\d+$/);
    expect(a.store.cursor).not.toBe("v1.999999999");
    await expectSame([a], "finding", theirs);
    await b.engine.syncNow();
    await expectSame([a, b], "finding", mine);
  });

  it("two devices of two people editing different fields of one finding both keep their edit", async () => {
    // The director captured the finding and goes on describing it; CX operations triages it.
    const a = await device(director);
    const b = await device(cx);
    const findingId = crypto.randomUUID();
    await a.store.change("finding", findingId, newFinding());
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect(await b.store.get("finding", findingId)).toMatchObject({ saw: "Queue of twelve at one till", status: "new", authorId: director.userId });

    // Both offline: different fields, and one field on both (the later edit must win everywhere).
    // Each edits only what the rule book lets them: the author what the finding describes, CX its triage.
    const mine = { felt: "Stressed", tags: ["from-a"] };
    const triage = { themeId: themeIds[0]!, status: "triaged" as const, tags: ["from-b"] };
    const facts: RecordFacts = { authorId: director.userId, status: "new" };
    expect(canEdit(director.person, "finding", facts, mine)).toEqual({ ok: true });
    expect(canEdit(cx.person, "finding", facts, triage)).toEqual({ ok: true });
    a.net.down();
    b.net.down();
    await a.store.change("finding", findingId, mine);
    // A later millisecond: within the same one, HLC order falls to counters and node ids.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await b.store.change("finding", findingId, triage);
    await a.engine.syncNow();
    await b.engine.syncNow();
    a.net.up();
    b.net.up();
    for (let round = 0; round < 2; round++) {
      await a.engine.syncNow();
      await b.engine.syncNow();
    }
    const merged = await expectSame([a, b], "finding", findingId);
    expect(merged).toMatchObject({ felt: "Stressed", themeId: themeIds[0], status: "triaged", tags: ["from-b"], saw: "Queue of twelve at one till" });
    for (const d of [a, b]) {
      expect(d.engine.status()).toMatchObject({ pending: 0, error: null, rejected: 0 });
      // Different fields, and the shared one is no text: nobody lost anything to the other.
      expect((await d.store.get("finding", findingId))?.conflicts ?? []).toEqual([]);
    }
  });

  it("refuses CX's rewrite of what the director saw: CX's device undoes it, the director's never sees it", async () => {
    const a = await device(director);
    const b = await device(cx);
    const findingId = crypto.randomUUID();
    await a.store.change("finding", findingId, newFinding());
    await a.engine.syncNow();
    await b.engine.syncNow();
    const facts: RecordFacts = { authorId: director.userId, status: "new" };
    expect(canEditField(cx.person, "finding", facts, "saw")).toMatchObject({ ok: false, code: "forbidden" });

    // CX's device lets the edit be made offline (a screen would not offer it): the server refuses it.
    const rewrite = await b.store.change("finding", findingId, { saw: "Rewritten by CX" });
    const level = await b.store.change("finding", findingId, { level: "operations" });
    await b.engine.syncNow();
    expect(b.engine.status()).toMatchObject({ pending: 0, error: null, rejected: 1 });
    expect(b.net.pushes().at(-1)!.push!.results.map((r) => [r.id, r.status, r.error?.code])).toEqual([
      [rewrite.id, "rejected", "forbidden"],
      [level.id, "applied", undefined],
    ]);
    await b.engine.syncNow();
    await a.engine.syncNow();
    expect(await expectSame([a, b], "finding", findingId)).toMatchObject({ saw: "Queue of twelve at one till", level: "operations" });
    await expectRecordedOnce([level]);
    expect([...(await recorded([rewrite.id])).values()]).toEqual([0]);
  });

  it("converges with the server after hundreds of random edits, reloads and network faults on two devices", async () => {
    const seed = Number(process.env.SYNC_ENGINE_SEED ?? 0x5eed0003);
    const rounds = Number(process.env.SYNC_ENGINE_ROUNDS ?? 300);
    const random = seededRandom(seed);
    const started = Date.now();
    const from = served.length;
    // The director's devices capture the findings and describe them; CX operations triages them.
    let devices = [await device(director), await device(cx)];
    const findingIds = Array.from({ length: 5 }, () => crypto.randomUUID());
    const made: Mutation[] = [];
    const madeBy = new Map<string, string>();
    /** The finding's status as the device knew it when it made each change (what the rule book was asked). */
    const seenStatus = new Map<string, string | null>();
    for (const id of findingIds) made.push(await devices[0]!.store.change("finding", id, newFinding({ saw: `Finding ${id.slice(0, 4)}` })));
    for (const m of made) {
      madeBy.set(m.id, director.userId);
      seenStatus.set(m.id, null);
    }
    await devices[0]!.engine.syncNow();
    await devices[1]!.engine.syncNow();

    const tags = () => Array.from({ length: random.int(0, 3) }, () => `t${random.int(0, 9)}`);
    /**
     * An edit the person may make to the finding as their device knows it (the rule book decides
     * from its author and status there), or null. The device may be behind: CX may have triaged
     * the finding meanwhile, and then the server refuses the director's status edit.
     */
    const edit = async (d: Device, id: string): Promise<{ fields: Partial<FindingFields>; facts: RecordFacts } | null> => {
      const known = await d.store.get("finding", id);
      if (!known) return null;
      const person = d.user.person;
      const facts: RecordFacts = { authorId: known.authorId, status: known.status ?? null };
      const statuses = FINDING_STATUSES.filter((status) => canEditField(person, "finding", facts, "status", status).ok);
      const candidates: Partial<FindingFields>[] = [
        { saw: `saw ${random.int(0, 999)}` },
        { felt: `felt ${random.int(0, 999)}` },
        { severity: random.int(1, 5) },
        { sentiment: random.pick(["pain", "neutral", "delight"] as const) },
        ...(statuses.length > 0 ? [{ status: random.pick(statuses) }] : []),
        { tags: tags(), expectation: `exp ${random.int(0, 99)}` },
        { tags: tags() },
        { themeId: random.pick([...themeIds, null]), level: random.pick([...FIX_LEVELS, null]) },
      ];
      const allowed = candidates.filter((fields) => canEdit(person, "finding", facts, fields).ok);
      return allowed.length > 0 ? { fields: random.pick(allowed), facts } : null;
    };
    const fate = (): Fate => {
      const roll = random.next();
      return roll < 0.2 ? "drop" : roll < 0.35 ? "lose" : "pass";
    };

    for (let round = 0; round < rounds; round++) {
      const which = random.int(0, 1);
      const d = devices[which]!;
      const roll = random.next();
      if (roll < 0.55) {
        const id = random.pick(findingIds);
        const chosen = await edit(d, id);
        if (chosen) {
          const m = await d.store.change("finding", id, chosen.fields);
          made.push(m);
          madeBy.set(m.id, d.user.userId);
          seenStatus.set(m.id, chosen.facts.status ?? null);
        }
      } else if (roll < 0.95) {
        d.net.rule = fate;
        await d.engine.syncNow();
      } else {
        devices[which] = await reopen(d);
      }
    }

    for (const d of devices) d.net.up();
    for (let pass = 0; pass < 2; pass++) for (const d of devices) await d.engine.syncNow();

    // The server answered every mutation as the rule book says for the finding as it stood then:
    // applied, or refused because the device was behind (the director linking or re-opening a
    // finding CX had triaged meanwhile); a retry of an applied one, duplicate.
    const { applied, mismatches, refusals } = replay(served.slice(from));
    expect(mismatches).toEqual([]);
    const kept = made.filter((m) => applied.has(m.id));
    const refused = made.filter((m) => !applied.has(m.id));
    // Refused only because the device was behind: the status on the server had moved on from the one it knew.
    expect(refusals.filter((r) => r.status === seenStatus.get(r.id))).toEqual([]);

    // The server holds exactly what every applied change made, merged per field by clock ...
    const model = new Map<string, RecordState>();
    for (const m of kept) model.set(m.entityId, applyChange(model.get(m.entityId) ?? emptyRecord(), m).state);
    for (const id of findingIds) {
      const server = await expectSame(devices, "finding", id);
      expect(server).toMatchObject(model.get(id)!.fields);
    }
    // ... each applied change recorded once, each refused one never, none left behind; each
    // device lists exactly its own refused changes as rejected.
    await expectRecordedOnce(kept);
    expect([...(await recorded(refused.map((m) => m.id))).values()]).toEqual(refused.map(() => 0));
    for (const d of devices) {
      const theirs = refused.filter((m) => madeBy.get(m.id) === d.user.userId);
      expect(d.engine.status()).toMatchObject({ pending: 0, rejected: theirs.length, error: null });
      const listed = await d.store.rejected();
      expect(listed.map((r) => r.mutation.id).sort()).toEqual(theirs.map((m) => m.id).sort());
      expect(listed.filter((r) => r.error.code !== "forbidden")).toEqual([]);
    }
    const faults = devices.flatMap((d) => d.net.log).filter((s) => s.fate !== "pass").length;
    expect(faults, "the run injected faults").toBeGreaterThan(20);
    expect(Date.now() - started).toBeLessThan(20_000);
    if (process.env.SYNC_ENGINE_STATS) console.log(JSON.stringify({ seed, made: made.length, refused: refused.length, faults }));
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------
// The rule book, replayed on what the server answered

/**
 * Replays the pushes in the order the server handled them (one at a time here): a mutation not
 * applied before must be answered as the rule book says for the record as it stood, earlier
 * mutations of the same push included; one applied before, duplicate. Returns the ids applied
 * and every answer that differs.
 */
function replay(pushes: ServedPush[]) {
  const held = new Map<string, Held>();
  const applied = new Set<string>();
  const mismatches: string[] = [];
  /** Each refusal, with the record's status on the server when it was refused. */
  const refusals: { id: string; status: string | null }[] = [];
  for (const push of pushes) {
    const answers = new Map(push.results.map((r) => [r.id, r]));
    for (const m of push.mutations) {
      const answer = answers.get(m.id);
      const got = !answer ? "unanswered" : answer.status === "rejected" ? `rejected ${answer.error?.code}` : answer.status;
      const key = `${m.entity}:${m.entityId}`;
      const expected = applied.has(m.id) ? "duplicate" : verdictOn(push.person, m, held.get(key), held);
      if (got !== expected) mismatches.push(`${m.id} (${m.op} ${key} ${JSON.stringify(m.fields)} by ${push.person.role}): answered ${got}, the rule book says ${expected}`);
      if (answer?.status === "rejected") refusals.push({ id: m.id, status: (held.get(key)?.state.fields.status as string | undefined) ?? null });
      if (got === "applied") {
        applied.add(m.id);
        const before = held.get(key);
        held.set(key, { authorId: before?.authorId ?? push.person.id, state: applyChange(before?.state ?? emptyRecord(), m).state });
      }
    }
  }
  return { applied, mismatches, refusals };
}

async function serverPullSince(since: string): Promise<PullResponse> {
  const res = await director.agent.get(`/api/orgs/${orgId}/sync/pull?since=${encodeURIComponent(since)}&limit=1000`);
  expect(res.status, res.text).toBe(200);
  return res.json as PullResponse;
}
