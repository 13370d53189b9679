import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { versionChanges, type CaseSnapshot } from "../../shared/business-cases/snapshot";
import { compareProportions } from "../../shared/stats/compare";
import { prepareWorld, snapshot, world } from "../support/api";
import { deletion, hlcAt, mutation, NODE_B, pullAll, pushApplied, pushOk, readyCaseFields, T0 } from "../support/sync";

/**
 * The frozen record of what the board decides on: each submission keeps the case and the
 * evidence of its experiments as they stood; a later change to that evidence, whoever makes it
 * and however, sends a submitted case back to draft in the same transaction, logged; a
 * resubmission says what changed since the version before.
 */

beforeAll(prepareWorld, 120_000);

type World = Awaited<ReturnType<typeof world>>;
type Agent = World["a"]["admin"];

async function everything(w: World) {
  const { changes } = await pullAll(w.a.board, w.a.orgId);
  return [...changes.values()];
}
const snapshotsOf = async (w: World, caseId: string) =>
  (await everything(w))
    .filter((c) => c.entity === "business_case_snapshot" && c.fields.businessCaseId === caseId)
    .map((c) => c.fields as unknown as CaseSnapshot)
    .sort((a, b) => a.version - b.version);
const experimentTitled = async (w: World, title: string) => (await everything(w)).find((c) => c.entity === "experiment" && c.fields.title === title)!;
const caseStatus = async (w: World, id: string) => (await everything(w)).find((c) => c.entity === "business_case" && c.entityId === id)!.fields.status;

const decide = (who: Agent, w: World, id: string, to: string, reason = "Because") => who.post(`/api/orgs/${w.a.orgId}/business-cases/${id}/decisions`, { to, reason });
const moveExperiment = (who: Agent, w: World, id: string, to: string, reason = "Because") => who.post(`/api/orgs/${w.a.orgId}/experiments/${id}/transitions`, { to, reason });
// Now, later than the demo's own clocks, so each edit wins its merge.
let clock = 0;
const edit = (who: Agent, w: World, entity: "business_case" | "experiment" | "kpi_measurement", id: string, fields: Record<string, unknown>) =>
  pushApplied(who, w.a.orgId, [mutation(entity, id, fields, hlcAt(Date.now() - T0, NODE_B, clock++))]);

describe("a submission is frozen with its evidence", () => {
  test("the demo case: snapshot with results, interval, sample sizes; reopening the verdict and correcting the results send it back to draft, logged; a resubmission says what changed", async () => {
    const w = await world();
    const demo = (await everything(w)).find((c) => c.entity === "business_case")!;
    const caseId = demo.entityId;
    const reserve = await experimentTitled(w, "Reserve online, pick up in store within the hour");

    // The seeded submission is version 1: the case's figures and the won experiment's result.
    const [v1] = await snapshotsOf(w, caseId);
    expect(v1).toMatchObject({ version: 1, changed: null, fields: { investment: 120_000, ask: demo.fields.ask }, submittedBy: { name: "Chris CX" } });
    const expected = compareProportions({ users: 4000, conversions: 820 }, { users: 4000, conversions: 910 });
    if (!expected.ok) throw new Error("demo result");
    const [conversion, spend] = v1!.experiments[0]!.kpis;
    expect(v1!.experiments[0]).toMatchObject({ id: reserve.entityId, status: "won", design: "ab_split" });
    expect(conversion).toMatchObject({ role: "primary", name: "Conversion", source: "typed", arms: { control: { size: 4000, value: 0.205 }, treatment: { size: 4000, value: 0.2275 } } });
    expect(conversion!.comparison!.ciAbsolute[0]).toBeCloseTo(expected.value.ciAbsolute[0], 12);
    expect(conversion!.comparison!.ciAbsolute[1]).toBeCloseTo(expected.value.ciAbsolute[1], 12);
    expect(conversion!.srm).toEqual({ pValue: 1, mismatch: false });
    expect(conversion!.sample).toMatchObject({ control: 4000, treatment: 4000, reached: true });
    // The guardrail (spend) has no typed result: frozen as such, not left out.
    expect(spend).toMatchObject({ role: "guardrail", comparison: null });
    expect(v1!.scenarios!.base.npv).toBeGreaterThan(0);

    // The board reopens the verdict: the evidence is no longer what was submitted.
    const reopened = await moveExperiment(w.a.board, w, reserve.entityId, "analysing", "The export double-counted Saturdays");
    expect(reopened.status, reopened.text).toBe(200);
    expect(await caseStatus(w, caseId)).toBe("draft");
    const log = (await w.a.board.get(`/api/orgs/${w.a.orgId}/business-cases/${caseId}/decisions`)).json.decisions;
    expect(log.at(-1)).toMatchObject({ from: "submitted", to: "draft", userName: "Bea Bestuur" });
    expect(log.at(-1).reason).toContain("The evidence changed after submission");
    expect(log.at(-1).reason).toContain("its status went from won to analysing");
    const history = (await w.a.board.get(`/api/orgs/${w.a.orgId}/history/business_case/${caseId}`)).json.entries;
    expect(history[0]).toMatchObject({ op: "move", fields: { status: { from: "submitted", to: "draft" } } });
    const [marked] = await snapshotsOf(w, caseId);
    expect(marked!.changed).toMatchObject({ by: { name: "Bea Bestuur" }, changes: [{ experimentId: reserve.entityId, parts: [{ part: "status", from: "won", to: "analysing" }] }] });
    // What the board was shown stays as it was.
    expect(marked!.experiments).toEqual(v1!.experiments);

    // A cheaper roll-out, resubmitted: version 2.
    await edit(w.a.cx, w, "business_case", caseId, { investment: 48_000 });
    expect((await decide(w.a.cx, w, caseId, "submitted", "Cheaper desks")).status).toBe(200);
    const [, v2] = await snapshotsOf(w, caseId);
    expect(v2).toMatchObject({ version: 2, fields: { investment: 48_000 }, experiments: [{ status: "analysing" }] });
    const changes = versionChanges(v1!, v2!);
    expect(changes.fields).toEqual([{ field: "investment", from: 120_000, to: 48_000 }]);
    expect(changes.npv!.to!.base - changes.npv!.from!.base).toBeCloseTo(72_000, 6);
    // The ask still says €120,000: the board is told to read the figures.
    expect(changes.askMayBeStale).toBe(true);
    expect(changes.evidence).toEqual([{ experimentId: reserve.entityId, title: reserve.fields.title, parts: [{ part: "status", from: "won", to: "analysing" }] }]);

    // An edit beside the evidence (the experiment's notes) leaves the submitted case alone …
    await edit(w.a.cx, w, "experiment", reserve.entityId, { notes: "Saturdays checked." });
    expect(await caseStatus(w, caseId)).toBe("submitted");
    // … a correction of the results does not, in the same push's transaction.
    const corrected = [{ kpiId: conversion!.kpiId, control: { users: 4000, conversions: 820 }, treatment: { users: 4000, conversions: 880 } }];
    await edit(w.a.cx, w, "experiment", reserve.entityId, { results: corrected });
    expect(await caseStatus(w, caseId)).toBe("draft");
    const [, v2after] = await snapshotsOf(w, caseId);
    expect(v2after!.changed!.changes[0]!.parts).toEqual([expect.objectContaining({ part: "result", kpiId: conversion!.kpiId, role: "primary" })]);
    expect((await w.a.board.get(`/api/orgs/${w.a.orgId}/business-cases/${caseId}/decisions`)).json.decisions.at(-1).reason).toContain("its result changed");
    // The board cannot decide on evidence that is no longer what was submitted.
    expect((await decide(w.a.board, w, caseId, "approved", "Go")).status).toBe(409);
  });

  test("the experiment a case before the board rests on cannot be deleted (locked), nor its KPI; nothing changes", async () => {
    const w = await world();
    const reserve = await experimentTitled(w, "Reserve online, pick up in store within the hour");
    const before = await snapshot(w.client);
    const body = await pushOk(w.a.admin, w.a.orgId, [deletion("experiment", reserve.entityId, hlcAt(Date.now() - T0, NODE_B, clock++)), deletion("kpi", reserve.fields.primaryKpiId as string, hlcAt(Date.now() - T0, NODE_B, clock++))]);
    expect(body.results.map((r) => r.error?.code)).toEqual(["locked", "locked"]);
    expect(body.results[0]!.error!.message).toBe("A business case before the board or approved rests on this experiment: it cannot be deleted");
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("a store pilot's case goes back to draft when a measurement in the pilot's window changes, not when one outside it does", async () => {
    const w = await world();
    const pilot = await experimentTitled(w, "Self-scan price checkers in the aisles");
    const caseId = randomUUID();
    await edit(w.a.cx, w, "business_case", caseId, { title: "Price checkers everywhere", ...readyCaseFields(), experimentIds: [pilot.entityId] });
    expect((await decide(w.a.cx, w, caseId, "submitted", "Pilot won")).status).toBe(200);
    const [v1] = await snapshotsOf(w, caseId);
    const primary = v1!.experiments[0]!.kpis[0]!;
    expect(primary).toMatchObject({ source: "measured", pilot: { design: "pilot_control", locations: { pilot: 3, control: 4 } } });
    expect(primary.comparison).not.toBeNull();
    expect(v1!.experiments[0]!.kpis.map((k) => k.role)).toEqual(["primary", "guardrail", "guardrail"]);

    const measurements = (await everything(w)).filter((c) => c.entity === "kpi_measurement" && c.fields.kpiId === primary.kpiId && c.fields.locationId);
    const { start, until } = primary.pilot!.window;
    // A week after the pilot ended is not what its result was read from.
    const after = new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const pilotStore = (pilot.fields.pilotLocationIds as string[])[0]!;
    await edit(w.a.cx, w, "kpi_measurement", randomUUID(), { kpiId: primary.kpiId, period: "week", periodStart: after, locationId: pilotStore, segmentId: null, value: 40 });
    expect(await caseStatus(w, caseId)).toBe("submitted");
    const inside = measurements.find((m) => (m.fields.periodStart as string) >= start && (m.fields.periodStart as string) <= until)!;
    await edit(w.a.cx, w, "kpi_measurement", inside.entityId, { value: (inside.fields.value as number) + 5 });
    expect(await caseStatus(w, caseId)).toBe("draft");
    const [marked] = await snapshotsOf(w, caseId);
    expect(marked!.changed!.changes[0]!.parts).toContainEqual(expect.objectContaining({ part: "result", kpiId: primary.kpiId }));
  });
});
