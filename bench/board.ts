/**
 * The board view's summary on a large organisation: 1,000,000 findings, 20,000 visits and
 * 2,000 experiments, generated with SQL (the finding_counts triggers run for every row, as
 * they would for pushes), then the median of GET /board/summary as a board member.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../server/app";
import { openDatabase } from "../server/db/client";
import { median } from "./load";
import { EXPERIMENT_STATUSES } from "../shared/enums";
import { benchLog } from "./log";

export const BOARD_FINDINGS = 1_000_000;
export const BOARD_VISITS = 20_000;
export const BOARD_EXPERIMENTS = 2_000;
const REQUESTS = 30;

/** `WITH RECURSIVE n(i)` counting 0 … count − 1: the row source of each generated table. */
const numbers = (count: number) => `with recursive n(i) as (select 0 union all select i + 1 from n where i < ${count - 1})`;

export async function benchBoard(opts: { findings?: number; visits?: number; experiments?: number; requests?: number } = {}) {
  const findings = opts.findings ?? BOARD_FINDINGS;
  const visitCount = opts.visits ?? BOARD_VISITS;
  const experimentCount = opts.experiments ?? BOARD_EXPERIMENTS;
  const dir = mkdtempSync(join(tmpdir(), "chefsache-bench-board-"));
  const database = await openDatabase(`file:${join(dir, "bench.db")}`);
  try {
    const app = createApp({ db: database.db, log: benchLog() });
    const json = { "content-type": "application/json" };
    const setup = await app.request("/api/setup", { method: "POST", headers: json, body: JSON.stringify({ mode: "demo" }) });
    if (setup.status !== 201) throw new Error(`demo setup failed: ${setup.status}`);
    const orgId = ((await setup.json()) as { memberships: { orgId: string }[] }).memberships[0]!.orgId;
    const login = await app.request("/api/auth/login", { method: "POST", headers: json, body: JSON.stringify({ email: "board@demo.example", password: "demo-demo-demo" }) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;

    const { client } = database;
    const ids = async (sql: string) => (await client.execute({ sql, args: [orgId] })).rows.map((r) => String(r[0]));
    const stages = JSON.stringify(await ids("select id from journey_stages where org_id = ? order by position"));
    const places = JSON.stringify(await ids("select id from locations where org_id = ?"));
    const people = JSON.stringify(await ids("select user_id from memberships where org_id = ? order by user_id"));
    const pickFrom = (list: string, expr: string) => `json_extract('${list}', '$[' || ((${expr}) % json_array_length('${list}')) || ']')`;
    const total = findings + visitCount + experimentCount;
    const seqBase = Number((await client.execute({ sql: "update sync_sequence set value = value + ? where id = 1 returning value", args: [total] })).rows[0]![0]) - total;

    const started = performance.now();
    // Findings over the last two years, spread over stages, severities, levels and statuses.
    await client.execute({
      sql: `${numbers(findings)}
        insert into findings (id, org_id, author_id, created_at, updated_at, seq, clocks, deleted_at, journey_stage_id, location_id, saw, felt, expectation, severity, sentiment, level, status, tags, photos)
        select printf('bf%030x', i), ?1, ${pickFrom(people, "i")},
          strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (i % 730) || ' days'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
          ?2 + i, '{}', null, ${pickFrom(stages, "i / 7")}, ${pickFrom(places, "i / 3")},
          'Queue at the till', 'Annoyed', 'Served within five minutes', (i / 11) % 5 + 1,
          case i % 3 when 0 then 'pain' when 1 then 'neutral' else 'delight' end,
          case (i / 13) % 5 when 0 then 'campaign' when 1 then 'message' when 2 then 'proposition' when 3 then 'operations' else null end,
          case (i / 17) % 4 when 0 then 'new' when 1 then 'triaged' when 2 then 'linked' else 'closed' end,
          '[]', '[]'
        from n`,
      args: [orgId, seqBase + 1],
    });
    const findingsMs = performance.now() - started;
    await client.execute({
      sql: `${numbers(visitCount)}
        insert into visits (id, org_id, author_id, created_at, updated_at, seq, clocks, deleted_at, kind, location_id, started_at, ended_at, people_met, notes)
        select printf('bv%030x', i), ?1, ${pickFrom(people, "i")}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
          ?2 + i, '{}', null, 'floor_walk', ${pickFrom(places, "i")},
          strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (i % 365) || ' days'), null, '', ''
        from n`,
      args: [orgId, seqBase + 1 + findings],
    });
    const statuses = JSON.stringify(EXPERIMENT_STATUSES);
    await client.execute({
      sql: `${numbers(experimentCount)}
        insert into experiments (id, org_id, author_id, created_at, updated_at, seq, clocks, deleted_at, title, status)
        select printf('be%030x', i), ?1, ${pickFrom(people, "i")}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
          ?2 + i, '{}', null, 'Experiment ' || i, ${pickFrom(statuses, "i")}
        from n`,
      args: [orgId, seqBase + 1 + findings + visitCount],
    });
    const generateMs = performance.now() - started;

    const path = `/api/orgs/${orgId}/board/summary`;
    const once = async () => {
      const t = performance.now();
      const res = await app.request(path, { headers: { cookie } });
      const body = (await res.json()) as { findings: { total: number } };
      if (res.status !== 200) throw new Error(`board summary failed: ${res.status}`);
      return { ms: performance.now() - t, total: body.findings.total };
    };
    for (let i = 0; i < 3; i++) await once(); // warm-up (JIT, page cache)
    const timings: number[] = [];
    let counted = 0;
    for (let i = 0; i < (opts.requests ?? REQUESTS); i++) {
      const { ms, total: t } = await once();
      timings.push(ms);
      counted = t;
    }
    if (counted < findings) throw new Error(`the summary counted ${counted} findings, fewer than the ${findings} generated`);
    return { medianMs: median(timings), findingsMs, generateMs, findings, visits: visitCount, experiments: experimentCount };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("board.ts")) {
  const result = await benchBoard();
  console.log(
    `board summary, ${result.findings.toLocaleString("en")} findings: median ${result.medianMs.toFixed(1)} ms (generated in ${(result.generateMs / 1000).toFixed(1)} s, findings ${(result.findingsMs / 1000).toFixed(1)} s)`,
  );
}
