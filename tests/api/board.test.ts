import type { Client } from "@libsql/client";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import type { BoardFindings, BoardSummary } from "../../shared/board/summary";
import { businessCase } from "../../shared/finance/business-case";
import { overallTrend } from "../../shared/kpi/overall";
import { expectError, prepareWorld, snapshot, world } from "../support/api";
import { deletion, hlcAt, mutation, newFinding, NODE_B, pushApplied, T0, userId } from "../support/sync";
import { EXPERIMENT_STATUSES } from "../../shared/enums";

type World = Awaited<ReturnType<typeof world>>;

beforeAll(prepareWorld, 120_000);

const DAY = 86_400_000;

async function rows(client: Client, sql: string, args: (string | number)[] = []) {
  const rs = await client.execute({ sql, args });
  return rs.rows.map((row) => Object.fromEntries(rs.columns.map((col, i) => [col, row[i]])));
}

async function summary(w: World, query = ""): Promise<BoardSummary> {
  const res = await w.a.board.get(`/api/orgs/${w.a.orgId}/board/summary${query}`);
  expect(res.status, res.text).toBe(200);
  return res.json as BoardSummary;
}

/** The findings section computed the slow way, straight from the findings table. */
async function findingsByScan(w: World, sinceMonth = ""): Promise<BoardFindings> {
  const live = await rows(w.client, "select journey_stage_id, severity, level, status from findings where org_id = ? and deleted_at is null and substr(created_at, 1, 7) >= ?", [w.a.orgId, sinceMonth]);
  const heat = new Map<string, { journeyStageId: string | null; severity: number | null; count: number }>();
  const levels = new Map<string, { level: string | null; count: number }>();
  for (const f of live) {
    const stage = (f.journey_stage_id as string | null) ?? null;
    const key = `${stage}|${f.severity}`;
    heat.set(key, { journeyStageId: stage, severity: Number(f.severity), count: (heat.get(key)?.count ?? 0) + 1 });
    const level = (f.level as string | null) ?? null;
    levels.set(String(level), { level, count: (levels.get(String(level))?.count ?? 0) + 1 });
  }
  return {
    total: live.length,
    open: live.filter((f) => f.status === "new" || f.status === "triaged").length,
    heatmap: [...heat.values()],
    byLevel: [...levels.values()],
  } as BoardFindings;
}

const sameFindings = (actual: BoardFindings, expected: BoardFindings) => {
  expect(actual.total).toBe(expected.total);
  expect(actual.open).toBe(expected.open);
  expect(actual.heatmap).toEqual(expect.arrayContaining(expected.heatmap));
  expect(actual.heatmap).toHaveLength(expected.heatmap.length);
  expect(actual.byLevel).toEqual(expect.arrayContaining(expected.byLevel));
  expect(actual.byLevel).toHaveLength(expected.byLevel.length);
};

describe("who sees the board view", () => {
  test("the board and admins get it; executives and CX ops get 403 and nothing changes", async () => {
    const w = await world();
    const before = await snapshot(w.client);
    for (const who of [w.a.director, w.a.cx]) expectError(await who.get(`/api/orgs/${w.a.orgId}/board/summary`), 403, "forbidden");
    expect(await snapshot(w.client)).toEqual(before);
    for (const who of [w.a.board, w.a.admin]) {
      const res = await who.get(`/api/orgs/${w.a.orgId}/board/summary`);
      expect(res.status, res.text).toBe(200);
      expect(Object.keys(res.json).sort()).toEqual(["cases", "experiments", "findings", "generatedAt", "immersion", "kpis"]);
    }
  });

  test("months must be a whole number from 1 to 120", async () => {
    const w = await world();
    for (const months of ["0", "121", "1.5", "-1", "abc", ""]) expectError(await w.a.board.get(`/api/orgs/${w.a.orgId}/board/summary?months=${months}`), 400, "validation_failed");
  });
});

describe("immersion", () => {
  test("the demo director is on track with five visits in 30 days; the board member, last out 60 days ago, is not on the floor", async () => {
    const w = await world();
    const s = await summary(w);
    const [directorId, boardId] = [await userId(w.a.director), await userId(w.a.board)];
    expect(s.immersion.targetPerMonth).toBe(2);
    expect(s.immersion.people.map((p) => p.userId).sort()).toEqual([directorId, boardId].sort());
    const director = s.immersion.people.find((p) => p.userId === directorId)!;
    expect(director).toMatchObject({ name: "Daan Directeur", role: "executive", visits30: 5, visits90: 7, onTrack: true });
    const board = s.immersion.people.find((p) => p.userId === boardId)!;
    expect(board).toMatchObject({ name: "Bea Bestuur", role: "board", visits30: 0, visits90: 1, onTrack: false });
    expect(Date.now() - Date.parse(board.lastVisitAt!)).toBeGreaterThan(59 * DAY);
    expect(s.immersion.notOnFloor).toEqual([boardId]);
    // The same figures, counted directly.
    const direct = await rows(w.client, "select count(*) as n, max(started_at) as last from visits where org_id = ? and author_id = ? and deleted_at is null and started_at >= ?", [w.a.orgId, directorId, new Date(Date.now() - 30 * DAY).toISOString()]);
    expect(Number(direct[0]!.n)).toBe(director.visits30);
    expect(director.lastVisitAt).toBe(direct[0]!.last);
  });

  test("CX ops who visited appear; a tombstoned visit no longer counts; a higher target turns the director off track", async () => {
    const w = await world();
    const cxId = await userId(w.a.cx);
    const [directorId] = [await userId(w.a.director)];
    const visitId = randomUUID();
    const store = (await rows(w.client, "select id from locations where org_id = ? and kind = 'store'", [w.a.orgId]))[0]!.id as string;
    await pushApplied(w.a.cx, w.a.orgId, [mutation("visit", visitId, { kind: "floor_walk", locationId: store, startedAt: new Date(Date.now() - 3 * DAY).toISOString() }, hlcAt(1, NODE_B))]);
    let s = await summary(w);
    expect(s.immersion.people.find((p) => p.userId === cxId)).toMatchObject({ role: "cx_ops", visits30: 1, visits90: 1, onTrack: false });

    await pushApplied(w.a.cx, w.a.orgId, [deletion("visit", visitId, hlcAt(2, NODE_B))]);
    s = await summary(w);
    expect(s.immersion.people.find((p) => p.userId === cxId)).toBeUndefined();

    const patched = await w.a.admin.patch(`/api/orgs/${w.a.orgId}`, { visitTargetPerMonth: 6 });
    expect(patched.status, patched.text).toBe(200);
    s = await summary(w);
    expect(s.immersion.targetPerMonth).toBe(6);
    expect(s.immersion.people.find((p) => p.userId === directorId)!.onTrack).toBe(false);
  });
});

describe("findings, from the counters", () => {
  test("the demo's counts match a direct count of the findings table, and the months filter counts only recent months", async () => {
    const w = await world();
    const s = await summary(w);
    expect(s.findings.total).toBe(40);
    sameFindings(s.findings, await findingsByScan(w));
    expect(new Set(s.findings.heatmap.map((c) => c.severity))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(s.findings.byLevel.map((l) => l.level).sort()).toEqual(["campaign", "message", "operations", "proposition", null].sort());
    const thisMonth = new Date().toISOString().slice(0, 7);
    const recent = await summary(w, "?months=1");
    sameFindings(recent.findings, await findingsByScan(w, thisMonth));
    expect(recent.findings.total).toBeLessThan(40);
  });

  test("pushes keep the counters right: a new finding, a move to another stage, closing it, and its tombstone", async () => {
    const w = await world();
    const stages = (await rows(w.client, "select id from journey_stages where org_id = ? order by position", [w.a.orgId])).map((r) => r.id as string);
    const id = randomUUID();
    const cell = (s: BoardSummary, stage: string, severity: number) => s.findings.heatmap.find((c) => c.journeyStageId === stage && c.severity === severity)?.count ?? 0;
    const before = await summary(w);

    await pushApplied(w.a.director, w.a.orgId, [mutation("finding", id, newFinding({ journeyStageId: stages[0], severity: 5, level: "campaign" }), hlcAt(10, NODE_B))]);
    let s = await summary(w);
    sameFindings(s.findings, await findingsByScan(w));
    expect(s.findings.total).toBe(before.findings.total + 1);
    expect(s.findings.open).toBe(before.findings.open + 1);
    expect(cell(s, stages[0]!, 5)).toBe(cell(before, stages[0]!, 5) + 1);

    await pushApplied(w.a.cx, w.a.orgId, [mutation("finding", id, { journeyStageId: stages[1], level: null }, hlcAt(11, NODE_B))]);
    s = await summary(w);
    sameFindings(s.findings, await findingsByScan(w));
    expect(cell(s, stages[0]!, 5)).toBe(cell(before, stages[0]!, 5));
    expect(cell(s, stages[1]!, 5)).toBe(cell(before, stages[1]!, 5) + 1);

    await pushApplied(w.a.cx, w.a.orgId, [mutation("finding", id, { status: "closed", journeyStageId: null }, hlcAt(12, NODE_B))]);
    s = await summary(w);
    sameFindings(s.findings, await findingsByScan(w));
    expect(s.findings.open).toBe(before.findings.open);
    expect(cell(s, stages[1]!, 5)).toBe(cell(before, stages[1]!, 5));
    expect(s.findings.heatmap.find((c) => c.journeyStageId === null && c.severity === 5)?.count).toBeGreaterThanOrEqual(1);

    // A closed finding is evidence: only an admin archives it.
    await pushApplied(w.a.admin, w.a.orgId, [deletion("finding", id, hlcAt(13, NODE_B))]);
    s = await summary(w);
    sameFindings(s.findings, await findingsByScan(w));
    expect(s.findings).toEqual(before.findings);
  });
});

describe("experiments", () => {
  test("counts every status and the win rate over decided experiments", async () => {
    const w = await world();
    let s = await summary(w);
    expect(Object.keys(s.experiments.byStatus)).toEqual([...EXPERIMENT_STATUSES]);
    // Won: the A/B split and the store pilot.
    expect(s.experiments.byStatus).toMatchObject({ idea: 1, running: 1, won: 2, lost: 0 });
    expect(s.experiments).toMatchObject({ won: 2, lost: 0, inconclusive: 0, winRate: 1 });
    const running = (await rows(w.client, "select id from experiments where org_id = ? and status = 'running'", [w.a.orgId]))[0]!.id as string;
    await w.client.execute({ sql: "update experiments set status = 'lost' where id = ?", args: [running] });
    const idea = (await rows(w.client, "select id from experiments where org_id = ? and status = 'idea'", [w.a.orgId]))[0]!.id as string;
    await pushApplied(w.a.cx, w.a.orgId, [deletion("experiment", idea, hlcAt(20, NODE_B))]);
    s = await summary(w);
    expect(s.experiments.byStatus).toMatchObject({ idea: 0, running: 0, won: 2, lost: 1 });
    expect(s.experiments.winRate).toBe(2 / 3);
  });
});

describe("business cases", () => {
  test("the submitted demo case waits for the board; once approved its base NPV is promised and its targets count from approval, but it books no KPI movement it does not measure", async () => {
    const w = await world();
    let s = await summary(w);
    const cases = await rows(w.client, "select * from business_cases where org_id = ?", [w.a.orgId]);
    const demo = cases.find((c) => c.status === "submitted")!;
    const fitting = cases.find((c) => c.status === "approved")!;
    const npv = (lift: { low: number; base: number; high: number }, money: { investment: number; runningCostPerYear: number }) => {
      const figures = businessCase({ ...money, horizonYears: 3, discountRate: 0.08, annualVolume: 400_000, valuePerUnit: 35, lift });
      if (!figures.ok) throw new Error("demo case does not compute");
      return figures.value.scenarios.base.npv;
    };
    // The demo's approved case: its owner's actuals for two quarters, the current one still to report.
    const fittingBenefits = (await w.a.board.get(`/api/orgs/${w.a.orgId}/business-cases/${fitting.id}/benefits`)).json;
    const fittingNpv = npv(JSON.parse(String(fitting.lift)), { investment: 30_000, runningCostPerYear: 26_000 });
    expect(s.cases).toMatchObject({ approvedCount: 1, annualBenefitPromised: 84_000, submitted: [{ id: demo.id, title: "Same-day pickup in every store" }] });
    expect(s.cases.promised).toBeCloseTo(fittingNpv, 6);
    expect(s.cases.delivered).toBeCloseTo(fittingBenefits.delivered, 6);
    expect(s.cases.promisedToDate).toBeCloseTo(fittingBenefits.promised, 6);
    expect(s.cases.byStatus).toEqual({ draft: 0, submitted: 1, approved: 1, rejected: 0, deferred: 0 });

    expect((await w.a.board.post(`/api/orgs/${w.a.orgId}/business-cases/${demo.id}/decisions`, { to: "approved", reason: "Go" })).status).toBe(200);
    await w.client.execute({ sql: "update business_cases set approved_at = ? where id = ?", args: [new Date(Date.now() - 120 * DAY).toISOString(), String(demo.id)] });
    s = await summary(w);
    const benefits = (await w.a.board.get(`/api/orgs/${w.a.orgId}/business-cases/${demo.id}/benefits`)).json;
    expect(benefits.quarters.length).toBeGreaterThanOrEqual(2);
    expect(s.cases.byStatus).toEqual({ draft: 0, submitted: 0, approved: 2, rejected: 0, deferred: 0 });
    expect(s.cases.approvedCount).toBe(2);
    expect(s.cases.promised).toBeCloseTo(fittingNpv + npv(JSON.parse(String(demo.lift)), { investment: 120_000, runningCostPerYear: 20_000 }), 6);
    expect(s.cases.annualBenefitPromised).toBeCloseTo(84_000 + 315_000, 6);
    // The stores' Conversion figures moved, but the pickup case has no scope or actuals yet: it
    // books nothing, and the total delivered is still the fitting rooms' reported actuals.
    expect(benefits.delivered).toBe(0);
    expect(s.cases.delivered).toBeCloseTo(fittingBenefits.delivered, 6);
    // Promised to date: each case's quarterly targets so far (the pickup case's from its approval
    // 120 days ago), less than a whole year's benefit.
    const targets = (benefits.quarters as { target: number }[]).reduce((sum, q) => sum + q.target, 0);
    expect(benefits.promised).toBeCloseTo(targets, 6);
    expect(s.cases.promisedToDate).toBeCloseTo(fittingBenefits.promised + benefits.promised, 6);
    expect(s.cases.promisedToDate).toBeLessThan(s.cases.annualBenefitPromised);
    expect(s.cases.benefits.cases.map((c) => c.title)).toEqual(["Fitting rooms staffed all weekend", "Same-day pickup in every store"]);
    expect(s.cases.submitted).toEqual([]);
  });
});

describe("hard KPI tiles", () => {
  test("hard, live KPIs only, each with the last twelve weeks as the stores' average weighted by sample size, latest and previous", async () => {
    const w = await world();
    let s = await summary(w);
    expect(s.kpis.map((k) => k.name).sort()).toEqual(["12-month retention", "Conversion", "Spend per customer"]);
    let differsFromPlainMean = 0;
    for (const tile of s.kpis) {
      expect(tile.hard).toBe(true);
      expect(tile.trend).toHaveLength(12);
      // The demo measures every store every week with its number of customers: weighted by them.
      const direct = await rows(
        w.client,
        "select period_start, sum(value * sample_size) / sum(sample_size) as v, avg(value) as plain from kpi_measurements where kpi_id = ? and deleted_at is null group by period_start order by period_start",
        [tile.kpiId],
      );
      expect(tile.trend.map((p) => p.periodStart)).toEqual(direct.slice(-12).map((r) => r.period_start));
      for (const [i, p] of tile.trend.entries()) {
        expect(p.value).toBeCloseTo(Number(direct.slice(-12)[i]!.v), 9);
        if (Math.abs(p.value - Number(direct.slice(-12)[i]!.plain)) > 1e-6) differsFromPlainMean++;
      }
      expect(tile.latest).toEqual(tile.trend.at(-1));
      expect(tile.previous).toEqual(tile.trend.at(-2));
      // The catalogue's figure for the KPI (its screen runs the same rule on the device's copy) is the tile's.
      const measurements = await rows(w.client, "select period, period_start, location_id, segment_id, value, sample_size, updated_at from kpi_measurements where kpi_id = ? and deleted_at is null", [tile.kpiId]);
      const catalogue = overallTrend(
        measurements.map((r) => ({
          period: r.period as "week",
          periodStart: String(r.period_start),
          locationId: r.location_id === null ? null : String(r.location_id),
          segmentId: r.segment_id === null ? null : String(r.segment_id),
          value: Number(r.value),
          sampleSize: r.sample_size === null ? null : Number(r.sample_size),
          updatedAt: String(r.updated_at),
        })),
        tile.unit,
      )!;
      expect(tile.latest).toEqual({ periodStart: catalogue.points.at(-1)!.at, value: catalogue.points.at(-1)!.value });
    }
    expect(differsFromPlainMean, "the weights change the figures").toBeGreaterThan(0);

    // An organisation-wide value for the latest week replaces the mean over the stores; an archived KPI leaves the board.
    const conversion = s.kpis.find((k) => k.name === "Conversion")!;
    const retention = s.kpis.find((k) => k.name === "12-month retention")!;
    await pushApplied(w.a.cx, w.a.orgId, [
      mutation("kpi_measurement", randomUUID(), { kpiId: conversion.kpiId, period: "week", periodStart: conversion.latest!.periodStart, value: 30, locationId: null, segmentId: null }, hlcAt(30, NODE_B)),
      // Later than the demo's server clocks (set when the template was built).
      mutation("kpi", retention.kpiId, { archived: true }, hlcAt(Date.now() - T0 + 1000, NODE_B)),
    ]);
    s = await summary(w);
    expect(s.kpis.map((k) => k.name).sort()).toEqual(["Conversion", "Spend per customer"]);
    expect(s.kpis.find((k) => k.name === "Conversion")!.latest).toEqual({ periodStart: conversion.latest!.periodStart, value: 30 });
  });
});

describe("organisation settings", () => {
  test("GET names both settings; PATCH changes them for admins; bad values are 400s that change nothing", async () => {
    const w = await world();
    const path = `/api/orgs/${w.a.orgId}`;
    expect((await w.a.board.get(path)).json).toEqual({ id: w.a.orgId, name: "Demo Retail", role: "board", visitTargetPerMonth: 2, defaultDiscountRate: 0.08, separationOfDuties: true, adminCount: 1 });
    const before = await snapshot(w.client);
    for (const body of [{}, { visitTargetPerMonth: 32 }, { visitTargetPerMonth: 1.5 }, { visitTargetPerMonth: -1 }, { defaultDiscountRate: 1 }, { defaultDiscountRate: -0.01 }, { name: "Renamed" }, { defaultDiscountRate: "0.1" }]) {
      expectError(await w.a.admin.patch(path, body), 400, "validation_failed");
    }
    expect(await snapshot(w.client)).toEqual(before);
    const res = await w.a.admin.patch(path, { defaultDiscountRate: 0.1 });
    expect(res.json).toEqual({ id: w.a.orgId, name: "Demo Retail", role: "admin", visitTargetPerMonth: 2, defaultDiscountRate: 0.1, separationOfDuties: true, adminCount: 1 });
    const both = await w.a.admin.patch(path, { visitTargetPerMonth: 0, defaultDiscountRate: 0 });
    expect(both.json).toMatchObject({ visitTargetPerMonth: 0, defaultDiscountRate: 0 });
    expect((await w.a.director.get(path)).json).toMatchObject({ visitTargetPerMonth: 0, defaultDiscountRate: 0 });
    // Another organisation is untouched.
    expect((await w.b.agent.get(`/api/orgs/${w.b.orgId}`)).json).toMatchObject({ visitTargetPerMonth: 2, defaultDiscountRate: 0.08 });
  });
});
