import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { ROLES, type Role } from "../../shared/roles";
import { agent } from "../support/app";
import { archiveSamples, errorShapeProblem, fillPath, ORG_PREFIX, orgRoutes, prepareWorld, type RouteEntry, routeKey, sampleBody, snapshot, world as sharedWorld } from "../support/api";

/** The shared two-organisation world is built once, ahead of the tests (a busy machine would time out the first one). */
beforeAll(prepareWorld, 120_000);

const NOT_FOUND = { error: { code: "not_found", message: "Not found" } };

/** The shared two-organisation world, with two of org A's visits in its archive (one purgeable), so the archive routes act on real records. */
async function world() {
  const w = await sharedWorld();
  return { ...w, aIds: { ...w.aIds, ...(await archiveSamples(w)) } };
}

/**
 * Who may call each org route. Every route the app registers under /api/orgs/:orgId must be
 * listed here (a test below enforces it), so a new route forces a decision about its roles.
 */
const EVERY_MEMBER: readonly Role[] = ROLES;
const ADMIN_ONLY: readonly Role[] = ["admin"];
const PERMISSIONS: Record<string, readonly Role[]> = {
  "GET /api/orgs/:orgId": EVERY_MEMBER,
  "PATCH /api/orgs/:orgId": ADMIN_ONLY,
  "GET /api/orgs/:orgId/members": EVERY_MEMBER,
  "PATCH /api/orgs/:orgId/members/:userId": ADMIN_ONLY,
  "DELETE /api/orgs/:orgId/members/:userId": ADMIN_ONLY,
  "POST /api/orgs/:orgId/members/:userId/password-reset": ADMIN_ONLY,
  "GET /api/orgs/:orgId/invites": ADMIN_ONLY,
  "POST /api/orgs/:orgId/invites": ADMIN_ONLY,
  "DELETE /api/orgs/:orgId/invites/:inviteId": ADMIN_ONLY,
  "GET /api/orgs/:orgId/api-keys": ADMIN_ONLY,
  "POST /api/orgs/:orgId/api-keys": ADMIN_ONLY,
  "DELETE /api/orgs/:orgId/api-keys/:keyId": ADMIN_ONLY,
  "GET /api/orgs/:orgId/locations": EVERY_MEMBER,
  "POST /api/orgs/:orgId/locations": ADMIN_ONLY,
  "PATCH /api/orgs/:orgId/locations/:id": ADMIN_ONLY,
  "GET /api/orgs/:orgId/journey-stages": EVERY_MEMBER,
  "POST /api/orgs/:orgId/journey-stages": ADMIN_ONLY,
  "PATCH /api/orgs/:orgId/journey-stages/:id": ADMIN_ONLY,
  "PUT /api/orgs/:orgId/journey-stages/order": ADMIN_ONLY,
  "GET /api/orgs/:orgId/segments": EVERY_MEMBER,
  "POST /api/orgs/:orgId/segments": ADMIN_ONLY,
  "PATCH /api/orgs/:orgId/segments/:id": ADMIN_ONLY,
  "GET /api/orgs/:orgId/themes": EVERY_MEMBER,
  "POST /api/orgs/:orgId/themes": ADMIN_ONLY,
  "PATCH /api/orgs/:orgId/themes/:id": ADMIN_ONLY,
  // Every role syncs; which entities a role may change is decided per mutation (sync.test.ts).
  "POST /api/orgs/:orgId/sync/push": EVERY_MEMBER,
  "GET /api/orgs/:orgId/sync/pull": EVERY_MEMBER,
  "GET /api/orgs/:orgId/sync/events": EVERY_MEMBER,
  "PUT /api/orgs/:orgId/attachments/:sha256": EVERY_MEMBER,
  "GET /api/orgs/:orgId/attachments/:sha256": EVERY_MEMBER,
  // Every member may ask for a lifecycle move; the move and the role decide (experiments.test.ts).
  "POST /api/orgs/:orgId/experiments/:id/transitions": EVERY_MEMBER,
  "GET /api/orgs/:orgId/experiments/:id/decisions": EVERY_MEMBER,
  "POST /api/orgs/:orgId/kpis/:kpiId/measurements/import": ["admin", "cx_ops"],
  // The KPI feed: with a session, the import's rule; with an API key, the key (kpi-feed.test.ts).
  "POST /api/orgs/:orgId/kpis/:kpiId/measurements": ["admin", "cx_ops"],
  "GET /api/orgs/:orgId/kpis/:kpiId/measurements.csv": EVERY_MEMBER,
  // As for experiments: the lifecycle decides who may make which move (business-cases.test.ts).
  "POST /api/orgs/:orgId/business-cases/:id/decisions": EVERY_MEMBER,
  "GET /api/orgs/:orgId/business-cases/:id/decisions": EVERY_MEMBER,
  "GET /api/orgs/:orgId/business-cases/:id/benefits": EVERY_MEMBER,
  // Any member may own a case; the case decides: its owner and admins, others 403 (benefits.test.ts).
  "PUT /api/orgs/:orgId/business-cases/:id/benefit-plan": EVERY_MEMBER,
  "PUT /api/orgs/:orgId/business-cases/:id/benefit-actuals/:quarter": EVERY_MEMBER,
  "DELETE /api/orgs/:orgId/business-cases/:id/benefit-actuals/:quarter": EVERY_MEMBER,
  "GET /api/orgs/:orgId/board/summary": ["admin", "board"],
  // Every member reads every record of the organisation, so its history too.
  "GET /api/orgs/:orgId/history/:entity/:entityId": EVERY_MEMBER,
  // The archive is the admin's (manage_archive): listing, restoring, purging.
  "GET /api/orgs/:orgId/archive": ADMIN_ONLY,
  "POST /api/orgs/:orgId/archive/:entity/:id/restore": ADMIN_ONLY,
  "POST /api/orgs/:orgId/archive/:entity/:id/purge": ADMIN_ONLY,
};

/**
 * Routes open to every member where the lifecycle refuses a role a particular move with a 403
 * `role_not_allowed` (the route's own refusal is `forbidden`): the sample move (idea → proposed)
 * is one the board may not make.
 */
const DECIDED_BY_THE_LIFECYCLE = new Set(["POST /api/orgs/:orgId/experiments/:id/transitions", "POST /api/orgs/:orgId/business-cases/:id/decisions"]);

/**
 * Routes open to every member where the case refuses whoever is not its owner (or an admin) with a
 * 403 `forbidden`: the demo's approved case is owned by CX operations.
 */
const DECIDED_BY_THE_CASE = new Set([
  "PUT /api/orgs/:orgId/business-cases/:id/benefit-plan",
  "PUT /api/orgs/:orgId/business-cases/:id/benefit-actuals/:quarter",
  "DELETE /api/orgs/:orgId/business-cases/:id/benefit-actuals/:quarter",
]);

/**
 * Routes whose parameter names no record of an organisation: a photo's address is the hash
 * of the caller's own bytes, so org B uploading bytes org A also has stores B's own copy
 * (attachments.test.ts proves it reveals and touches nothing of A's).
 */
const NOT_A_RECORD_LOOKUP = new Set(["PUT /api/orgs/:orgId/attachments/:sha256"]);

/** Runs the requests one after another: reorders before creates (an order lists every stage), DELETEs last. */
const METHOD_ORDER = ["GET", "PUT", "POST", "PATCH", "DELETE"];
const inRunOrder = (routes: RouteEntry[]) =>
  [...routes].sort((x, y) => METHOD_ORDER.indexOf(x.method) - METHOD_ORDER.indexOf(y.method));

describe("the org route table", () => {
  test("enumerates the registered org routes, including the known ones", async () => {
    const { app } = await world();
    const keys = orgRoutes(app).map(routeKey);
    expect(keys.length).toBeGreaterThanOrEqual(15);
    expect(keys).toEqual(
      expect.arrayContaining([
        "GET /api/orgs/:orgId",
        "GET /api/orgs/:orgId/members",
        "POST /api/orgs/:orgId/invites",
        "PATCH /api/orgs/:orgId/locations/:id",
        "PUT /api/orgs/:orgId/journey-stages/order",
        "POST /api/orgs/:orgId/themes",
      ]),
    );
    expect(keys.every((k) => !k.startsWith("ALL "))).toBe(true);
  });

  test("every org route has its roles declared in PERMISSIONS (a new route must be classified)", async () => {
    const { app } = await world();
    expect(orgRoutes(app).map(routeKey).sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });
});

describe("a member of another organisation", () => {
  test("gets the same 404 as for a nonexistent org on every org route, and nothing changes anywhere", async () => {
    const { app, client, b, aIds } = await world();
    const routes = orgRoutes(app);
    expect(routes.length).toBeGreaterThan(0);
    const before = await snapshot(client);
    const problems: string[] = [];
    for (const route of inRunOrder(routes)) {
      const path = fillPath(route.path, aIds);
      const body = sampleBody(route, aIds);
      const victim = await b.agent.request(route.method, path, body);
      const nowhere = await b.agent.request(route.method, fillPath(route.path, { ...aIds, orgId: randomUUID() }, aIds), body);
      if (victim.status !== 404) problems.push(`${routeKey(route)} → ${victim.status} ${victim.text.slice(0, 120)}`);
      else if (JSON.stringify(victim.json) !== JSON.stringify(NOT_FOUND)) problems.push(`${routeKey(route)} → body ${victim.text}`);
      if (victim.text !== nowhere.text || victim.status !== nowhere.status) {
        problems.push(`${routeKey(route)} answers differently for org A (${victim.status}) and a nonexistent org (${nowhere.status})`);
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshot(client)).toEqual(before);
  });

  test("gets the same 404 for a malformed org id", async () => {
    const { b } = await world();
    const res = await b.agent.get("/api/orgs/not-a-uuid/locations");
    expect(res.status).toBe(404);
    expect(res.json).toEqual(NOT_FOUND);
  });

  test("cannot reach org A's records through their own org: every record route is a 404 and nothing changes", async () => {
    const { app, client, b, aIds, bIds } = await world();
    const recordRoutes = orgRoutes(app).filter((r) => r.path.slice(ORG_PREFIX.length).includes("/:") && !NOT_A_RECORD_LOOKUP.has(routeKey(r)));
    expect(recordRoutes.length).toBeGreaterThanOrEqual(6);
    const before = await snapshot(client);
    const problems: string[] = [];
    for (const route of inRunOrder(recordRoutes)) {
      // Eve is admin of B, so only the tenant scoping of the query can stop her.
      const res = await b.agent.request(route.method, fillPath(route.path, bIds, aIds), sampleBody(route, aIds));
      if (res.status !== 404 || errorShapeProblem(res.json)) problems.push(`${routeKey(route)} → ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(problems).toEqual([]);
    expect(await snapshot(client)).toEqual(before);
  });

  test("cannot reorder their stages with org A's stage ids", async () => {
    const { client, b, aIds } = await world();
    const before = await snapshot(client);
    const res = await b.agent.put(`/api/orgs/${b.orgId}/journey-stages/order`, { ids: aIds.stageIds });
    expect(res.status).toBe(400);
    expect(await snapshot(client)).toEqual(before);
  });

  test("sees only their own organisation's records in every list", async () => {
    const { a, b, aIds, bIds } = await world();
    for (const noun of ["locations", "journey-stages", "segments", "themes"]) {
      const ids = (await b.agent.get(`/api/orgs/${b.orgId}/${noun}?archived=include`)).json.items.map((i: { id: string }) => i.id);
      const aList = (await a.admin.get(`/api/orgs/${a.orgId}/${noun}?archived=include`)).json.items.map((i: { id: string }) => i.id);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.filter((id: string) => aList.includes(id))).toEqual([]);
    }
    expect(bIds.stageIds).not.toContain(aIds.stageId);
    const members = (await b.agent.get(`/api/orgs/${b.orgId}/members`)).json.members.map((m: { email: string }) => m.email);
    expect(members).toEqual(["eve@other.example"]);
    const invites = (await b.agent.get(`/api/orgs/${b.orgId}/invites`)).json.invites.map((i: { email: string }) => i.email);
    expect(invites).toEqual(["b.invitee@other.example"]);
  });

  test("GET /api/orgs/:orgId names their own org and role only", async () => {
    const { b } = await world();
    const res = await b.agent.get(`/api/orgs/${b.orgId}`);
    expect(res.json).toEqual({ id: b.orgId, name: "Other Org", role: "admin", visitTargetPerMonth: 2, defaultDiscountRate: 0.08, separationOfDuties: true, adminCount: 1 });
  });
});

describe("without a session", () => {
  test("every org route is a 401 in the error shape, and nothing changes", async () => {
    const { app, client, aIds } = await world();
    const anonymous = agent(app);
    const before = await snapshot(client);
    const problems: string[] = [];
    for (const route of inRunOrder(orgRoutes(app))) {
      const res = await anonymous.request(route.method, fillPath(route.path, aIds), sampleBody(route, aIds));
      if (res.status !== 401 || res.json?.error?.code !== "unauthenticated" || errorShapeProblem(res.json)) {
        problems.push(`${routeKey(route)} → ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshot(client)).toEqual(before);
  });
});

describe("roles inside the organisation", () => {
  test.each(["executive", "cx_ops", "board"] as const)(
    "%s gets 403 on every route it may not use, and nothing changes",
    async (role) => {
      const { app, client, a, aIds } = await world();
      const who = { executive: a.director, cx_ops: a.cx, board: a.board }[role];
      const refused = orgRoutes(app).filter((r) => !PERMISSIONS[routeKey(r)]?.includes(role));
      expect(refused.length).toBeGreaterThan(0);
      const before = await snapshot(client);
      const problems: string[] = [];
      for (const route of inRunOrder(refused)) {
        const res = await who.request(route.method, fillPath(route.path, aIds), sampleBody(route, aIds));
        if (res.status !== 403 || res.json?.error?.code !== "forbidden" || errorShapeProblem(res.json)) {
          problems.push(`${routeKey(route)} → ${res.status} ${res.text.slice(0, 120)}`);
        }
      }
      expect(problems).toEqual([]);
      expect(await snapshot(client)).toEqual(before);
    },
  );

  test.each(["executive", "cx_ops", "board"] as const)("%s may read every route declared open to all members", async (role) => {
    const { app, a, aIds } = await world();
    const who = { executive: a.director, cx_ops: a.cx, board: a.board }[role];
    const allowed = orgRoutes(app).filter((r) => PERMISSIONS[routeKey(r)]?.includes(role));
    expect(allowed.length).toBeGreaterThan(0);
    for (const route of allowed) {
      const res = await who.request(route.method, fillPath(route.path, aIds), sampleBody(route, aIds));
      if (DECIDED_BY_THE_LIFECYCLE.has(routeKey(route)) && res.status >= 400) {
        expect(res.status, res.text).toBe(403);
        expect(res.json.error.code, res.text).toBe("role_not_allowed");
      }
      else if (DECIDED_BY_THE_CASE.has(routeKey(route)) && role !== "cx_ops") expect([res.status, res.json.error?.code], res.text).toEqual([403, "forbidden"]);
      else expect(res.status, `${routeKey(route)}: ${res.text}`).toBeLessThan(300);
    }
  });

  test("the admin succeeds on every org route with the same requests (the tables above use real records)", async () => {
    const { app, a, aIds, client } = await world();
    for (const route of inRunOrder(orgRoutes(app))) {
      const res = await a.admin.request(route.method, fillPath(route.path, aIds), sampleBody(route, aIds));
      expect(res.status, `${routeKey(route)}: ${res.text}`).toBeGreaterThanOrEqual(200);
      expect(res.status, `${routeKey(route)}: ${res.text}`).toBeLessThan(300);
      // A push answers 200 even when it rejects every mutation: the sample must really apply.
      if (route.path.endsWith("/sync/push")) expect(res.json.results.map((r: { status: string }) => r.status)).toEqual(["applied"]);
    }
    // The archive samples were really restored and purged.
    const visits = await client.execute({ sql: "select id, deleted_at, purged_on from visits where id in (?, ?)", args: [aIds.archivedVisitId, aIds.purgeableVisitId] });
    const byId = Object.fromEntries(visits.rows.map((r) => [String(r.id), r]));
    expect(byId[aIds.archivedVisitId]).toMatchObject({ deleted_at: null, purged_on: null });
    expect(byId[aIds.purgeableVisitId]!.deleted_at).not.toBeNull();
    expect(byId[aIds.purgeableVisitId]!.purged_on).not.toBeNull();
  });
});
