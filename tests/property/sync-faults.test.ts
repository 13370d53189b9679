/**
 * Fault injection for sync: several simulated devices (agents of different users) edit
 * visits, findings and actions offline and sync through a lossy network that drops
 * requests before they reach the server, drops responses after the server committed,
 * delivers a push twice (one after the other or at the same time) and delivers stale pushes
 * late, out of order. Pulls are dropped too, and stale pull pages arrive late.
 *
 * The model is the set of every mutation any device ever made, applied with the shared
 * merge (order does not matter for per-field last-writer-wins). After a final lossless sync
 * of every device (twice), the server's state, the model's and every device's must be the
 * same record for record and field for field; every mutation id must be recorded exactly
 * once and answered "applied" exactly once across every response the server sent.
 *
 * Replay a failure with SYNC_FAULT_SEED=<seed> (and SYNC_FAULT_ROUNDS for a longer run).
 */
import { expect, test } from "vitest";
import { VISIT_KINDS } from "../../shared/schemas/visit";
import { FINDING_STATUSES, FIX_LEVELS, OPEN_TO_ALL_STATUSES, SENTIMENTS } from "../../shared/schemas/finding";
import { ACTION_PRIORITIES, ACTION_STATUSES } from "../../shared/schemas/action";
import { HlcClock } from "../../shared/sync/hlc";
import { applyChange, emptyRecord, mergeStates, stateFromPull, type RecordState } from "../../shared/sync/merge";
import type { Mutation, PulledChange, PullResponse, PushEntity, PushResponse } from "../../shared/sync/protocol";
import { demoOrg, freshApp, type agent } from "../support/app";

type Agent = ReturnType<typeof agent>;

const SEED = Number(process.env.SYNC_FAULT_SEED ?? 0x5eed2025);
const ROUNDS = Number(process.env.SYNC_FAULT_ROUNDS ?? 1200);
const SYNCED = new Set(["visit", "finding", "action", "mystery_shop", "mystery_template"]);

/** sfc32: a small seeded PRNG with 128 bits of state, so generated UUIDs do not collide. */
function prng(seed: number) {
  let a = 0x9e3779b9,
    b = 0x243f6a88,
    c = 0xb7e15162,
    d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  const random = {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    hex: (digits: number) => Array.from({ length: digits }, () => Math.floor(next() * 16).toString(16)).join(""),
    /** A version-4 UUID from the seeded stream. */
    uuid: () => `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-${random.pick(["8", "9", "a", "b"])}${random.hex(3)}-${random.hex(12)}`,
  };
  return random;
}
type Random = ReturnType<typeof prng>;

interface Device {
  name: string;
  agent: Agent;
  userId: string;
  clientId: string;
  clock: HlcClock;
  /** Offset of the device's wall clock from simulated time. */
  skew: number;
  records: Map<string, RecordState>;
  /** Keys of records per entity, for picking edit targets. */
  known: Record<"visit" | "finding" | "action", string[]>;
  settings: Map<string, Record<string, unknown>>;
  outbox: Mutation[];
  cursor: string;
}

interface Stats {
  rounds: number;
  mutations: number;
  pushRequests: number;
  dropBefore: number;
  dropAfter: number;
  duplicated: number;
  duplicatedConcurrent: number;
  delayed: number;
  delayedDelivered: number;
  delayedApplied: number;
  duplicatesAnswered: number;
  pulls: number;
  pullDrops: number;
  pullPageReplays: number;
  stalePagesMerged: number;
  concurrentRounds: number;
  renames: number;
}

test(
  `${ROUNDS} sync rounds of 4 devices through a lossy network converge to the model: nothing lost, nothing applied twice (seed ${SEED})`,
  async () => {
    const random = prng(SEED);
    const { app, client } = await freshApp();
    const org = await demoOrg(app);
    const base = `/api/orgs/${org.orgId}`;
    const me = async (who: Agent) => (await who.get("/api/me")).json.user.id as string;

    // What the demo organisation starts with (its floor visits and findings): the model starts there too.
    const initial = new Map<string, RecordState>();
    for (let since = ""; ; ) {
      const page = (await org.admin.get(`${base}/sync/pull?since=${since}&limit=1000`)).json as PullResponse;
      for (const change of page.changes) if (SYNCED.has(change.entity)) initial.set(`${change.entity}:${change.entityId}`, stateFromPull(change));
      since = page.cursor;
      if (!page.hasMore) break;
    }

    // The organisation's settings and members, as references for new records.
    const items = async (noun: string) => ((await org.admin.get(`${base}/${noun}`)).json.items as { id: string }[]).map((i) => i.id);
    const locationIds = await items("locations");
    const stageIds = await items("journey-stages");
    const segmentIds = await items("segments");
    const themeIds = await items("themes");
    const memberIds = ((await org.admin.get(`${base}/members`)).json.members as { userId: string }[]).map((m) => m.userId);

    // Four devices of three people: the director has a phone and a laptop.
    const director2 = await org.login("director@demo.example");
    const people: [string, Agent][] = [
      ["director-phone", org.director],
      ["director-laptop", director2],
      ["cx-phone", org.cx],
      ["board-tablet", org.board],
    ];
    let simNow = Date.now() - 2 * 24 * 3600_000;
    const devices: Device[] = [];
    for (const [index, [name, who]] of people.entries()) {
      const skew = random.int(-120_000, 120_000);
      devices.push({
        name,
        agent: who,
        userId: await me(who),
        clientId: `device-${index}-${random.hex(8)}`,
        clock: new HlcClock(random.hex(14) + index.toString(16).padStart(2, "0"), () => simNow + skew),
        skew,
        records: new Map(),
        known: { visit: [], finding: [], action: [] },
        settings: new Map(),
        outbox: [],
        cursor: "",
      });
    }

    const all: Mutation[] = [];
    const creator = new Map<string, string>();
    const appliedAnswers = new Map<string, number>();
    const rejected: string[] = [];
    const serverErrors: string[] = [];
    const delayedPushes: { device: Device; body: { clientId: string; mutations: Mutation[] } }[] = [];
    const oldPages: PullResponse[] = [];
    const stats: Stats = {
      rounds: 0,
      mutations: 0,
      pushRequests: 0,
      dropBefore: 0,
      dropAfter: 0,
      duplicated: 0,
      duplicatedConcurrent: 0,
      delayed: 0,
      delayedDelivered: 0,
      delayedApplied: 0,
      duplicatesAnswered: 0,
      pulls: 0,
      pullDrops: 0,
      pullPageReplays: 0,
      stalePagesMerged: 0,
      concurrentRounds: 0,
      renames: 0,
    };
    let lossless = false;

    // ---- the device: local edits --------------------------------------------------------

    const text = (device: Device, what: string) => `${what} by ${device.name} at ${stats.rounds}.${random.hex(4)}`;
    const iso = () => new Date(simNow - random.int(0, 30 * 24 * 3600_000)).toISOString();
    const orNull = <T>(value: T, p = 0.2): T | null => (random.chance(p) ? null : value);
    const liveKeys = (device: Device, entity: "visit" | "finding" | "action") => device.known[entity].filter((key) => device.records.get(key)!.deletedAt === null);
    const idOf = (key: string) => key.slice(key.indexOf(":") + 1);

    /** A random value for one field; references only name records the device knows. */
    function fieldValue(device: Device, entity: "visit" | "finding" | "action", field: string): unknown {
      switch (`${entity}.${field}`) {
        case "visit.kind":
          return random.pick(VISIT_KINDS);
        case "visit.locationId":
          return random.pick(locationIds);
        case "visit.startedAt":
          return iso();
        case "visit.endedAt":
          return orNull(iso());
        case "visit.peopleMet":
          return text(device, "people");
        case "visit.notes":
          return text(device, "notes");
        case "finding.visitId": {
          const visits = device.known.visit;
          return visits.length && random.chance(0.7) ? idOf(random.pick(visits)) : null;
        }
        case "finding.journeyStageId":
          return orNull(random.pick(stageIds));
        case "finding.locationId":
          return orNull(random.pick(locationIds));
        case "finding.segmentId":
          return orNull(random.pick(segmentIds));
        case "finding.themeId":
          return orNull(random.pick(themeIds));
        case "finding.saw":
        case "finding.felt":
        case "finding.expectation":
          return text(device, field);
        case "finding.severity":
          return random.int(1, 5);
        case "finding.sentiment":
          return random.pick(SENTIMENTS);
        case "finding.level":
          return orNull(random.pick(FIX_LEVELS));
        case "finding.status":
          // Triage (triaged, closed) is CX operations' work; the others record and link.
          return random.pick(device.name.startsWith("cx") ? FINDING_STATUSES : OPEN_TO_ALL_STATUSES);
        case "finding.tags":
          return Array.from({ length: random.int(0, 3) }, () => `tag-${random.hex(3)}`);
        case "finding.photos":
          return Array.from({ length: random.int(0, 2) }, () => random.hex(64));
        case "action.findingId":
          return idOf(random.pick(device.known.finding));
        case "action.title":
          return text(device, "action");
        case "action.ownerId":
          return orNull(random.pick(memberIds));
        case "action.dueDate":
          return orNull(iso().slice(0, 10));
        case "action.priority":
          return random.pick(ACTION_PRIORITIES);
        case "action.status":
          return random.pick(ACTION_STATUSES);
      }
      throw new Error(`no generator for ${entity}.${field}`);
    }

    const FIELDS = {
      visit: ["kind", "locationId", "startedAt", "endedAt", "peopleMet", "notes"],
      finding: ["visitId", "journeyStageId", "locationId", "segmentId", "themeId", "saw", "felt", "expectation", "severity", "sentiment", "level", "status", "tags", "photos"],
      action: ["findingId", "title", "ownerId", "dueDate", "priority", "status"],
    } as const;
    const REQUIRED = {
      visit: ["kind", "locationId", "startedAt"],
      finding: ["saw", "severity", "sentiment", "status"],
      action: ["findingId", "title", "priority", "status"],
    } as const;

    function remember(device: Device, key: string) {
      const entity = key.slice(0, key.indexOf(":"));
      if (entity === "visit" || entity === "finding" || entity === "action") {
        if (!device.records.has(key)) device.known[entity].push(key);
      }
    }

    /** Makes a change on the device: applied locally at once, queued in the outbox. */
    function record(device: Device, entity: PushEntity, entityId: string, op: "upsert" | "delete", fields: Record<string, unknown>) {
      const m: Mutation = { id: random.uuid(), entity, entityId, op, fields, hlc: device.clock.next() };
      const key = `${entity}:${entityId}`;
      if (!creator.has(key) && !initial.has(key)) creator.set(key, device.userId);
      remember(device, key);
      device.records.set(key, applyChange(device.records.get(key) ?? emptyRecord(), m).state);
      device.outbox.push(m);
      all.push(m);
      stats.mutations += 1;
    }

    function localEdit(device: Device) {
      const roll = random.next();
      const entity = random.pick(["visit", "visit", "finding", "finding", "finding", "action"] as const);
      const canCreate = entity !== "action" || device.known.finding.length > 0;
      if (roll < 0.35 && canCreate) {
        const fields: Record<string, unknown> = {};
        for (const field of REQUIRED[entity]) fields[field] = fieldValue(device, entity, field);
        for (const field of FIELDS[entity]) if (!(field in fields) && random.chance(0.4)) fields[field] = fieldValue(device, entity, field);
        record(device, entity, random.uuid(), "upsert", fields);
        return;
      }
      // Mostly live records; sometimes one already deleted here (another device may not know yet).
      const pool = random.chance(0.93) ? liveKeys(device, entity) : device.known[entity];
      if (pool.length === 0) return;
      const key = random.pick(pool);
      if (roll > 0.95) {
        record(device, entity, idOf(key), "delete", {});
        return;
      }
      const fields: Record<string, unknown> = {};
      const count = random.int(1, 3);
      for (let i = 0; i < count; i++) {
        const field = random.pick(FIELDS[entity]);
        if (field === "findingId" && device.known.finding.length === 0) continue;
        fields[field] = fieldValue(device, entity, field);
      }
      if (Object.keys(fields).length) record(device, entity, idOf(key), "upsert", fields);
    }

    // ---- the network --------------------------------------------------------------------

    /** One push as the server sees it; every answer it gives is counted, delivered or not. */
    async function serverPush(device: Device, body: { clientId: string; mutations: Mutation[] }): Promise<PushResponse> {
      stats.pushRequests += 1;
      const res = await device.agent.post(`${base}/sync/push`, body);
      if (res.status !== 200) {
        serverErrors.push(`push by ${device.name}: ${res.status} ${res.text.slice(0, 200)}`);
        throw new Error(`push answered ${res.status}`);
      }
      const json = res.json as PushResponse;
      for (const result of json.results) {
        if (result.status === "applied") appliedAnswers.set(result.id, (appliedAnswers.get(result.id) ?? 0) + 1);
        if (result.status === "duplicate") stats.duplicatesAnswered += 1;
        if (result.status === "rejected") rejected.push(`${result.id}: ${JSON.stringify(result.error)}`);
      }
      return json;
    }

    /** The device's view of a push: the server's answer, or null when the network failed it. */
    async function networkPush(device: Device, body: { clientId: string; mutations: Mutation[] }): Promise<PushResponse | null> {
      if (lossless) return serverPush(device, body);
      const roll = random.next();
      if (roll < 0.12) {
        stats.dropBefore += 1;
        return null;
      }
      if (roll < 0.2) {
        // Stuck in the network: the device times out; it reaches the server some rounds later.
        stats.delayed += 1;
        delayedPushes.push({ device, body });
        return null;
      }
      if (roll < 0.3) {
        stats.duplicated += 1;
        let answers: PushResponse[];
        if (random.chance(0.5)) {
          stats.duplicatedConcurrent += 1;
          answers = await Promise.all([serverPush(device, body), serverPush(device, body)]);
        } else {
          answers = [await serverPush(device, body), await serverPush(device, body)];
        }
        return random.pick(answers);
      }
      const answer = await serverPush(device, body);
      if (roll < 0.42) {
        stats.dropAfter += 1;
        return null;
      }
      return answer;
    }

    async function networkPull(device: Device, since: string, limit: number): Promise<PullResponse | null> {
      stats.pulls += 1;
      if (!lossless && random.chance(0.08)) {
        stats.pullDrops += 1;
        return null;
      }
      const res = await device.agent.get(`${base}/sync/pull?since=${encodeURIComponent(since)}&limit=${limit}`);
      if (res.status !== 200) {
        serverErrors.push(`pull by ${device.name}: ${res.status} ${res.text.slice(0, 200)}`);
        throw new Error(`pull answered ${res.status}`);
      }
      if (!lossless && random.chance(0.08)) {
        stats.pullDrops += 1;
        oldPages.push(res.json);
        return null;
      }
      return res.json as PullResponse;
    }

    /** Merges pulled changes: synced records field by field, settings as the newest state. */
    function mergePage(device: Device, changes: PulledChange[], settings = true) {
      for (const change of changes) {
        const key = `${change.entity}:${change.entityId}`;
        if (!SYNCED.has(change.entity)) {
          if (settings) device.settings.set(key, change.fields);
          continue;
        }
        const pulled = stateFromPull(change);
        for (const hlc of Object.values(pulled.clocks)) device.clock.observe(hlc);
        if (pulled.deletedAt) device.clock.observe(pulled.deletedAt);
        remember(device, key);
        device.records.set(key, mergeStates(device.records.get(key) ?? emptyRecord(), pulled));
      }
    }

    /** Push the outbox in batches, then pull every page; stops at the first network failure. */
    async function sync(device: Device) {
      while (device.outbox.length > 0) {
        const batch = device.outbox.slice(0, random.int(1, 40));
        const answer = await networkPush(device, { clientId: device.clientId, mutations: batch });
        if (!answer) return;
        // Applied and duplicate leave the outbox; so does a rejection (counted above, and fatal to the test).
        const done = new Set(answer.results.map((r) => r.id));
        device.outbox = device.outbox.filter((m) => !done.has(m.id));
      }
      for (let page = 0; page < 10_000; page++) {
        const limit = lossless ? 500 : random.int(3, 60);
        const response = await networkPull(device, device.cursor, limit);
        if (!response) return;
        mergePage(device, response.changes);
        if (!lossless && random.chance(0.05)) {
          // The same page delivered twice.
          stats.pullPageReplays += 1;
          mergePage(device, response.changes);
        }
        device.cursor = response.cursor;
        if (!lossless && random.chance(0.1)) oldPages.push(response);
        if (!response.hasMore) return;
      }
      throw new Error("pull never finished");
    }

    async function deliverDelayed(all = false) {
      const now: typeof delayedPushes = [];
      for (let i = delayedPushes.length - 1; i >= 0; i--) {
        if (all || random.chance(0.25)) now.push(...delayedPushes.splice(i, 1));
      }
      // Late, and in no particular order.
      now.sort(() => random.next() - 0.5);
      for (const { device, body } of now) {
        stats.delayedDelivered += 1;
        const answer = await serverPush(device, body);
        stats.delayedApplied += answer.results.filter((r) => r.status === "applied").length;
      }
    }

    /** A stale pull page arriving late: merged (it must never undo newer state), cursor untouched. */
    function staleMerge(device: Device) {
      if (oldPages.length === 0) return;
      stats.stalePagesMerged += 1;
      // Settings carry no clocks, so only ordered pages may set them; records merge safely in any order.
      mergePage(device, random.pick(oldPages).changes, false);
    }

    // ---- the simulation -----------------------------------------------------------------

    let lastRename: { id: string; name: string } | undefined;
    for (const device of devices) await sync(device);
    for (let round = 0; round < ROUNDS; round++) {
      stats.rounds = round;
      simNow += random.chance(0.2) ? 0 : random.int(1, 2500);
      const actors = random.chance(0.2) ? [random.pick(devices), random.pick(devices)] : [random.pick(devices)];
      const unique = [...new Set(actors)];
      if (unique.length > 1) stats.concurrentRounds += 1;
      for (const device of unique) {
        const edits = random.int(0, 3);
        for (let i = 0; i < edits; i++) localEdit(device);
        if (random.chance(0.05)) staleMerge(device);
      }
      const work: Promise<unknown>[] = unique.map((device) => sync(device));
      if (delayedPushes.length && random.chance(0.5)) work.push(deliverDelayed());
      if (random.chance(0.01)) {
        // An admin renames a location on the settings screen, in the middle of everything.
        const id = random.pick(locationIds);
        const name = `Location ${round}`;
        lastRename = { id, name };
        stats.renames += 1;
        work.push(
          org.admin.patch(`${base}/locations/${id}`, { name }).then((res) => {
            if (res.status !== 200) serverErrors.push(`rename: ${res.status} ${res.text}`);
          }),
        );
      }
      await Promise.all(work);
    }

    // ---- the end: everything delivered, every device synced without loss, twice -----------

    await deliverDelayed(true);
    lossless = true;
    for (let pass = 0; pass < 2; pass++) for (const device of devices) await sync(device);

    if (process.env.SYNC_FAULT_STATS) console.log(JSON.stringify({ ...stats, all: all.length }));
    const context = `seed ${SEED}, ${ROUNDS} rounds, stats ${JSON.stringify(stats)}`;
    expect(serverErrors, context).toEqual([]);
    expect(rejected, context).toEqual([]);
    for (const device of devices) expect(device.outbox, `${device.name} outbox; ${context}`).toEqual([]);

    // Every mutation recorded exactly once, and answered "applied" exactly once.
    const ids = new Set(all.map((m) => m.id));
    expect(ids.size, "generated mutation ids are unique").toBe(all.length);
    const recorded = await client.execute({ sql: "select id, count(*) as n from sync_mutations where org_id = ? group by id", args: [org.orgId] });
    expect(recorded.rows.length, context).toBe(all.length);
    expect(recorded.rows.filter((r) => Number(r.n) !== 1 || !ids.has(String(r.id))), context).toEqual([]);
    expect(all.filter((m) => appliedAnswers.get(m.id) !== 1).map((m) => `${m.id}: ${appliedAnswers.get(m.id) ?? 0}`), context).toEqual([]);

    // The model: every mutation ever made, merged. Shuffled, it is the same (order does not matter).
    const modelOf = (mutations: Mutation[]) => {
      const model = new Map<string, RecordState>(initial);
      for (const m of mutations) {
        const key = `${m.entity}:${m.entityId}`;
        model.set(key, applyChange(model.get(key) ?? emptyRecord(), m).state);
      }
      return model;
    };
    const model = modelOf(all);
    const shuffled = [...all].sort(() => random.next() - 0.5);
    expect(Object.fromEntries(modelOf(shuffled))).toEqual(Object.fromEntries(model));

    // The server, read the way a new device would: a full pull, page by page.
    const server = new Map<string, RecordState>();
    const serverSettings = new Map<string, Record<string, unknown>>();
    const authors = new Map<string, unknown>();
    let cursor = "";
    for (;;) {
      const res = await org.admin.get(`${base}/sync/pull?since=${cursor}&limit=250`);
      expect(res.status).toBe(200);
      const page = res.json as PullResponse;
      for (const change of page.changes) {
        const key = `${change.entity}:${change.entityId}`;
        if (SYNCED.has(change.entity)) {
          expect(server.has(key), `${key} repeated in one full pull`).toBe(false);
          server.set(key, stateFromPull(change));
          authors.set(key, change.fields.authorId);
        } else serverSettings.set(key, change.fields);
      }
      cursor = page.cursor;
      if (!page.hasMore) break;
    }

    expect(server.size, context).toBe(model.size);
    const diff = (a: Map<string, RecordState>, b: Map<string, RecordState>) =>
      [...new Set([...a.keys(), ...b.keys()])].filter((key) => !deepEqual(a.get(key), b.get(key)));
    expect(diff(server, model).slice(0, 5).map((key) => ({ key, server: server.get(key), model: model.get(key) })), context).toEqual([]);
    for (const device of devices) {
      expect(diff(device.records, model).slice(0, 5).map((key) => ({ key, device: device.records.get(key), model: model.get(key) })), `${device.name}; ${context}`).toEqual([]);
      expect(Object.fromEntries(device.settings), `${device.name} settings`).toEqual(Object.fromEntries(serverSettings));
    }
    // The author is whoever created the record, whichever device's push got there.
    expect([...creator].filter(([key, user]) => authors.get(key) !== user), context).toEqual([]);
    if (lastRename) expect(serverSettings.get(`location:${lastRename.id}`)?.name).toBe(lastRename.name);

    // The tables hold exactly the model's records, and deletes really happened.
    for (const [entity, table] of [
      ["visit", "visits"],
      ["finding", "findings"],
      ["action", "actions"],
    ]) {
      const rows = await client.execute({ sql: `select count(*) as n, count(deleted_at) as d from ${table} where org_id = ?`, args: [org.orgId] });
      const states = [...model].filter(([key]) => key.startsWith(`${entity}:`)).map(([, s]) => s);
      expect(Number(rows.rows[0]!.n)).toBe(states.length);
      expect(Number(rows.rows[0]!.d)).toBe(states.filter((s) => s.deletedAt !== null).length);
    }

    // The faults really happened, in numbers.
    expect(stats.rounds + 1).toBeGreaterThanOrEqual(1000);
    expect(all.length).toBeGreaterThan(1000);
    for (const key of ["dropBefore", "dropAfter", "duplicated", "duplicatedConcurrent", "delayed", "delayedDelivered", "pullDrops", "pullPageReplays", "stalePagesMerged", "concurrentRounds"] as const) {
      expect(stats[key], `${key}; ${context}`).toBeGreaterThan(10);
    }
    expect(stats.delayedApplied, "some late deliveries reached the server first").toBeGreaterThan(0);
    expect(stats.duplicatesAnswered, "retries were answered as duplicates").toBeGreaterThan(100);
    expect([...model.values()].filter((s) => s.deletedAt !== null).length, "some records were deleted").toBeGreaterThan(10);
  },
  120_000,
);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
