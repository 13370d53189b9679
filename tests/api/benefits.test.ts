import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { addMonths, dayNumber, dayText, quarterDays, quarterOf } from "../../shared/business-cases/benefits";
import { expectError, issuePaths, prepareWorld, snapshot, world } from "../support/api";
import { hlcAt, mutation, NODE_B, pullAll, pushApplied, pushOk, readyCaseFields, userId } from "../support/sync";

type World = Awaited<ReturnType<typeof world>>;
type Agent = World["a"]["admin"];

beforeAll(prepareWorld, 120_000);

/** Each test copies the two-organisation world and proves "nothing changed" by reading every table: more than vitest's 5 s on a busy machine. */
const SLOW = { timeout: 30_000 };

const DAY = 86_400_000;
const path = (w: World, id: string, rest: string) => `/api/orgs/${w.a.orgId}/business-cases/${id}/${rest}`;
const getBenefits = (who: Agent, w: World, id: string) => who.get(path(w, id, "benefits"));
const putPlan = (who: Agent, w: World, id: string, body: unknown) => who.put(path(w, id, "benefit-plan"), body);
const putActual = (who: Agent, w: World, id: string, quarter: string, body: unknown) => who.put(path(w, id, `benefit-actuals/${quarter}`), body);
const deleteActual = (who: Agent, w: World, id: string, quarter: string) => who.delete(path(w, id, `benefit-actuals/${quarter}`));

const thisQuarter = () => quarterOf(new Date().toISOString());
const lastQuarter = () => quarterOf(dayText(quarterDays(thisQuarter()).first - 1));

let clock = 0;
/** A case pushed by CX ops and (as test set-up) approved `approvedOn` directly in the database. */
async function approvedCase(w: World, approvedOn: string, fields: Record<string, unknown> = {}) {
  const id = randomUUID();
  await pushApplied(w.a.cx, w.a.orgId, [mutation("business_case", id, { title: `Case ${id.slice(0, 4)}`, ...readyCaseFields(), ...fields }, hlcAt(clock++, NODE_B))]);
  await w.client.execute({ sql: "update business_cases set status = 'approved', approved_at = ? where id = ?", args: [`${approvedOn}T10:00:00.000Z`, id] });
  return id;
}

async function demoApproved(w: World) {
  const rs = await w.client.execute({ sql: "select id, go_live from business_cases where org_id = ? and status = 'approved'", args: [w.a.orgId] });
  return { id: String(rs.rows[0]!.id), goLive: String(rs.rows[0]!.go_live) };
}

describe("the demo's approved case", SLOW, () => {
  test("has a go-live, a ramp-up and two quarters of recorded actuals; what it delivered is a believable share of its target, and the board reads the same", async () => {
    const w = await world();
    const demo = await demoApproved(w);
    const res = await getBenefits(w.a.board, w, demo.id);
    expect(res.status, res.text).toBe(200);
    const b = res.json;
    expect(b).toMatchObject({ tracked: true, goLiveSet: true, rampUpMonths: 3, start: demo.goLive });
    expect(b.quarters.map((q: { quarter: string }) => q.quarter)).toEqual([quarterOf(demo.goLive), lastQuarter(), thisQuarter()]);
    expect(b.quarters.map((q: { source: string | null }) => q.source)).toEqual(["recorded", "recorded", null]);
    for (const q of b.quarters.slice(0, 2)) expect(q.recorded.method.length).toBeGreaterThan(20);
    // The ramp-up: the first quarter promises less than a full one.
    expect(b.quarters[0].target).toBeLessThan(b.quarters[1].target);
    const share = b.delivered / b.promisedWithActuals;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(1);

    const summary = (await w.a.board.get(`/api/orgs/${w.a.orgId}/board/summary`)).json;
    expect(summary.cases.delivered).toBeCloseTo(b.delivered, 6);
    expect(summary.cases.promisedToDate).toBeCloseTo(b.promised, 6);
    expect(summary.cases.benefits.promisedWithActuals).toBeCloseTo(b.promisedWithActuals, 6);
    expect(summary.cases.benefits.cases).toEqual([{ ...b, title: "Fitting rooms staffed all weekend", kpi: { name: "Conversion", unit: "percent", kind: "proportion" } }]);
    expect(summary.cases.benefits.quarters.map((q: { quarter: string; withActual: number }) => [q.quarter, q.withActual])).toEqual([
      [quarterOf(demo.goLive), 1],
      [lastQuarter(), 1],
      [thisQuarter(), 0],
    ]);
  });
});

describe("who tracks a case's benefits", SLOW, () => {
  test("its owner and admins set the plan and record actuals; other roles get 403 and change nothing", async () => {
    const w = await world();
    const demo = await demoApproved(w);
    const actual = { amount: 9_000, method: "Finance: weekend till receipts" };
    const before = await snapshot(w.client);
    for (const who of [w.a.director, w.a.board]) {
      expectError(await putActual(who, w, demo.id, thisQuarter(), actual), 403, "forbidden");
      expectError(await putPlan(who, w, demo.id, { goLive: demo.goLive, rampUpMonths: 1, scope: null }), 403, "forbidden");
      expectError(await deleteActual(who, w, demo.id, lastQuarter()), 403, "forbidden");
    }
    expect(await snapshot(w.client)).toEqual(before);
    // CX ops owns the demo case; the admin may as well.
    const owned = await putActual(w.a.cx, w, demo.id, thisQuarter(), actual);
    expect(owned.status, owned.text).toBe(200);
    expect(owned.json.quarters.at(-1)).toMatchObject({ quarter: thisQuarter(), source: "recorded", actual: 9_000, recorded: { method: actual.method, recordedBy: await userId(w.a.cx) } });
    const byAdmin = await putPlan(w.a.admin, w, demo.id, { goLive: demo.goLive, rampUpMonths: 6, scope: null });
    expect(byAdmin.status, byAdmin.text).toBe(200);
    expect(byAdmin.json.rampUpMonths).toBe(6);
  });

  test("the owner is the case's named owner, whatever the role: CX ops may not track a case the director owns", async () => {
    const w = await world();
    const director = await userId(w.a.director);
    const id = await approvedCase(w, "2025-01-10", { ownerId: director });
    const body = { goLive: "2025-02-01", rampUpMonths: 0, scope: null };
    const before = await snapshot(w.client);
    expectError(await putPlan(w.a.cx, w, id, body), 403, "forbidden");
    expect(await snapshot(w.client)).toEqual(before);
    const res = await putPlan(w.a.director, w, id, body);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ start: "2025-02-01", goLiveSet: true });
  });

  test("a case the board has not approved is locked for its owner and admins alike", async () => {
    const w = await world();
    const rs = await w.client.execute({ sql: "select id from business_cases where org_id = ? and status = 'submitted'", args: [w.a.orgId] });
    const submitted = String(rs.rows[0]!.id);
    const before = await snapshot(w.client);
    for (const who of [w.a.cx, w.a.admin]) {
      expectError(await putPlan(who, w, submitted, { goLive: "2030-01-01", rampUpMonths: 0, scope: null }), 409, "locked");
      expectError(await putActual(who, w, submitted, thisQuarter(), { amount: 1, method: "x" }), 409, "locked");
    }
    expect(await snapshot(w.client)).toEqual(before);
    expect((await getBenefits(w.a.cx, w, submitted)).json).toMatchObject({ tracked: false, quarters: [], promised: 0, delivered: 0 });
  });
});

describe("what the server refuses", SLOW, () => {
  test("invalid plans and actuals are 400s naming each field, another organisation's ids 404s; nothing changes", async () => {
    const w = await world();
    const demo = await demoApproved(w);
    const noKpi = await approvedCase(w, "2025-01-10", { kpiId: null });
    const scope = { locationIds: [], segmentId: null, baselineFrom: "2024-10-01", baselineTo: "2024-12-31" };
    const plan = { goLive: demo.goLive, rampUpMonths: 3, scope: null };
    const bad: [string, () => Promise<{ status: number; json: any; text: string }>, string[]][] = [
      ["go-live before the approval", () => putPlan(w.a.cx, w, demo.id, { ...plan, goLive: "2020-01-01" }), ["goLive"]],
      ["a ramp-up past three years", () => putPlan(w.a.cx, w, demo.id, { ...plan, rampUpMonths: 37 }), ["rampUpMonths"]],
      ["a negative ramp-up", () => putPlan(w.a.cx, w, demo.id, { ...plan, rampUpMonths: -1 }), ["rampUpMonths"]],
      ["a ramp-up in part months", () => putPlan(w.a.cx, w, demo.id, { ...plan, rampUpMonths: 1.5 }), ["rampUpMonths"]],
      ["no go-live, and an unknown field", () => putPlan(w.a.cx, w, demo.id, { rampUpMonths: 0, scope: null, owner: "me" }), ["goLive", "owner"]],
      ["a baseline period that ends after go-live", () => putPlan(w.a.cx, w, demo.id, { ...plan, scope: { ...scope, baselineTo: demo.goLive } }), ["scope.baselineTo"]],
      ["a baseline period that ends before it starts", () => putPlan(w.a.cx, w, demo.id, { ...plan, scope: { ...scope, baselineFrom: "2025-01-01", baselineTo: "2024-12-01" } }), ["scope.baselineTo"]],
      ["another organisation's location and segment", () => putPlan(w.a.cx, w, demo.id, { ...plan, scope: { ...scope, locationIds: [w.bIds.locationId], segmentId: w.bIds.segmentId } }), ["scope.locationIds", "scope.segmentId"]],
      ["a scope for a case without a KPI", () => putPlan(w.a.cx, w, noKpi, { goLive: "2025-02-01", rampUpMonths: 0, scope }), ["scope"]],
      ["an actual without how it was measured", () => putActual(w.a.cx, w, demo.id, thisQuarter(), { amount: 5_000, method: "   " }), ["method"]],
      ["an actual that is not a number", () => putActual(w.a.cx, w, demo.id, thisQuarter(), { amount: "5000", method: "Till data" }), ["amount"]],
      ["an actual for a quarter not yet begun", () => putActual(w.a.cx, w, demo.id, quarterOf(dayText(quarterDays(thisQuarter()).end)), { amount: 5_000, method: "Till data" }), ["quarter"]],
      ["an actual for a quarter before go-live", () => putActual(w.a.cx, w, demo.id, quarterOf(dayText(dayNumber(demo.goLive) - 100)), { amount: 5_000, method: "Till data" }), ["quarter"]],
    ];
    const before = await snapshot(w.client);
    for (const [what, request, paths] of bad) {
      const res = await request();
      expectError(res, 400, "validation_failed");
      expect(issuePaths(res.json), what).toEqual(paths);
    }
    // A go-live that would leave recorded actuals outside the tracked quarters; a quarter without an actual to remove.
    expectError(await putPlan(w.a.cx, w, demo.id, { ...plan, goLive: dayText(dayNumber(new Date().toISOString()) + 1) }), 409, "actuals_outside_tracking");
    expectError(await deleteActual(w.a.cx, w, demo.id, thisQuarter()), 404, "not_found");
    // A quarter that cannot be; another organisation's case; a member of another organisation.
    expectError(await putActual(w.a.cx, w, demo.id, "2026-Q5", { amount: 1, method: "x" }), 404, "not_found");
    expectError(await putPlan(w.a.admin, w, w.bIds.caseId, plan), 404, "not_found");
    expectError(await putActual(w.a.admin, w, w.bIds.caseId, thisQuarter(), { amount: 1, method: "x" }), 404, "not_found");
    expectError(await getBenefits(w.a.admin, w, w.bIds.caseId), 404, "not_found");
    const eve = w.b.agent;
    expectError(await eve.put(path(w, demo.id, "benefit-plan"), plan), 404, "not_found");
    expectError(await eve.put(`/api/orgs/${w.b.orgId}/business-cases/${demo.id}/benefit-actuals/${thisQuarter()}`, { amount: 1, method: "x" }), 404, "not_found");
    expectError(await eve.delete(`/api/orgs/${w.b.orgId}/business-cases/${demo.id}/benefit-actuals/${lastQuarter()}`), 404, "not_found");
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("a device cannot push the tracking fields: they are the server's, written by their endpoints", async () => {
    const w = await world();
    const demo = await demoApproved(w);
    const before = await snapshot(w.client);
    const body = await pushOk(w.a.admin, w.a.orgId, [
      mutation("business_case", demo.id, { goLive: "2020-01-01" }, hlcAt(90_000)),
      mutation("business_case", demo.id, { benefitActuals: [] }, hlcAt(90_001)),
    ]);
    expect(body.results.map((r) => r.error?.code)).toEqual(["validation_failed", "validation_failed"]);
    expect(await snapshot(w.client)).toEqual(before);
  });
});

describe("measured benefits", SLOW, () => {
  test("the week of go-live counts for its days; two cases on one KPI never book more than its movement; a recorded actual overrides its quarter and reaches every device", async () => {
    const w = await world();
    // Last quarter, a Wednesday go-live in its second week, with weekly values from that week's Monday.
    const quarter = lastQuarter();
    const { first, end } = quarterDays(quarter);
    const monday = first + 7 + ((4 - ((first + 7) % 7) + 7) % 7); // day 0 (1970-01-01) was a Thursday
    expect(new Date(monday * DAY).getUTCDay()).toBe(1);
    const goLive = dayText(monday + 2);
    const kpiId = randomUUID();
    const values: [number, number][] = [
      [monday - 28, 20],
      [monday - 21, 20],
      [monday - 14, 20],
      [monday - 7, 20],
      [monday, 22],
      [monday + 7, 23],
      [monday + 14, 23],
    ];
    await pushApplied(w.a.cx, w.a.orgId, [
      mutation("kpi", kpiId, { name: "Weekend conversion", unit: "percent", direction: "higher", kind: "proportion", hard: false, description: "", archived: false }, hlcAt(clock++, NODE_B)),
      ...values.map(([day, value]) =>
        mutation("kpi_measurement", randomUUID(), { kpiId, period: "week", periodStart: dayText(day), locationId: null, segmentId: null, value, sampleSize: null, note: null }, hlcAt(clock++, NODE_B)),
      ),
    ]);
    const approvedOn = dayText(monday - 10);
    const a = await approvedCase(w, approvedOn, { kpiId, annualVolume: 400_000 });
    const b = await approvedCase(w, approvedOn, { kpiId, annualVolume: 200_000 });
    const scope = { locationIds: [], segmentId: null, baselineFrom: dayText(monday - 28), baselineTo: dayText(monday - 1) };
    for (const id of [a, b]) {
      const res = await putPlan(w.a.cx, w, id, { goLive, rampUpMonths: 0, scope });
      expect(res.status, res.text).toBe(200);
    }

    const of = async (id: string) => (await getBenefits(w.a.board, w, id)).json;
    const [qa, qb] = [(await of(a)).quarters[0], (await of(b)).quarters[0]];
    // From Wednesday: 5 days of the first week at 22 %, two weeks at 23 %; the rest of the quarter unmeasured.
    const level = (22 * 5 + 23 * 14) / 19;
    const days = end - (monday + 2);
    expect(qa).toMatchObject({ quarter, days, source: "measured" });
    expect(qa.measured.level).toBeCloseTo(level, 9);
    expect(qa.measured.baseline).toBeCloseTo(20, 9);
    // A promised twice B's benefit: two thirds of the movement are A's, one third B's — together the movement, once.
    expect(qa.measured.share).toBeCloseTo(2 / 3, 9);
    expect(qb.measured.share).toBeCloseTo(1 / 3, 9);
    expect(qa.measured.sharedWith).toEqual([b]);
    expect(qa.measured.movement * qa.measured.share + qb.measured.movement * qb.measured.share).toBeCloseTo(level - 20, 9);
    const worth = (volume: number) => (((level - 20) / 100) * volume * 35 * days) / 4 / (end - first);
    expect(qa.actual).toBeCloseTo(worth(400_000) * (2 / 3), 6);
    expect(qb.actual).toBeCloseTo(worth(200_000) * (1 / 3), 6);
    // Nothing measured this quarter yet.
    expect((await of(a)).quarters[1]).toMatchObject({ quarter: thisQuarter(), actual: null, gap: "no_data" });

    // The owner's own figure for the quarter stands instead; B's share of the movement does not grow.
    const { cursor } = await pullAll(w.a.director, w.a.orgId);
    const recorded = await putActual(w.a.cx, w, a, quarter, { amount: 31_000, method: "Finance: weekend receipts against last year" });
    expect(recorded.status, recorded.text).toBe(200);
    expect(recorded.json.quarters[0]).toMatchObject({ source: "recorded", actual: 31_000 });
    expect(recorded.json.quarters[0].measured.amount).toBeCloseTo(worth(400_000) * (2 / 3), 6);
    expect((await of(b)).quarters[0].measured.share).toBeCloseTo(1 / 3, 9);
    const pulled = (await pullAll(w.a.director, w.a.orgId, cursor)).changes.get(`business_case:${a}`)!;
    expect(pulled.fields).toMatchObject({ goLive, rampUpMonths: 0, benefitScope: scope, benefitActuals: [{ quarter, amount: 31_000, method: "Finance: weekend receipts against last year" }] });
    const history = (await w.a.director.get(`/api/orgs/${w.a.orgId}/history/business_case/${a}`)).json.entries;
    expect(history[0]).toMatchObject({ by: { id: await userId(w.a.cx) }, fields: { benefitActuals: { from: null } } });

    const removed = await deleteActual(w.a.cx, w, a, quarter);
    expect(removed.status, removed.text).toBe(200);
    expect(removed.json.quarters[0].source).toBe("measured");
  });

  test("targets start at go-live and follow the ramp-up, not the approval day", async () => {
    const w = await world();
    const quarter = lastQuarter();
    const { first, end } = quarterDays(quarter);
    const id = await approvedCase(w, dayText(first - 40));
    const res = await putPlan(w.a.cx, w, id, { goLive: dayText(first), rampUpMonths: 1, scope: null });
    expect(res.status, res.text).toBe(200);
    // No target before go-live; a month's linear ramp earns half of its days, then the full rate.
    const rampDays = addMonths(first, 1) - first;
    const full = (400_000 * 0.0225 * 35) / 4;
    expect(res.json.quarters[0]).toMatchObject({ quarter, days: end - first });
    expect(res.json.quarters[0].target).toBeCloseTo((full * (rampDays / 2 + (end - first - rampDays))) / (end - first), 6);
  });
});
