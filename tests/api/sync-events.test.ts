import { serve, type ServerType } from "@hono/node-server";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../server/app";
import { LiveStreams, type LiveOptions } from "../../server/sync/live";
import { prepareWorld, world } from "../support/api";
import { agent } from "../support/app";
import { cursorSeq, deletion, hlcAt, mutation, newFinding, NODE_A, NODE_B, pushApplied, userId } from "../support/sync";

type World = Awaited<ReturnType<typeof world>>;

beforeAll(prepareWorld, 120_000);

const servers: { server: ServerType; live: LiveStreams }[] = [];
const streams: LiveStream[] = [];
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  for (const { server, live } of servers.splice(0)) {
    live.closeAll();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** The world's database served over real HTTP (an in-process `app.request` may hold a streamed answer back). */
async function served(w: World, options: Partial<LiveOptions> = {}) {
  const live = new LiveStreams(w.db, options);
  const app = createApp({ db: w.db, live });
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
  });
  servers.push({ server, live });
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, live };
}

interface Received {
  /** `event:` name, or "comment" for a `:` line. */
  event: string;
  data: string;
  at: number;
}

interface LiveStream {
  status: number;
  headers: Headers;
  received: Received[];
  raw: () => string;
  /** The first `event` not taken yet (waiting up to `timeoutMs` for it), taken. */
  next(event: string, timeoutMs?: number): Promise<Received>;
  /** Runs `action` and waits for exactly one more `change` after it (a second would show at the next step). */
  changeAfter(action: () => Promise<unknown>): Promise<Received>;
  /** Resolves when the server ended the answer. */
  ended: Promise<void>;
  close(): void;
}

/** Opens the live stream with `cookie` and reads it as it comes, block by block. */
async function openStream(base: string, orgId: string, cookie: string, headers: Record<string, string> = {}): Promise<LiveStream> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/orgs/${orgId}/sync/events`, { headers: { ...(cookie ? { cookie } : {}), ...headers }, signal: abort.signal });
  const received: Received[] = [];
  const taken = new Set<Received>();
  let text = "";
  let blocksRead = 0;
  const waiters = new Set<() => void>();
  const ended = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body) {
        text += decoder.decode(chunk as Uint8Array, { stream: true });
        const blocks = text.split("\n\n").slice(0, -1);
        for (const block of blocks.slice(blocksRead)) {
          const lines = block.split("\n");
          const comment = lines.find((l) => l.startsWith(":"));
          const event = lines.find((l) => l.startsWith("event: "))?.slice("event: ".length) ?? (comment !== undefined ? "comment" : "message");
          const data = lines.filter((l) => l.startsWith("data: ")).map((l) => l.slice("data: ".length)).join("\n") || (comment ?? "");
          received.push({ event, data, at: performance.now() });
        }
        blocksRead = blocks.length;
        for (const wake of [...waiters]) wake();
      }
    } catch {
      // Aborted by the test.
    }
  })();
  async function until<T>(found: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const value = found();
      if (value !== undefined) return value;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms; received ${JSON.stringify(received.map((r) => r.event))}`);
      await new Promise<void>((resolve) => {
        const wake = () => (waiters.delete(wake), clearTimeout(timer), resolve());
        const timer = setTimeout(wake, left);
        waiters.add(wake);
      });
    }
  }
  const changes = () => received.filter((r) => r.event === "change");
  const stream: LiveStream = {
    status: res.status,
    headers: res.headers,
    received,
    raw: () => text,
    async next(event, timeoutMs = 2000) {
      const found = await until(() => received.find((r) => r.event === event && !taken.has(r)), timeoutMs, `"${event}" event`);
      taken.add(found);
      return found;
    },
    async changeAfter(action) {
      const before = changes().length;
      await action();
      const found = await until(() => changes()[before], 2000, '"change" event');
      for (const change of changes()) taken.add(change);
      return found;
    },
    ended,
    close: () => abort.abort(),
  };
  streams.push(stream);
  return stream;
}

/** Resolves true when `promise` settles within `ms`. */
const within = (promise: Promise<unknown>, ms: number) => Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

let clock = 0;
const fresh = (node = NODE_A) => hlcAt(60_000 + clock++, node);

describe("GET /api/orgs/:orgId/sync/events: the live stream", () => {
  test("a member hears another member's push within 2 s: the event carries the cursor, nothing of the record", async () => {
    const w = await world();
    const { base } = await served(w);
    const stream = await openStream(base, w.a.orgId, w.a.director.cookie);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    // The answer begins at once, before any change.
    await stream.next("comment");

    const started = performance.now();
    const pushed = await pushApplied(w.a.cx, w.a.orgId, [mutation("finding", randomUUID(), newFinding({ saw: "Queue past the bakery counter" }), fresh())]);
    const event = await stream.next("change");
    const ms = event.at - started;
    console.log(`live event ${ms.toFixed(0)} ms after the push was sent`);
    expect(ms).toBeLessThan(2000);

    expect(Object.keys(JSON.parse(event.data))).toEqual(["cursor"]);
    expect(cursorSeq(JSON.parse(event.data).cursor)).toBe(cursorSeq(pushed.cursor));
    expect(stream.raw()).not.toContain("bakery");
  });

  test("every write path announces: a lifecycle move, a restore from the archive, the KPI feed, a setting", async () => {
    const w = await world();
    const { base } = await served(w);
    const stream = await openStream(base, w.a.orgId, w.a.board.cookie);
    await stream.next("comment");
    const org = `/api/orgs/${w.a.orgId}`;

    const finding = randomUUID();
    const ok = (status: number) => async (res: Promise<{ status: number; text: string }>) => expect((await res).status, (await res).text).toBe(status);
    await stream.changeAfter(() => pushApplied(w.a.director, w.a.orgId, [mutation("finding", finding, newFinding(), fresh())]));
    await stream.changeAfter(() => pushApplied(w.a.cx, w.a.orgId, [deletion("finding", finding, fresh(NODE_B))]));
    await stream.changeAfter(() => ok(200)(w.a.admin.post(`${org}/archive/finding/${finding}/restore`)));

    const experiment = randomUUID();
    await stream.changeAfter(() => pushApplied(w.a.cx, w.a.orgId, [mutation("experiment", experiment, { title: "Greeters at the door" }, fresh(NODE_B))]));
    await stream.changeAfter(() => ok(200)(w.a.admin.post(`${org}/experiments/${experiment}/transitions`, { to: "stopped", reason: "Not now" })));

    const key = await w.a.admin.post(`${org}/api-keys`, { name: "Till export" });
    const kpi = randomUUID();
    await stream.changeAfter(() =>
      pushApplied(w.a.cx, w.a.orgId, [mutation("kpi", kpi, { name: "Feed conversion", unit: "percent", direction: "higher", kind: "proportion", hard: true }, fresh(NODE_B))]),
    );
    await stream.changeAfter(async () => {
      const fed = await w.app.request(`${org}/kpis/${kpi}/measurements`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key.json.key}` },
        body: JSON.stringify([{ period: "week", periodStart: "2025-01-08", value: 21.5, sampleSize: 3100 }]),
      });
      expect(fed.status, await fed.text()).toBe(200);
    });
    await stream.changeAfter(() => ok(201)(w.a.admin.post(`${org}/locations`, { name: "Utrecht Hoog Catharijne", kind: "store" })));
    expect(stream.received.filter((r) => r.event === "change").every((r) => Object.keys(JSON.parse(r.data)).join() === "cursor")).toBe(true);
  });

  test("another organisation's writes are not heard", async () => {
    const w = await world();
    const { base } = await served(w);
    const stream = await openStream(base, w.a.orgId, w.a.director.cookie);
    await stream.next("comment");
    await pushApplied(w.b.agent, w.b.orgId, [mutation("finding", randomUUID(), newFinding(), fresh())]);
    await expect(stream.next("change", 300)).rejects.toThrow(/no "change"/);
  });

  test("no session: 401; not a member: 404, as for every organisation route, and no stream", async () => {
    const w = await world();
    const { base, live } = await served(w);
    const anonymous = await openStream(base, w.a.orgId, "");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toMatch(/json/);
    const intruder = await openStream(base, w.a.orgId, w.b.agent.cookie);
    expect(intruder.status).toBe(404);
    expect(JSON.parse(await intruder.ended.then(() => intruder.raw()))).toMatchObject({ error: { code: "not_found" } });
    expect(live.size).toBe(0);
  });

  test("the stream ends when the member is removed, and when the session is revoked", async () => {
    const w = await world();
    const { base, live } = await served(w);
    const cx = await openStream(base, w.a.orgId, w.a.cx.cookie);
    const director = await openStream(base, w.a.orgId, w.a.director.cookie);
    await cx.next("comment");
    await director.next("comment");
    expect(live.size).toBe(2);

    expect((await w.a.admin.delete(`/api/orgs/${w.a.orgId}/members/${await userId(w.a.cx)}`)).status).toBe(204);
    expect(await within(cx.ended, 2000), "a removed member's stream ends").toBe(true);
    expect(await within(director.ended, 200), "the others' stay open").toBe(false);

    expect((await w.a.director.post("/api/auth/logout")).status).toBeLessThan(300);
    expect(await within(director.ended, 2000), "a logged-out session's stream ends").toBe(true);
    expect(live.size).toBe(0);
  });

  test("the heartbeat checks again: a session revoked elsewhere (another process) ends the stream once the cache lets go", async () => {
    const w = await world();
    const { base } = await served(w, { heartbeatMs: 100 });
    const stream = await openStream(base, w.a.orgId, w.a.board.cookie);
    await stream.next("comment");
    await stream.next("comment", 1000); // a heartbeat
    // Another process revokes it in the shared database; this one's cache does not hear it.
    await w.client.execute({ sql: "update sessions set revoked_at = ? where user_id = ?", args: [new Date().toISOString(), await userId(agent(w.app, w.a.board.cookie))] });
    const { sessionCacheFor } = await import("../../server/auth/session-cache");
    // The cached entry's 30 s run out (the cache's own clock is not ours to move): drop it without telling anyone.
    (sessionCacheFor(w.db) as unknown as { entries: Map<string, unknown> }).entries.clear();
    expect(await within(stream.ended, 2000)).toBe(true);
  });

  test("events are neither compressed nor buffered when the client accepts brotli; heartbeats flow", async () => {
    const w = await world();
    const { base } = await served(w, { heartbeatMs: 200 });
    const stream = await openStream(base, w.a.orgId, w.a.director.cookie, { "accept-encoding": "br, gzip" });
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-encoding")).toBeNull();
    expect(stream.headers.get("x-accel-buffering")).toBe("no");
    await stream.next("comment");
    await stream.next("comment", 1000);
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await pushApplied(w.a.cx, w.a.orgId, [mutation("finding", randomUUID(), newFinding(), fresh())]);
      const event = await stream.next("change", 1000);
      expect(event.at - started).toBeLessThan(1000);
    }
  });

  test("one person's streams are capped: the newest stay, the oldest is told it was replaced and ends", async () => {
    const w = await world();
    const { base, live } = await served(w, { maxPerUser: 2 });
    const first = await openStream(base, w.a.orgId, w.a.director.cookie);
    await first.next("comment");
    const second = await openStream(base, w.a.orgId, w.a.director.cookie);
    await second.next("comment");
    const third = await openStream(base, w.a.orgId, w.a.director.cookie);
    await third.next("comment");
    await first.next("replaced");
    expect(await within(first.ended, 1000)).toBe(true);
    expect(live.size).toBe(2);
    // Another person's stream is not theirs to push out.
    const board = await openStream(base, w.a.orgId, w.a.board.cookie);
    await board.next("comment");
    expect(live.size).toBe(3);
  });

  test("shutting down ends every stream", async () => {
    const w = await world();
    const { base, live } = await served(w);
    const stream = await openStream(base, w.a.orgId, w.a.director.cookie);
    await stream.next("comment");
    live.closeAll();
    expect(await within(stream.ended, 1000)).toBe(true);
  });
});
