import type { Client } from "@libsql/client";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { CASE_MOVES } from "../../shared/business-cases/lifecycle";
import { ROLES, type Role } from "../../shared/roles";
import { BUSINESS_CASE_STATUSES, businessCaseFields, type BusinessCaseStatus } from "../../shared/schemas/business-case";
import { compareProportions } from "../../shared/stats/compare";
import { parseHlc } from "../../shared/sync/hlc";
import { SERVER_NODE } from "../../server/experiments/server-clock";
import { expectError, issuePaths, prepareWorld, snapshot, world } from "../support/api";
import { deletion, hlcAt, mutation, NODE_B, pullAll, pushApplied, pushOk, readyCaseFields, serverRecord, userId } from "../support/sync";

type World = Awaited<ReturnType<typeof world>>;
type Agent = World["a"]["admin"];

beforeAll(prepareWorld, 120_000);

const agentsByRole = (w: World): Record<Role, Agent> => ({ admin: w.a.admin, executive: w.a.director, cx_ops: w.a.cx, board: w.a.board });

async function rows(client: Client, sql: string, args: (string | number)[] = []) {
  const rs = await client.execute({ sql, args });
  return rs.rows.map((row) => Object.fromEntries(rs.columns.map((col, i) => [col, row[i]])));
}
const caseRow = async (client: Client, id: string) => (await rows(client, "select * from business_cases where id = ?", [id]))[0]!;
const decisionCount = async (client: Client, id: string) => Number((await rows(client, "select count(*) as n from business_case_decisions where business_case_id = ?", [id]))[0]!.n);


let hlcOffset = 0;
/** A new case pushed by CX ops; `status` (server-owned) is then put in place directly, as test set-up. */
async function caseAt(w: World, status: BusinessCaseStatus = "draft", fields: Record<string, unknown> = readyCaseFields()) {
  const id = randomUUID();
  await pushApplied(w.a.cx, w.a.orgId, [mutation("business_case", id, { title: `Case ${id.slice(0, 4)}`, ...fields }, hlcAt(hlcOffset++, NODE_B))]);
  if (status !== "draft") await w.client.execute({ sql: "update business_cases set status = ? where id = ?", args: [status, id] });
  return id;
}

const decide = (who: Agent, w: World, id: string, body: unknown) => who.post(`/api/orgs/${w.a.orgId}/business-cases/${id}/decisions`, body);
const decisions = (who: Agent, w: World, id: string) => who.get(`/api/orgs/${w.a.orgId}/business-cases/${id}/decisions`);
const benefits = (who: Agent, w: World, id: string) => who.get(`/api/orgs/${w.a.orgId}/business-cases/${id}/benefits`);

function expectRefusal(res: { status: number; json: any; text: string }, code: string) {
  expect(res.status, res.text).toBe(409);
  expect(res.json.error.code).toBe(code);
  expect(Object.keys(res.json.error).sort()).toEqual(code === "not_ready" ? ["code", "issues", "message"] : ["code", "message"]);
}

describe("who may decide", () => {
  test("every move succeeds for each role it names and is refused 409 role_not_allowed for every other role, which changes nothing", async () => {
    const w = await world();
    const agents = agentsByRole(w);
    const problems: string[] = [];
    for (const move of CASE_MOVES) {
      for (const role of ROLES) {
        const id = await caseAt(w, move.from);
        const res = await decide(agents[role], w, id, { to: move.to, reason: `${role} moves it` });
        const row = await caseRow(w.client, id);
        if (move.roles.includes(role)) {
          if (res.status !== 200 || row.status !== move.to) problems.push(`${role} ${move.from}→${move.to}: ${res.status} ${res.text}`);
          if ((await decisionCount(w.client, id)) !== 1) problems.push(`${role} ${move.from}→${move.to}: no decision recorded`);
        } else {
          if (res.status !== 409 || res.json?.error?.code !== "role_not_allowed") problems.push(`${role} ${move.from}→${move.to} should be refused: ${res.status} ${res.text}`);
          if (row.status !== move.from || (await decisionCount(w.client, id)) !== 0) problems.push(`${role} ${move.from}→${move.to}: changed something`);
        }
      }
    }
    expect(problems).toEqual([]);
    // Only the board and admins take the board's decisions.
    for (const to of ["approved", "rejected", "deferred"] as const) expect(CASE_MOVES.find((m) => m.to === to)!.roles).toEqual(["admin", "board"]);
  });

  test("a move the lifecycle does not have is 409 move_not_allowed for everyone, and changes nothing", async () => {
    const w = await world();
    const agents = agentsByRole(w);
    const byStatus = new Map<BusinessCaseStatus, string>();
    for (const status of BUSINESS_CASE_STATUSES) byStatus.set(status, await caseAt(w, status));
    const before = await snapshot(w.client);
    const problems: string[] = [];
    for (const from of BUSINESS_CASE_STATUSES) {
      for (const to of BUSINESS_CASE_STATUSES) {
        if (CASE_MOVES.some((m) => m.from === from && m.to === to)) continue;
        for (const role of ROLES) {
          const res = await decide(agents[role], w, byStatus.get(from)!, { to, reason: "Try" });
          if (res.status !== 409 || res.json?.error?.code !== "move_not_allowed") problems.push(`${role} ${from}→${to}: ${res.status}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("an approved case is final: not even an admin can send it back", async () => {
    const w = await world();
    const id = await caseAt(w, "approved");
    expectRefusal(await decide(w.a.admin, w, id, { to: "draft", reason: "Rethink" }), "move_not_allowed");
  });
});

describe("what the board decides on stays as it was", () => {
  test.each(["submitted", "approved", "rejected", "deferred"] as const)("a %s case refuses edits and deletes by push, changing nothing", async (status) => {
    const w = await world();
    const id = await caseAt(w, status);
    const before = await snapshot(w.client);
    const body = await pushOk(w.a.cx, w.a.orgId, [
      mutation("business_case", id, { investment: 1, annualVolume: 1e12 }, hlcAt(20_000, NODE_B)),
      deletion("business_case", id, hlcAt(20_001, NODE_B)),
    ]);
    for (const result of body.results) expect(result).toMatchObject({ status: "rejected", error: { code: "locked" } });
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("revised back to draft, it can be changed again and resubmitted", async () => {
    const w = await world();
    const id = await caseAt(w, "submitted");
    expect((await decide(w.a.board, w, id, { to: "deferred", reason: "Show the web numbers too" })).status).toBe(200);
    expect((await decide(w.a.cx, w, id, { to: "draft", reason: "Adding the web numbers" })).status).toBe(200);
    await pushApplied(w.a.cx, w.a.orgId, [mutation("business_case", id, { annualVolume: 500_000 }, hlcAt(20_100, NODE_B))]);
    expect((await decide(w.a.cx, w, id, { to: "submitted", reason: "Now with the web" })).status).toBe(200);
    expect(Number((await caseRow(w.client, id)).annual_volume)).toBe(500_000);
    expect(await decisionCount(w.client, id)).toBe(3);
  });

  test("an overridden lift needs its reason before the case may be submitted", async () => {
    const w = await world();
    const id = await caseAt(w, "draft", { ...readyCaseFields(), liftOverridden: true, liftOverrideReason: "  " });
    const refused = await decide(w.a.cx, w, id, { to: "submitted", reason: "Ready" });
    expectRefusal(refused, "not_ready");
    expect(issuePaths(refused.json)).toEqual(["liftOverrideReason"]);
    await pushApplied(w.a.cx, w.a.orgId, [mutation("business_case", id, { liftOverrideReason: "The pilot ran in the quiet season" }, hlcAt(20_200, NODE_B))]);
    expect((await decide(w.a.cx, w, id, { to: "submitted", reason: "Ready" })).status).toBe(200);
  });
});

describe("before it goes to the board", () => {
  test("submitting an empty case lists every gap as an issue, the list shrinks as fields are filled in, and the move passes when nothing is missing", async () => {
    const w = await world();
    const id = await caseAt(w, "draft", {});
    const all = ["annualVolume", "discountRate", "horizonYears", "investment", "lift", "options", "recommendation", "runningCostPerYear", "valuePerUnit"];
    const ready = readyCaseFields();
    const steps: [Record<string, unknown>, string[]][] = [
      [{}, all],
      [{ lift: ready.lift, annualVolume: 0 }, all.filter((p) => p !== "lift" && p !== "annualVolume")],
      // An option that is not "do nothing" does not count; zero cost is a cost.
      [{ options: [{ id: randomUUID(), title: "Roll out", description: "", doNothing: false }], investment: 0, runningCostPerYear: 0 }, ["discountRate", "horizonYears", "options", "recommendation", "valuePerUnit"]],
      [{ recommendation: "   " }, ["discountRate", "horizonYears", "options", "recommendation", "valuePerUnit"]],
      [{ valuePerUnit: 35, horizonYears: 3, discountRate: 0, recommendation: "Go" }, ["options"]],
    ];
    for (const [i, [fields, missing]] of steps.entries()) {
      if (Object.keys(fields).length > 0) await pushApplied(w.a.cx, w.a.orgId, [mutation("business_case", id, fields, hlcAt(10_000 + i, NODE_B))]);
      const before = await snapshot(w.client);
      const res = await decide(w.a.cx, w, id, { to: "submitted", reason: "For the board" });
      expectRefusal(res, "not_ready");
      expect(issuePaths(res.json), JSON.stringify(fields)).toEqual(missing);
      expect(res.json.error.message).toMatch(/^Before it goes to the board, /);
      expect(await snapshot(w.client)).toEqual(before);
    }
    await pushApplied(w.a.cx, w.a.orgId, [mutation("business_case", id, { options: ready.options }, hlcAt(20_000, NODE_B))]);
    const res = await decide(w.a.cx, w, id, { to: "submitted", reason: "For the board" });
    expect(res.status, res.text).toBe(200);
    expect(res.json.businessCase).toEqual({ id, status: "submitted" });
  });

  test("the board cannot submit a case for CX ops: the role is refused before the gaps", async () => {
    const w = await world();
    const id = await caseAt(w, "draft", {});
    expectRefusal(await decide(w.a.board, w, id, { to: "submitted", reason: "Go" }), "role_not_allowed");
  });
});

describe("the request", () => {
  test.each([
    ["no reason", { to: "approved" }, ["reason"]],
    ["an empty reason", { to: "approved", reason: "" }, ["reason"]],
    ["a reason of spaces", { to: "approved", reason: "  \n" }, ["reason"]],
    ["a reason over 2000 characters", { to: "approved", reason: "x".repeat(2001) }, ["reason"]],
    ["an unknown status", { to: "archived", reason: "Because" }, ["to"]],
    ["an extra field", { to: "approved", reason: "Because", approvedAt: "2026-01-01" }, ["approvedAt"]],
  ])("%s is a 400 naming the field, and changes nothing", async (_label, body, paths) => {
    const w = await world();
    const id = await caseAt(w, "submitted");
    const before = await snapshot(w.client);
    const res = await decide(w.a.board, w, id, body);
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(paths);
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("an unknown, malformed, deleted or other organisation's case is a 404 for decisions, history and benefits", async () => {
    const w = await world();
    const deleted = await caseAt(w, "draft");
    await pushApplied(w.a.cx, w.a.orgId, [deletion("business_case", deleted, hlcAt(50_000, NODE_B))]);
    const bCase = (await rows(w.client, "select id from business_cases where org_id = ?", [w.b.orgId]))[0]!.id as string;
    const before = await snapshot(w.client);
    const notFound = { error: { code: "not_found", message: "Not found" } };
    for (const id of [randomUUID(), "not-a-uuid", deleted, bCase]) {
      const res = await decide(w.a.admin, w, id, { to: "approved", reason: "Fine" });
      expect(res.status, id).toBe(404);
      expect(res.json).toEqual(notFound);
      expect((await decisions(w.a.admin, w, id)).json).toEqual(notFound);
      expect((await benefits(w.a.admin, w, id)).json).toEqual(notFound);
    }
    expect(await snapshot(w.client)).toEqual(before);
  });
});

describe("the history", () => {
  test("a deferred case is revised and resubmitted, then approved: every step is kept in order, with who, when and why", async () => {
    const w = await world();
    const id = await caseAt(w);
    const [cxId, boardId, adminId] = [await userId(w.a.cx), await userId(w.a.board), await userId(w.a.admin)];
    const steps: [Agent, BusinessCaseStatus, string, string, string][] = [
      [w.a.cx, "submitted", "Pilot won; ready for the board", cxId, "Chris CX"],
      [w.a.board, "deferred", "Show the low scenario with a smaller roll-out", boardId, "Bea Bestuur"],
      [w.a.cx, "draft", "Revising: two stores first", cxId, "Chris CX"],
      [w.a.cx, "submitted", "Resubmitted with a two-store start", cxId, "Chris CX"],
      [w.a.admin, "rejected", "Budget frozen this quarter", adminId, "Anouk Admin"],
      [w.a.cx, "draft", "Next quarter's budget", cxId, "Chris CX"],
      [w.a.cx, "submitted", "Third round", cxId, "Chris CX"],
      [w.a.board, "approved", "Approved for all stores", boardId, "Bea Bestuur"],
    ];
    let from: BusinessCaseStatus = "draft";
    for (const [who, to, reason, uid, name] of steps) {
      const res = await decide(who, w, id, { to, reason: `  ${reason} ` });
      expect(res.status, res.text).toBe(200);
      expect(res.json).toEqual({ businessCase: { id, status: to }, decision: { businessCaseId: id, from, to, reason, userId: uid, userName: name, at: expect.any(String), dutiesSeparated: true } });
      from = to;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const logs = await Promise.all([w.a.admin, w.a.director, w.a.cx, w.a.board].map((who) => decisions(who, w, id)));
    for (const res of logs) expect(res.json).toEqual(logs[0]!.json);
    const log = logs[0]!.json.decisions as { from: string; to: string; reason: string; userId: string; at: string }[];
    expect(log.map((d) => `${d.from}→${d.to}`)).toEqual([
      "draft→submitted",
      "submitted→deferred",
      "deferred→draft",
      "draft→submitted",
      "submitted→rejected",
      "rejected→draft",
      "draft→submitted",
      "submitted→approved",
    ]);
    expect(log.map((d) => [d.reason, d.userId])).toEqual(steps.map(([, , reason, uid]) => [reason, uid]));
    const times = log.map((d) => Date.parse(d.at));
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
    const row = await caseRow(w.client, id);
    expect(row.approved_at).toBe(log.at(-1)!.at);
  });

  test("a case without steps has an empty history", async () => {
    const w = await world();
    expect((await decisions(w.a.director, w, await caseAt(w))).json).toEqual({ decisions: [] });
  });

  test("two board members deciding at the same moment (and CX ops withdrawing): exactly one wins, the others hear the move is gone", async () => {
    const w = await world();
    for (let round = 0; round < 5; round++) {
      const id = await caseAt(w, "submitted");
      const results = await Promise.all([
        decide(w.a.board, w, id, { to: "approved", reason: "Board approves" }),
        decide(w.a.admin, w, id, { to: "rejected", reason: "Admin rejects" }),
        decide(w.a.cx, w, id, { to: "draft", reason: "Withdrawn" }),
      ]);
      const ok = results.filter((r) => r.status === 200);
      expect(ok, results.map((r) => r.text).join("\n")).toHaveLength(1);
      for (const r of results.filter((r) => r.status !== 200)) expectRefusal(r, "move_not_allowed");
      const log = (await decisions(w.a.cx, w, id)).json.decisions;
      expect(log).toHaveLength(1);
      expect((await caseRow(w.client, id)).status).toBe(ok[0]!.json.businessCase.status);
    }
  });
});

describe("sync of business cases", () => {
  test("after approval, pull carries status and approvedAt with server clocks later than before, and the decision; a device edit is refused and leaves all alone", async () => {
    const w = await world();
    const id = await caseAt(w, "submitted");
    const { cursor } = await pullAll(w.a.board, w.a.orgId);
    const ahead = `${new Date(Date.now() + 5 * 60_000).toISOString()}-0003-0000000000000000`;
    const raw = await caseRow(w.client, id);
    await w.client.execute({ sql: "update business_cases set clocks = ? where id = ?", args: [JSON.stringify({ ...JSON.parse(String(raw.clocks)), status: ahead }), id] });

    const res = await decide(w.a.board, w, id, { to: "approved", reason: "Go" });
    expect(res.status, res.text).toBe(200);
    const after = await pullAll(w.a.director, w.a.orgId, cursor);
    const record = after.changes.get(`business_case:${id}`)!;
    expect(record.fields).toMatchObject({ status: "approved", approvedAt: res.json.decision.at });
    expect(record.clocks!.status! > ahead).toBe(true);
    expect(record.clocks!.approvedAt).toBe(record.clocks!.status);
    expect(parseHlc(record.clocks!.status!)!.node).toBe(SERVER_NODE);
    const decision = [...after.changes.values()].find((c) => c.entity === "business_case_decision")!;
    expect(decision.fields).toEqual(res.json.decision);

    const late = await pushOk(w.a.cx, w.a.orgId, [mutation("business_case", id, { summary: "Edited offline" }, hlcAt(60_000, NODE_B))]);
    expect(late.results[0]).toMatchObject({ status: "rejected", error: { code: "locked" } });
    const edited = (await serverRecord(w.a.board, w.a.orgId, "business_case", id))!;
    expect(edited.fields).toMatchObject({ status: "approved", approvedAt: res.json.decision.at });
    expect(edited.fields.summary).not.toBe("Edited offline");
  });

  test("a push that sets status or approvedAt is rejected and changes nothing", async () => {
    const w = await world();
    const id = await caseAt(w);
    const before = await snapshot(w.client);
    const body = await pushOk(w.a.admin, w.a.orgId, [
      mutation("business_case", randomUUID(), { title: "Born approved", status: "approved" }, hlcAt(70_000)),
      mutation("business_case", id, { approvedAt: new Date().toISOString() }, hlcAt(70_001)),
    ]);
    expect(body.results.map((r) => r.error?.code)).toEqual(["validation_failed", "validation_failed"]);
    expect(await snapshot(w.client)).toEqual(before);
  });
});

describe("benefits delivered", () => {
  test("an unapproved case answers an empty list; once approved, each quarter's target and actual come from the KPI's measurements", async () => {
    const w = await world();
    const kpiId = (await rows(w.client, "select id from kpis where org_id = ? and name = 'Conversion'", [w.a.orgId]))[0]!.id as string;
    const id = await caseAt(w, "submitted", { ...readyCaseFields(), kpiId, baseline: 0.2 });
    for (const who of [w.a.director, w.a.cx, w.a.board, w.a.admin]) expect((await benefits(who, w, id)).json).toEqual({ quarters: [], promised: 0, delivered: 0 });

    expect((await decide(w.a.board, w, id, { to: "approved", reason: "Go" })).status).toBe(200);
    // Approved on the first day of a quarter some 200 days ago, so the tracking spans several whole
    // quarters of demo measurements (shared/business-cases/benefits.test.ts covers a part quarter).
    const back = new Date(Date.now() - 200 * 86_400_000);
    const approvedAt = new Date(Date.UTC(back.getUTCFullYear(), Math.floor(back.getUTCMonth() / 3) * 3, 1, 9));
    await w.client.execute({ sql: "update business_cases set approved_at = ? where id = ?", args: [approvedAt.toISOString(), id] });
    const res = await benefits(w.a.director, w, id);
    expect(res.status, res.text).toBe(200);

    const quarter = (d: Date) => `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
    const measured = await rows(w.client, "select period_start, value from kpi_measurements where kpi_id = ? and deleted_at is null", [kpiId]);
    const expected: { quarter: string; target: number; actual: number | null }[] = [];
    for (let d = new Date(Date.UTC(approvedAt.getUTCFullYear(), Math.floor(approvedAt.getUTCMonth() / 3) * 3, 1)); d <= new Date(); d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 1))) {
      const values = measured.filter((m) => quarter(new Date(String(m.period_start))) === quarter(d)).map((m) => Number(m.value));
      // Only store-level values in the demo: their mean, in percent, against a 20 % baseline.
      const actual = values.length ? ((values.reduce((a, b) => a + b, 0) / values.length / 100 - 0.2) * 400_000 * 35) / 4 : null;
      expected.push({ quarter: quarter(d), target: (400_000 * 0.0225 * 35) / 4, actual });
    }
    expect(expected.some((q) => q.actual !== null)).toBe(true);
    expect(expected.some((q) => q.actual === null)).toBe(true);
    expect(res.json.quarters.map((q: { quarter: string }) => q.quarter)).toEqual(expected.map((q) => q.quarter));
    for (const [i, q] of expected.entries()) {
      expect(res.json.quarters[i].target).toBeCloseTo(q.target, 6);
      if (q.actual === null) expect(res.json.quarters[i].actual).toBeNull();
      else expect(res.json.quarters[i].actual).toBeCloseTo(q.actual, 6);
    }
    expect(res.json.promised).toBeCloseTo(expected.length * 78_750, 6);
    expect(res.json.delivered).toBeCloseTo(expected.reduce((s, q) => s + (q.actual ?? 0), 0), 6);
  });
});

describe("the demo case", () => {
  test("is submitted, built on the won experiment with the lift of its result, with its submission in the history", async () => {
    const w = await world();
    const { changes } = await pullAll(w.a.board, w.a.orgId);
    const all = [...changes.values()];
    const cases = all.filter((c) => c.entity === "business_case");
    expect(cases).toHaveLength(1);
    const demo = cases[0]!;
    const won = all.find((c) => c.entity === "experiment" && c.fields.status === "won")!;
    const result = (won.fields.results as { control: { users: number; conversions: number }; treatment: { users: number; conversions: number } }[])[0]!;
    const compared = compareProportions(result.control, result.treatment);
    if (!compared.ok) throw new Error("demo result does not compare");
    expect(demo.fields).toMatchObject({
      status: "submitted",
      approvedAt: null,
      experimentIds: [won.entityId],
      kpiId: won.fields.primaryKpiId,
      baseline: 0.205,
      lift: { low: compared.value.ciAbsolute[0], base: compared.value.absoluteLift, high: compared.value.ciAbsolute[1] },
      annualVolume: 400_000,
      valuePerUnit: 35,
      investment: 120_000,
      runningCostPerYear: 20_000,
      horizonYears: 3,
      discountRate: 0.08,
    });
    expect((demo.fields.options as { doNothing: boolean }[]).some((o) => o.doNothing)).toBe(true);
    expect(demo.fields.risks).toHaveLength(2);
    const names = Object.keys(businessCaseFields.shape);
    const fields = Object.fromEntries(names.map((n) => [n, demo.fields[n]]));
    expect(businessCaseFields.safeParse(fields).success).toBe(true);
    expect(Object.keys(demo.clocks!).sort()).toEqual([...names, "status"].sort());
    for (const clock of Object.values(demo.clocks!)) expect(parseHlc(clock)?.node).toBe(SERVER_NODE);
    // Its evidence: findings of the organisation, which the won experiment also points at.
    const findingIds = new Set(all.filter((c) => c.entity === "finding").map((c) => c.entityId));
    expect((demo.fields.findingIds as string[]).every((f) => findingIds.has(f))).toBe(true);
    expect((won.fields.findingIds as string[]).length).toBeGreaterThan(0);
    expect((won.fields.findingIds as string[]).every((f) => findingIds.has(f))).toBe(true);

    const log = (await decisions(w.a.board, w, demo.entityId)).json.decisions;
    expect(log.map((d: { from: string; to: string; userName: string }) => `${d.from}→${d.to} ${d.userName}`)).toEqual(["draft→submitted Chris CX"]);
    // The board can take it from here.
    expect((await decide(w.a.board, w, demo.entityId, { to: "approved", reason: "Approved" })).status).toBe(200);
  });
});
