/**
 * The lifecycle contract of both kinds of record that move with a reason and a logged decision:
 * experiments (`POST …/experiments/:id/transitions`) and business cases (`POST
 * …/business-cases/:id/decisions`), each with `GET …/:id/decisions`. One table of the two kinds
 * drives every check they share — moves allowed and refused per role (computed from the rule
 * book, shared/permissions.ts, with hand-written anchors), reasons, readiness, 404s, separation of
 * duties, the decision log's shape — and what only one kind has stays as its own cases below.
 */
import type { Client } from "@libsql/client";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { caseLifecycle } from "../../shared/business-cases/lifecycle";
import { experimentLifecycle } from "../../shared/experiments/lifecycle";
import { shiftDay } from "../../shared/experiments/pilot-result";
import type { HistoryEntry } from "../../shared/history";
import { checkSeparation, separationEnforced, type Move } from "../../shared/permissions";
import { ROLES, type Role } from "../../shared/roles";
import { expectError, issuePaths, prepareWorld, snapshot, world, agentsByRole, userIds, newMember } from "../support/api";
import { deletion, hlcAt, mutation, NODE_B, pushApplied, pushOk, readyCaseFields, serverRecord, userId } from "../support/sync";
import { BUSINESS_CASE_STATUSES, EXPERIMENT_STATUSES } from "../../shared/enums";

type World = Awaited<ReturnType<typeof world>>;
type Agent = World["a"]["admin"];

beforeAll(prepareWorld, 120_000);


async function rows(client: Client, sql: string, args: (string | number)[] = []) {
  const rs = await client.execute({ sql, args });
  return rs.rows.map((row) => Object.fromEntries(rs.columns.map((col, i) => [col, row[i]]))) as Record<string, any>[];
}

const groupBy = <T,>(items: T[], key: (item: T) => string) => {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
};

/** One kind of record that moves through a lifecycle, and what its contract says. */
interface Kind {
  entity: "experiment" | "business_case";
  table: string;
  decisionTable: string;
  decisionKey: string;
  /** The answer's key for the moved record, and each decision's key for its id. */
  recordKey: string;
  idKey: string;
  statuses: readonly string[];
  moves: readonly Move<string>[];
  /** The lifecycle's own check (shared/experiments/lifecycle.ts, shared/business-cases/lifecycle.ts): the move, its roles, readiness. */
  check: (from: any, to: any, role: Role, fields: any) => { ok: boolean; code?: string };
  /** The status a record starts at, and the move that puts it before the approvers. */
  start: string;
  proposal: string;
  /** Who may make the proposal move (the proposer is always someone other than the actor). */
  proposers: Role[];
  post: (w: World, id: string) => string;
  log: (w: World, id: string) => string;
  /** Other reads of one record that answer 404 like the log. */
  reads: ((w: World, id: string) => string)[];
  /** Fields that satisfy every readiness gap, so only the move and the role decide. */
  ready: (w: World) => Record<string, unknown>;
  /** The move that asks for readiness: from where, and to where. */
  readyFrom: string;
  readyFor: string;
  /** Refusal messages, word for word: a role that may not, a move that does not exist. */
  roleRefusal: { from: string; to: string; role: Role; message: string };
  moveRefusal: { from: string; to: string; message: string };
  /** Moves out of a final status that nobody may make. */
  final: [string, string][];
  /** A valid move for the request checks, and an unknown field a client might send along. */
  sample: { from: string; to: string; role: Role; extraField: string };
  /** A record's whole path through the lifecycle: who moves it where, and why. */
  path: [Role, string, string][];
  /** Server columns a move stamps with its time on entering a status (`approved_at`). */
  stamps: Record<string, string>;
  /** Moves that race from the proposal: exactly one may win. */
  race: [Role, string, string][];
  /** An organisation B record (the would-be target of A's members). */
  other: (w: World) => string;
}

const KINDS: Kind[] = [
  {
    entity: "experiment",
    table: "experiments",
    decisionTable: "experiment_decisions",
    decisionKey: "experiment_id",
    recordKey: "experiment",
    idKey: "experimentId",
    statuses: EXPERIMENT_STATUSES,
    moves: experimentLifecycle.moves,
    check: experimentLifecycle.check,
    start: "idea",
    proposal: "proposed",
    proposers: ["executive", "cx_ops"],
    post: (w, id) => `/api/orgs/${w.a.orgId}/experiments/${id}/transitions`,
    log: (w, id) => `/api/orgs/${w.a.orgId}/experiments/${id}/decisions`,
    reads: [],
    ready: (w) => ({
      primaryKpiId: w.aIds.kpiId,
      baseline: 0.2,
      requiredSampleSize: 2500,
      plan: [{ id: randomUUID(), title: "Brief the store team", ownerId: w.aIds.memberId, dueDate: null, done: false }],
    }),
    readyFrom: "approved",
    readyFor: "running",
    roleRefusal: { from: "proposed", to: "approved", role: "cx_ops", message: "Only admin or board may move an experiment from proposed to approved" },
    moveRefusal: { from: "proposed", to: "won", message: "An experiment cannot move from proposed to won" },
    // A terminal status has no way out, not even to stopped.
    final: [
      ["scaled", "stopped"],
      ["stopped", "stopped"],
    ],
    sample: { from: "idea", to: "proposed", role: "cx_ops", extraField: "from" },
    path: [
      ["executive", "proposed", "Seen on the floor: queues at the tills"],
      ["board", "approved", "Cheap to try in one store"],
      ["cx_ops", "running", "Tablets are live in Amsterdam"],
      ["cx_ops", "analysing", "Four weeks done"],
      ["cx_ops", "won", "Conversion up two points"],
      ["board", "scaled", "Roll out to every store"],
    ],
    stamps: {},
    // After either approval there is no way from approved back to idea, and the other way round.
    race: [
      ["admin", "approved", "Admin approves"],
      ["board", "approved", "Board approves"],
      ["cx_ops", "idea", "cx sends it back"],
    ],
    other: (w) => w.bIds.experimentId,
  },
  {
    entity: "business_case",
    table: "business_cases",
    decisionTable: "business_case_decisions",
    decisionKey: "business_case_id",
    recordKey: "businessCase",
    idKey: "businessCaseId",
    statuses: BUSINESS_CASE_STATUSES,
    moves: caseLifecycle.moves,
    check: caseLifecycle.check,
    start: "draft",
    proposal: "submitted",
    proposers: ["cx_ops", "admin"],
    post: (w, id) => `/api/orgs/${w.a.orgId}/business-cases/${id}/decisions`,
    log: (w, id) => `/api/orgs/${w.a.orgId}/business-cases/${id}/decisions`,
    reads: [(w, id) => `/api/orgs/${w.a.orgId}/business-cases/${id}/benefits`],
    ready: () => readyCaseFields(),
    readyFrom: "draft",
    readyFor: "submitted",
    roleRefusal: { from: "submitted", to: "approved", role: "cx_ops", message: "Only admin or board may move a business case from submitted to approved" },
    moveRefusal: { from: "draft", to: "approved", message: "A business case cannot move from draft to approved" },
    // An approved case is final: not even an admin can send it back.
    final: [["approved", "draft"]],
    sample: { from: "submitted", to: "approved", role: "board", extraField: "approvedAt" },
    // Deferred, revised and resubmitted, rejected, revised again, then approved: every round is kept.
    path: [
      ["cx_ops", "submitted", "Pilot won; ready for the board"],
      ["board", "deferred", "Show the low scenario with a smaller roll-out"],
      ["cx_ops", "draft", "Revising: two stores first"],
      ["cx_ops", "submitted", "Resubmitted with a two-store start"],
      ["admin", "rejected", "Budget frozen this quarter"],
      ["cx_ops", "draft", "Next quarter's budget"],
      ["cx_ops", "submitted", "Third round"],
      ["board", "approved", "Approved for all stores"],
    ],
    stamps: { approved_at: "approved" },
    // Two board members deciding at the same moment, and CX ops withdrawing.
    race: [
      ["board", "approved", "Board approves"],
      ["admin", "rejected", "Admin rejects"],
      ["cx_ops", "draft", "Withdrawn"],
    ],
    other: (w) => w.bIds.caseId,
  },
];

const NAMES: Record<Role, string> = { admin: "Anouk Admin", executive: "Daan Directeur", cx_ops: "Chris CX", board: "Bea Bestuur" };
const NOT_FOUND = { error: { code: "not_found", message: "Not found" } };

let hlcOffset = 0;
/** A new record pushed by `who` (CX ops unless said); `status` (server-owned) is then put in place directly, as test set-up. */
async function recordAt(w: World, kind: Kind, status = kind.start, fields: Record<string, unknown> = kind.ready(w), who: Agent = w.a.cx) {
  const id = randomUUID();
  await pushApplied(who, w.a.orgId, [mutation(kind.entity, id, { title: `Record ${id.slice(0, 4)}`, ...fields }, hlcAt(hlcOffset++, NODE_B))]);
  if (status !== kind.start) await w.client.execute({ sql: `update ${kind.table} set status = ? where id = ?`, args: [status, id] });
  return id;
}

const move = (who: Agent, w: World, kind: Kind, id: string, body: unknown) => who.post(kind.post(w, id), body);
const decisions = (who: Agent, w: World, kind: Kind, id: string) => who.get(kind.log(w, id));
const statusOf = async (w: World, kind: Kind, id: string) => String((await rows(w.client, `select status from ${kind.table} where id = ?`, [id]))[0]!.status);
const decisionCount = async (w: World, kind: Kind, id: string) => Number((await rows(w.client, `select count(*) as n from ${kind.decisionTable} where ${kind.decisionKey} = ?`, [id]))[0]!.n);

/**
 * The HTTP status of each refusal: who asks (a wrong role, one's own proposal) is a 403, as on
 * every other route; what the record is (no such move from its status, something missing) a 409.
 */
const REFUSAL_STATUS: Record<string, number> = { role_not_allowed: 403, own_proposal: 403, move_not_allowed: 409, not_ready: 409, gate_reason_required: 409 };

/** A refusal from the lifecycle: its status, the one error shape, with issues only when something is missing (fields, or a reason past the gates). */
function expectRefusal(res: { status: number; json: any; text: string }, code: string) {
  expect(res.status, res.text).toBe(REFUSAL_STATUS[code]);
  expect(res.json.error.code).toBe(code);
  expect(typeof res.json.error.message).toBe("string");
  expect(Object.keys(res.json)).toEqual(["error"]);
  const listsIssues = code === "not_ready" || code === "gate_reason_required";
  expect(Object.keys(res.json.error).sort()).toEqual(listsIssues ? ["code", "issues", "message"] : ["code", "message"]);
}


describe.each(KINDS)("$entity: who may move it where", (kind) => {
  test("200 exactly when the move's roles include the role (the answer and the log say so), else 403 role_not_allowed; a refusal changes nothing", async () => {
    const w = await world();
    const agents = agentsByRole(w);
    const ids = await userIds(w);
    // One record ready for each move and role, pushed by CX ops; a record before the approvers
    // was put there by a real move of someone other than the actor, the other statuses directly.
    const plan = kind.moves.flatMap((m) => ROLES.map((role) => ({ move: m, role, id: randomUUID(), fields: kind.ready(w) })));
    await pushApplied(
      w.a.cx,
      w.a.orgId,
      plan.map((p, i) => mutation(kind.entity, p.id, { title: `${p.role} ${p.move.from}→${p.move.to}`, ...p.fields }, hlcAt(100 + i, NODE_B))),
    );
    const direct = plan.filter((p) => p.move.from !== kind.start && p.move.from !== kind.proposal);
    for (const [status, group] of groupBy(direct, (p) => p.move.from)) {
      for (let i = 0; i < group.length; i += 200) {
        const part = group.slice(i, i + 200).map((p) => p.id);
        await w.client.execute({ sql: `update ${kind.table} set status = ? where id in (${part.map(() => "?").join(",")})`, args: [status, ...part] });
      }
    }
    const proposedBy = new Map<string, string>();
    for (const p of plan.filter((p) => p.move.from === kind.proposal)) {
      const proposer = kind.proposers.find((r) => r !== p.role)!;
      const res = await move(agents[proposer], w, kind, p.id, { to: kind.proposal, reason: "Ready for a decision" });
      expect(res.status, res.text).toBe(200);
      proposedBy.set(p.id, ids[proposer]);
    }

    const problems: string[] = [];
    for (const { move: m, role, id, fields } of plan) {
      const name = `${role} ${m.from}→${m.to}`;
      const check = kind.check(m.from, m.to, role, fields);
      const separated = checkSeparation(kind.entity, m.from, m.to, { id: ids[role], role }, { enforced: true, proposedBy: proposedBy.get(id) ?? null, authorId: ids.cx_ops });
      const expected = !check.ok ? check.code : !separated.ok ? separated.code : "ok";
      // With the proposal someone else's, the model's answer is the move's roles.
      if ((expected === "ok") !== m.roles.includes(role)) problems.push(`${name}: the model says ${expected} but the move's roles are ${m.roles.join(", ")}`);
      if (expected !== "ok" && expected !== "role_not_allowed") problems.push(`${name}: the model says ${expected}, the set-up meant only the role to decide`);

      const decisionsBefore = await decisionCount(w, kind, id);
      const res = await move(agents[role], w, kind, id, { to: m.to, reason: `${role} moves it` });
      const status = await statusOf(w, kind, id);
      const decisionsAfter = await decisionCount(w, kind, id);
      if (expected === "ok") {
        if (res.status !== 200 || res.json[kind.recordKey]?.status !== m.to) problems.push(`${name}: server ${res.status} ${res.text}, model ok`);
        else if (res.json.decision?.dutiesSeparated !== true) problems.push(`${name}: decision ${JSON.stringify(res.json.decision)} does not record separated duties`);
        if (status !== m.to || decisionsAfter !== decisionsBefore + 1) problems.push(`${name}: status ${status}, ${decisionsAfter - decisionsBefore} decisions logged`);
      } else {
        if (res.status !== 403 || res.json?.error?.code !== expected) problems.push(`${name}: server ${res.status} ${res.text}, model 403 ${expected}`);
        if (status !== m.from || decisionsAfter !== decisionsBefore) problems.push(`${name}: refused, but the status is ${status} and ${decisionsAfter - decisionsBefore} decisions were logged`);
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);

  test("a move the lifecycle does not have is a 409 move_not_allowed for everyone, and changes nothing", async () => {
    const w = await world();
    const agents = agentsByRole(w);
    const byStatus = new Map<string, string>();
    for (const status of kind.statuses) byStatus.set(status, await recordAt(w, kind, status));
    const before = await snapshot(w.client);
    const problems: string[] = [];
    let pairs = 0;
    for (const from of kind.statuses) {
      for (const to of kind.statuses) {
        if (kind.moves.some((m) => m.from === from && m.to === to)) continue;
        pairs++;
        for (const role of ROLES) {
          const res = await move(agents[role], w, kind, byStatus.get(from)!, { to, reason: "Let's try" });
          if (res.status !== 409 || res.json?.error?.code !== "move_not_allowed") problems.push(`${role} ${from}→${to}: ${res.status} ${res.text}`);
        }
      }
    }
    expect(pairs).toBe(kind.statuses.length ** 2 - kind.moves.length);
    expect(problems).toEqual([]);
    expect(await snapshot(w.client)).toEqual(before);
  }, 30_000);

  test("the refusals say why: the move, or the roles that may make it", async () => {
    const w = await world();
    const { roleRefusal, moveRefusal } = kind;
    const id = await recordAt(w, kind, roleRefusal.from);
    const byRole = await move(agentsByRole(w)[roleRefusal.role], w, kind, id, { to: roleRefusal.to, reason: "Looks good" });
    expectRefusal(byRole, "role_not_allowed");
    expect(byRole.json.error.message).toBe(roleRefusal.message);
    const other = moveRefusal.from === roleRefusal.from ? id : await recordAt(w, kind, moveRefusal.from);
    const skipping = await move(w.a.admin, w, kind, other, { to: moveRefusal.to, reason: "Obviously" });
    expectRefusal(skipping, "move_not_allowed");
    expect(skipping.json.error.message).toBe(moveRefusal.message);
    expect(await statusOf(w, kind, id)).toBe(roleRefusal.from);
  });

  test("a final status has no way out, not even for an admin", async () => {
    const w = await world();
    for (const [from, to] of kind.final) expectRefusal(await move(w.a.admin, w, kind, await recordAt(w, kind, from), { to, reason: "Again" }), "move_not_allowed");
  });

  test("a role that may not make the move that needs readiness hears that first, not what is missing", async () => {
    const w = await world();
    const id = await recordAt(w, kind, kind.readyFrom, {});
    expectRefusal(await move(w.a.board, w, kind, id, { to: kind.readyFor, reason: "Go" }), "role_not_allowed");
  });
});

describe.each(KINDS)("$entity: the move request", (kind) => {
  const { to } = kind.sample;
  test.each([
    ["no reason", { to }, ["reason"]],
    ["an empty reason", { to, reason: "" }, ["reason"]],
    ["a reason of spaces only", { to, reason: "   \n " }, ["reason"]],
    ["a reason that is not text", { to, reason: 5 }, ["reason"]],
    ["a reason over 2000 characters", { to, reason: "x".repeat(2001) }, ["reason"]],
    ["no target", { reason: "Because" }, ["to"]],
    ["an unknown status", { to: "archived", reason: "Because" }, ["to"]],
    ["an extra field", { to, reason: "Because", [kind.sample.extraField]: "2026-01-01" }, [kind.sample.extraField]],
  ])("%s is a 400 naming the field, and changes nothing", async (_label, body, paths) => {
    const w = await world();
    const id = await recordAt(w, kind, kind.sample.from);
    const before = await snapshot(w.client);
    const res = await move(agentsByRole(w)[kind.sample.role], w, kind, id, body);
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(paths);
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("malformed JSON is a 400 invalid_json", async () => {
    const w = await world();
    const id = await recordAt(w, kind, kind.sample.from);
    expectError(await agentsByRole(w)[kind.sample.role].request("POST", kind.post(w, id), `{"to": "${to}",`), 400, "invalid_json");
  });

  test("the reason is stored trimmed", async () => {
    const w = await world();
    const id = await recordAt(w, kind, kind.sample.from);
    const res = await move(agentsByRole(w)[kind.sample.role], w, kind, id, { to, reason: "  Worth a try \n" });
    expect(res.json.decision.reason).toBe("Worth a try");
    expect((await decisions(w.a.cx, w, kind, id)).json.decisions[0].reason).toBe("Worth a try");
  });

  test("an unknown, malformed, deleted or other organisation's record is a 404, for moves, the log and every other read", async () => {
    const w = await world();
    const deleted = await recordAt(w, kind);
    await pushApplied(w.a.cx, w.a.orgId, [deletion(kind.entity, deleted, hlcAt(50_000, NODE_B))]);
    const before = await snapshot(w.client);
    for (const id of [randomUUID(), "not-a-uuid", deleted, kind.other(w)]) {
      const res = await move(w.a.admin, w, kind, id, { to: kind.moves[0]!.to, reason: "Tidy up" });
      expect(res.status, id).toBe(404);
      expect(res.json).toEqual(NOT_FOUND);
      expect((await decisions(w.a.admin, w, kind, id)).json).toEqual(NOT_FOUND);
      for (const read of kind.reads) expect((await w.a.admin.get(read(w, id))).json).toEqual(NOT_FOUND);
    }
    expect(await snapshot(w.client)).toEqual(before);
    expect(await statusOf(w, kind, deleted)).toBe(kind.start);
  });
});

describe.each(KINDS)("$entity: the decision log", (kind) => {
  test("records who, when and why for every move, oldest first, and answers each move with the new status and its decision", async () => {
    const w = await world();
    const agents = agentsByRole(w);
    const ids = await userIds(w);
    const id = await recordAt(w, kind);
    let from = kind.start;
    const started = Date.now();
    for (const [role, to, reason] of kind.path) {
      const res = await move(agents[role], w, kind, id, { to, reason: `  ${reason} ` });
      expect(res.status, res.text).toBe(200);
      expect(Object.keys(res.json).sort()).toEqual(["decision", kind.recordKey].sort());
      expect(res.json[kind.recordKey]).toEqual({ id, status: to });
      expect(res.json.decision).toEqual({ [kind.idKey]: id, from, to, reason, userId: ids[role], userName: NAMES[role], at: expect.any(String), dutiesSeparated: true });
      from = to;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    // Every member reads the same log.
    const logs = await Promise.all([w.a.admin, w.a.director, w.a.cx, w.a.board].map((who) => decisions(who, w, kind, id)));
    for (const res of logs) expect(res.json).toEqual(logs[0]!.json);
    expect(Object.keys(logs[0]!.json)).toEqual(["decisions"]);
    const log = logs[0]!.json.decisions as { from: string; to: string; reason: string; userId: string; userName: string; at: string }[];
    const froms = [kind.start, ...kind.path.map(([, to]) => to)];
    expect(log.map((d) => `${d.from}→${d.to}`)).toEqual(kind.path.map(([, to], i) => `${froms[i]}→${to}`));
    expect(log.map((d) => [d.reason, d.userId, d.userName])).toEqual(kind.path.map(([role, , reason]) => [reason, ids[role], NAMES[role]]));
    const times = log.map((d) => Date.parse(d.at));
    for (const t of times) expect(t).toBeGreaterThanOrEqual(started - 1000);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
    expect(log.every((d) => new Date(Date.parse(d.at)).toISOString() === d.at)).toBe(true);
    // A stamp (a case's approval date) is the time of the move that set it.
    const row = (await rows(w.client, `select * from ${kind.table} where id = ?`, [id]))[0]!;
    for (const [column, status] of Object.entries(kind.stamps)) expect(row[column]).toBe(log.findLast((d) => d.to === status)!.at);
  });

  test("a record without moves has an empty log", async () => {
    const w = await world();
    expect((await decisions(w.a.board, w, kind, await recordAt(w, kind))).json).toEqual({ decisions: [] });
  });

  test("moves at the same moment from the proposal: exactly one succeeds, the others are told the move no longer exists", async () => {
    const w = await world();
    const agents = agentsByRole(w);
    for (let round = 0; round < 5; round++) {
      const id = await recordAt(w, kind, kind.proposal);
      const results = await Promise.all(kind.race.map(([role, to, reason]) => move(agents[role], w, kind, id, { to, reason })));
      const ok = results.filter((r) => r.status === 200);
      expect(ok, results.map((r) => r.text).join("\n")).toHaveLength(1);
      for (const r of results.filter((r) => r.status !== 200)) expectRefusal(r, "move_not_allowed");
      const log = (await decisions(w.a.cx, w, kind, id)).json.decisions;
      expect(log).toHaveLength(1);
      expect(log[0].from).toBe(kind.proposal);
      expect(await statusOf(w, kind, id)).toBe(ok[0]!.json[kind.recordKey].status);
    }
  });

  test("a move is a 'move' in the record's history, with its status from and to", async () => {
    const w = await world();
    const id = await recordAt(w, kind);
    const proposer = kind.proposers[0]!;
    expect((await move(agentsByRole(w)[proposer], w, kind, id, { to: kind.proposal, reason: "For a decision" })).status).toBe(200);
    const res = await w.a.cx.get(`/api/orgs/${w.a.orgId}/history/${kind.entity}/${id}`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.entries.map((e: HistoryEntry) => e.op)).toEqual(["move", "create"]);
    expect(res.json.entries[0]).toMatchObject({ by: { id: await userId(agentsByRole(w)[proposer]), name: NAMES[proposer] }, op: "move", fields: { status: { from: kind.start, to: kind.proposal } } });
  });
});

describe.each(KINDS)("$entity: separation of duties", (kind) => {
  /** Proposes (or submits) a fresh ready record, written by `author`, as `proposer`; returns its id. */
  async function proposed(w: World, proposer: Agent, author: Agent = w.a.cx) {
    const id = await recordAt(w, kind, kind.start, kind.ready(w), author);
    const res = await move(proposer, w, kind, id, { to: kind.proposal, reason: "For your approval" });
    expect(res.status, res.text).toBe(200);
    return id;
  }

  test("nobody approves what they proposed (403 own_proposal, nothing changes) unless a single admin switched it off; the decision says which", async () => {
    const w = await world();
    const ids = await userIds(w);
    const admin = { id: ids.admin, role: "admin" as const };
    const org = async () => (await w.a.admin.get(`/api/orgs/${w.a.orgId}`)).json;

    // On (the default): the admin may approve, but not their own proposal; the board may.
    expect(await org()).toMatchObject({ separationOfDuties: true, adminCount: 1 });
    const own = await proposed(w, w.a.admin);
    const verdict = checkSeparation(kind.entity, kind.proposal, "approved", admin, { enforced: separationEnforced(true, 1), proposedBy: ids.admin, authorId: ids.cx_ops });
    expect(verdict).toMatchObject({ ok: false, code: "own_proposal" }); // anchor
    const before = await snapshot(w.client);
    const refused = await move(w.a.admin, w, kind, own, { to: "approved", reason: "My own" });
    expectError(refused, 403, verdict.ok ? "" : verdict.code);
    expect(await snapshot(w.client)).toEqual(before);
    const byBoard = await move(w.a.board, w, kind, own, { to: "approved", reason: "Someone else's" });
    expect(byBoard.status, byBoard.text).toBe(200);
    expect(byBoard.json.decision.dutiesSeparated).toBe(true);

    // A role that may not approve at all hears that, not that it proposed it.
    const byCx = await proposed(w, w.a.cx);
    const cxRefused = await move(w.a.cx, w, kind, byCx, { to: "approved", reason: "My own" });
    expectRefusal(cxRefused, "role_not_allowed");

    // Switched off by the single admin: their own approval passes and is logged as not separated.
    const off = await w.a.admin.patch(`/api/orgs/${w.a.orgId}`, { separationOfDuties: false });
    expect(off.status, off.text).toBe(200);
    expect(off.json).toMatchObject({ separationOfDuties: false, adminCount: 1 });
    const second = await proposed(w, w.a.admin, w.a.admin);
    expect(checkSeparation(kind.entity, kind.proposal, "approved", admin, { enforced: separationEnforced(false, 1), proposedBy: ids.admin, authorId: ids.admin })).toEqual({ ok: true });
    const approved = await move(w.a.admin, w, kind, second, { to: "approved", reason: "Single admin, no one else to ask" });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json.decision).toMatchObject({ from: kind.proposal, to: "approved", userId: ids.admin, dutiesSeparated: false });
    const log = await decisions(w.a.board, w, kind, second);
    expect(log.status, log.text).toBe(200);
    expect(log.json.decisions.at(-1)).toMatchObject({ from: kind.proposal, to: "approved", dutiesSeparated: false });

    // A second admin: someone else can approve now, so the setting no longer switches it off.
    expect((await w.a.admin.patch(`/api/orgs/${w.a.orgId}/members/${ids.board}`, { role: "admin" })).status).toBe(200);
    expect(separationEnforced(false, 2)).toBe(true);
    const third = await proposed(w, w.a.admin);
    const again = await move(w.a.admin, w, kind, third, { to: "approved", reason: "My own again" });
    expectRefusal(again, "own_proposal");
    const onAgain = await w.a.admin.patch(`/api/orgs/${w.a.orgId}`, { separationOfDuties: false });
    expect(onAgain.status, onAgain.text).toBe(409);
    expect(onAgain.json.error.code).toBe("several_admins");
  }, 30_000);

  test("another admin or the board may approve what an admin proposed, and the record is approved", async () => {
    const w = await world();
    const secondAdmin = await newMember(w, "admin", "Ada Second Admin");
    for (const approver of [secondAdmin, w.a.board]) {
      const id = await proposed(w, w.a.admin);
      const before = await snapshot(w.client);
      expectError(await move(w.a.admin, w, kind, id, { to: "approved", reason: "I like my own idea" }), 403, "own_proposal");
      expect(await snapshot(w.client)).toEqual(before);
      const approved = await move(approver, w, kind, id, { to: "approved", reason: "Approved by someone else" });
      expect(approved.status, approved.text).toBe(200);
      expect(await statusOf(w, kind, id)).toBe("approved");
    }
  });

  test("an admin approving what they wrote is a 403 own_proposal even when CX ops proposed it", async () => {
    const w = await world();
    const id = await proposed(w, w.a.cx, w.a.admin);
    const before = await snapshot(w.client);
    expectError(await move(w.a.admin, w, kind, id, { to: "approved", reason: "Someone else proposed it" }), 403, "own_proposal");
    expect(await snapshot(w.client)).toEqual(before);
    expect((await move(w.a.board, w, kind, id, { to: "approved", reason: "The board approves" })).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// What only one kind has

const [EXPERIMENT, BUSINESS_CASE] = KINDS as [Kind, Kind];

describe("experiments: readiness before running (the plan before the hammer)", () => {
  const kind = EXPERIMENT;

  test("not_ready lists exactly the missing fields, shrinks as they are filled in, and the move passes once nothing is missing", async () => {
    const w = await world();
    const id = await recordAt(w, kind, "approved", {});
    const steps: [Record<string, unknown>, string[]][] = [
      [{}, ["baseline", "plan", "primaryKpiId", "requiredSampleSize"]],
      [{ primaryKpiId: w.aIds.kpiId }, ["baseline", "plan", "requiredSampleSize"]],
      // A baseline of 0 is a baseline (nothing converts yet), not a missing one.
      [{ baseline: 0 }, ["plan", "requiredSampleSize"]],
      [{ requiredSampleSize: 3000 }, ["plan"]],
      // A building block nobody owns is not a plan yet.
      [{ plan: [{ id: randomUUID(), title: "Order tablets", ownerId: null, dueDate: "2025-05-01", done: false }] }, ["plan"]],
    ];
    for (const [i, [fields, missing]] of steps.entries()) {
      if ("plan" in fields) {
        // The plan is how it will be run: still open once approved.
        await pushApplied(w.a.cx, w.a.orgId, [mutation("experiment", id, fields, hlcAt(1000 + i, NODE_B))]);
      } else if (Object.keys(fields).length > 0) {
        // The scope is locked once approved: it is sent back for revision, filled in and approved again.
        const locked = await pushOk(w.a.cx, w.a.orgId, [mutation("experiment", id, fields, hlcAt(1000 + i, NODE_B))]);
        expect(locked.results[0]).toMatchObject({ status: "rejected", error: { code: "locked" } });
        expect((await move(w.a.admin, w, kind, id, { to: "proposed", reason: "Revise the scope" })).status).toBe(200);
        await pushApplied(w.a.cx, w.a.orgId, [mutation("experiment", id, fields, hlcAt(1000 + i, NODE_B))]);
        expect((await move(w.a.board, w, kind, id, { to: "approved", reason: "Revised scope approved" })).status).toBe(200);
      }
      const before = await snapshot(w.client);
      const res = await move(w.a.cx, w, kind, id, { to: "running", reason: "Ready to go" });
      expectRefusal(res, "not_ready");
      expect(issuePaths(res.json), JSON.stringify(fields)).toEqual(missing);
      for (const issue of res.json.error.issues) expect(Object.keys(issue).sort()).toEqual(["message", "path"]);
      expect(res.json.error.message).toMatch(/^Before it can run, /);
      expect(await snapshot(w.client)).toEqual(before);
    }
    await pushApplied(w.a.cx, w.a.orgId, [
      mutation("experiment", id, { plan: [{ id: randomUUID(), title: "Order tablets", ownerId: w.aIds.memberId, dueDate: "2025-05-01", done: false }] }, hlcAt(2000, NODE_B)),
    ]);
    const res = await move(w.a.cx, w, kind, id, { to: "running", reason: "Ready to go" });
    expect(res.status, res.text).toBe(200);
    expect(res.json.experiment).toEqual({ id, status: "running" });
  });

  test("a primary KPI that was deleted no longer counts: the experiment is not ready to run", async () => {
    const w = await world();
    const kpiId = randomUUID();
    await pushApplied(w.a.cx, w.a.orgId, [mutation("kpi", kpiId, { name: "Basket size", unit: "count", direction: "higher", kind: "mean", hard: true, description: "", archived: false }, hlcAt(3000, NODE_B))]);
    const ready = { primaryKpiId: kpiId, baseline: 2.1, requiredSampleSize: 500, plan: [{ id: randomUUID(), title: "Brief the stores", ownerId: w.aIds.memberId, dueDate: null, done: false }] };
    const id = await recordAt(w, kind, "approved", ready);
    await pushApplied(w.a.cx, w.a.orgId, [deletion("kpi", kpiId, hlcAt(3001, NODE_B))]);
    const res = await move(w.a.cx, w, kind, id, { to: "running", reason: "Ready to go" });
    expectRefusal(res, "not_ready");
    expect(issuePaths(res.json)).toEqual(["primaryKpiId"]);
  });

  test("readiness is only asked of the move to running: stopping an unready experiment works", async () => {
    const w = await world();
    const id = await recordAt(w, kind, "approved", {});
    expect((await move(w.a.cx, w, kind, id, { to: "stopped", reason: "No budget after all" })).status).toBe(200);
  });
});

describe("experiments: a win past a decision-quality gate needs an explicit reason", () => {
  const kind = EXPERIMENT;
  const conversion = (control: number, treatment: number) => ({ control: { users: control, conversions: Math.round(control * 0.2) }, treatment: { users: treatment, conversions: Math.round(treatment * 0.22) } });

  /** Two KPIs of its own (a rate and an NPS), and an A/B experiment in analysing with these figures. */
  async function analysing(w: World, figures: { primary: object; nps?: object }, extra: Record<string, unknown> = {}) {
    const [rate, nps] = [randomUUID(), randomUUID()];
    await pushApplied(w.a.cx, w.a.orgId, [
      mutation("kpi", rate, { name: "Checkout conversion", unit: "percent", direction: "higher", kind: "proportion", hard: true }, hlcAt(hlcOffset++, NODE_B)),
      mutation("kpi", nps, { name: "NPS", unit: "score", direction: "higher", kind: "mean", hard: false }, hlcAt(hlcOffset++, NODE_B)),
    ]);
    const results = [{ kpiId: rate, ...figures.primary }, ...(figures.nps ? [{ kpiId: nps, ...figures.nps }] : [])];
    const id = await recordAt(w, kind, "analysing", { ...kind.ready(w), primaryKpiId: rate, guardrailKpiIds: [nps], design: "ab_split", requiredSampleSize: 14_751, results, ...extra });
    return { id, rate, nps };
  }
  const experimentRow = async (w: World, id: string) => (await rows(w.client, "select status, verdict_gates, gate_reason from experiments where id = ?", [id]))[0]!;

  test("an SRM, a hurt guardrail and a short sample: refused (409 gate_reason_required, each gate an issue) without the reason, nothing changes", async () => {
    const w = await world();
    // 10,000 against 8,000 on an even split; NPS 41 → 39.4 (p ≈ 0.046); 8,000 of the 14,751 needed per group.
    const { id } = await analysing(w, { primary: conversion(10_000, 8_000), nps: { control: { n: 5_000, mean: 41, sd: 40 }, treatment: { n: 5_000, mean: 39.4, sd: 40 } } });
    const before = await snapshot(w.client);
    for (const body of [{ to: "won", reason: "Conversion is up" }, { to: "won", reason: "Conversion is up", gateReason: "   " }]) {
      const res = await move(w.a.cx, w, kind, id, body);
      expectRefusal(res, "gate_reason_required");
      expect(res.json.error.message).toBe("Declaring this experiment won needs a reason past its warnings (gateReason)");
      expect(res.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["gateReason", "gateReason", "gateReason"]);
      expect(res.json.error.issues.map((i: { message: string }) => i.message)).toEqual([
        "The groups are not what was planned: a sample-ratio mismatch on Checkout conversion (p < 0.001)",
        "The sample is short: 8,000 of the 14,751 per group needed",
        "The guardrail NPS is significantly worse (p = 0.046)",
      ]);
    }
    expect(await snapshot(w.client)).toEqual(before);
    // A verdict that is not a win needs no more than its usual reason.
    expect((await move(w.a.cx, w, kind, id, { to: "inconclusive", reason: "The split broke" })).status).toBe(200);
  });

  test("with the reason it is won: the gates and the reason are stored on the experiment, pulled by devices, and cleared when the verdict is reopened", async () => {
    const w = await world();
    const { id, rate } = await analysing(w, { primary: conversion(10_000, 10_000) });
    const res = await move(w.a.cx, w, kind, id, { to: "won", reason: "Conversion is up two points", gateReason: "  Seasonal peak ends next week; the trend is clear " });
    expect(res.status, res.text).toBe(200);
    expect(res.json.experiment).toEqual({ id, status: "won" });
    expect(await experimentRow(w, id)).toEqual({
      status: "won",
      verdict_gates: JSON.stringify([{ code: "short_sample", kpiId: rate, pValue: null, count: 10_000, required: 14_751 }]),
      gate_reason: "Seasonal peak ends next week; the trend is clear",
    });
    const pulled = await serverRecord(w.a.board, w.a.orgId, "experiment", id);
    expect(pulled!.fields).toMatchObject({ status: "won", verdictGates: [{ code: "short_sample", kpiId: rate, count: 10_000, required: 14_751 }], gateReason: "Seasonal peak ends next week; the trend is clear" });
    // Devices cannot write them: they are the server's record of the verdict.
    const forged = await pushOk(w.a.cx, w.a.orgId, [mutation("experiment", id, { gateReason: "nothing to see" }, hlcAt(hlcOffset++, NODE_B))]);
    expect(forged.results[0]!.status).toBe("rejected");

    expect((await move(w.a.admin, w, kind, id, { to: "analysing", reason: "Reopened: recount the groups" })).status).toBe(200);
    expect(await experimentRow(w, id)).toEqual({ status: "analysing", verdict_gates: null, gate_reason: null });
  });

  test("a clean win needs no more than its reason, and records that no gate stood in its way", async () => {
    const w = await world();
    const { id } = await analysing(w, { primary: conversion(15_000, 15_000), nps: { control: { n: 5_000, mean: 41, sd: 40 }, treatment: { n: 5_000, mean: 41.5, sd: 40 } } });
    const res = await move(w.a.cx, w, kind, id, { to: "won", reason: "Up two points, NPS held", gateReason: "Not needed" });
    expect(res.status, res.text).toBe(200);
    expect(await experimentRow(w, id)).toEqual({ status: "won", verdict_gates: "[]", gate_reason: null });
  });
});

describe("store pilots: a win past a guardrail measured worse needs an explicit reason", () => {
  const kind = EXPERIMENT;
  const monday = (week: number) => new Date(Date.UTC(2025, 0, 6 + 7 * week)).toISOString().slice(0, 10);

  /**
   * A pilot of two stores against two control stores in analysing, read on its own NPS KPI's
   * weekly values: 8 weeks before week 8 and 6 from it, the pilot stores' NPS moving by `npsEffect`.
   */
  async function pilotInAnalysis(w: World, npsEffect: number) {
    const stores = (await rows(w.client, "select id from locations where org_id = ? and kind = 'store' order by name limit 4", [w.a.orgId])).map((r) => String(r.id));
    const [pilot, control] = [stores.slice(0, 2), stores.slice(2, 4)];
    const nps = randomUUID();
    const values = stores.flatMap((locationId, s) =>
      Array.from({ length: 14 }, (_, week) => {
        const value = 40 + s + ((s * 7 + week * 3) % 5) / 10 + (pilot.includes(locationId) && week >= 8 ? npsEffect : 0);
        return mutation("kpi_measurement", randomUUID(), { kpiId: nps, period: "week", periodStart: monday(week), locationId, segmentId: null, value, sampleSize: null, note: null }, hlcAt(hlcOffset++, NODE_B));
      }),
    );
    await pushApplied(w.a.cx, w.a.orgId, [mutation("kpi", nps, { name: "Store NPS", unit: "score", direction: "higher", kind: "mean", hard: false }, hlcAt(hlcOffset++, NODE_B)), ...values]);
    const window = { pilotStart: monday(8), pilotEnd: shiftDay(monday(13), 6), preFrom: monday(0) };
    // Typed figures that would be a sample-ratio mismatch and a short sample on an A/B test count for nothing here.
    const typed = [{ kpiId: w.aIds.kpiId, control: { users: 5_000, conversions: 1_000 }, treatment: { users: 4_000, conversions: 900 } }];
    const id = await recordAt(w, kind, "analysing", { ...kind.ready(w), requiredSampleSize: 14_751, results: typed, design: "pilot_control", pilotLocationIds: pilot, controlLocationIds: control, guardrailKpiIds: [nps], ...window });
    return { id, nps };
  }
  const experimentRow = async (w: World, id: string) => (await rows(w.client, "select status, verdict_gates, gate_reason from experiments where id = ?", [id]))[0]!;

  test("NPS down 3 points in the pilot stores against the control stores: refused without the reason (409, the gate as its issue), nothing changes; with it, won and the gate stored", async () => {
    const w = await world();
    const { id, nps } = await pilotInAnalysis(w, -3);
    const before = await snapshot(w.client);
    const refused = await move(w.a.cx, w, kind, id, { to: "won", reason: "Conversion is up in the pilot stores" });
    expectRefusal(refused, "gate_reason_required");
    expect(refused.json.error.issues).toEqual([{ path: "gateReason", message: "The guardrail Store NPS is significantly worse (p < 0.001)" }]);
    expect(await snapshot(w.client)).toEqual(before);

    const won = await move(w.a.cx, w, kind, id, { to: "won", reason: "Conversion is up in the pilot stores", gateReason: "NPS dipped in the weeks the checkers were installed" });
    expect(won.status, won.text).toBe(200);
    const row = await experimentRow(w, id);
    expect(row).toMatchObject({ status: "won", gate_reason: "NPS dipped in the weeks the checkers were installed" });
    expect(JSON.parse(String(row.verdict_gates))).toEqual([{ code: "guardrail_hurt", kpiId: nps, pValue: expect.any(Number), count: null, required: null }]);
  });

  test("a guardrail that held: won on its usual reason alone, no gate recorded", async () => {
    const w = await world();
    const { id } = await pilotInAnalysis(w, 0.05);
    const won = await move(w.a.cx, w, kind, id, { to: "won", reason: "Conversion is up, NPS held" });
    expect(won.status, won.text).toBe(200);
    expect(await experimentRow(w, id)).toEqual({ status: "won", verdict_gates: "[]", gate_reason: null });
  });
});

describe("business cases: before it goes to the board", () => {
  const kind = BUSINESS_CASE;

  test("only the board and admins take the board's decisions", () => {
    for (const to of ["approved", "rejected", "deferred"] as const) expect(caseLifecycle.moves.find((m) => m.to === to)!.roles).toEqual(["admin", "board"]);
  });

  test("submitting an empty case lists every gap as an issue, the list shrinks as fields are filled in, and the move passes when nothing is missing", async () => {
    const w = await world();
    const id = await recordAt(w, kind, "draft", {});
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
      const res = await move(w.a.cx, w, kind, id, { to: "submitted", reason: "For the board" });
      expectRefusal(res, "not_ready");
      expect(issuePaths(res.json), JSON.stringify(fields)).toEqual(missing);
      for (const issue of res.json.error.issues) expect(Object.keys(issue).sort()).toEqual(["message", "path"]);
      expect(res.json.error.message).toMatch(/^Before it goes to the board, /);
      expect(await snapshot(w.client)).toEqual(before);
    }
    await pushApplied(w.a.cx, w.a.orgId, [mutation("business_case", id, { options: ready.options }, hlcAt(20_000, NODE_B))]);
    const res = await move(w.a.cx, w, kind, id, { to: "submitted", reason: "For the board" });
    expect(res.status, res.text).toBe(200);
    expect(res.json.businessCase).toEqual({ id, status: "submitted" });
  });

  test("an overridden lift needs its reason before the case may be submitted", async () => {
    const w = await world();
    const id = await recordAt(w, kind, "draft", { ...readyCaseFields(), liftOverridden: true, liftOverrideReason: "  " });
    const refused = await move(w.a.cx, w, kind, id, { to: "submitted", reason: "Ready" });
    expectRefusal(refused, "not_ready");
    expect(issuePaths(refused.json)).toEqual(["liftOverrideReason"]);
    await pushApplied(w.a.cx, w.a.orgId, [mutation("business_case", id, { liftOverrideReason: "The pilot ran in the quiet season" }, hlcAt(20_200, NODE_B))]);
    expect((await move(w.a.cx, w, kind, id, { to: "submitted", reason: "Ready" })).status).toBe(200);
  });

  test("revised back to draft, it can be changed again and resubmitted", async () => {
    const w = await world();
    const id = await recordAt(w, kind, "submitted");
    expect((await move(w.a.board, w, kind, id, { to: "deferred", reason: "Show the web numbers too" })).status).toBe(200);
    expect((await move(w.a.cx, w, kind, id, { to: "draft", reason: "Adding the web numbers" })).status).toBe(200);
    await pushApplied(w.a.cx, w.a.orgId, [mutation("business_case", id, { annualVolume: 500_000 }, hlcAt(20_100, NODE_B))]);
    expect((await move(w.a.cx, w, kind, id, { to: "submitted", reason: "Now with the web" })).status).toBe(200);
    expect(Number((await rows(w.client, "select annual_volume from business_cases where id = ?", [id]))[0]!.annual_volume)).toBe(500_000);
    expect(await decisionCount(w, kind, id)).toBe(3);
  });
});
