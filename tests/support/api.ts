import type { Client } from "@libsql/client";
import { createHash, randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect } from "vitest";
import { createApp, type AppOptions } from "../../server/app";
import { hashPassword } from "../../server/auth/passwords";
import { openDatabase, type Db } from "../../server/db/client";
import { businessCases, experiments, kpis } from "../../server/db/schema";
import { allocateSeq } from "../../server/sync/sequence";
import { formatHlc } from "../../shared/sync/hlc";
import { quarterOf } from "../../shared/business-cases/benefits";
import { addMember, insertOrganisation, insertUser } from "../../server/orgs/create";
import { ROLES, type Role } from "../../shared/roles";
import { agent, demoOrg, type TestApp } from "./app";
import { userId } from "./sync";

type Agent = ReturnType<typeof agent>;

/**
 * Why `json` is not the one error shape `{"error":{"code","message","issues"?}}`, or null when it is.
 * Issues appear exactly on validation failures, each naming a path and a message.
 */
export function errorShapeProblem(json: unknown): string | null {
  if (!json || typeof json !== "object" || Array.isArray(json)) return `body is not an object: ${JSON.stringify(json)}`;
  const keys = Object.keys(json);
  if (keys.length !== 1 || keys[0] !== "error") return `top-level keys are ${JSON.stringify(keys)}`;
  const error = (json as { error: unknown }).error as Record<string, unknown>;
  if (!error || typeof error !== "object") return "error is not an object";
  if (typeof error.code !== "string" || !/^[a-z_]+$/.test(error.code)) return `bad code ${JSON.stringify(error.code)}`;
  if (typeof error.message !== "string" || error.message.length === 0) return "missing message";
  const expectedKeys = error.code === "validation_failed" ? ["code", "issues", "message"] : ["code", "message"];
  if (JSON.stringify(Object.keys(error).sort()) !== JSON.stringify(expectedKeys)) {
    return `error keys ${JSON.stringify(Object.keys(error).sort())}, expected ${JSON.stringify(expectedKeys)}`;
  }
  if (error.issues !== undefined) {
    if (!Array.isArray(error.issues) || error.issues.length === 0) return "issues is not a non-empty array";
    for (const issue of error.issues as Record<string, unknown>[]) {
      if (JSON.stringify(Object.keys(issue).sort()) !== '["message","path"]') return `issue keys ${JSON.stringify(Object.keys(issue))}`;
      if (typeof issue.path !== "string" || typeof issue.message !== "string") return "issue path/message not strings";
    }
  }
  return null;
}

/** Asserts an error response: its status, the one error shape and (optionally) its code. */
export function expectError(res: { status: number; json: any; text: string }, status: number, code?: string) {
  expect(res.status, res.text).toBe(status);
  expect(errorShapeProblem(res.json), res.text).toBeNull();
  if (code) expect(res.json.error.code).toBe(code);
}

/** The issue paths of a validation error, sorted. */
export const issuePaths = (json: any): string[] => (json?.error?.issues ?? []).map((i: { path: string }) => i.path).sort();

/**
 * Every row of every table except sessions (logging in writes those), so a test can
 * prove a refused request changed nothing anywhere. New tables are picked up automatically.
 */
export async function snapshot(client: Client) {
  const tables = await client.execute(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%drizzle%' and name != 'sessions' order by name",
  );
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) {
    const rs = await client.execute(`select * from "${String(name)}" order by rowid`);
    out[String(name)] = rs.rows.map((row) => Object.fromEntries(rs.columns.map((col, i) => [col, row[i]])));
  }
  return out;
}

/**
 * A second organisation next to the demo one (setup refuses a second org), with one
 * member, logged in. Inserted through the same helpers setup uses.
 */
export async function otherOrg(
  app: TestApp,
  db: Db,
  { orgName = "Other Org", email = "eve@other.example", name = "Eve Other", password = "other-password", role = "admin" as Role } = {},
) {
  const now = new Date().toISOString();
  const passwordHash = await hashPassword(password);
  const { orgId, userId } = await db.transaction(async (tx) => {
    const userId = await insertUser(tx, { email, name, passwordHash }, now);
    const orgId = await insertOrganisation(tx, orgName, now, userId);
    await addMember(tx, orgId, userId, role, now);
    return { orgId, userId };
  });
  const a = agent(app);
  const res = await a.post("/api/auth/login", { email, password });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${res.text}`);
  return { orgId, userId, email, password, agent: a };
}

/** Real, tiny images (1×1 pixel) for photo uploads. */
export const TINY_PNG = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"));
export const TINY_WEBP = Uint8Array.from(Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64"));
export const TINY_JPEG = Uint8Array.from(
  Buffer.from(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
    "base64",
  ),
);
export const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * A PNG-signed photo of exactly `size` bytes (the server checks the signature and the hash, not
 * the pixels); another `variant` gives other bytes, so another SHA-256, of the same size.
 */
export function pngOfSize(size: number, variant = 0) {
  const bytes = new Uint8Array(size);
  bytes.set(TINY_PNG.subarray(0, 8));
  for (let i = 8; i < size; i += 4096) bytes[i] = i % 251;
  if (size > 8) bytes[size - 1] = variant % 256;
  if (size > 9) bytes[size - 2] = Math.floor(variant / 256) % 256;
  return bytes;
}

/** The one visit the sample push creates (a fixed mutation id, so a repeat is a duplicate). */
export const SAMPLE_PUSH = {
  mutationId: "5a3c0e9e-0d1b-4c47-9b8e-2f0c6a1d7e01",
  visitId: "5a3c0e9e-0d1b-4c47-9b8e-2f0c6a1d7e02",
  hlc: "2025-01-06T09:00:00.000Z-0000-00000000000000aa",
};

export interface RouteEntry {
  method: string;
  path: string;
}

/** Every concrete (non-middleware) route the app registers, once per method and path. */
export function registeredRoutes(app: TestApp): RouteEntry[] {
  const seen = new Map<string, RouteEntry>();
  for (const { method, path } of app.routes) {
    if (method === "ALL") continue; // `.use` middleware and the 404 fallbacks
    seen.set(`${method} ${path}`, { method, path });
  }
  return [...seen.values()];
}

export const ORG_PREFIX = "/api/orgs/:orgId";
export const orgRoutes = (app: TestApp) => registeredRoutes(app).filter((r) => r.path.startsWith(ORG_PREFIX));
export const routeKey = (r: RouteEntry) => `${r.method} ${r.path}`;

/** Ids of real records of one organisation, to put into route parameters. */
export interface OrgIds {
  orgId: string;
  locationId: string;
  stageId: string;
  stageIds: string[];
  segmentId: string;
  themeId: string;
  memberId: string;
  inviteId: string;
  /** SHA-256 of a photo the organisation has stored. */
  photoSha256: string;
  kpiId: string;
  /** An experiment still in `idea`, so the sample transition (to `proposed`) is a real move. */
  experimentId: string;
  /** A business case (the demo's is submitted, so the sample decision, deferring it, is a real move). */
  caseId: string;
  /** The demo's approved case (its owner is CX ops) and its go-live, for the benefit routes' samples. */
  approvedCaseId: string;
  approvedCaseGoLive: string;
  /**
   * A visit in the archive, for the sample restore; and one archived more than 90 days ago, for
   * the sample purge. Made-up ids (naming nothing) unless a test archived real ones with
   * `archiveSamples`, which the shared template does not, so lists and counts stay as they were.
   */
  archivedVisitId: string;
  purgeableVisitId: string;
  /** An API key of the organisation (for the KPI feed), live. */
  apiKeyId: string;
}

/** Which record a `:param` after a path segment names; a new route with a new parameter must be added here. */
const PARAM_SOURCES: Record<string, (ids: OrgIds) => string> = {
  ":orgId": (ids) => ids.orgId,
  "locations/:id": (ids) => ids.locationId,
  "journey-stages/:id": (ids) => ids.stageId,
  "segments/:id": (ids) => ids.segmentId,
  "themes/:id": (ids) => ids.themeId,
  "members/:userId": (ids) => ids.memberId,
  "invites/:inviteId": (ids) => ids.inviteId,
  "api-keys/:keyId": (ids) => ids.apiKeyId,
  "attachments/:sha256": (ids) => ids.photoSha256,
  "experiments/:id": (ids) => ids.experimentId,
  "kpis/:kpiId": (ids) => ids.kpiId,
  "business-cases/:id": (ids) => ids.caseId,
  // Benefits are tracked for an approved case only; the sample quarter is the current one.
  "business-cases/:id/benefit-plan": (ids) => ids.approvedCaseId,
  "business-cases/:id/benefit-actuals": (ids) => ids.approvedCaseId,
  "benefit-actuals/:quarter": () => quarterOf(new Date().toISOString()),
  // The sample history is the experiment's; the archive samples are visits.
  "history/:entity": () => "experiment",
  ":entity/:entityId": (ids) => ids.experimentId,
  "archive/:entity": () => "visit",
  // Both archive routes have `:entity/:id`: the segment after the id tells them apart.
  ":entity/:id/restore": (ids) => ids.archivedVisitId,
  ":entity/:id/purge": (ids) => ids.purgeableVisitId,
};

/** Fills a route pattern with real ids; `orgIds` for `:orgId`, `recordIds` for everything else. */
export function fillPath(path: string, orgIds: OrgIds, recordIds: OrgIds = orgIds, overrides: Record<string, string> = {}) {
  const segments = path.split("/");
  return segments
    .map((segment, i) => {
      if (!segment.startsWith(":")) return segment;
      if (segment in overrides) return overrides[segment]!;
      if (segment === ":orgId") return orgIds.orgId;
      const source = PARAM_SOURCES[`${segments[i - 1]}/${segment}/${segments[i + 1]}`] ?? PARAM_SOURCES[`${segments[i - 1]}/${segment}`];
      if (!source) throw new Error(`No record id known for "${segments[i - 1]}/${segment}" in ${path}: add one to PARAM_SOURCES`);
      return source(recordIds);
    })
    .join("/");
}

/**
 * A request body that would succeed for each write route, so a missing guard shows up as
 * a success rather than hiding behind a validation error. Unknown org routes get `{}`.
 */
export function sampleBody(route: RouteEntry, ids: OrgIds): unknown {
  const suffix = `${route.method} ${route.path.slice(ORG_PREFIX.length)}`;
  const bodies: Record<string, unknown> = {
    "POST /invites": { email: "sample.invitee@example.com", role: "admin" },
    "POST /api-keys": { name: "Sample feed" },
    "POST /kpis/:kpiId/measurements": [{ period: "week", periodStart: "2025-01-08", location: ids.locationId, value: 21.5, sampleSize: 3100 }],
    "PATCH /members/:userId": { role: "admin" },
    "POST /locations": { name: "Sample store", kind: "store" },
    "PATCH /locations/:id": { name: "Renamed location", archived: true },
    "POST /journey-stages": { name: "Sample stage" },
    "PATCH /journey-stages/:id": { name: "Renamed stage", archived: true },
    "PUT /journey-stages/order": { ids: [...ids.stageIds].reverse() },
    "POST /segments": { name: "Sample segment", motives: ["risk"] },
    "PATCH /segments/:id": { name: "Renamed segment", motives: ["trust"], archived: true },
    "POST /themes": { name: "Sample theme", description: "x", notDoing: true },
    "PATCH /themes/:id": { name: "Renamed theme", notDoing: true, archived: true },
    // A valid one-visit push: a route without its guard would create the visit.
    "POST /sync/push": {
      clientId: "sample-device",
      mutations: [
        {
          id: SAMPLE_PUSH.mutationId,
          entity: "visit",
          entityId: SAMPLE_PUSH.visitId,
          op: "upsert",
          fields: { kind: "floor_walk", locationId: ids.locationId, startedAt: "2025-01-06T09:00:00.000Z" },
          hlc: SAMPLE_PUSH.hlc,
        },
      ],
    },
    // Org A's stored photo, byte for byte (the address is its hash).
    "PUT /attachments/:sha256": new Blob([TINY_PNG], { type: "image/png" }),
    // A move every role but the board may make (the board gets 409 role_not_allowed).
    "POST /experiments/:id/transitions": { to: "proposed", reason: "Worth testing" },
    // A move only the board and admins may make (every other role gets 409 role_not_allowed).
    "POST /business-cases/:id/decisions": { to: "deferred", reason: "Next quarter's meeting" },
    // The demo case's own plan (a later go-live would leave its recorded actuals outside), and this quarter's actual.
    "PUT /business-cases/:id/benefit-plan": { goLive: ids.approvedCaseGoLive, rampUpMonths: 2, scope: null },
    "PUT /business-cases/:id/benefit-actuals/:quarter": { amount: 1_000, method: "Sample: till data" },
    // The organisation itself (its path ends at the org id).
    "PATCH ": { visitTargetPerMonth: 3, defaultDiscountRate: 0.07 },
    "POST /kpis/:kpiId/measurements/import": {
      csv: `period_start,value,location\n2025-01-06,21.5,${ids.locationId}\n`,
      mapping: { periodStart: "period_start", value: "value", location: "location" },
      period: "week",
      mode: "all",
    },
  };
  const publicBodies: Record<string, unknown> = {
    "POST /api/setup": { mode: "demo" },
    "POST /api/auth/login": { email: "admin@demo.example", password: "demo-demo-demo" },
    "POST /api/invites/:token/accept": { name: "Sample Invitee", password: "sample-password" },
    "POST /api/password-resets/:token": { password: "sample-password" },
  };
  if (route.method === "GET" || route.method === "DELETE") return undefined;
  if (!route.path.startsWith(ORG_PREFIX)) return publicBodies[`${route.method} ${route.path}`];
  return suffix in bodies ? bodies[suffix] : {};
}

/** Reads the ids of an organisation's records through the API, as its admin. */
export async function readOrgIds(admin: Agent, orgId: string, memberEmail: string, inviteId: string, photoSha256: string): Promise<OrgIds> {
  const items = async (noun: string) => (await admin.get(`/api/orgs/${orgId}/${noun}`)).json.items as { id: string }[];
  const stages = await items("journey-stages");
  const members = (await admin.get(`/api/orgs/${orgId}/members`)).json.members as { userId: string; email: string }[];
  const synced = (await admin.get(`/api/orgs/${orgId}/sync/pull?limit=5000`)).json.changes as { entity: string; entityId: string; fields: Record<string, unknown> }[];
  const change = (entity: string, status?: string) => synced.find((c) => c.entity === entity && (!status || c.fields.status === status));
  const record = (entity: string, status?: string) => change(entity, status)?.entityId;
  return {
    orgId,
    locationId: (await items("locations"))[0]!.id,
    stageId: stages[0]!.id,
    stageIds: stages.map((s) => s.id),
    segmentId: (await items("segments"))[0]!.id,
    themeId: (await items("themes"))[0]!.id,
    memberId: members.find((m) => m.email === memberEmail)!.userId,
    inviteId,
    photoSha256,
    kpiId: record("kpi")!,
    experimentId: record("experiment", "idea")!,
    caseId: record("business_case")!,
    // Org B has no approved case: its submitted one stands in (only org A's ids are acted on).
    approvedCaseId: record("business_case", "approved") ?? record("business_case")!,
    approvedCaseGoLive: String(change("business_case", "approved")?.fields.goLive ?? "2025-01-01"),
    archivedVisitId: randomUUID(),
    purgeableVisitId: randomUUID(),
    apiKeyId: ((await admin.get(`/api/orgs/${orgId}/api-keys`)).json.apiKeys as { id: string }[])[0]!.id,
  };
}

/**
 * Archives two visits of org A (pushed and deleted by the director): one just now, one whose
 * archiving is moved back 100 days, past the 90 after which an admin may purge it. Returns the
 * ids to put into OrgIds, so the archive routes' sample requests act on real records.
 */
export async function archiveSamples(w: { a: { orgId: string; director: Agent }; aIds: OrgIds; client: Client }) {
  const [archivedVisitId, purgeableVisitId] = [randomUUID(), randomUUID()];
  const hour = Date.now() - 3_600_000;
  const stamp = (counter: number) => formatHlc({ millis: hour, counter, node: "00000000000000a9" });
  const visit = { kind: "floor_walk", locationId: w.aIds.locationId, startedAt: "2025-03-01T09:30:00.000Z", notes: "To the archive" };
  const mutations = [archivedVisitId, purgeableVisitId].flatMap((id, i) => [
    { id: randomUUID(), entity: "visit", entityId: id, op: "upsert", fields: visit, hlc: stamp(2 * i) },
    { id: randomUUID(), entity: "visit", entityId: id, op: "delete", fields: {}, hlc: stamp(2 * i + 1) },
  ]);
  const res = await w.a.director.post(`/api/orgs/${w.a.orgId}/sync/push`, { clientId: "archive-samples", mutations });
  if (res.status !== 200 || res.json.results.some((r: { status: string }) => r.status !== "applied")) throw new Error(`archiving the samples failed: ${res.text}`);
  const longAgo = new Date(Date.now() - 100 * 86_400_000).toISOString();
  await w.client.execute({ sql: "update visits set deleted_on = ? where id = ?", args: [longAgo, purgeableVisitId] });
  return { archivedVisitId, purgeableVisitId };
}

export const OTHER_ADMIN = { email: "eve@other.example", password: "other-password" };

interface Template {
  file: string;
  cookies: { director: string; admin: string; cx: string; board: string; eve: string };
  aIds: OrgIds;
  bIds: OrgIds;
  eveId: string;
}

let template: Promise<Template> | undefined;

/**
 * Builds the two-organisation world once per test file (scrypt makes every password hash
 * and login cost real time), checkpointed into one database file that each test copies.
 * The sessions are in the file, so the copied cookies stay logged in.
 */
function buildTemplate(): Promise<Template> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "chefsache-template-"));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, "template.db");
    const database = await openDatabase(`file:${file}`);
    const app = createApp({ db: database.db });
    const a = await demoOrg(app);
    const invite = await a.admin.post(`/api/orgs/${a.orgId}/invites`, { email: "new.hire@demo.example", role: "cx_ops" });
    if (invite.status !== 201) throw new Error(`invite failed: ${invite.text}`);
    const photo = await a.director.request("PUT", `/api/orgs/${a.orgId}/attachments/${sha256Of(TINY_PNG)}`, new Blob([TINY_PNG], { type: "image/png" }));
    if (photo.status !== 201) throw new Error(`photo upload failed: ${photo.status} ${photo.text}`);
    const aKey = await a.admin.post(`/api/orgs/${a.orgId}/api-keys`, { name: "Till export" });
    if (aKey.status !== 201) throw new Error(`API key failed: ${aKey.text}`);
    const aIds = await readOrgIds(a.admin, a.orgId, "cx@demo.example", invite.json.invite.id, sha256Of(TINY_PNG));

    const b = await otherOrg(app, database.db, OTHER_ADMIN);
    const base = `/api/orgs/${b.orgId}`;
    await b.agent.post(`${base}/locations`, { name: "B store", kind: "store" });
    await b.agent.post(`${base}/segments`, { name: "B segment" });
    await b.agent.post(`${base}/themes`, { name: "B theme" });
    const bInvite = await b.agent.post(`${base}/invites`, { email: "b.invitee@other.example", role: "board" });
    await b.agent.post(`${base}/api-keys`, { name: "B feed" });
    const bPhoto = await b.agent.request("PUT", `${base}/attachments/${sha256Of(TINY_WEBP)}`, new Blob([TINY_WEBP], { type: "image/webp" }));
    if (bPhoto.status !== 201) throw new Error(`photo upload failed: ${bPhoto.status} ${bPhoto.text}`);
    // B's own KPI and experiment, written as the server would (not through a push, whose
    // mutation ids tests count).
    await database.db.transaction(async (tx) => {
      const hlc = "2025-01-06T09:00:00.000Z-0000-00000000000000bb";
      const kpi = { name: "B conversion", unit: "percent", direction: "higher", kind: "proportion", hard: true };
      const at = new Date().toISOString();
      let seq = await allocateSeq(tx, 2);
      const record = () => ({ id: randomUUID(), orgId: b.orgId, authorId: b.userId, createdAt: at, updatedAt: at, seq: seq++ });
      const kpiRow = { ...record(), ...kpi, clocks: Object.fromEntries(Object.keys(kpi).map((k) => [k, hlc])) };
      await tx.insert(kpis).values(kpiRow);
      await tx.insert(experiments).values({ ...record(), title: "B experiment", primaryKpiId: kpiRow.id, clocks: { title: hlc, primaryKpiId: hlc } });
      await tx.insert(businessCases).values({ ...record(), seq: await allocateSeq(tx), title: "B case", status: "submitted", clocks: { title: hlc, status: hlc } });
    });
    const bIds = await readOrgIds(b.agent, b.orgId, b.email, bInvite.json.invite.id, sha256Of(TINY_WEBP));

    await database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    database.close();
    return {
      file,
      cookies: { director: a.director.cookie, admin: a.admin.cookie, cx: a.cx.cookie, board: a.board.cookie, eve: b.agent.cookie },
      aIds,
      bIds,
      eveId: b.userId,
    };
  })();
  return template;
}

/** Builds the shared template ahead of the tests (in a `beforeAll` with a long timeout), so a slow, busy machine does not time out the first test. */
export const prepareWorld = async () => {
  await buildTemplate();
};

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/**
 * A fresh copy of two organisations on one database, each test its own:
 * - A, "Demo Retail": the demo people (director = executive, admin, cx = cx_ops, board), all
 *   logged in, its demo settings, one pending invite (new.hire@demo.example, cx_ops) and one
 *   stored photo (TINY_PNG, uploaded by the director);
 * - B, "Other Org": Eve, its only member and admin (logged in), one location, segment, theme,
 *   a pending invite and one photo (TINY_WEBP). Eve is the would-be intruder in A.
 */
export async function world(options: Partial<Omit<AppOptions, "db">> = {}) {
  const t = await buildTemplate();
  const dir = mkdtempSync(join(tmpdir(), "chefsache-test-"));
  const file = join(dir, "test.db");
  copyFileSync(t.file, file);
  const database = await openDatabase(`file:${file}`);
  cleanups.push(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const app = createApp({ db: database.db, ...options });
  const as = (cookie: string) => agent(app, cookie);
  return {
    app,
    db: database.db,
    client: database.client,
    a: {
      orgId: t.aIds.orgId,
      director: as(t.cookies.director),
      admin: as(t.cookies.admin),
      cx: as(t.cookies.cx),
      board: as(t.cookies.board),
    },
    aIds: t.aIds,
    b: { orgId: t.bIds.orgId, userId: t.eveId, ...OTHER_ADMIN, agent: as(t.cookies.eve) },
    bIds: t.bIds,
  };
}

type World = Awaited<ReturnType<typeof world>>;

/** Org A's people by their role. */
export const agentsByRole = (w: World): Record<Role, Agent> => ({ admin: w.a.admin, executive: w.a.director, cx_ops: w.a.cx, board: w.a.board });

/** Org A's people's user ids by their role. */
export async function userIds(w: World): Promise<Record<Role, string>> {
  const agents = agentsByRole(w);
  return Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await userId(agents[role])] as const))) as Record<Role, string>;
}

/** A new member of org A in `role`, through an invite they accept, logged in. */
export async function newMember(w: World, role: Role, name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}@demo.example`;
  const invite = await w.a.admin.post(`/api/orgs/${w.a.orgId}/invites`, { email, role });
  expect(invite.status, invite.text).toBe(201);
  const token = new URL(invite.json.link).pathname.split("/").pop()!;
  const who = agent(w.app);
  const accepted = await who.post(`/api/invites/${token}/accept`, { name, password: `${role}-password-123` });
  expect(accepted.status, accepted.text).toBe(200);
  return who;
}
