import type { Client } from "@libsql/client";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { experimentLifecycle, readinessGaps } from "../../shared/experiments/lifecycle";
import { ROLES, type Role } from "../../shared/roles";
import { experimentFields } from "../../shared/schemas/experiment";
import { differenceInDifferences } from "../../shared/stats/did";
import { kpiFields, kpiMeasurementFields } from "../../shared/schemas/kpi";
import { parseHlc } from "../../shared/sync/hlc";
import type { PulledChange } from "../../shared/sync/protocol";
import { SERVER_NODE } from "../../server/experiments/server-clock";
import { prepareWorld, snapshot, world } from "../support/api";
import { hlcAt, mutation, NODE_B, pullAll, pushApplied, pushOk, serverRecord, statuses } from "../support/sync";
import type { ExperimentStatus } from "../../shared/enums";

type World = Awaited<ReturnType<typeof world>>;
type Agent = World["a"]["admin"];

beforeAll(prepareWorld, 120_000);

const agentsByRole = (w: World): Record<Role, Agent> => ({ admin: w.a.admin, executive: w.a.director, cx_ops: w.a.cx, board: w.a.board });

async function rows(client: Client, sql: string, args: (string | number)[] = []) {
  const rs = await client.execute({ sql, args });
  return rs.rows.map((row) => Object.fromEntries(rs.columns.map((col, i) => [col, row[i]])));
}
const experimentRow = async (client: Client, id: string) => (await rows(client, "select * from experiments where id = ?", [id]))[0]!;

/** Fields that satisfy every readiness gap, so only the move and the role decide. */
const readyFields = (w: World) => ({
  primaryKpiId: w.aIds.kpiId,
  baseline: 0.2,
  requiredSampleSize: 2500,
  plan: [{ id: randomUUID(), title: "Brief the store team", ownerId: w.aIds.memberId, dueDate: null, done: false }],
});

let hlcOffset = 0;
/** A new experiment pushed by cx ops; `status` (server-owned) is then put in place directly, as test set-up. */
async function experimentAt(w: World, status: ExperimentStatus = "idea", fields: Record<string, unknown> = readyFields(w)) {
  const id = randomUUID();
  await pushApplied(w.a.cx, w.a.orgId, [mutation("experiment", id, { title: `Experiment ${id.slice(0, 4)}`, ...fields }, hlcAt(hlcOffset++, NODE_B))]);
  if (status !== "idea") await w.client.execute({ sql: "update experiments set status = ? where id = ?", args: [status, id] });
  return id;
}

const transition = (who: Agent, w: World, id: string, body: unknown) => who.post(`/api/orgs/${w.a.orgId}/experiments/${id}/transitions`, body);
const decisions = (who: Agent, w: World, id: string) => who.get(`/api/orgs/${w.a.orgId}/experiments/${id}/decisions`);

describe("sync of experiments and KPIs", () => {
  const newKpi = { name: "Basket size", unit: "count", direction: "higher", kind: "mean", hard: true };

  test("the board may push neither KPIs, measurements nor experiments; an executive may push experiments but not KPIs", async () => {
    const w = await world();
    const kpiId = w.aIds.kpiId;
    const measurement = { kpiId, period: "week", periodStart: "2025-01-06", value: 21 };
    const attempts = (who: string) => [
      mutation("kpi", randomUUID(), newKpi, hlcAt(1)),
      mutation("kpi", kpiId, { description: `edited by ${who}` }, hlcAt(2)),
      mutation("kpi_measurement", randomUUID(), measurement, hlcAt(3)),
      mutation("experiment", randomUUID(), { title: `Drafted by ${who}` }, hlcAt(4)),
      mutation("experiment", w.aIds.experimentId, { notes: `edited by ${who}` }, hlcAt(5)),
    ];
    const expected: Record<Role, string[]> = {
      admin: ["applied", "applied", "applied", "applied", "applied"],
      cx_ops: ["applied", "applied", "applied", "applied", "applied"],
      executive: ["forbidden", "forbidden", "forbidden", "applied", "applied"],
      board: ["forbidden", "forbidden", "forbidden", "forbidden", "forbidden"],
    };
    for (const role of ROLES) {
      const before = await snapshot(w.client);
      const body = await pushOk(agentsByRole(w)[role], w.a.orgId, attempts(role));
      expect(
        body.results.map((r) => (r.status === "applied" ? "applied" : r.error!.code)),
        role,
      ).toEqual(expected[role]);
      if (role === "board") expect(await snapshot(w.client)).toEqual(before);
    }
  });

  test("a push that sets an experiment's status is rejected as invalid and changes nothing, for a new or an existing experiment", async () => {
    const w = await world();
    const existing = await experimentAt(w);
    const before = await snapshot(w.client);
    const body = await pushOk(w.a.admin, w.a.orgId, [
      mutation("experiment", randomUUID(), { title: "Born running", status: "running" }, hlcAt(10)),
      mutation("experiment", existing, { status: "won" }, hlcAt(11)),
      mutation("experiment", existing, { title: "Renamed", status: "won" }, hlcAt(12)),
    ]);
    expect(body.results.map((r) => r.error?.code)).toEqual(["validation_failed", "validation_failed", "validation_failed"]);
    expect(body.results[0]!.error!.message).toContain("status");
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("after a move, pull carries the new status with a server clock and the decision; a later edit from a device leaves the status alone", async () => {
    const w = await world();
    const id = await experimentAt(w, "idea", { ...readyFields(w), notes: "first" });
    const { cursor } = await pullAll(w.a.director, w.a.orgId);
    const before = (await serverRecord(w.a.director, w.a.orgId, "experiment", id))!;
    expect(before.fields.status).toBe("idea");
    expect(before.clocks!.status).toBeUndefined();

    const moved = await transition(w.a.director, w, id, { to: "proposed", reason: "Let's pitch it" });
    expect(moved.status).toBe(200);
    const after = await pullAll(w.a.board, w.a.orgId, cursor);
    const changes = [...after.changes.values()];
    const experiment = after.changes.get(`experiment:${id}`)!;
    expect(experiment.fields).toMatchObject({ status: "proposed", notes: "first", title: before.fields.title });
    const clock = parseHlc(experiment.clocks!.status!)!;
    expect(clock.node).toBe(SERVER_NODE);
    expect(Math.abs(clock.millis - Date.now())).toBeLessThan(60_000);
    // The fields' own clocks are untouched: only the status moved.
    const { status: _s, ...fieldClocks } = experiment.clocks!;
    expect(fieldClocks).toEqual(before.clocks);

    const decision = changes.find((c) => c.entity === "experiment_decision") as PulledChange;
    expect(decision).toBeDefined();
    expect(decision.deleted).toBe(false);
    expect(decision.clocks).toBeUndefined();
    expect(decision.fields).toEqual(moved.json.decision);
    expect(changes.map((c) => c.entity).sort()).toEqual(["experiment", "experiment_decision"]);

    // A device that had not yet seen the move edits the notes: the status and its clock stay.
    await pushApplied(w.a.cx, w.a.orgId, [mutation("experiment", id, { notes: "second", title: "Renamed offline" }, hlcAt(9000, NODE_B))]);
    const edited = (await serverRecord(w.a.board, w.a.orgId, "experiment", id))!;
    expect(edited.fields).toMatchObject({ status: "proposed", notes: "second", title: "Renamed offline" });
    expect(edited.clocks!.status).toBe(experiment.clocks!.status);
    expect((await experimentRow(w.client, id)).status).toBe("proposed");

    // The next move's clock is later still.
    await transition(w.a.board, w, id, { to: "approved", reason: "Approved" });
    const approved = (await serverRecord(w.a.board, w.a.orgId, "experiment", id))!;
    expect(approved.clocks!.status! > experiment.clocks!.status!).toBe(true);
  });

  test("a status clock from a server clock that ran ahead is still passed by the next move", async () => {
    const w = await world();
    const id = await experimentAt(w);
    const ahead = `${new Date(Date.now() + 5 * 60_000).toISOString()}-0007-0000000000000000`;
    const row = await experimentRow(w.client, id);
    await w.client.execute({ sql: "update experiments set clocks = ? where id = ?", args: [JSON.stringify({ ...JSON.parse(String(row.clocks)), status: ahead }), id] });
    await transition(w.a.cx, w, id, { to: "proposed", reason: "Now" });
    const clock = (await serverRecord(w.a.cx, w.a.orgId, "experiment", id))!.clocks!.status!;
    expect(clock > ahead).toBe(true);
  });

  test("an A/B split's treatment share lies strictly between 0 and 1", async () => {
    const w = await world();
    const body = await pushOk(w.a.cx, w.a.orgId, [
      mutation("experiment", randomUUID(), { title: "Ninety-ten", design: "ab_split", treatmentShare: 0.1 }, hlcAt(4000, NODE_B)),
      mutation("experiment", randomUUID(), { title: "All of them", design: "ab_split", treatmentShare: 1 }, hlcAt(4001, NODE_B)),
      mutation("experiment", randomUUID(), { title: "In percent by mistake", design: "ab_split", treatmentShare: 10 }, hlcAt(4002, NODE_B)),
    ]);
    expect(body.results.map((r) => r.error?.code ?? r.status)).toEqual(["applied", "validation_failed", "validation_failed"]);
  });

  test("ids inside lists (guardrails, findings, pilot locations, plan owners, results) must be the organisation's own", async () => {
    const w = await world();
    const before = await snapshot(w.client);
    const block = (ownerId: string) => ({ id: randomUUID(), title: "Brief the stores", ownerId, dueDate: null, done: false });
    const body = await pushOk(w.a.cx, w.a.orgId, [
      mutation("experiment", randomUUID(), { title: "Guardrail of B", guardrailKpiIds: [w.aIds.kpiId, w.bIds.kpiId] }, hlcAt(1)),
      mutation("experiment", randomUUID(), { title: "Pilot in B", pilotLocationIds: [w.bIds.locationId] }, hlcAt(2)),
      mutation("experiment", randomUUID(), { title: "Owner from B", plan: [block(w.b.userId)] }, hlcAt(3)),
      mutation("experiment", randomUUID(), { title: "Result of B", results: [{ kpiId: w.bIds.kpiId, control: { users: 10, conversions: 1 }, treatment: { users: 10, conversions: 2 } }] }, hlcAt(4)),
    ]);
    expect(body.results.map((r) => r.error?.code)).toEqual(["invalid_reference", "invalid_reference", "invalid_reference", "invalid_reference"]);
    expect(await snapshot(w.client)).toEqual(before);
    const own = await pushOk(w.a.cx, w.a.orgId, [
      mutation("experiment", randomUUID(), { title: "All ours", guardrailKpiIds: [w.aIds.kpiId], pilotLocationIds: [w.aIds.locationId], plan: [block(w.aIds.memberId)] }, hlcAt(5)),
    ]);
    expect(statuses(own)).toEqual(["applied"]);
  });

  test("an experiment or measurement naming another organisation's KPI is rejected invalid_reference", async () => {
    const w = await world();
    const before = await snapshot(w.client);
    const body = await pushOk(w.a.cx, w.a.orgId, [
      mutation("experiment", randomUUID(), { title: "Borrowed KPI", primaryKpiId: w.bIds.kpiId }, hlcAt(1)),
      mutation("experiment", w.aIds.experimentId, { primaryKpiId: w.bIds.kpiId }, hlcAt(2)),
      mutation("kpi_measurement", randomUUID(), { kpiId: w.bIds.kpiId, period: "week", periodStart: "2025-01-06", value: 1 }, hlcAt(3)),
      mutation("experiment", randomUUID(), { title: "A location as KPI", primaryKpiId: w.aIds.locationId }, hlcAt(4)),
    ]);
    expect(body.results.map((r) => r.error?.code)).toEqual(["invalid_reference", "invalid_reference", "invalid_reference", "invalid_reference"]);
    expect(await snapshot(w.client)).toEqual(before);
    // And B cannot touch A's KPI or experiment from its own organisation.
    const hijack = await pushOk(w.b.agent, w.b.orgId, [
      mutation("kpi", w.aIds.kpiId, { name: "hijacked" }, hlcAt(5, NODE_B)),
      mutation("experiment", w.aIds.experimentId, { title: "hijacked" }, hlcAt(6, NODE_B)),
    ]);
    expect(statuses(hijack)).toEqual(["rejected", "rejected"]);
    expect(await snapshot(w.client)).toEqual(before);
  });
});

describe("the demo organisation", () => {
  const KPIS = {
    Conversion: { unit: "percent", direction: "higher", kind: "proportion", hard: true },
    "Spend per customer": { unit: "eur", direction: "higher", kind: "mean", hard: true },
    NPS: { unit: "score", direction: "higher", kind: "mean", hard: false },
    "12-month retention": { unit: "percent", direction: "higher", kind: "proportion", hard: true },
  };

  test("has the KPI catalogue, twenty weeks of measurements per store, and experiments at idea, running and won (an A/B split and a store pilot)", async () => {
    const w = await world();
    const { changes } = await pullAll(w.a.board, w.a.orgId);
    const all = [...changes.values()];
    const of = (entity: string) => all.filter((c) => c.entity === entity);

    const kpis = of("kpi");
    expect(Object.fromEntries(kpis.map((k) => [k.fields.name, { unit: k.fields.unit, direction: k.fields.direction, kind: k.fields.kind, hard: k.fields.hard }]))).toEqual(KPIS);
    const stores = of("location").filter((l) => l.fields.kind === "store");
    expect(stores).toHaveLength(7);
    const measurements = of("kpi_measurement");
    expect(measurements).toHaveLength(4 * 7 * 20);
    const conversion = kpis.find((k) => k.fields.name === "Conversion")!;
    for (const kpi of kpis) {
      for (const store of stores) {
        const series = measurements.filter((m) => m.fields.kpiId === kpi.entityId && m.fields.locationId === store.entityId);
        expect(series, `${kpi.fields.name} at ${store.fields.name}`).toHaveLength(20);
        const starts = series.map((m) => String(m.fields.periodStart)).sort();
        // Consecutive Mondays, the last one the week before this one.
        for (const [i, start] of starts.entries()) {
          expect(new Date(start).getUTCDay()).toBe(1);
          if (i > 0) expect(Date.parse(start) - Date.parse(starts[i - 1]!)).toBe(7 * 86_400_000);
        }
        const lastMonday = Date.parse(starts.at(-1)!);
        expect(Date.now() - lastMonday).toBeGreaterThan(7 * 86_400_000 - 86_400_000);
        expect(Date.now() - lastMonday).toBeLessThan(14 * 86_400_000 + 86_400_000);
      }
    }
    const conversions = measurements.filter((m) => m.fields.kpiId === conversion.entityId).map((m) => m.fields.value as number);
    expect(Math.min(...conversions)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...conversions)).toBeLessThanOrEqual(26);
    expect(new Set(conversions).size).toBeGreaterThan(10);

    const experiments = of("experiment");
    expect(experiments.map((e) => e.fields.status).sort()).toEqual(["idea", "running", "won", "won"]);
    const idea = experiments.find((e) => e.fields.status === "idea")!;
    expect([idea.fields.impact, idea.fields.confidence, idea.fields.ease].every((s) => typeof s === "number")).toBe(true);
    const findings = of("finding");
    expect(idea.fields.findingIds).toEqual(findings.length > 0 ? [expect.any(String)] : []);

    const running = experiments.find((e) => e.fields.status === "running")!;
    expect(running.fields.primaryKpiId).toBe(conversion.entityId);
    expect(readinessGaps(experimentFields.parse(pick(running.fields, experimentFields)))).toEqual([]);
    expect((running.fields.plan as { ownerId: string | null }[]).every((b) => b.ownerId)).toBe(true);

    const won = experiments.find((e) => e.fields.status === "won" && e.fields.design === "ab_split")!;
    expect(won.fields.results).toEqual([{ kpiId: conversion.entityId, control: { users: 4000, conversions: 820 }, treatment: { users: 4000, conversions: 910 } }]);
    // The won experiment reached the sample size it asked for.
    expect(won.fields.requiredSampleSize as number).toBeLessThanOrEqual(4000);

    // The store pilot: three pilot stores against four control stores, 12 weeks before its start
    // and 8 from it; its result is measured (no typed results), with conversion up by a real but
    // modest effect in the pilot stores.
    const pilot = experiments.find((e) => e.fields.design === "pilot_control" && e.fields.status === "won")!;
    expect(pilot.fields.results).toEqual([]);
    expect(pilot.fields.pilotLocationIds).toHaveLength(3);
    expect(pilot.fields.controlLocationIds).toHaveLength(4);
    expect(pilot.fields.primaryKpiId).toBe(conversion.entityId);
    const start = String(pilot.fields.pilotStart);
    const series = (id: string) => {
      const values = measurements.filter((m) => m.fields.kpiId === conversion.entityId && m.fields.locationId === id).sort((a, b) => String(a.fields.periodStart).localeCompare(String(b.fields.periodStart)));
      return { pre: values.filter((m) => String(m.fields.periodStart) < start).map((m) => m.fields.value as number), post: values.filter((m) => String(m.fields.periodStart) >= start).map((m) => m.fields.value as number) };
    };
    const pilotSeries = (pilot.fields.pilotLocationIds as string[]).map(series);
    expect(pilotSeries.map((l) => [l.pre.length, l.post.length])).toEqual([[12, 8], [12, 8], [12, 8]]);
    const did = differenceInDifferences({ pilot: pilotSeries, control: (pilot.fields.controlLocationIds as string[]).map(series), alpha: 0.05 });
    expect(did.ci[0]).toBeGreaterThan(0);
    expect(did.effect).toBeGreaterThan(0.5);
    expect(did.effect).toBeLessThan(1.5);

    // Every synced record is valid for its schema and carries a server clock on every field.
    const schemas = { kpi: kpiFields, kpi_measurement: kpiMeasurementFields, experiment: experimentFields };
    for (const [entity, schema] of Object.entries(schemas)) {
      for (const record of of(entity)) {
        const names = Object.keys(schema.shape);
        expect(schema.safeParse(pick(record.fields, schema)).success, `${entity} ${record.entityId}`).toBe(true);
        expect(Object.keys(record.clocks!).sort()).toEqual((entity === "experiment" ? [...names, "status"] : names).sort());
        for (const clock of Object.values(record.clocks!)) expect(parseHlc(clock)?.node).toBe(SERVER_NODE);
      }
    }
  });

  test("the decision logs of the demo experiments are moves the lifecycle allows, by people whose role may make them, in order", async () => {
    const w = await world();
    const { changes } = await pullAll(w.a.admin, w.a.orgId);
    const members = (await w.a.admin.get(`/api/orgs/${w.a.orgId}/members`)).json.members as { userId: string; role: Role; name: string }[];
    const experiments = [...changes.values()].filter((c) => c.entity === "experiment");
    const expectedPath: Record<string, string[]> = {
      idea: [],
      running: ["idea→proposed", "proposed→approved", "approved→running"],
      won: ["idea→proposed", "proposed→approved", "approved→running", "running→analysing", "analysing→won"],
    };
    for (const experiment of experiments) {
      const log = (await decisions(w.a.board, w, experiment.entityId)).json.decisions as { from: ExperimentStatus; to: ExperimentStatus; userId: string; userName: string; at: string; reason: string }[];
      expect(log.map((d) => `${d.from}→${d.to}`)).toEqual(expectedPath[experiment.fields.status as string]);
      for (const [i, d] of log.entries()) {
        const member = members.find((m) => m.userId === d.userId)!;
        expect(member.name).toBe(d.userName);
        expect(experimentLifecycle.check(d.from, d.to, member.role, pick(experiment.fields, experimentFields)).ok, `${d.from}→${d.to} by ${member.role}`).toBe(true);
        expect(d.reason.length).toBeGreaterThan(0);
        if (i > 0) expect(d.at > log[i - 1]!.at).toBe(true);
        expect(Date.parse(d.at)).toBeLessThan(Date.now());
      }
    }
    const pulledDecisions = [...changes.values()].filter((c) => c.entity === "experiment_decision");
    expect(pulledDecisions).toHaveLength(13);
  });
});

/** The record's fields that belong to the schema (pull adds author and timestamps). */
function pick(fields: Record<string, unknown>, schema: { shape: Record<string, unknown> }) {
  return Object.fromEntries(Object.keys(schema.shape).map((name) => [name, fields[name]]));
}
