/**
 * Issue 8, "Evidence a board can trust": every attack of the first list, tried as an
 * ordinary member of the organisation would. Each must now be refused (a 403/409, or a
 * `rejected` push result) and leave the database exactly as it was; the positive controls
 * show the same request from someone who may make it still goes through.
 */
import type { Client } from "@libsql/client";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import type { HistoryEntry } from "../../shared/history";
import { formatHlc } from "../../shared/sync/hlc";
import type { Mutation } from "../../shared/sync/protocol";
import { expectError, prepareWorld, sha256Of, snapshot, TINY_JPEG, TINY_PNG, world, newMember } from "../support/api";
import { deletion, mutation, newFinding, NODE_A, NODE_B, NODE_C, pull, pullAll, pushApplied, pushOk, userId } from "../support/sync";

type World = Awaited<ReturnType<typeof world>>;
type Agent = World["a"]["admin"];

beforeAll(prepareWorld, 120_000);

// ---------------------------------------------------------------------------------------------
// Helpers

let counter = 0;
/**
 * An HLC `minutes` before now on a device. Later than the demo's server clocks (stamped when the
 * shared template was built), so an edit is a real change rather than one the merge ignores.
 */
const ago = (minutes: number, node = NODE_B) => formatHlc({ millis: Date.now() - minutes * 60_000, counter: counter++ % 0xffff, node });
const fresh = (node = NODE_B) => ago(0, node);

async function rows(client: Client, sql: string, args: (string | number)[] = []) {
  const rs = await client.execute({ sql, args });
  return rs.rows.map((row) => Object.fromEntries(rs.columns.map((col, i) => [col, row[i]]))) as Record<string, any>[];
}
const rowOf = async (client: Client, table: string, id: string) => (await rows(client, `select * from ${table} where id = ?`, [id]))[0]!;
const json = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value);

const path = (w: World, rest: string) => `/api/orgs/${w.a.orgId}/${rest}`;
const transition = (who: Agent, w: World, id: string, to: string, reason = `Moving it to ${to}`) => who.post(path(w, `experiments/${id}/transitions`), { to, reason });
const decide = (who: Agent, w: World, id: string, to: string, reason = `Deciding: ${to}`) => who.post(path(w, `business-cases/${id}/decisions`), { to, reason });
const historyOf = (who: Agent, w: World, entity: string, id: string) => who.get(path(w, `history/${entity}/${id}`));

/** Pushes one mutation that must be refused with `code`, and proves the database is unchanged. */
async function expectRejected(w: World, who: Agent, m: Mutation, code: "forbidden" | "locked", label = `${m.op} ${m.entity} ${JSON.stringify(m.fields)}`) {
  const before = await snapshot(w.client);
  const body = await pushOk(who, w.a.orgId, [m]);
  expect(body.results, label).toHaveLength(1);
  expect(body.results[0], label).toMatchObject({ id: m.id, status: "rejected", error: { code } });
  expect(await snapshot(w.client), `${label}: the database changed`).toEqual(before);
}

/** Pushes one mutation that must be applied cleanly (no conflicts). */
async function expectApplied(w: World, who: Agent, m: Mutation, label = `${m.op} ${m.entity} ${JSON.stringify(m.fields)}`) {
  const body = await pushOk(who, w.a.orgId, [m]);
  expect(body.results, label).toEqual([{ id: m.id, status: "applied" }]);
}

/** A demo finding in `status` that the director (an executive) captured. */
async function directorsFinding(w: World, status: string) {
  const director = await userId(w.a.director);
  const found = await rows(w.client, "select * from findings where org_id = ? and author_id = ? and status = ? and deleted_at is null order by created_at limit 1", [w.a.orgId, director, status]);
  expect(found, `the demo has a ${status} finding by the director`).toHaveLength(1);
  return found[0]!;
}

/** A demo experiment in `status` (the demo has one idea, one running, two won: an A/B split and a store pilot), the first `which` accepts. */
async function demoExperiment(w: World, status: string, which: (row: Record<string, unknown>) => boolean = () => true) {
  const found = (await rows(w.client, "select * from experiments where org_id = ? and status = ? and deleted_at is null", [w.a.orgId, status])).filter(which);
  expect(found.length, `the demo has a ${status} experiment`).toBeGreaterThan(0);
  return found[0]!;
}

/** The demo business case, approved by the board (it is seeded as submitted); returns what it rests on. */
async function approvedDemoCase(w: World) {
  const [row] = await rows(w.client, "select * from business_cases where org_id = ? and status = 'submitted' and deleted_at is null", [w.a.orgId]);
  expect(row, "the demo has a submitted business case").toBeDefined();
  const res = await decide(w.a.board, w, row!.id, "approved", "Approved for every store");
  expect(res.status, res.text).toBe(200);
  const experimentIds = json(row!.experiment_ids) as string[];
  expect(experimentIds.length).toBeGreaterThan(0);
  expect(row!.kpi_id).toBeTruthy();
  return { id: row!.id as string, experimentIds, kpiId: row!.kpi_id as string };
}

/** Fields that satisfy every readiness gap of an experiment. */
const readyExperiment = (w: World) => ({
  primaryKpiId: w.aIds.kpiId,
  baseline: 0.2,
  requiredSampleSize: 2500,
  change: "A pickup desk at the entrance",
  plan: [{ id: randomUUID(), title: "Brief the store team", ownerId: w.aIds.memberId, dueDate: null, done: false }],
});

/** A new experiment pushed by `who`, still an idea. */
async function newExperiment(w: World, who: Agent = w.a.cx, fields: Record<string, unknown> = readyExperiment(w)) {
  const id = randomUUID();
  await pushApplied(who, w.a.orgId, [mutation("experiment", id, { title: `Experiment ${id.slice(0, 4)}`, ...fields }, fresh())]);
  return id;
}


/** The first of `options` that differs from `current`. */
const other = <T>(options: T[], current: unknown) => options.find((o) => o !== current)!;

// ---------------------------------------------------------------------------------------------
// 1. Deletes through sync/push follow the roles and the lifecycle

describe("deleting through sync/push", () => {
  test("a board member deleting a triaged finding is rejected (forbidden) and changes nothing", async () => {
    const w = await world();
    const finding = await directorsFinding(w, "triaged");
    await expectRejected(w, w.a.board, deletion("finding", finding.id, fresh()), "forbidden");
    expect((await rowOf(w.client, "findings", finding.id)).deleted_at).toBeNull();
  });

  test("an executive deleting a triaged, linked or closed finding, even their own, is rejected (forbidden) and changes nothing", async () => {
    const w = await world();
    for (const status of ["triaged", "linked", "closed"]) {
      const finding = await directorsFinding(w, status);
      await expectRejected(w, w.a.director, deletion("finding", finding.id, fresh()), "forbidden", `executive deletes own ${status} finding`);
      expect((await rowOf(w.client, "findings", finding.id)).deleted_at).toBeNull();
    }
  });

  test("an executive deleting a running experiment (CX's, or even their own) is rejected (forbidden); its decision log still answers", async () => {
    const w = await world();
    const running = await demoExperiment(w, "running");
    await expectRejected(w, w.a.director, deletion("experiment", running.id, fresh()), "forbidden", "executive deletes CX's running experiment");
    const log = await w.a.director.get(path(w, `experiments/${running.id}/decisions`));
    expect(log.status, log.text).toBe(200);
    expect(log.json.decisions.map((d: { to: string }) => d.to)).toEqual(["proposed", "approved", "running"]);

    // The director's own experiment, once the organisation approved and started it.
    const own = await newExperiment(w, w.a.director);
    expect((await transition(w.a.director, w, own, "proposed")).status).toBe(200);
    expect((await transition(w.a.board, w, own, "approved")).status).toBe(200);
    expect((await transition(w.a.cx, w, own, "running")).status).toBe(200);
    await expectRejected(w, w.a.director, deletion("experiment", own, fresh()), "forbidden", "executive deletes own running experiment");
    expect((await w.a.director.get(path(w, `experiments/${own}/decisions`))).status).toBe(200);
  });

  test("deleting the KPI an approved business case is tracked on is rejected (locked), for CX ops and admins alike", async () => {
    const w = await world();
    const approved = await approvedDemoCase(w);
    for (const who of [w.a.cx, w.a.admin]) {
      await expectRejected(w, who, deletion("kpi", approved.kpiId, fresh()), "locked");
    }
    expect((await rowOf(w.client, "kpis", approved.kpiId)).deleted_at).toBeNull();
  });

  test("an admin deleting an approved business case is rejected (locked) and changes nothing", async () => {
    const w = await world();
    const approved = await approvedDemoCase(w);
    await expectRejected(w, w.a.admin, deletion("business_case", approved.id, fresh()), "locked");
    expect((await rowOf(w.client, "business_cases", approved.id)).deleted_at).toBeNull();
  });

  test("deleting the won experiment an approved business case rests on is rejected (locked), for admins and CX ops alike", async () => {
    const w = await world();
    const approved = await approvedDemoCase(w);
    const won = await demoExperiment(w, "won", (row) => approved.experimentIds.includes(row.id as string));
    for (const who of [w.a.admin, w.a.cx]) {
      await expectRejected(w, who, deletion("experiment", won.id, fresh()), "locked");
    }
    expect((await rowOf(w.client, "experiments", won.id)).deleted_at).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Only triage roles move a finding out of triaged or closed

describe("writes that change nothing still change nothing", () => {
  test("a role that may not edit a KPI re-sending its current value is rejected and moves no clock, so CX's real edit still wins", async () => {
    const w = await world();
    const [kpi] = await rows(w.client, "select * from kpis where org_id = ? and deleted_at is null order by name limit 1", [w.a.orgId]);
    // Stamped before the board's attempts: had those moved the clock, this edit would lose.
    const cxEdit = mutation("kpi", kpi!.id, { description: "Counted at the door" }, fresh());
    await expectRejected(w, w.a.board, mutation("kpi", kpi!.id, { description: kpi!.description }, fresh(NODE_C)), "forbidden");
    await expectRejected(w, w.a.board, mutation("kpi", kpi!.id, {}, fresh(NODE_C)), "forbidden");
    await expectApplied(w, w.a.cx, cxEdit);
    expect((await rowOf(w.client, "kpis", kpi!.id)).description).toBe("Counted at the door");
  });

  test("an approved experiment sent back whole (locked fields unchanged) applies the real change only, and its locked fields keep their clocks", async () => {
    const w = await world();
    const running = await demoExperiment(w, "running");
    const clocks = json(running.clocks) as Record<string, string>;
    const m = mutation("experiment", running.id, { baseline: running.baseline, change: running.change, notes: "Week two: queues shorter" }, fresh());
    await expectApplied(w, w.a.cx, m);
    const after = await rowOf(w.client, "experiments", running.id);
    expect(after.notes).toBe("Week two: queues shorter");
    expect((json(after.clocks) as Record<string, string>).baseline).toBe(clocks.baseline);
    expect((json(after.clocks) as Record<string, string>).change).toBe(clocks.change);
  });

  test("deleting a record the server never had is done (applied) and writes no empty tombstone: nothing reaches the archive", async () => {
    const w = await world();
    const id = randomUUID();
    const body = await pushOk(w.a.director, w.a.orgId, [deletion("experiment", id, fresh())]);
    expect(body.results[0]).toMatchObject({ status: "applied" });
    expect(await rows(w.client, "select id from experiments where id = ?", [id])).toEqual([]);
    const archive = await w.a.admin.get(path(w, "archive"));
    expect(archive.json.records.map((r: { entityId: string }) => r.entityId)).not.toContain(id);
  });
});

describe("moving a finding back through triage", () => {
  test("an executive or board member moving a triaged finding back to new is rejected (forbidden) and changes nothing", async () => {
    const w = await world();
    const finding = await directorsFinding(w, "triaged");
    for (const who of [w.a.director, w.a.board]) {
      await expectRejected(w, who, mutation("finding", finding.id, { status: "new" }, fresh()), "forbidden");
    }
    expect((await rowOf(w.client, "findings", finding.id)).status).toBe("triaged");
  });

  test("an executive or board member moving a closed finding back to linked is rejected (forbidden) and changes nothing", async () => {
    const w = await world();
    const finding = await directorsFinding(w, "closed");
    for (const who of [w.a.director, w.a.board]) {
      await expectRejected(w, who, mutation("finding", finding.id, { status: "linked" }, fresh()), "forbidden");
    }
    expect((await rowOf(w.client, "findings", finding.id)).status).toBe("closed");
  });

  test("control: CX ops moving a triaged finding on to linked is applied", async () => {
    const w = await world();
    const finding = await directorsFinding(w, "triaged");
    await expectApplied(w, w.a.cx, mutation("finding", finding.id, { status: "linked" }, fresh()));
    expect((await rowOf(w.client, "findings", finding.id)).status).toBe("linked");
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Experiments lock their scope once approved and their results once judged

describe("experiment locks", () => {
  /** An experiment CX ops proposed and the board approved, through the real moves. */
  async function approvedExperiment(w: World) {
    const id = await newExperiment(w, w.a.cx);
    expect((await transition(w.a.cx, w, id, "proposed")).status).toBe(200);
    const approved = await transition(w.a.board, w, id, "approved");
    expect(approved.status, approved.text).toBe(200);
    return id;
  }

  async function otherLocations(w: World, current: string[]) {
    const items = (await w.a.admin.get(path(w, "locations"))).json.items as { id: string }[];
    const choice = items.map((l) => l.id).filter((id) => !current.includes(id));
    expect(choice.length).toBeGreaterThan(0);
    return [choice[0]!];
  }

  test("after approval, a pushed edit of the scope (change, pilotLocationIds) by an admin or CX ops is rejected (locked) and changes nothing", async () => {
    const w = await world();
    const approved = await approvedExperiment(w);
    const running = (await demoExperiment(w, "running")).id as string;
    for (const id of [approved, running]) {
      const row = await rowOf(w.client, "experiments", id);
      const pilots = await otherLocations(w, json(row.pilot_location_ids) ?? []);
      for (const [role, who] of [["admin", w.a.admin], ["cx_ops", w.a.cx]] as const) {
        await expectRejected(w, who, mutation("experiment", id, { change: `Something else entirely (${role})` }, fresh()), "locked", `${role} edits change of a ${row.status} experiment`);
        await expectRejected(w, who, mutation("experiment", id, { pilotLocationIds: pilots }, fresh()), "locked", `${role} edits pilotLocationIds of a ${row.status} experiment`);
      }
      const after = await rowOf(w.client, "experiments", id);
      expect(after.change).toBe(row.change);
      expect(json(after.pilot_location_ids)).toEqual(json(row.pilot_location_ids));
    }
  });

  test("control: notes and plan of an approved experiment can still be edited", async () => {
    const w = await world();
    const id = await approvedExperiment(w);
    const plan = [{ id: randomUUID(), title: "Order the pickup desk", ownerId: w.aIds.memberId, dueDate: "2026-05-01", done: false }];
    await expectApplied(w, w.a.cx, mutation("experiment", id, { notes: "The store manager is on board." }, fresh()));
    await expectApplied(w, w.a.admin, mutation("experiment", id, { plan }, fresh()));
    const row = await rowOf(w.client, "experiments", id);
    expect(row.notes).toBe("The store manager is on board.");
    expect(json(row.plan)).toEqual(plan);
    expect(row.status).toBe("approved");
  });

  test("once won, lost or inconclusive, a pushed edit of the results by an admin or CX ops is rejected (locked) and changes nothing", async () => {
    const w = await world();
    const won = await demoExperiment(w, "won");
    const ids: [string, string][] = [["won", won.id]];
    // A lost and an inconclusive one, put in place directly as set-up (each with results of its own).
    for (const status of ["lost", "inconclusive"]) {
      const id = await newExperiment(w, w.a.cx, {
        ...readyExperiment(w),
        results: [{ kpiId: w.aIds.kpiId, control: { users: 1000, conversions: 200 }, treatment: { users: 1000, conversions: 205 } }],
      });
      await w.client.execute({ sql: "update experiments set status = ? where id = ?", args: [status, id] });
      ids.push([status, id]);
    }
    const forged = [{ kpiId: won.primary_kpi_id, control: { users: 4000, conversions: 700 }, treatment: { users: 4000, conversions: 1000 } }];
    for (const [status, id] of ids) {
      const before = json((await rowOf(w.client, "experiments", id)).results);
      for (const [role, who] of [["admin", w.a.admin], ["cx_ops", w.a.cx]] as const) {
        await expectRejected(w, who, mutation("experiment", id, { results: forged }, fresh()), "locked", `${role} edits the results of a ${status} experiment`);
      }
      expect(json((await rowOf(w.client, "experiments", id)).results)).toEqual(before);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Separation of duties: lifecycle.test.ts, for experiments and business cases alike.

// ---------------------------------------------------------------------------------------------
// 5. Visits and findings are their author's (and an admin's) to rewrite

describe("another person's visit or finding", () => {
  async function directorsVisit(w: World) {
    const director = await userId(w.a.director);
    const [visit] = await rows(w.client, "select * from visits where org_id = ? and author_id = ? and deleted_at is null order by started_at limit 1", [w.a.orgId, director]);
    expect(visit, "the demo has a visit by the director").toBeDefined();
    return visit!;
  }

  test("an edit of the director's visit by CX ops, the board or another executive is rejected (forbidden) and changes nothing", async () => {
    const w = await world();
    const otherExecutive = await newMember(w, "executive", "Eva Executive");
    const visit = await directorsVisit(w);
    for (const [label, who] of [["cx_ops", w.a.cx], ["board", w.a.board], ["another executive", otherExecutive]] as const) {
      await expectRejected(w, who, mutation("visit", visit.id, { notes: `Rewritten by ${label}` }, fresh()), "forbidden", `${label} edits the director's visit`);
    }
    expect((await rowOf(w.client, "visits", visit.id)).notes).toBe(visit.notes);
  });

  test("control: the author and an admin may edit the visit", async () => {
    const w = await world();
    const visit = await directorsVisit(w);
    await expectApplied(w, w.a.director, mutation("visit", visit.id, { notes: "Written up by the director" }, fresh()));
    expect((await rowOf(w.client, "visits", visit.id)).notes).toBe("Written up by the director");
    await expectApplied(w, w.a.admin, mutation("visit", visit.id, { notes: "Corrected by the admin" }, fresh()));
    expect((await rowOf(w.client, "visits", visit.id)).notes).toBe("Corrected by the admin");
  });

  test("an edit of what the director's finding describes (saw, felt, expectation, severity) by CX ops, the board or another executive is rejected (forbidden)", async () => {
    const w = await world();
    const otherExecutive = await newMember(w, "executive", "Eva Executive");
    const finding = await directorsFinding(w, "new");
    const edits: Record<string, unknown>[] = [
      { saw: "Something the director never saw" },
      { felt: "Delighted" },
      { expectation: "Nothing at all" },
      { severity: finding.severity === 1 ? 5 : 1 },
    ];
    for (const [label, who] of [["cx_ops", w.a.cx], ["board", w.a.board], ["another executive", otherExecutive]] as const) {
      for (const fields of edits) {
        await expectRejected(w, who, mutation("finding", finding.id, fields, fresh()), "forbidden", `${label} edits ${Object.keys(fields)[0]} of the director's finding`);
      }
    }
    // Nor may the board or another executive triage it.
    for (const [label, who] of [["board", w.a.board], ["another executive", otherExecutive]] as const) {
      await expectRejected(w, who, mutation("finding", finding.id, { tags: ["rewritten"] }, fresh()), "forbidden", `${label} tags the director's finding`);
    }
    const after = await rowOf(w.client, "findings", finding.id);
    for (const name of ["saw", "felt", "expectation", "severity", "tags"]) expect(after[name], name).toEqual(finding[name]);
  });

  test("control: the author and an admin edit the capture fields; CX ops and admins change the triage fields of anyone's finding", async () => {
    const w = await world();
    const finding = await directorsFinding(w, "new");
    await expectApplied(w, w.a.director, mutation("finding", finding.id, { saw: "Seen by the director", felt: "Curious" }, fresh()));
    await expectApplied(w, w.a.admin, mutation("finding", finding.id, { expectation: "Corrected by the admin", severity: finding.severity === 2 ? 4 : 2 }, fresh()));

    const themes = ((await w.a.admin.get(path(w, "themes"))).json.items as { id: string }[]).map((t) => t.id);
    const stages = ((await w.a.admin.get(path(w, "journey-stages"))).json.items as { id: string }[]).map((s) => s.id);
    const segments = ((await w.a.admin.get(path(w, "segments"))).json.items as { id: string }[]).map((s) => s.id);
    const triage = {
      status: "triaged",
      themeId: other(themes, finding.theme_id),
      level: other(["campaign", "message", "proposition", "operations"], finding.level),
      tags: ["queue", "till"],
      journeyStageId: other(stages, finding.journey_stage_id),
      segmentId: other(segments, finding.segment_id),
    };
    await expectApplied(w, w.a.cx, mutation("finding", finding.id, triage, fresh()));
    await expectApplied(w, w.a.admin, mutation("finding", finding.id, { tags: ["queue", "till", "checked"] }, fresh()));

    const after = await rowOf(w.client, "findings", finding.id);
    expect(after).toMatchObject({
      saw: "Seen by the director",
      felt: "Curious",
      expectation: "Corrected by the admin",
      status: "triaged",
      theme_id: triage.themeId,
      level: triage.level,
      journey_stage_id: triage.journeyStageId,
      segment_id: triage.segmentId,
    });
    expect(json(after.tags)).toEqual(["queue", "till", "checked"]);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. A same-field conflict keeps both texts

describe("two devices editing the same text", () => {
  test("the older edit loses but is reported with both texts, the record keeps the newer one, and the history has both", async () => {
    const w = await world();
    const id = randomUUID();
    await pushApplied(w.a.director, w.a.orgId, [mutation("finding", id, newFinding({ saw: "Queue at the tills" }), ago(60, NODE_A))], "phone");
    const kept = "Queue of seven at the only open till at 12:30";
    const lost = "Long queue at lunchtime, two tills closed";

    // The phone's edit (10 minutes ago) reaches the server first …
    const first = await pushOk(w.a.director, w.a.orgId, [mutation("finding", id, { saw: kept }, ago(10, NODE_A))], "phone");
    expect(first.results[0]).toEqual({ id: first.results[0]!.id, status: "applied" });
    // … then the tablet's older edit (20 minutes ago) of the same field.
    const m = mutation("finding", id, { saw: lost }, ago(20, NODE_C));
    const second = await pushOk(w.a.director, w.a.orgId, [m], "tablet");
    expect(second.results).toEqual([{ id: m.id, status: "applied", conflicts: [{ field: "saw", kept, lost }] }]);

    expect((await rowOf(w.client, "findings", id)).saw).toBe(kept);

    const res = await historyOf(w.a.director, w, "finding", id);
    expect(res.status, res.text).toBe(200);
    const entries = res.json.entries as HistoryEntry[];
    for (const entry of entries) {
      expect(entry).toMatchObject({ at: expect.any(String), by: { id: expect.any(String), name: expect.any(String) }, op: expect.any(String), fields: expect.any(Object) });
    }
    const times = entries.map((e) => Date.parse(e.at));
    for (let i = 1; i < times.length; i++) expect(times[i - 1]!, "newest first").toBeGreaterThanOrEqual(times[i]!);
    const texts = entries.flatMap((e) => (e.fields.saw ? [e.fields.saw.from, e.fields.saw.to] : []));
    expect(texts).toContain(kept);
    expect(texts).toContain(lost);
  });

  test("choices and ids are no text: an older pick of the level or theme simply loses, with no conflict to show", async () => {
    const w = await world();
    const id = randomUUID();
    await pushApplied(w.a.director, w.a.orgId, [mutation("finding", id, newFinding({ saw: "Queue at the tills" }), ago(60, NODE_A))], "phone");
    await pushApplied(w.a.cx, w.a.orgId, [mutation("finding", id, { level: "operations" }, ago(10, NODE_B))], "cx");
    const m = mutation("finding", id, { level: "campaign", saw: "Queue at the tills" }, ago(20, NODE_C));
    const body = await pushOk(w.a.director, w.a.orgId, [m], "tablet");
    expect(body.results).toEqual([{ id: m.id, status: "applied" }]);
    expect((await rowOf(w.client, "findings", id)).level).toBe("operations");
  });
});

// ---------------------------------------------------------------------------------------------
// 7. Every change has a history

describe("the history of a record", () => {
  test("a finding's creation, edit and delete, newest first, with who", async () => {
    const w = await world();
    const director = { id: await userId(w.a.director), name: "Daan Directeur" };
    const id = randomUUID();
    await pushApplied(w.a.director, w.a.orgId, [mutation("finding", id, newFinding(), fresh(NODE_A))]);
    let res = await historyOf(w.a.board, w, "finding", id);
    expect(res.status, res.text).toBe(200);
    expect(res.json.entries).toHaveLength(1);
    expect(res.json.entries[0]).toMatchObject({ at: expect.any(String), by: director, op: "create" });

    await pushApplied(w.a.director, w.a.orgId, [mutation("finding", id, { saw: "Shelf empty again at noon" }, fresh(NODE_A))]);
    res = await historyOf(w.a.board, w, "finding", id);
    expect(res.json.entries.map((e: HistoryEntry) => e.op)).toEqual(["update", "create"]);
    expect(res.json.entries[0]).toMatchObject({ by: director, op: "update", fields: { saw: { from: "Empty shelf at the entrance", to: "Shelf empty again at noon" } } });

    await pushApplied(w.a.director, w.a.orgId, [deletion("finding", id, fresh(NODE_A))]);
    res = await historyOf(w.a.admin, w, "finding", id);
    expect(res.status, res.text).toBe(200);
    expect(res.json.entries.map((e: HistoryEntry) => e.op)).toEqual(["delete", "update", "create"]);
    expect(res.json.entries[0]).toMatchObject({ by: director, op: "delete" });
  });

  test("another organisation's record, an unknown record or an unknown entity is not found", async () => {
    const w = await world();
    // B's experiment through A's organisation, and A's finding through B's.
    expectError(await historyOf(w.a.admin, w, "experiment", w.bIds.experimentId), 404, "not_found");
    const aFinding = (await directorsFinding(w, "new")).id as string;
    expectError(await w.b.agent.get(`/api/orgs/${w.b.orgId}/history/finding/${aFinding}`), 404, "not_found");
    // Eve is no member of A.
    expectError(await w.b.agent.get(path(w, `history/finding/${aFinding}`)), 404, "not_found");
    expectError(await historyOf(w.a.admin, w, "finding", randomUUID()), 404, "not_found");
    const unknown = await historyOf(w.a.admin, w, "widget", aFinding);
    expect([400, 404], unknown.text).toContain(unknown.status);
    // Names every JavaScript object has are no entity either (they were a 500).
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) expectError(await historyOf(w.a.admin, w, name, aFinding), 404, "not_found");
    // A setting has its history too: the demo's locations were created by the admin.
    const [location] = await rows(w.client, "select id from locations where org_id = ? limit 1", [w.a.orgId]);
    const settingHistory = await historyOf(w.a.director, w, "location", location!.id);
    expect(settingHistory.status, settingHistory.text).toBe(200);
    expect(settingHistory.json.entries.map((e: HistoryEntry) => e.op)).toEqual(["create"]);
    // The control: A's own finding has a history.
    expect((await historyOf(w.a.admin, w, "finding", aFinding)).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// 8. Nothing vanishes: deleted records are archived and an admin restores them

describe("the archive", () => {
  test("a finding CX ops deleted is listed for the admin, restored by them, pulled again by every device, and the history says so", async () => {
    const w = await world();
    const cx = { id: await userId(w.a.cx), name: "Chris CX" };
    const id = randomUUID();
    await pushApplied(w.a.director, w.a.orgId, [mutation("finding", id, newFinding({ saw: "Broken door at the back entrance" }), fresh(NODE_A))]);
    await pushApplied(w.a.cx, w.a.orgId, [deletion("finding", id, fresh())]);

    const list = await w.a.admin.get(path(w, "archive"));
    expect(list.status, list.text).toBe(200);
    expect(list.json.records).toContainEqual(
      expect.objectContaining({ entity: "finding", entityId: id, title: "Broken door at the back entrance", deletedAt: expect.any(String), deletedBy: cx }),
    );

    const { cursor } = await pullAll(w.a.director, w.a.orgId);
    const restored = await w.a.admin.post(path(w, `archive/finding/${id}/restore`));
    expect(restored.status, restored.text).toBe(200);
    for (const who of [w.a.director, w.a.admin]) {
      const res = await pull(who, w.a.orgId, cursor);
      expect(res.status, res.text).toBe(200);
      const change = (res.json.changes as { entity: string; entityId: string; deleted: boolean; fields: Record<string, unknown> }[]).find((c) => c.entity === "finding" && c.entityId === id);
      expect(change, "the restore reaches every device").toBeDefined();
      expect(change!.deleted).toBe(false);
      expect(change!.fields.saw).toBe("Broken door at the back entrance");
    }
    expect((await rowOf(w.client, "findings", id)).deleted_at).toBeNull();

    const history = await historyOf(w.a.director, w, "finding", id);
    expect(history.status, history.text).toBe(200);
    expect(history.json.entries.map((e: HistoryEntry) => e.op)).toEqual(["restore", "delete", "create"]);
    expect(history.json.entries[0]).toMatchObject({ op: "restore", by: { id: await userId(w.a.admin), name: "Anouk Admin" } });
  });

  test("a purge, 90 days on, erases the finding's content, the values in its history and its photos (not a photo another finding shows)", async () => {
    const w = await world();
    const own = sha256Of(TINY_JPEG);
    const shared = sha256Of(TINY_PNG);
    for (const [bytes, type, sha] of [[TINY_JPEG, "image/jpeg", own], [TINY_PNG, "image/png", shared]] as const) {
      const res = await w.a.director.request("PUT", path(w, `attachments/${sha}`), new Blob([bytes], { type }));
      expect(res.status, res.text).toBeLessThan(300);
    }
    const id = randomUUID();
    await pushApplied(w.a.director, w.a.orgId, [
      mutation("finding", id, newFinding({ saw: "Name and phone of a customer on the note", photos: [own, shared] }), fresh(NODE_A)),
      mutation("finding", randomUUID(), newFinding({ saw: "The same shelf, a week later", photos: [shared] }), fresh(NODE_A)),
    ]);
    await pushApplied(w.a.admin, w.a.orgId, [deletion("finding", id, fresh())]);
    expectError(await w.a.admin.post(path(w, `archive/finding/${id}/purge`)), 409, "too_recent");

    await w.client.execute({ sql: "update findings set deleted_on = ? where id = ?", args: [new Date(Date.now() - 91 * 86_400_000).toISOString(), id] });
    const purged = await w.a.admin.post(path(w, `archive/finding/${id}/purge`));
    expect(purged.status, purged.text).toBe(200);
    expect(await rowOf(w.client, "findings", id)).toMatchObject({ saw: null, photos: null, purged_on: expect.any(String) });
    expect((await w.a.director.get(path(w, `attachments/${own}`))).status).toBe(404);
    expect((await w.a.director.get(path(w, `attachments/${shared}`))).status).toBe(200);
    const history = (await historyOf(w.a.admin, w, "finding", id)).json.entries as HistoryEntry[];
    expect(history.map((e) => e.op)).toEqual(["purge", "delete", "create"]);
    expect(history.every((e) => Object.keys(e.fields).length === 0)).toBe(true);
    // Gone from the archive, and no device can bring it back.
    expect(((await w.a.admin.get(path(w, "archive"))).json.records as { entityId: string }[]).map((r) => r.entityId)).not.toContain(id);
    const again = await pushOk(w.a.director, w.a.orgId, [mutation("finding", id, { saw: "Back again" }, fresh(NODE_A))]);
    expect(again.results[0]).toMatchObject({ status: "rejected", error: { code: "not_found" } });
  });

  test("only an admin sees the archive and restores from it: anyone else gets a 403 and nothing changes", async () => {
    const w = await world();
    const id = randomUUID();
    await pushApplied(w.a.director, w.a.orgId, [mutation("finding", id, newFinding(), fresh(NODE_A))]);
    await pushApplied(w.a.cx, w.a.orgId, [deletion("finding", id, fresh())]);
    const before = await snapshot(w.client);
    for (const who of [w.a.director, w.a.cx, w.a.board]) {
      expectError(await who.post(path(w, `archive/finding/${id}/restore`)), 403);
      expectError(await who.get(path(w, "archive")), 403);
    }
    expect(await snapshot(w.client)).toEqual(before);
    expect((await rowOf(w.client, "findings", id)).deleted_at).not.toBeNull();
  });
});
