/**
 * Sync figures: push ingestion against raw batched inserts of the same rows (records and their
 * history), and the time a device takes to pull 10,000 changes.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { createApp } from "../server/app";
import { openDatabase } from "../server/db/client";
import { DEFAULT_PULL_LIMIT } from "../shared/sync/constants";
import { formatHlc } from "../shared/sync/hlc";
import type { Mutation, PullResponse } from "../shared/sync/protocol";
import { benchLog } from "./log";

const BATCH = 500;

async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), "chefsache-bench-sync-"));
  const database = await openDatabase(`file:${join(dir, "bench.db")}`);
  const app = createApp({ db: database.db, log: benchLog() });
  const setup = await app.request("/api/setup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mode: "demo" }) });
  const cookie = setup.headers.get("set-cookie")!.split(";")[0]!;
  const orgId = ((await setup.json()) as { memberships: { orgId: string }[] }).memberships[0]!.orgId;
  const pull = (await (await app.request(`/api/orgs/${orgId}/sync/pull`, { headers: { cookie } })).json()) as PullResponse;
  const locationIds = pull.changes.filter((c) => c.entity === "location").map((c) => c.entityId);
  const stageIds = pull.changes.filter((c) => c.entity === "journey_stage").map((c) => c.entityId);
  return { app, cookie, orgId, locationIds, stageIds, client: database.client };
}

let counter = 0;
function findingMutation(locationId: string, stageId: string): Mutation {
  counter++;
  return {
    id: randomUUID(),
    entity: "finding",
    entityId: randomUUID(),
    op: "upsert",
    hlc: formatHlc({ millis: Date.now(), counter: counter % 0xffff, node: "00000000000000b1" }),
    fields: {
      locationId,
      journeyStageId: stageId,
      saw: `Queue at the till, ${counter} people waiting`,
      felt: "Annoyed",
      expectation: "Served within five minutes",
      severity: (counter % 5) + 1,
      sentiment: "pain",
      level: "operations",
      status: "new",
      tags: ["queue", "till"],
      photos: [],
    },
  };
}

export async function benchPush(batches: number) {
  const { app, cookie, orgId, locationIds, stageIds, client } = await setUp();
  const payloads = Array.from({ length: batches }, () =>
    JSON.stringify({ clientId: "bench", mutations: Array.from({ length: BATCH }, (_, i) => findingMutation(locationIds[i % locationIds.length]!, stageIds[i % stageIds.length]!)) }),
  );
  // The same rows, inserted the plainest way libSQL offers: one batch (one transaction) of INSERTs
  // per 500 — each finding and its history entry, as a push writes both.
  await client.execute("create table raw_findings as select * from findings where 0");
  await client.execute("create table raw_history as select * from history where 0");
  await client.execute("create index raw_history_record_idx on raw_history (org_id, entity, entity_id, id)");
  const historySql = "insert into raw_history (id, org_id, entity, entity_id, at, user_id, op, fields) values (?, ?, ?, ?, ?, ?, ?, ?)";
  let historyId = 0;
  const columns = ["id", "org_id", "author_id", "created_at", "updated_at", "seq", "clocks", "deleted_at", "visit_id", "mystery_shop_id", "journey_stage_id", "location_id", "segment_id", "theme_id", "saw", "felt", "expectation", "severity", "sentiment", "level", "status", "tags", "photos"];
  const sqlText = `insert into raw_findings (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`;
  const rawBatches = payloads.map((body) =>
    (JSON.parse(body) as { mutations: Mutation[] }).mutations.flatMap((m, i) => {
      const f = m.fields as Record<string, unknown>;
      const changes = Object.fromEntries(Object.entries(f).map(([name, to]) => [name, { from: null, to }]));
      return [
        {
          sql: sqlText,
          args: [m.entityId, orgId, "author", "now", "now", i, JSON.stringify({ saw: m.hlc }), null, null, null, f.journeyStageId as string, f.locationId as string, null, null, f.saw as string, f.felt as string, f.expectation as string, f.severity as number, f.sentiment as string, f.level as string, f.status as string, JSON.stringify(f.tags), "[]"],
        },
        { sql: historySql, args: [++historyId, orgId, "finding", m.entityId, "now", "author", "create", JSON.stringify(changes)] },
      ];
    }),
  );

  // Push and raw batches alternate, so a burst of other work on the machine hits both alike.
  let pushSeconds = 0;
  let rawSeconds = 0;
  for (const [index, body] of payloads.entries()) {
    let started = performance.now();
    const res = await app.request(`/api/orgs/${orgId}/sync/push`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body });
    if (res.status !== 200) throw new Error(`push failed: ${res.status} ${await res.text()}`);
    pushSeconds += (performance.now() - started) / 1000;
    started = performance.now();
    await client.batch(rawBatches[index]!, "write");
    rawSeconds += (performance.now() - started) / 1000;
  }
  const rows = batches * BATCH;
  return { pushPerSecond: rows / pushSeconds, rawPerSecond: rows / rawSeconds, app, cookie, orgId };
}

/** Times a device's full pull (pages of 1,000, as the app pulls) of an organisation with `changes` records. */
export async function benchPull(context: { app: ReturnType<typeof createApp>; cookie: string; orgId: string }) {
  const timings: number[] = [];
  let changes = 0;
  for (let run = 0; run < 3; run++) {
    let cursor = "";
    changes = 0;
    const started = performance.now();
    for (;;) {
      const res = await context.app.request(`/api/orgs/${context.orgId}/sync/pull?since=${cursor}&limit=1000`, { headers: { cookie: context.cookie } });
      const page = (await res.json()) as PullResponse;
      changes += page.changes.length;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    timings.push(performance.now() - started);
  }
  return { changes, ms: Math.min(...timings) };
}

/** Bytes of the demo's first full pull (pages of 1,000, as the app asks for them), as brotli and as plain JSON. */
export async function benchFirstPullBytes() {
  const { app, cookie, orgId } = await setUp();
  const pullBytes = async (acceptEncoding: string | undefined) => {
    let bytes = 0;
    let cursor = "";
    for (;;) {
      const headers: Record<string, string> = { cookie };
      if (acceptEncoding) headers["accept-encoding"] = acceptEncoding;
      const res = await app.request(`/api/orgs/${orgId}/sync/pull?since=${cursor}&limit=${DEFAULT_PULL_LIMIT}`, { headers });
      const body = Buffer.from(await res.arrayBuffer());
      bytes += body.length;
      const page = JSON.parse((res.headers.get("content-encoding") === "br" ? brotliDecompressSync(body) : body).toString()) as PullResponse;
      cursor = page.cursor;
      if (!page.hasMore) return bytes;
    }
  };
  return { compressed: await pullBytes("gzip, deflate, br, zstd"), plain: await pullBytes(undefined) };
}
