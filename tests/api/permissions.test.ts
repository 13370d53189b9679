/**
 * The permission matrix (issue 8): the server answers exactly what the one rule book,
 * shared/permissions.ts, says — for every synced entity × role × operation through
 * `POST …/sync/push` and for every organisation-wide ability × role on a route that needs it
 * (every lifecycle move × role through the REST endpoints, and separation of duties, are in
 * lifecycle.test.ts).
 *
 * The expected answers are computed by calling the model (canCreate, canEdit, canDelete, canDo), so a test failure means the server and the model
 * disagree. A few hand-written anchor rows pin the model itself, so it cannot drift silently.
 */
import type { Client } from "@libsql/client";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import {
  canCreate,
  canDelete,
  canDo,
  canEdit,
  ORG_ABILITIES,
  type OrgAbility,
  type RecordFacts,
  type Verdict,
} from "../../shared/permissions";
import { ROLES, type Role } from "../../shared/roles";
import type { Mutation } from "../../shared/sync/protocol";
import { prepareWorld, snapshot, world, agentsByRole, userIds } from "../support/api";
import { deletion, hlcAt, mutation, newAction, newFinding, newShop, newTemplate, newVisit, NODE_A, NODE_B, pullAll, pushApplied, pushOk } from "../support/sync";
import { PUSH_ENTITIES, type PushEntity } from "../../shared/sync/constants";

type World = Awaited<ReturnType<typeof world>>;

beforeAll(prepareWorld, 120_000);


/** Runs `update <table> set <column> = value where id in (…)` for each value's ids. */
async function setColumn(client: Client, table: string, column: string, idsByValue: Map<string, string[]>) {
  for (const [value, ids] of idsByValue) {
    for (let i = 0; i < ids.length; i += 200) {
      const part = ids.slice(i, i + 200);
      await client.execute({ sql: `update ${table} set ${column} = ? where id in (${part.map(() => "?").join(",")})`, args: [value, ...part] });
    }
  }
}
const groupBy = <T>(items: T[], key: (item: T) => string, value: (item: T) => string) => {
  const out = new Map<string, string[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), value(item)]);
  return out;
};

/** What the server answered, or what the model says it must answer, in one comparable word. */
const outcomeOf = (verdict: Verdict) => (verdict.ok ? "applied" : verdict.code);
const resultWord = (result: { status: string; error?: { code: string } } | undefined) =>
  !result ? "missing" : result.status === "rejected" ? result.error!.code : result.status;

// ---------------------------------------------------------------------------------------------
// Records through sync/push

const TABLES: Record<PushEntity, string> = {
  visit: "visits",
  finding: "findings",
  action: "actions",
  mystery_template: "mystery_templates",
  mystery_shop: "mystery_shops",
  experiment: "experiments",
  kpi: "kpis",
  kpi_measurement: "kpi_measurements",
  business_case: "business_cases",
};

/** The states a stored record can be in, as far as the rules care (status, an approved case resting on it). */
interface Variant {
  label: string;
  status?: string;
  backsApprovedCase?: boolean;
  /** A visit with a finding made on it. */
  hasFindings?: boolean;
}
const VARIANTS: Record<PushEntity, Variant[]> = {
  visit: [{ label: "visit" }, { label: "visit with findings", hasFindings: true }],
  finding: ["new", "triaged", "linked", "closed"].map((status) => ({ label: status, status })),
  action: [{ label: "action" }],
  mystery_template: [{ label: "template" }],
  mystery_shop: [{ label: "shop" }],
  experiment: [
    ...["idea", "proposed", "approved", "running", "won", "stopped"].map((status) => ({ label: status, status })),
    { label: "won, backing an approved case", status: "won", backsApprovedCase: true },
  ],
  kpi: [{ label: "kpi" }, { label: "kpi backing an approved case", backsApprovedCase: true }],
  kpi_measurement: [{ label: "measurement" }],
  business_case: ["draft", "submitted", "approved", "rejected"].map((status) => ({ label: status, status })),
};

interface Refs {
  locationId: string;
  kpiId: string;
  memberId: string;
  findingId: string;
  templateId: string;
}

let day = 0;
/** A new record of each entity, as a device would push it (the finding at the variant's status). */
function createFields(entity: PushEntity, refs: Refs, variant?: Variant): Record<string, unknown> {
  switch (entity) {
    case "visit":
      return newVisit(refs.locationId, { notes: "Original notes" });
    case "finding":
      return newFinding({ status: variant?.status ?? "new", tags: ["original"] });
    case "action":
      return newAction(refs.findingId);
    case "mystery_template":
      return newTemplate();
    case "mystery_shop":
      return newShop(refs.templateId, refs.locationId);
    case "experiment":
      return { title: "Self-scan tills", notes: "Original notes", primaryKpiId: refs.kpiId, baseline: 0.2 };
    case "kpi":
      return { name: "Basket size", unit: "count", direction: "higher", kind: "mean", hard: true, description: "Original" };
    case "kpi_measurement":
      return { kpiId: refs.kpiId, period: "day", periodStart: new Date(Date.UTC(2023, 0, 1) + day++ * 86_400_000).toISOString().slice(0, 10), value: 21 };
    case "business_case":
      return { title: "Roll out self-scan", kpiId: refs.kpiId };
  }
}

/** The finding status an edit moves to from each status (back from triaged and closed: triage roles only). */
const NEXT_FINDING_STATUS: Record<string, string> = { new: "triaged", triaged: "new", linked: "triaged", closed: "linked" };

/** Representative edits of each entity: a field every editor would touch, and the fields with rules of their own. */
const EDITS: Record<PushEntity, { label: string; fields: (variant: Variant, refs: Refs) => Record<string, unknown> }[]> = {
  visit: [{ label: "notes", fields: () => ({ notes: "Edited notes" }) }],
  finding: [
    { label: "saw", fields: () => ({ saw: "Edited: the shelf was full after all" }) },
    { label: "tags (triage)", fields: () => ({ tags: ["edited"] }) },
    { label: "status", fields: (v) => ({ status: NEXT_FINDING_STATUS[v.status!] }) },
  ],
  action: [{ label: "title", fields: () => ({ title: "Edited title" }) }],
  mystery_template: [{ label: "name", fields: () => ({ name: "Edited template" }) }],
  mystery_shop: [{ label: "completedAt", fields: () => ({ completedAt: "2025-03-01T11:00:00.000Z" }) }],
  experiment: [
    { label: "notes", fields: () => ({ notes: "Edited notes" }) },
    { label: "baseline (scope)", fields: () => ({ baseline: 0.3 }) },
    { label: "results", fields: (_v, refs) => ({ results: [{ kpiId: refs.kpiId, control: { users: 1000, conversions: 200 }, treatment: { users: 1000, conversions: 230 } }] }) },
    { label: "pilot window", fields: () => ({ pilotStart: "2025-03-03", pilotEnd: "2025-04-27", preFrom: null }) },
  ],
  kpi: [{ label: "description", fields: () => ({ description: "Edited" }) }],
  kpi_measurement: [{ label: "value", fields: () => ({ value: 99 }) }],
  business_case: [{ label: "title", fields: () => ({ title: "Edited case" }) }],
};

type Authorship = "own" | "other";
/** Someone other than the actor who wrote the record. */
const otherAuthor = (role: Role): Role => (role === "cx_ops" ? "executive" : "cx_ops");

interface PushCase {
  role: Role;
  entity: PushEntity;
  /** "create", "delete" or the edit's label. */
  op: string;
  variant?: Variant;
  authorship?: Authorship;
  mutation: Mutation;
  /** The model's verdict: "applied" or the rejection code. */
  expected: string;
}
const caseName = (c: PushCase) => `${c.role} ${c.op} ${c.entity}${c.variant ? ` [${c.variant.label}, ${c.authorship}]` : ""}`;

/**
 * Hand-written rows: what the organisation expects, independent of the model. The model must
 * give these answers (and the server with it).
 */
const ANCHORS: [role: Role, entity: PushEntity, op: string, variant: string | null, authorship: Authorship | null, expected: string][] = [
  ["board", "finding", "delete", "triaged", "own", "forbidden"],
  ["executive", "finding", "delete", "new", "own", "applied"],
  ["executive", "finding", "delete", "linked", "own", "forbidden"],
  // "A triaged, linked or closed finding is not deleted by anyone but an admin" (issue 8).
  ["cx_ops", "finding", "delete", "closed", "other", "forbidden"],
  ["admin", "finding", "delete", "triaged", "other", "applied"],
  ["cx_ops", "finding", "delete", "new", "other", "applied"],
  ["executive", "visit", "notes", "visit", "other", "forbidden"],
  ["executive", "visit", "notes", "visit", "own", "applied"],
  ["executive", "visit", "delete", "visit", "own", "applied"],
  ["executive", "visit", "delete", "visit", "other", "forbidden"],
  // A visit goes only once its findings have gone (each deleted under its own rules).
  ["executive", "visit", "delete", "visit with findings", "own", "locked"],
  ["admin", "visit", "delete", "visit with findings", "other", "locked"],
  ["executive", "visit", "notes", "visit with findings", "own", "applied"],
  ["admin", "visit", "notes", "visit", "other", "applied"],
  ["cx_ops", "finding", "saw", "new", "other", "forbidden"],
  ["cx_ops", "finding", "tags (triage)", "triaged", "other", "applied"],
  ["executive", "finding", "status", "triaged", "own", "forbidden"],
  ["executive", "finding", "status", "closed", "own", "forbidden"],
  ["board", "finding", "saw", "new", "other", "forbidden"],
  ["admin", "experiment", "baseline (scope)", "approved", "other", "locked"],
  ["admin", "experiment", "results", "won", "other", "locked"],
  ["cx_ops", "experiment", "results", "running", "other", "applied"],
  // The window is set as a pilot starts and ends (after the approval), and stands with the verdict.
  ["cx_ops", "experiment", "pilot window", "running", "other", "applied"],
  ["cx_ops", "experiment", "pilot window", "approved", "other", "applied"],
  ["admin", "experiment", "pilot window", "won", "other", "locked"],
  ["cx_ops", "experiment", "notes", "approved", "other", "applied"],
  ["executive", "experiment", "notes", "idea", "other", "forbidden"],
  ["executive", "experiment", "delete", "approved", "own", "forbidden"],
  ["executive", "experiment", "delete", "idea", "own", "applied"],
  ["admin", "experiment", "delete", "won, backing an approved case", "other", "locked"],
  ["cx_ops", "kpi", "delete", "kpi backing an approved case", "other", "locked"],
  ["board", "kpi", "description", "kpi", "own", "forbidden"],
  ["admin", "business_case", "title", "submitted", "other", "locked"],
  ["admin", "business_case", "delete", "approved", "other", "locked"],
  ["cx_ops", "business_case", "title", "draft", "other", "applied"],
  ["board", "business_case", "delete", "draft", "other", "forbidden"],
  ["executive", "mystery_shop", "delete", "shop", "other", "forbidden"],
  ["board", "kpi", "create", null, null, "forbidden"],
  ["board", "mystery_shop", "create", null, null, "forbidden"],
  ["executive", "mystery_template", "create", null, null, "forbidden"],
  ["executive", "experiment", "create", null, null, "applied"],
  ["board", "visit", "create", null, null, "applied"],
];

describe("every entity × role × operation through sync/push answers what shared/permissions.ts says", () => {
  test("create, edit (someone else's record and one's own, in every state that matters) and delete", async () => {
    const w = await world();
    const agents = agentsByRole(w);
    const ids = await userIds(w);
    const refs: Refs = { locationId: w.aIds.locationId, kpiId: w.aIds.kpiId, memberId: w.aIds.memberId, findingId: randomUUID(), templateId: randomUUID() };
    await pushApplied(w.a.admin, w.a.orgId, [mutation("finding", refs.findingId, newFinding(), hlcAt(1)), mutation("mystery_template", refs.templateId, newTemplate(), hlcAt(1))]);

    // One fresh record per case: every role edits and deletes records of every entity and state,
    // written by someone else and by themselves.
    const cases: PushCase[] = [];
    const setup: { entity: PushEntity; id: string; author: string; variant: Variant; fields: Record<string, unknown> }[] = [];
    let clock = 0;
    for (const role of ROLES) {
      const person = { id: ids[role], role };
      for (const entity of PUSH_ENTITIES) {
        const fields = createFields(entity, refs);
        cases.push({ role, entity, op: "create", mutation: mutation(entity, randomUUID(), fields, hlcAt(1000 + clock++, NODE_B)), expected: outcomeOf(canCreate(person, entity)) });
        for (const variant of VARIANTS[entity]) {
          for (const authorship of ["other", "own"] as const) {
            const author = ids[authorship === "own" ? role : otherAuthor(role)];
            const facts: RecordFacts = {
              authorId: author,
              status: variant.status ?? (entity === "experiment" ? "idea" : entity === "business_case" ? "draft" : undefined),
              backsApprovedCase: variant.backsApprovedCase ?? false,
              hasFindings: variant.hasFindings ?? false,
            };
            const ops = [...EDITS[entity].map((edit) => ({ op: edit.label, fields: edit.fields(variant, refs) })), { op: "delete", fields: null }];
            for (const { op, fields: edit } of ops) {
              const id = randomUUID();
              setup.push({ entity, id, author, variant, fields: createFields(entity, refs, variant) });
              const m = edit ? mutation(entity, id, edit, hlcAt(1000 + clock++, NODE_B)) : deletion(entity, id, hlcAt(1000 + clock++, NODE_B));
              const expected = outcomeOf(edit ? canEdit(person, entity, facts, edit) : canDelete(person, entity, facts));
              cases.push({ role, entity, op, variant, authorship, mutation: m, expected });
            }
          }
        }
      }
    }

    // The anchors hold in the model (the server is compared with the model below).
    const anchorProblems: string[] = [];
    for (const [role, entity, op, variant, authorship, expected] of ANCHORS) {
      const found = cases.find((c) => c.role === role && c.entity === entity && c.op === op && (c.variant?.label ?? null) === variant && (c.authorship ?? null) === authorship);
      if (!found) anchorProblems.push(`no case for anchor ${role} ${op} ${entity} [${variant}, ${authorship}]`);
      else if (found.expected !== expected) anchorProblems.push(`${caseName(found)}: the model says ${found.expected}, the organisation expects ${expected}`);
    }
    expect(anchorProblems).toEqual([]);

    // Set-up: every record pushed by the admin (who may create all of them), then its author,
    // its server-owned status and the approved cases resting on some of them put in place directly.
    for (let i = 0; i < setup.length; i += 1000) {
      await pushApplied(w.a.admin, w.a.orgId, setup.slice(i, i + 1000).map((r) => mutation(r.entity, r.id, r.fields, hlcAt(10, NODE_A))));
    }
    for (const entity of PUSH_ENTITIES) {
      const records = setup.filter((r) => r.entity === entity);
      await setColumn(w.client, TABLES[entity], "author_id", groupBy(records, (r) => r.author, (r) => r.id));
      if (entity === "experiment" || entity === "business_case") {
        await setColumn(w.client, TABLES[entity], "status", groupBy(records, (r) => r.variant.status!, (r) => r.id));
      }
    }
    const visitsWithFindings = setup.filter((r) => r.entity === "visit" && r.variant.hasFindings);
    await pushApplied(w.a.admin, w.a.orgId, visitsWithFindings.map((r) => mutation("finding", randomUUID(), newFinding({ visitId: r.id }), hlcAt(15, NODE_A))));
    const backedExperiments = setup.filter((r) => r.entity === "experiment" && r.variant.backsApprovedCase).map((r) => r.id);
    const backedKpis = setup.filter((r) => r.entity === "kpi" && r.variant.backsApprovedCase).map((r) => r.id);
    const approvedCases = [
      ...Array.from({ length: Math.ceil(backedExperiments.length / 20) }, (_, i) => ({ title: "Approved on these experiments", experimentIds: backedExperiments.slice(i * 20, i * 20 + 20) })),
      ...backedKpis.map((kpiId) => ({ title: "Approved on this KPI", kpiId })),
    ].map((fields) => ({ id: randomUUID(), fields }));
    await pushApplied(w.a.admin, w.a.orgId, approvedCases.map((c) => mutation("business_case", c.id, c.fields, hlcAt(20, NODE_A))));
    await setColumn(w.client, "business_cases", "status", new Map([["approved", approvedCases.map((c) => c.id)]]));

    const problems: string[] = [];
    for (const role of ROLES) {
      const mine = cases.filter((c) => c.role === role);
      // What the model refuses, in one batch: every mutation refused with the model's code, and nothing changes anywhere.
      const refused = mine.filter((c) => c.expected !== "applied");
      const before = await snapshot(w.client);
      const refusedBody = await pushOk(agents[role], w.a.orgId, refused.map((c) => c.mutation));
      refused.forEach((c, i) => {
        const got = resultWord(refusedBody.results[i]);
        if (got !== c.expected) problems.push(`${caseName(c)}: server ${got}, model ${c.expected}`);
      });
      const after = await snapshot(w.client);
      for (const table of Object.keys(before)) {
        if (JSON.stringify(before[table]) !== JSON.stringify(after[table])) problems.push(`${role}: a batch the model refuses changed table ${table}`);
      }
      // What the model allows, in another: every mutation applied.
      const allowed = mine.filter((c) => c.expected === "applied");
      const allowedBody = await pushOk(agents[role], w.a.orgId, allowed.map((c) => c.mutation));
      allowed.forEach((c, i) => {
        const result = allowedBody.results[i];
        const got = resultWord(result);
        if (got !== "applied") problems.push(`${caseName(c)}: server ${got} (${result?.error?.message}), model applied`);
      });
    }

    // And what was applied really took effect.
    const { changes } = await pullAll(w.a.admin, w.a.orgId);
    for (const c of cases.filter((c) => c.expected === "applied")) {
      const record = changes.get(`${c.entity}:${c.mutation.entityId}`);
      if (!record) problems.push(`${caseName(c)}: applied, but the record is not pulled`);
      else if (c.op === "delete") {
        if (!record.deleted) problems.push(`${caseName(c)}: applied, but the record is not deleted`);
      } else {
        for (const [field, value] of Object.entries(c.mutation.fields)) {
          if (JSON.stringify(record.fields[field]) !== JSON.stringify(value)) problems.push(`${caseName(c)}: applied, but ${field} is ${JSON.stringify(record.fields[field])}`);
        }
      }
    }
    expect(problems).toEqual([]);
    // Both answers occur for every role but the admin, and the admin is refused something too (locks).
    for (const role of ROLES) {
      const outcomes = new Set(cases.filter((c) => c.role === role).map((c) => c.expected));
      expect(outcomes.has("applied"), role).toBe(true);
      expect(outcomes.has(role === "admin" ? "locked" : "forbidden"), role).toBe(true);
    }
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// Organisation-wide abilities

/** One route per ability that needs exactly that ability. */
const ABILITY_ROUTES: Record<OrgAbility, (w: World) => { method: string; path: string; body?: unknown }> = {
  manage_settings: (w) => ({ method: "PATCH", path: `/api/orgs/${w.a.orgId}`, body: { visitTargetPerMonth: 3 } }),
  manage_people: (w) => ({ method: "GET", path: `/api/orgs/${w.a.orgId}/invites` }),
  manage_archive: (w) => ({ method: "GET", path: `/api/orgs/${w.a.orgId}/archive` }),
  manage_api_keys: (w) => ({ method: "GET", path: `/api/orgs/${w.a.orgId}/api-keys` }),
  board_view: (w) => ({ method: "GET", path: `/api/orgs/${w.a.orgId}/board/summary` }),
  import_measurements: (w) => ({
    method: "POST",
    path: `/api/orgs/${w.a.orgId}/kpis/${w.aIds.kpiId}/measurements/import`,
    body: { csv: `period_start,value,location\n2025-01-06,21.5,${w.aIds.locationId}\n`, mapping: { periodStart: "period_start", value: "value", location: "location" }, period: "week", mode: "all" },
  }),
};

/** Hand-written anchors for the abilities. */
const ABILITY_ANCHORS: [OrgAbility, Role, boolean][] = [
  ["board_view", "board", true],
  ["board_view", "executive", false],
  ["board_view", "cx_ops", false],
  ["manage_archive", "admin", true],
  ["manage_archive", "cx_ops", false],
  ["manage_api_keys", "admin", true],
  ["manage_api_keys", "cx_ops", false],
  ["import_measurements", "cx_ops", true],
  ["import_measurements", "board", false],
  ["manage_settings", "executive", false],
  ["manage_people", "board", false],
];

describe("organisation abilities × roles", () => {
  test("every ability has a route; each role gets 200 exactly when canDo says so, else 403 forbidden and nothing changes", async () => {
    expect(Object.keys(ABILITY_ROUTES).sort()).toEqual(Object.keys(ORG_ABILITIES).sort());
    for (const [ability, role, expected] of ABILITY_ANCHORS) expect(canDo({ role }, ability), `${role} ${ability}`).toBe(expected);

    const w = await world();
    const agents = agentsByRole(w);
    const problems: string[] = [];
    for (const ability of Object.keys(ABILITY_ROUTES) as OrgAbility[]) {
      for (const role of ROLES) {
        const { method, path, body } = ABILITY_ROUTES[ability](w);
        const may = canDo({ role }, ability);
        const before = may ? undefined : await snapshot(w.client);
        const res = await agents[role].request(method, path, body);
        if (may && res.status !== 200) problems.push(`${role} ${ability} (${method} ${path}): ${res.status} ${res.text.slice(0, 200)}, model allows`);
        if (!may && (res.status !== 403 || res.json?.error?.code !== "forbidden")) problems.push(`${role} ${ability}: ${res.status} ${res.text.slice(0, 200)}, model forbids`);
        if (before) expect(await snapshot(w.client), `${role} ${ability}`).toEqual(before);
      }
    }
    expect(problems).toEqual([]);
  }, 30_000);
});
