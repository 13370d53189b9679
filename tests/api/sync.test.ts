import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { randomUUID } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { openDatabase } from "../../server/db/client";
import { pullChanges } from "../../server/sync/pull";
import { allocateSeq } from "../../server/sync/sequence";
import { formatHlc, MAX_CLOCK_AHEAD_MS } from "../../shared/sync/hlc";
import type { PulledChange, PullResponse, PushResponse } from "../../shared/sync/protocol";
import { expectError, issuePaths, prepareWorld, snapshot, world } from "../support/api";
import {
  cursorSeq,
  deletion,
  hlcAt,
  mutation,
  newAction,
  newFinding,
  newShop,
  newTemplate,
  newVisit,
  NODE_A,
  NODE_B,
  NODE_C,
  pull,
  pullAll,
  pullPages,
  push,
  pushApplied,
  pushOk,
  serverRecord,
  statuses,
  userId,
} from "../support/sync";
import { FIX_LEVELS } from "../../shared/enums";
import { MAX_BATCH, MAX_PULL_LIMIT } from "../../shared/sync/constants";

type World = Awaited<ReturnType<typeof world>>;

afterEach(() => {
  vi.useRealTimers();
});

beforeAll(prepareWorld, 120_000);

async function rows(client: Client, sql: string, args: (string | number)[] = []) {
  const rs = await client.execute({ sql, args });
  return rs.rows.map((row) => Object.fromEntries(rs.columns.map((col, i) => [col, row[i]])));
}
const findingRow = async (client: Client, id: string) => (await rows(client, "select * from findings where id = ?", [id]))[0];
const mutationIds = async (client: Client) => (await rows(client, "select id from sync_mutations order by id")).map((r) => String(r.id));

/** Every synced record id in every table, to prove an id was never written anywhere. */
async function anywhere(client: Client, id: string) {
  const found: string[] = [];
  for (const table of ["visits", "findings", "actions", "mystery_templates", "mystery_shops"]) {
    if ((await rows(client, `select id from ${table} where id = ?`, [id])).length) found.push(table);
  }
  return found;
}

/** A finding created by the director and pushed; returns its id. */
async function existingFinding(w: World, extra: Record<string, unknown> = {}, hlc = hlcAt(0)) {
  const id = randomUUID();
  await pushApplied(w.a.director, w.a.orgId, [mutation("finding", id, newFinding(extra), hlc)]);
  return id;
}

describe("push applies mutations and pull returns them", () => {
  test("a visit, a finding and an action: pull has the fields, their clocks, the pusher as author and server timestamps", async () => {
    const { a, aIds } = await world();
    const directorId = await userId(a.director);
    const [visitId, findingId, actionId] = [randomUUID(), randomUUID(), randomUUID()];
    const before = Date.now();
    const body = await pushApplied(a.director, a.orgId, [
      mutation("visit", visitId, newVisit(aIds.locationId, { peopleMet: "Store manager", notes: "Busy" }), hlcAt(1)),
      mutation(
        "finding",
        findingId,
        newFinding({ visitId, locationId: aIds.locationId, journeyStageId: aIds.stageId, segmentId: aIds.segmentId, themeId: aIds.themeId, tags: ["queue"], level: "operations", photos: ["a".repeat(64)] }),
        hlcAt(2),
      ),
      mutation("action", actionId, newAction(findingId, { ownerId: aIds.memberId, dueDate: "2025-04-01" }), hlcAt(3)),
    ]);
    expect(Object.keys(body).sort()).toEqual(["cursor", "results"]);
    expect(body.results.every((r) => Object.keys(r).sort().join() === "id,status")).toBe(true);

    const res = await pull(a.board, a.orgId);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(["changes", "cursor", "hasMore"]);
    const changes = res.json.changes as PulledChange[];
    const visit = changes.find((c) => c.entityId === visitId)!;
    expect(Object.keys(visit).sort()).toEqual(["clocks", "deleted", "deletedAt", "entity", "entityId", "fields"]);
    expect(visit).toMatchObject({ entity: "visit", deleted: false, deletedAt: null });
    expect(Object.keys(visit.fields).sort()).toEqual(["authorId", "createdAt", "endedAt", "kind", "locationId", "notes", "peopleMet", "startedAt", "updatedAt"]);
    expect(visit.fields).toMatchObject({ ...newVisit(aIds.locationId), peopleMet: "Store manager", notes: "Busy", endedAt: null, authorId: directorId });
    expect(visit.clocks).toEqual({ kind: hlcAt(1), locationId: hlcAt(1), startedAt: hlcAt(1), peopleMet: hlcAt(1), notes: hlcAt(1) });
    for (const key of ["createdAt", "updatedAt"]) {
      const at = Date.parse(visit.fields[key] as string);
      expect(at).toBeGreaterThanOrEqual(before - 1000);
      expect(at).toBeLessThanOrEqual(Date.now() + 1000);
    }

    const finding = changes.find((c) => c.entityId === findingId)!;
    expect(finding.entity).toBe("finding");
    expect(finding.fields).toMatchObject({ saw: "Empty shelf at the entrance", severity: 3, sentiment: "pain", status: "new", tags: ["queue"], photos: ["a".repeat(64)], visitId, authorId: directorId });
    const action = changes.find((c) => c.entityId === actionId)!;
    expect(action.fields).toMatchObject({ findingId, ownerId: aIds.memberId, dueDate: "2025-04-01", title: "Restock before opening", authorId: directorId });
  });

  test("the author stays the creator when someone else edits; updatedAt moves, createdAt does not", async () => {
    const { a, aIds } = await world();
    const [directorId, adminId] = [await userId(a.director), await userId(a.admin)];
    const visitId = randomUUID();
    await pushApplied(a.director, a.orgId, [mutation("visit", visitId, newVisit(aIds.locationId), hlcAt(1))]);
    const first = (await serverRecord(a.cx, a.orgId, "visit", visitId))!;
    await new Promise((r) => setTimeout(r, 5));
    // An admin corrects the director's visit (the author and admins are who may edit a visit).
    await pushApplied(a.admin, a.orgId, [mutation("visit", visitId, { notes: "admin was here" }, hlcAt(2, NODE_B))]);
    const second = (await serverRecord(a.cx, a.orgId, "visit", visitId))!;
    expect(second.fields.authorId).toBe(directorId);
    expect(second.fields.authorId).not.toBe(adminId);
    expect(second.fields.createdAt).toBe(first.fields.createdAt);
    expect(String(second.fields.updatedAt) > String(first.fields.updatedAt)).toBe(true);
    expect(second.fields.notes).toBe("admin was here");
  });

  test("later mutations in a batch see earlier ones: create, edit and reference in one push", async () => {
    const { a, aIds } = await world();
    const [visitId, findingId] = [randomUUID(), randomUUID()];
    await pushApplied(a.director, a.orgId, [
      mutation("visit", visitId, newVisit(aIds.locationId), hlcAt(1)),
      mutation("visit", visitId, { notes: "second thought" }, hlcAt(2)),
      mutation("finding", findingId, newFinding({ visitId }), hlcAt(3)),
    ]);
    const { changes } = await pullAll(a.director, a.orgId);
    expect(changes.get(`visit:${visitId}`)!.fields.notes).toBe("second thought");
    expect(changes.get(`finding:${findingId}`)!.fields.visitId).toBe(visitId);
  });
});

describe("what a new record starts with", () => {
  test("a new finding pushed without status starts as new; an update without status keeps the current one", async () => {
    const { a } = await world();
    const id = randomUUID();
    const { status: _left, ...withoutStatus } = newFinding();
    expect(statuses(await pushOk(a.director, a.orgId, [mutation("finding", id, withoutStatus, hlcAt(1))]))).toEqual(["applied"]);
    expect((await serverRecord(a.director, a.orgId, "finding", id))!.fields).toMatchObject({ status: "new", saw: "Empty shelf at the entrance" });

    // Triage moves it on; an edit from the director's phone without status leaves it triaged.
    await pushApplied(a.cx, a.orgId, [mutation("finding", id, { status: "triaged" }, hlcAt(2, NODE_B))]);
    await pushApplied(a.director, a.orgId, [mutation("finding", id, { saw: "Empty shelf, restocked by noon" }, hlcAt(3))]);
    expect((await serverRecord(a.director, a.orgId, "finding", id))!.fields).toMatchObject({ status: "triaged", saw: "Empty shelf, restocked by noon" });
  });

  test("a new action pushed without status starts open; what has no obvious start is still required", async () => {
    const { a } = await world();
    const findingId = await existingFinding({ a } as World);
    const actionId = randomUUID();
    const { status: _left, ...withoutStatus } = newAction(findingId);
    expect(statuses(await pushOk(a.director, a.orgId, [mutation("action", actionId, withoutStatus, hlcAt(1))]))).toEqual(["applied"]);
    expect((await serverRecord(a.director, a.orgId, "action", actionId))!.fields).toMatchObject({ status: "open", priority: "high" });

    const { saw: _saw, status: _status, ...nothingSeen } = newFinding();
    const refused = await pushOk(a.director, a.orgId, [mutation("finding", randomUUID(), nothingSeen, hlcAt(2))]);
    expect(refused.results[0]).toMatchObject({ status: "rejected", error: { code: "missing_fields", message: "A new finding needs: saw" } });
  });

  test("a finding starts from a photo before it is rated; a delight carries no severity; earlier findings keep theirs", async () => {
    const { a } = await world();
    const [photoFirst, delight, older] = [randomUUID(), randomUUID(), randomUUID()];
    const { severity: _severity, ...delightFields } = newFinding({ saw: "Staff walked a customer to the right shelf", sentiment: "delight" });
    await pushApplied(a.director, a.orgId, [
      // Photo-first capture: the photo exists before its sentence, sentiment or severity.
      mutation("finding", photoFirst, { saw: "", photos: ["b".repeat(64)] }, hlcAt(1)),
      mutation("finding", delight, delightFields, hlcAt(2)),
      // A delight graded on the old 1–5 scale by an older client still syncs as it is.
      mutation("finding", older, newFinding({ sentiment: "delight", severity: 3 }), hlcAt(3)),
    ]);
    const fields = async (id: string) => (await serverRecord(a.director, a.orgId, "finding", id))!.fields;
    expect(await fields(photoFirst)).toMatchObject({ saw: "", photos: ["b".repeat(64)], status: "new", sentiment: null, severity: null });
    expect(await fields(delight)).toMatchObject({ sentiment: "delight", severity: null, status: "new" });
    expect(await fields(older)).toMatchObject({ sentiment: "delight", severity: 3 });

    // Rated afterwards: first a pain of 4, then changed to a delight, which clears the severity.
    await pushApplied(a.director, a.orgId, [mutation("finding", photoFirst, { saw: "Till queue past the door", sentiment: "pain", severity: 4 }, hlcAt(4))]);
    expect(await fields(photoFirst)).toMatchObject({ sentiment: "pain", severity: 4 });
    await pushApplied(a.director, a.orgId, [mutation("finding", photoFirst, { sentiment: "delight", severity: null }, hlcAt(5))]);
    expect(await fields(photoFirst)).toMatchObject({ sentiment: "delight", severity: null });
  });
});

describe("idempotency", () => {
  test("the same batch pushed twice: the second time every mutation is a duplicate and nothing changes", async () => {
    const { a, aIds, client } = await world();
    const visitId = randomUUID();
    const findingId = randomUUID();
    const batch = [
      mutation("visit", visitId, newVisit(aIds.locationId), hlcAt(1)),
      mutation("finding", findingId, newFinding({ visitId }), hlcAt(2)),
      mutation("finding", findingId, { severity: 5 }, hlcAt(3)),
      deletion("finding", findingId, hlcAt(4)),
    ];
    const first = await pushApplied(a.director, a.orgId, batch);
    const after = await snapshot(client);
    const { cursor } = await pullAll(a.director, a.orgId);

    const second = await pushOk(a.director, a.orgId, batch);
    expect(second.results).toEqual(batch.map((m) => ({ id: m.id, status: "duplicate" })));
    expect(second.cursor).toBe(first.cursor);
    expect(await snapshot(client)).toEqual(after);
    expect((await pull(a.director, a.orgId, cursor)).json.changes).toEqual([]);

    // From another device of another user, and with different contents under the same ids: still duplicates.
    const altered = batch.map((m) => ({ ...m, fields: m.op === "upsert" ? { notes: "tampered" } : {}, hlc: hlcAt(99, NODE_B) }));
    const third = await pushOk(a.cx, a.orgId, altered, "another-device");
    expect(statuses(third)).toEqual(["duplicate", "duplicate", "duplicate", "duplicate"]);
    expect(await snapshot(client)).toEqual(after);
  });

  test("a mutation id repeated inside one batch is applied once, then a duplicate", async () => {
    const { a, aIds, client } = await world();
    const m = mutation("visit", randomUUID(), newVisit(aIds.locationId), hlcAt(1));
    const body = await pushOk(a.director, a.orgId, [m, m, { ...m, fields: { notes: "sneaky" } }]);
    expect(statuses(body)).toEqual(["applied", "duplicate", "duplicate"]);
    expect((await serverRecord(a.director, a.orgId, "visit", m.entityId))!.fields.notes).toBeNull();
    expect(await mutationIds(client)).toEqual([m.id]);
  });

  test("a rejected mutation is not remembered: sent again once it is valid, it applies", async () => {
    const { a, aIds } = await world();
    const visitId = randomUUID();
    const findingId = randomUUID();
    const finding = mutation("finding", findingId, newFinding({ visitId }), hlcAt(2));
    expect((await pushOk(a.director, a.orgId, [finding])).results[0]!.error!.code).toBe("invalid_reference");
    await pushApplied(a.director, a.orgId, [mutation("visit", visitId, newVisit(aIds.locationId), hlcAt(1))]);
    expect(statuses(await pushOk(a.director, a.orgId, [finding]))).toEqual(["applied"]);
  });

  test("mutation ids are per organisation: another org using the same id is applied there, not a duplicate", async () => {
    const { a, aIds, b, bIds } = await world();
    const id = randomUUID();
    await pushApplied(a.director, a.orgId, [mutation("visit", randomUUID(), newVisit(aIds.locationId), hlcAt(1), "upsert", id)]);
    const theirs = mutation("visit", randomUUID(), newVisit(bIds.locationId), hlcAt(1, NODE_B), "upsert", id);
    expect(statuses(await pushOk(b.agent, b.orgId, [theirs]))).toEqual(["applied"]);
    expect(await serverRecord(b.agent, b.orgId, "visit", theirs.entityId)).toBeDefined();
  });
});

describe("rejections change nothing", () => {
  /** Mutations that must each be rejected with the given code, built against the world's real records. */
  async function badMutations(w: World) {
    const { a, aIds, bIds, b } = w;
    const findingId = await existingFinding(w);
    const bFindingId = randomUUID();
    await pushApplied(b.agent, b.orgId, [mutation("finding", bFindingId, newFinding(), hlcAt(0, NODE_C))]);
    const templateId = randomUUID();
    await pushApplied(a.admin, a.orgId, [mutation("mystery_template", templateId, newTemplate(), hlcAt(0))]);
    const visit = (extra: Record<string, unknown>) => mutation("visit", randomUUID(), { ...newVisit(aIds.locationId), ...extra }, hlcAt(10));
    const finding = (extra: Record<string, unknown>) => mutation("finding", randomUUID(), newFinding(extra), hlcAt(10));
    const action = (extra: Record<string, unknown>) => mutation("action", randomUUID(), newAction(findingId, extra), hlcAt(10));
    const good = mutation("visit", randomUUID(), newVisit(aIds.locationId), hlcAt(10));
    const cases: [string, unknown, string][] = [
      ["a client-sent authorId", visit({ authorId: w.b.userId }), "validation_failed"],
      ["a client-sent createdAt", visit({ createdAt: "2020-01-01T00:00:00.000Z" }), "validation_failed"],
      ["a client-sent updatedAt on an existing record", mutation("finding", findingId, { updatedAt: "2020-01-01T00:00:00.000Z" }, hlcAt(10)), "validation_failed"],
      ["an unknown field", finding({ mood: "grumpy" }), "validation_failed"],
      ["severity 0", finding({ severity: 0 }), "validation_failed"],
      ["severity 6", finding({ severity: 6 }), "validation_failed"],
      ["severity 2.5", finding({ severity: 2.5 }), "validation_failed"],
      ["severity as text", finding({ severity: "3" }), "validation_failed"],
      ["an unknown sentiment", finding({ sentiment: "angry" }), "validation_failed"],
      ["an unknown level", finding({ level: "strategy" }), "validation_failed"],
      ["an unknown status", finding({ status: "archived" }), "validation_failed"],
      ["a photo that is not a sha256", finding({ photos: ["not-a-hash"] }), "validation_failed"],
      ["an upper-case photo hash", finding({ photos: ["A".repeat(64)] }), "validation_failed"],
      ["an unknown visit kind", visit({ kind: "coffee" }), "validation_failed"],
      ["a start that is no date", visit({ startedAt: "yesterday" }), "validation_failed"],
      ["an action due date that is no date", action({ dueDate: "2025-02-30" }), "validation_failed"],
      ["an edit that is half valid (valid saw, invalid severity)", mutation("finding", findingId, { saw: "edited", severity: 9 }, hlcAt(10)), "validation_failed"],
      ["an unknown entity", { ...good, id: randomUUID(), entity: "budget" }, "validation_failed"],
      ["a settings entity (not pushable)", { ...good, id: randomUUID(), entity: "location", fields: { name: "x" } }, "validation_failed"],
      ["an unknown op", { ...good, id: randomUUID(), op: "patch" }, "validation_failed"],
      ["an entityId that is no UUID", { ...good, id: randomUUID(), entityId: "visit-1" }, "validation_failed"],
      ["a mutation id that is no UUID", { ...good, id: "m-1" }, "validation_failed"],
      ["an HLC without node", { ...good, id: randomUUID(), hlc: new Date(Date.now() - 1000).toISOString() }, "validation_failed"],
      ["an HLC with an upper-case node", { ...good, id: randomUUID(), hlc: hlcAt(1, "00000000000000AB") }, "validation_failed"],
      ["an HLC on a day that does not exist", { ...good, id: randomUUID(), hlc: "2025-02-30T10:00:00.000Z-0000-00000000000000a1" }, "validation_failed"],
      ["an extra envelope key", { ...good, id: randomUUID(), userId: "x" }, "validation_failed"],
      ["fields that are not an object", { ...good, id: randomUUID(), fields: ["kind"] }, "validation_failed"],
      ["a new finding without what was seen", mutation("finding", randomUUID(), { sentiment: "pain", severity: 2, status: "new" }, hlcAt(10)), "missing_fields"],
      ["a new visit without a location", mutation("visit", randomUUID(), { kind: "floor_walk", startedAt: "2025-03-01T09:30:00.000Z" }, hlcAt(10)), "missing_fields"],
      ["a new action without a title", mutation("action", randomUUID(), { findingId, priority: "low", status: "open" }, hlcAt(10)), "missing_fields"],
      ["a new mystery shop without a start", mutation("mystery_shop", randomUUID(), { templateId, locationId: aIds.locationId }, hlcAt(10)), "missing_fields"],
      ["mystery shop sections that are not a list", mutation("mystery_shop", randomUUID(), newShop(templateId, aIds.locationId, { sections: { title: "Welcome" } }), hlcAt(10)), "validation_failed"],
      [
        "a mystery shop question of an unknown kind",
        mutation(
          "mystery_shop",
          randomUUID(),
          newShop(templateId, aIds.locationId, {
            sections: [{ id: randomUUID(), title: "Welcome", questions: [{ id: randomUUID(), text: "Smiled?", kind: "emoji", weight: 1, naAllowed: false, critical: false }] }],
          }),
          hlcAt(10),
        ),
        "validation_failed",
      ],
      ["a mystery shop section without an id", mutation("mystery_shop", randomUUID(), newShop(templateId, aIds.locationId, { sections: [{ title: "Welcome", questions: [] }] }), hlcAt(10)), "validation_failed"],
      ["an unknown location", visit({ locationId: randomUUID() }), "invalid_reference"],
      ["another org's location", visit({ locationId: bIds.locationId }), "invalid_reference"],
      ["an unknown visit on a finding", finding({ visitId: randomUUID() }), "invalid_reference"],
      ["another org's journey stage", finding({ journeyStageId: bIds.stageId }), "invalid_reference"],
      ["another org's segment", finding({ segmentId: bIds.segmentId }), "invalid_reference"],
      ["another org's theme", finding({ themeId: bIds.themeId }), "invalid_reference"],
      ["a location id given as a theme (wrong kind of record)", finding({ themeId: aIds.locationId }), "invalid_reference"],
      ["a finding given as a visit", finding({ visitId: findingId }), "invalid_reference"],
      ["another org's finding on an action", mutation("action", randomUUID(), newAction(bFindingId), hlcAt(10)), "invalid_reference"],
      ["an owner who is no member", action({ ownerId: randomUUID() }), "invalid_reference"],
      ["an owner from another org", action({ ownerId: b.userId }), "invalid_reference"],
      ["an unknown mystery template", mutation("mystery_shop", randomUUID(), newShop(randomUUID(), aIds.locationId), hlcAt(10)), "invalid_reference"],
      ["a clock 11 minutes ahead", { ...good, id: randomUUID(), hlc: formatHlc({ millis: Date.now() + 11 * 60_000, counter: 0, node: NODE_A }) }, "clock_ahead"],
    ];
    return { cases, findingId, templateId };
  }

  test("each kind of bad mutation is rejected with its code and message, in the error shape, and changes nothing anywhere", async () => {
    const w = await world();
    const { cases } = await badMutations(w);
    const before = await snapshot(w.client);
    const problems: string[] = [];
    for (const [label, bad, code] of cases) {
      const res = await push(w.a.director, w.a.orgId, [bad]);
      const result = res.json?.results?.[0];
      if (res.status !== 200 || result?.status !== "rejected" || result.error?.code !== code) {
        problems.push(`${label}: ${res.status} ${JSON.stringify(result ?? res.json)}`);
        continue;
      }
      if (result.id !== (bad as { id: string }).id) problems.push(`${label}: result id ${result.id}`);
      if (Object.keys(result.error).sort().join() !== "code,message" || typeof result.error.message !== "string" || !result.error.message) {
        problems.push(`${label}: error ${JSON.stringify(result.error)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("all of them in one batch around good ones: the good ones apply, the bad ones change nothing", async () => {
    const w = await world();
    const { cases, findingId } = await badMutations(w);
    const findingBefore = await findingRow(w.client, findingId);
    const idsBefore = await mutationIds(w.client);
    const goodVisit = mutation("visit", randomUUID(), newVisit(w.aIds.locationId), hlcAt(20));
    const goodEdit = mutation("finding", findingId, { felt: "ignored" }, hlcAt(21));
    const batch = [goodVisit, ...cases.map((c) => c[1]), goodEdit];
    const body = await pushOk(w.a.director, w.a.orgId, batch);
    expect(statuses(body)).toEqual(["applied", ...cases.map(() => "rejected"), "applied"]);
    expect(body.results.slice(1, -1).map((r) => r.error?.code)).toEqual(cases.map((c) => c[2]));

    // Exactly the two good ones were recorded, and only the good edit reached the finding.
    expect(await mutationIds(w.client)).toEqual([...idsBefore, goodVisit.id, goodEdit.id].sort());
    const findingAfter = await findingRow(w.client, findingId);
    const { felt, updated_at, seq, clocks, ...rest } = findingAfter!;
    const { felt: _f, updated_at: _u, seq: _s, clocks: _c, ...restBefore } = findingBefore!;
    expect(rest).toEqual(restBefore);
    expect(felt).toBe("ignored");
    expect(JSON.parse(String(clocks))).toEqual({ ...JSON.parse(String(_c)), felt: hlcAt(21) });
    for (const [label, bad] of cases) {
      const entityId = (bad as { entityId: string }).entityId;
      if (entityId !== findingId && typeof entityId === "string") expect(await anywhere(w.client, entityId), label).toEqual([]);
    }
  });

  test("a bad mutation in the middle of a batch: the ones before and after apply, it changes nothing", async () => {
    const w = await world();
    const { a, aIds, client } = w;
    const findingId = await existingFinding(w);
    const before = await findingRow(client, findingId);
    const visitId = randomUUID();
    const badVisitId = randomUUID();
    const actionId = randomUUID();
    const batch = [
      mutation("visit", visitId, newVisit(aIds.locationId), hlcAt(10)),
      mutation("finding", findingId, { saw: "overwritten?", severity: 9 }, hlcAt(11)),
      mutation("visit", badVisitId, { notes: "no kind, no location" }, hlcAt(12)),
      mutation("action", actionId, newAction(findingId), hlcAt(13)),
    ];
    const body = await pushOk(a.director, a.orgId, batch);
    expect(statuses(body)).toEqual(["applied", "rejected", "rejected", "applied"]);
    expect(body.results.map((r) => r.error?.code)).toEqual([undefined, "validation_failed", "missing_fields", undefined]);
    expect(await findingRow(client, findingId)).toEqual(before);
    expect(await anywhere(client, badVisitId)).toEqual([]);
    expect(await anywhere(client, visitId)).toEqual(["visits"]);
    expect(await anywhere(client, actionId)).toEqual(["actions"]);
    const recorded = await mutationIds(client);
    expect(recorded).toContain(batch[0]!.id);
    expect(recorded).toContain(batch[3]!.id);
    expect(recorded).not.toContain(batch[1]!.id);
    expect(recorded).not.toContain(batch[2]!.id);
  });

  test("a batch whose write fails is rolled back whole (one transaction), and applies in full when retried", async () => {
    const { a, aIds, client } = await world();
    // Make the database refuse to record an action mutation: the visit before it was already merged.
    await client.execute(
      "create trigger refuse_actions before insert on sync_mutations when new.entity = 'action' begin select raise(abort, 'injected failure'); end",
    );
    const findingId = randomUUID();
    const batch = [
      mutation("visit", randomUUID(), newVisit(aIds.locationId), hlcAt(1)),
      mutation("finding", findingId, newFinding(), hlcAt(2)),
      mutation("action", randomUUID(), newAction(findingId), hlcAt(3)),
    ];
    const before = await snapshot(client);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await push(a.director, a.orgId, batch);
    errors.mockRestore();
    expectError(res, 500, "internal");
    expect(await snapshot(client)).toEqual(before);
    await client.execute("drop trigger refuse_actions");
    expect(statuses(await pushOk(a.director, a.orgId, batch))).toEqual(["applied", "applied", "applied"]);
  });
});

describe("clock skew", () => {
  test("an HLC more than 10 minutes ahead of the server's clock is rejected; exactly 10 minutes ahead is accepted", async () => {
    const { a, aIds, client } = await world();
    vi.useFakeTimers({ toFake: ["Date"] });
    const now = Date.now();
    vi.setSystemTime(now);
    const at = (ms: number, counter = 0) => formatHlc({ millis: now + ms, counter, node: NODE_A });
    const before = await snapshot(client);
    const over = await pushOk(a.director, a.orgId, [mutation("visit", randomUUID(), newVisit(aIds.locationId), at(MAX_CLOCK_AHEAD_MS + 1))]);
    expect(over.results[0]).toMatchObject({ status: "rejected", error: { code: "clock_ahead" } });
    expect(await snapshot(client)).toEqual(before);

    const visitId = randomUUID();
    const edge = await pushOk(a.director, a.orgId, [mutation("visit", visitId, newVisit(aIds.locationId), at(MAX_CLOCK_AHEAD_MS, 0xffff))]);
    expect(statuses(edge)).toEqual(["applied"]);
    // An edit of an existing record is held to the same limit.
    const late = await pushOk(a.director, a.orgId, [mutation("visit", visitId, { notes: "from the future" }, at(MAX_CLOCK_AHEAD_MS + 60_000))]);
    expect(late.results[0]!.error?.code).toBe("clock_ahead");
    vi.useRealTimers();
    expect((await serverRecord(a.director, a.orgId, "visit", visitId))!.fields.notes).toBeNull();
  });

  test("an HLC far in the past is accepted (a device that was offline for a long time)", async () => {
    const { a, aIds } = await world();
    const old = formatHlc({ millis: Date.parse("2001-01-01T00:00:00.000Z"), counter: 0, node: NODE_A });
    expect(statuses(await pushOk(a.director, a.orgId, [mutation("visit", randomUUID(), newVisit(aIds.locationId), old)]))).toEqual(["applied"]);
  });
});

describe("merge", () => {
  test("two users editing different fields of the same finding offline both keep their edit", async () => {
    const w = await world();
    const { a } = w;
    const findingId = await existingFinding(w, { felt: "original" });
    // Both devices have the finding, then go offline: its author edits what it describes, CX triages it.
    const directorEdit = mutation("finding", findingId, { saw: "Queue of twelve" }, hlcAt(100, NODE_A));
    const cxEdit = mutation("finding", findingId, { level: "operations", tags: ["queue"] }, hlcAt(50, NODE_B));
    await pushApplied(a.cx, a.orgId, [cxEdit]);
    await pushApplied(a.director, a.orgId, [directorEdit]);
    for (const who of [a.director, a.cx, a.board]) {
      const record = (await serverRecord(who, a.orgId, "finding", findingId))!;
      expect(record.fields).toMatchObject({ saw: "Queue of twelve", level: "operations", tags: ["queue"], felt: "original", severity: 3, sentiment: "pain" });
      expect(record.clocks).toMatchObject({ saw: hlcAt(100, NODE_A), level: hlcAt(50, NODE_B), tags: hlcAt(50, NODE_B), felt: hlcAt(0) });
    }
  });

  test.each([
    ["the later edit arrives last", false],
    ["the later edit arrives first", true],
  ])("the same field: the later HLC wins (%s)", async (_label, laterFirst) => {
    const w = await world();
    const { a } = w;
    const findingId = await existingFinding(w);
    const earlier = mutation("finding", findingId, { felt: "by the director", severity: 1 }, hlcAt(200, NODE_A));
    // The author and an admin (who may correct anyone's finding) edit the same field.
    const later = mutation("finding", findingId, { felt: "by the admin", expectation: "a shorter queue" }, hlcAt(300, NODE_B));
    const order: [typeof a.director, typeof earlier][] = laterFirst ? [[a.admin, later], [a.director, earlier]] : [[a.director, earlier], [a.admin, later]];
    for (const [who, m] of order) expect(statuses(await pushOk(who, a.orgId, [m]))).toEqual(["applied"]);
    const record = (await serverRecord(a.board, a.orgId, "finding", findingId))!;
    expect(record.fields).toMatchObject({ felt: "by the admin", severity: 1, expectation: "a shorter queue" });
    expect(record.clocks!.felt).toBe(hlcAt(300, NODE_B));
  });

  test("HLCs compare by time, then counter, then node", async () => {
    const w = await world();
    const { a } = w;
    const findingId = await existingFinding(w);
    // Same millisecond: the higher counter wins over the higher node; same counter: the higher node wins.
    await pushApplied(a.director, a.orgId, [mutation("finding", findingId, { saw: "counter 5, node a1", felt: "node a1" }, hlcAt(400, NODE_A, 5))]);
    // The author (on two devices, a1 and c3) and an admin (b2) edit it.
    await pushApplied(a.admin, a.orgId, [mutation("finding", findingId, { saw: "counter 0, node b2" }, hlcAt(400, NODE_B, 0))]);
    await pushApplied(a.admin, a.orgId, [mutation("finding", findingId, { felt: "node b2" }, hlcAt(400, NODE_B, 5))]);
    await pushApplied(a.admin, a.orgId, [mutation("finding", findingId, { expectation: "a minute later" }, hlcAt(401, NODE_A, 0))]);
    await pushApplied(a.director, a.orgId, [mutation("finding", findingId, { expectation: "a millisecond earlier, huge counter" }, hlcAt(400, NODE_C, 0xffff))]);
    const record = (await serverRecord(a.board, a.orgId, "finding", findingId))!;
    expect(record.fields).toMatchObject({ saw: "counter 5, node a1", felt: "node b2", expectation: "a minute later" });
  });
});

describe("tombstones", () => {
  test("a delete wins over older edits, stays final against newer ones, and is pulled by every other user", async () => {
    const w = await world();
    const { a } = w;
    const findingId = await existingFinding(w);
    const cxCursor = (await pullAll(a.cx, a.orgId)).cursor;
    const boardCursor = (await pullAll(a.board, a.orgId)).cursor;
    expect((await pullAll(a.cx, a.orgId)).changes.get(`finding:${findingId}`)!.deleted).toBe(false);

    await pushApplied(a.director, a.orgId, [deletion("finding", findingId, hlcAt(500))]);
    // An admin edited offline before the delete, and pushes after it.
    await pushApplied(a.admin, a.orgId, [mutation("finding", findingId, { saw: "older edit" }, hlcAt(400, NODE_B))]);
    // An edit made after the delete (CX triaging it on a device that had not heard) does not bring it back either.
    await pushApplied(a.cx, a.orgId, [mutation("finding", findingId, { level: "operations", tags: ["newer edit"] }, hlcAt(600, NODE_C))]);
    // Nor does deleting again with an older clock move the tombstone back.
    await pushApplied(a.cx, a.orgId, [deletion("finding", findingId, hlcAt(450, NODE_B))]);

    for (const [who, since] of [
      [a.cx, cxCursor],
      [a.board, boardCursor],
      [a.admin, ""],
    ] as const) {
      const { changes } = await pullAll(who, a.orgId, since);
      const change = changes.get(`finding:${findingId}`)!;
      expect(change, "the tombstone is pulled").toBeDefined();
      expect(change.deleted).toBe(true);
      expect(change.deletedAt).toBe(hlcAt(500));
    }
  });

  test("a record created and deleted before anyone pulled still reaches every device as a tombstone", async () => {
    const { a, aIds } = await world();
    const cursor = (await pullAll(a.board, a.orgId)).cursor;
    const visitId = randomUUID();
    await pushApplied(a.director, a.orgId, [mutation("visit", visitId, newVisit(aIds.locationId), hlcAt(1)), deletion("visit", visitId, hlcAt(2))]);
    const change = (await pullAll(a.board, a.orgId, cursor)).changes.get(`visit:${visitId}`)!;
    expect(change).toMatchObject({ entity: "visit", deleted: true, deletedAt: hlcAt(2) });
  });
});

describe("pull cursors", () => {
  /** Creates `count` visits in one push. */
  async function manyVisits(w: World, count: number, offset = 0) {
    const ms = Array.from({ length: count }, (_, i) => mutation("visit", randomUUID(), newVisit(w.aIds.locationId, { notes: `visit ${offset + i}` }), hlcAt(1000 + offset + i)));
    await pushApplied(w.a.director, w.a.orgId, ms);
    return ms.map((m) => m.entityId);
  }

  test("paging with a limit: every change exactly once, hasMore until the last page, cursors only move forward", async () => {
    const w = await world();
    await manyVisits(w, 25);
    const everything = await pull(w.a.cx, w.a.orgId, "", MAX_PULL_LIMIT);
    expect(everything.json.hasMore).toBe(false);
    const all = (everything.json as PullResponse).changes;
    expect(all.length).toBeGreaterThan(30); // 25 visits plus the settings

    for (const limit of [1, 3, 7, all.length - 1, all.length, all.length + 1]) {
      const pages = await pullPages(w.a.cx, w.a.orgId, "", limit);
      const seen = pages.flatMap((p) => p.changes);
      expect(seen, `limit ${limit}`).toEqual(all);
      expect(pages.every((p) => p.changes.length <= limit)).toBe(true);
      expect(pages.slice(0, -1).every((p) => p.hasMore && p.changes.length === limit)).toBe(true);
      expect(pages.at(-1)!.hasMore).toBe(false);
      const seqs = pages.map((p) => cursorSeq(p.cursor));
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
      expect(pages.length).toBe(Math.max(1, Math.ceil(all.length / limit)));
    }
  }, 30_000);

  test("resuming from a cursor gets exactly the records changed after it, each once, in its newest state", async () => {
    const w = await world();
    const { a } = w;
    const first = await manyVisits(w, 10);
    const { cursor, changes: before } = await pullAll(a.board, a.orgId);
    expect(before.size).toBeGreaterThanOrEqual(10);

    // After the cursor: three edits to one old visit, one edit to another, five new visits.
    // The director's visits, edited by an admin (who may correct them) and by the director.
    await pushApplied(a.admin, a.orgId, [mutation("visit", first[0]!, { notes: "edit 1" }, hlcAt(5000, NODE_B))]);
    await pushApplied(a.director, a.orgId, [mutation("visit", first[0]!, { notes: "edit 2" }, hlcAt(5001))]);
    await pushApplied(a.admin, a.orgId, [mutation("visit", first[0]!, { peopleMet: "edit 3" }, hlcAt(5002, NODE_B)), mutation("visit", first[5]!, { notes: "other" }, hlcAt(5003, NODE_B))]);
    const fresh = await manyVisits(w, 5, 100);

    const rest = await pullAll(a.board, a.orgId, cursor, 2);
    const ids = rest.pages.flatMap((p) => p.changes.map((c) => c.entityId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([first[0]!, first[5]!, ...fresh].sort());
    expect(rest.changes.get(`visit:${first[0]}`)!.fields).toMatchObject({ notes: "edit 2", peopleMet: "edit 3" });
    expect(cursorSeq(rest.cursor)).toBeGreaterThan(cursorSeq(cursor));

    // Nothing new: an empty page, hasMore false and the cursor stays where it is (never back to the start).
    const idle = await pull(a.board, a.orgId, rest.cursor);
    expect(idle.json).toEqual({ changes: [], cursor: rest.cursor, hasMore: false });
  });

  test("paging while another user keeps pushing between pages never skips a change", async () => {
    const w = await world();
    const { a } = w;
    const visits = await manyVisits(w, 12);
    const local = new Map<string, PulledChange>();
    let cursor = "";
    let round = 0;
    const cursors: number[] = [];
    for (;;) {
      const res = await pull(a.board, a.orgId, cursor, 4);
      expect(res.status).toBe(200);
      const page = res.json as PullResponse;
      for (const change of page.changes) local.set(`${change.entity}:${change.entityId}`, change);
      cursor = page.cursor;
      cursors.push(cursorSeq(cursor));
      if (round < 6) {
        // An admin edits a record that may already have been paged past, and adds a new one.
        const target = visits[(round * 5) % visits.length]!;
        await pushApplied(a.admin, a.orgId, [
          mutation("visit", target, { notes: `edited in round ${round}` }, hlcAt(9000 + round, NODE_B)),
          mutation("visit", randomUUID(), newVisit(w.aIds.locationId, { notes: `added in round ${round}` }), hlcAt(9100 + round, NODE_B)),
        ]);
      }
      round += 1;
      if (!page.hasMore && round > 6) break;
      if (round > 200) throw new Error("paging never ended");
    }
    for (let i = 1; i < cursors.length; i++) expect(cursors[i]!).toBeGreaterThanOrEqual(cursors[i - 1]!);
    const truth = (await pullAll(a.director, a.orgId)).changes;
    expect(Object.fromEntries(local)).toEqual(Object.fromEntries(truth));
  });

  test.each([
    ["a word", "abc"],
    ["a non-numeric sequence", "v1.x"],
    ["an unknown version", "v2.5"],
    ["a negative sequence", "v1.-1"],
    ["a negative number", "-1"],
    ["a bare number", "5"],
    ["no sequence", "v1."],
    ["two sequences", "v1.1.2"],
    ["a leading space", " v1.1"],
    ["an exponent", "v1.1e3"],
    ["a hex sequence", "v1.0x10"],
    ["a huge sequence", `v1.${"9".repeat(30)}`],
    ["an upper-case version", "V1.1"],
  ])("a malformed cursor (%s) is a 400 naming since", async (_label, since) => {
    const { a } = await world();
    const res = await pull(a.director, a.orgId, since);
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(["since"]);
  });

  test("a cursor beyond the server's sequence is a 400 stale_cursor; the current one is fine", async () => {
    const { a, client } = await world();
    const { cursor } = await pullAll(a.director, a.orgId);
    expect((await pull(a.director, a.orgId, cursor)).status).toBe(200);
    // The sequence is the whole database's (org B's settings came after A's last change).
    const seq = Number((await rows(client, "select value from sync_sequence"))[0]!.value);
    expect(seq).toBeGreaterThanOrEqual(cursorSeq(cursor));
    expect((await pull(a.director, a.orgId, `v1.${seq}`)).json).toEqual({ changes: [], cursor: `v1.${seq}`, hasMore: false });
    expectError(await pull(a.director, a.orgId, `v1.${seq + 1}`), 400, "stale_cursor");
    expectError(await pull(a.director, a.orgId, `v1.${"9".repeat(15)}`), 400, "stale_cursor");
  });

  test("an empty or missing since means everything, the same as v1.0", async () => {
    const { a } = await world();
    const missing = await a.director.get(`/api/orgs/${a.orgId}/sync/pull`);
    const empty = await pull(a.director, a.orgId, "");
    const zero = await pull(a.director, a.orgId, "v1.0");
    expect(missing.status).toBe(200);
    expect(missing.json.changes.length).toBeGreaterThan(0);
    expect(empty.json).toEqual(missing.json);
    expect(zero.json).toEqual(missing.json);
  });

  test.each([["0"], ["-1"], [String(MAX_PULL_LIMIT + 1)], ["1.5"], ["abc"], ["1e400"], ["NaN"], ["Infinity"]])("limit=%s is a 400 naming limit", async (limit) => {
    const { a } = await world();
    const res = await pull(a.director, a.orgId, "", limit);
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(["limit"]);
  });

  test("limit 1 and the maximum are accepted; no limit means the default", async () => {
    const { a } = await world();
    const one = await pull(a.director, a.orgId, "", 1);
    expect(one.json.changes.length).toBe(1);
    expect(one.json.hasMore).toBe(true);
    expect((await pull(a.director, a.orgId, "", MAX_PULL_LIMIT)).json.hasMore).toBe(false);
    expect((await pull(a.director, a.orgId, "", "")).status).toBe(200);
  });
});

describe("a mystery shop keeps the questions it was run with", () => {
  test("its copy of the template's sections round-trips through push and pull, and outlives an edit of the template", async () => {
    const { a, aIds } = await world();
    const templateId = randomUUID();
    const template = newTemplate();
    const [question] = template.sections[0]!.questions;
    await pushApplied(a.cx, a.orgId, [mutation("mystery_template", templateId, template, hlcAt(1, NODE_B))]);
    const shopId = randomUUID();
    const fields = newShop(templateId, aIds.locationId, { sections: template.sections, answers: { [question!.id]: { value: true, na: false } }, completedAt: "2025-03-01T10:30:00.000Z" });
    await pushApplied(a.director, a.orgId, [mutation("mystery_shop", shopId, fields, hlcAt(2))]);

    // The template's question is reweighted and a second one added afterwards.
    const edited = [{ ...template.sections[0]!, questions: [{ ...question!, weight: 50 }, { ...question!, id: randomUUID(), text: "Offered help?" }] }];
    await pushApplied(a.cx, a.orgId, [mutation("mystery_template", templateId, { sections: edited }, hlcAt(3, NODE_B))]);

    const shop = (await serverRecord(a.board, a.orgId, "mystery_shop", shopId))!;
    expect(shop.fields.sections).toEqual(template.sections);
    expect(shop.clocks?.sections).toBe(hlcAt(2));
    expect((await serverRecord(a.board, a.orgId, "mystery_template", templateId))!.fields.sections).toEqual(edited);
  });

  test("a shop started before shops kept a copy pulls with no sections, and can be given them later", async () => {
    const { a, aIds } = await world();
    const templateId = randomUUID();
    const template = newTemplate();
    await pushApplied(a.cx, a.orgId, [mutation("mystery_template", templateId, template, hlcAt(1, NODE_B))]);
    const shopId = randomUUID();
    await pushApplied(a.director, a.orgId, [mutation("mystery_shop", shopId, newShop(templateId, aIds.locationId), hlcAt(2))]);
    expect((await serverRecord(a.board, a.orgId, "mystery_shop", shopId))!.fields.sections).toBeNull();

    await pushApplied(a.director, a.orgId, [mutation("mystery_shop", shopId, { sections: template.sections, completedAt: "2025-03-01T10:30:00.000Z" }, hlcAt(3))]);
    expect((await serverRecord(a.board, a.orgId, "mystery_shop", shopId))!.fields.sections).toEqual(template.sections);
  });
});

describe("settings travel in pulls", () => {
  test("an admin's rename of a location appears in the next pull after the previous cursor, with archive and new records", async () => {
    const { a, aIds, b } = await world();
    const { cursor, changes } = await pullAll(a.director, a.orgId);
    const location = changes.get(`location:${aIds.locationId}`)!;
    expect(location).toBeDefined();
    expect(Object.keys(location).sort()).toEqual(["deleted", "entity", "entityId", "fields"]);
    for (const entity of ["journey_stage", "segment", "theme"]) expect([...changes.values()].some((c) => c.entity === entity), entity).toBe(true);
    const bCursor = (await pullAll(b.agent, b.orgId)).cursor;

    expect((await a.admin.patch(`/api/orgs/${a.orgId}/locations/${aIds.locationId}`, { name: "Flagship Amsterdam" })).status).toBe(200);
    const renamed = await pull(a.director, a.orgId, cursor);
    expect(renamed.json.changes).toEqual([
      { entity: "location", entityId: aIds.locationId, deleted: false, fields: { ...location.fields, name: "Flagship Amsterdam" } },
    ]);

    expect((await a.admin.patch(`/api/orgs/${a.orgId}/themes/${aIds.themeId}`, { archived: true })).status).toBe(200);
    const segment = await a.admin.post(`/api/orgs/${a.orgId}/segments`, { name: "Night owls", motives: ["urgency"] });
    expect(segment.status).toBe(201);
    const reorder = await a.admin.put(`/api/orgs/${a.orgId}/journey-stages/order`, { ids: [...aIds.stageIds].reverse() });
    expect(reorder.status).toBe(200);
    const later = await pullAll(a.board, a.orgId, renamed.json.cursor);
    expect(later.changes.get(`theme:${aIds.themeId}`)!.fields.archived).toBe(true);
    expect(later.changes.get(`segment:${segment.json.id}`)!.fields).toMatchObject({ name: "Night owls", motives: ["urgency"], archived: false });
    for (const [position, id] of [...aIds.stageIds].reverse().entries()) expect(later.changes.get(`journey_stage:${id}`)!.fields.position).toBe(position);
    expect(later.changes.has(`location:${aIds.locationId}`)).toBe(false);

    // Org B's devices see none of it.
    expect((await pull(b.agent, b.orgId, bCursor)).json.changes).toEqual([]);
  });

  test("mystery templates pushed by cx_ops reach every device, including the board", async () => {
    const { a } = await world();
    const templateId = randomUUID();
    const template = newTemplate();
    await pushApplied(a.cx, a.orgId, [mutation("mystery_template", templateId, template, hlcAt(1, NODE_B))]);
    const change = (await serverRecord(a.board, a.orgId, "mystery_template", templateId))!;
    expect(change.fields).toMatchObject({ ...template, archived: null });
  });
});

describe("tenant isolation", () => {
  test("another org's record ids and reference ids in a push are rejected and change nothing in either org", async () => {
    const w = await world();
    const { a, aIds, b, bIds, client } = w;
    const aVisitId = randomUUID();
    const aFindingId = await existingFinding(w);
    await pushApplied(a.director, a.orgId, [mutation("visit", aVisitId, newVisit(aIds.locationId), hlcAt(1))]);
    const aTemplateId = randomUUID();
    await pushApplied(a.admin, a.orgId, [mutation("mystery_template", aTemplateId, newTemplate(), hlcAt(1))]);
    const before = await snapshot(client);

    // Eve, admin of B, in her own org: A's record ids as the records to change...
    const hijacks = [
      mutation("visit", aVisitId, { notes: "hijacked" }, hlcAt(50, NODE_C)),
      mutation("visit", aVisitId, newVisit(bIds.locationId), hlcAt(50, NODE_C)),
      mutation("finding", aFindingId, { saw: "hijacked", severity: 1 }, hlcAt(50, NODE_C)),
      deletion("finding", aFindingId, hlcAt(50, NODE_C)),
      mutation("mystery_template", aTemplateId, { name: "hijacked" }, hlcAt(50, NODE_C)),
    ];
    // ...and as references from her own new records.
    const references = [
      mutation("visit", randomUUID(), newVisit(aIds.locationId), hlcAt(51, NODE_C)),
      mutation("finding", randomUUID(), newFinding({ visitId: aVisitId }), hlcAt(51, NODE_C)),
      mutation("finding", randomUUID(), newFinding({ journeyStageId: aIds.stageId, segmentId: bIds.segmentId }), hlcAt(51, NODE_C)),
      mutation("finding", randomUUID(), newFinding({ segmentId: aIds.segmentId }), hlcAt(51, NODE_C)),
      mutation("finding", randomUUID(), newFinding({ themeId: aIds.themeId }), hlcAt(51, NODE_C)),
      mutation("action", randomUUID(), newAction(aFindingId), hlcAt(51, NODE_C)),
      mutation("mystery_shop", randomUUID(), newShop(aTemplateId, bIds.locationId), hlcAt(51, NODE_C)),
    ];
    const body = await pushOk(b.agent, b.orgId, [...hijacks, ...references]);
    expect(statuses(body)).toEqual([...hijacks, ...references].map(() => "rejected"));
    expect(body.results.slice(hijacks.length).map((r) => r.error!.code)).toEqual(references.map(() => "invalid_reference"));
    expect(await snapshot(client)).toEqual(before);

    // An owner from org A on a B action is refused too.
    const bFindingId = randomUUID();
    await pushApplied(b.agent, b.orgId, [mutation("finding", bFindingId, newFinding(), hlcAt(52, NODE_C))]);
    const owner = await pushOk(b.agent, b.orgId, [mutation("action", randomUUID(), newAction(bFindingId, { ownerId: aIds.memberId }), hlcAt(53, NODE_C))]);
    expect(owner.results[0]!.error!.code).toBe("invalid_reference");

    // And A's records are exactly as they were.
    const aNow = await pullAll(a.director, a.orgId);
    expect(aNow.changes.get(`visit:${aVisitId}`)!.fields.notes).toBeNull();
    expect(aNow.changes.get(`finding:${aFindingId}`)!.deleted).toBe(false);
  });

  test("another org's pull sees nothing of org A, and A's sees nothing of B", async () => {
    const w = await world();
    const { a, aIds, b, bIds } = w;
    await existingFinding(w);
    await pushApplied(a.director, a.orgId, [mutation("visit", randomUUID(), newVisit(aIds.locationId), hlcAt(1))]);
    await pushApplied(b.agent, b.orgId, [mutation("visit", randomUUID(), newVisit(bIds.locationId), hlcAt(1, NODE_C))]);
    const aIdsSeen = new Set([...(await pullAll(a.director, a.orgId)).changes.values()].map((c) => c.entityId));
    const bChanges = [...(await pullAll(b.agent, b.orgId)).changes.values()];
    expect(bChanges.length).toBeGreaterThan(5);
    expect(bChanges.filter((c) => aIdsSeen.has(c.entityId))).toEqual([]);
    expect(bChanges.filter((c) => c.entity === "visit")).toHaveLength(1);
    expect(bChanges.filter((c) => c.entity === "finding")).toHaveLength(0);
    expect(JSON.stringify(bChanges)).not.toContain(a.orgId);
    const aUserIds = await Promise.all([a.director, a.admin, a.cx, a.board].map(userId));
    for (const id of aUserIds) expect(JSON.stringify(bChanges)).not.toContain(id);
    expect([...aIdsSeen].filter((id) => bChanges.some((c) => c.entityId === id))).toEqual([]);
  });
});

describe("push body validation", () => {
  test.each([
    ["mutations not an array", { clientId: "d", mutations: { 0: {} } }, ["mutations"]],
    ["mutations a string", { clientId: "d", mutations: "[]" }, ["mutations"]],
    ["mutations missing", { clientId: "d" }, ["mutations"]],
    ["clientId missing", { mutations: [] }, ["clientId"]],
    ["clientId blank", { clientId: "   ", mutations: [] }, ["clientId"]],
    ["clientId too long", { clientId: "x".repeat(101), mutations: [] }, ["clientId"]],
    ["an unknown top-level key", { clientId: "d", mutations: [], since: "v1.0" }, ["since"]],
    ["a bare array of mutations", [], ["(body)"]],
  ])("%s is a 400 naming the field", async (_label, body, paths) => {
    const { a, client } = await world();
    const before = await snapshot(client);
    const res = await a.director.post(`/api/orgs/${a.orgId}/sync/push`, body);
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(paths);
    expect(await snapshot(client)).toEqual(before);
  });

  test("malformed JSON is a 400 invalid_json and changes nothing", async () => {
    const { a, client } = await world();
    const before = await snapshot(client);
    expectError(await a.director.request("POST", `/api/orgs/${a.orgId}/sync/push`, '{"clientId": "d", "mutations": [{'), 400, "invalid_json");
    expect(await snapshot(client)).toEqual(before);
  });

  test(`${MAX_BATCH} mutations are applied; ${MAX_BATCH + 1} are a 400 and change nothing`, async () => {
    const { a, aIds, client } = await world();
    const batch = (n: number, at: number) => Array.from({ length: n }, (_, i) => mutation("visit", randomUUID(), newVisit(aIds.locationId), hlcAt(at, NODE_A, i)));
    const before = await snapshot(client);
    const tooMany = await push(a.director, a.orgId, batch(MAX_BATCH + 1, 1));
    expectError(tooMany, 400, "validation_failed");
    expect(issuePaths(tooMany.json)).toEqual(["mutations"]);
    expect(await snapshot(client)).toEqual(before);

    const full = await pushApplied(a.director, a.orgId, batch(MAX_BATCH, 2));
    expect(full.results).toHaveLength(MAX_BATCH);
    expect(await mutationIds(client)).toHaveLength(MAX_BATCH);
  });

  test("items that are not mutation objects are rejected one by one; the rest of the batch applies", async () => {
    const { a, aIds } = await world();
    const good = mutation("visit", randomUUID(), newVisit(aIds.locationId), hlcAt(1));
    const body = await pushOk(a.director, a.orgId, [5, null, "text", [], {}, good]);
    expect(statuses(body)).toEqual(["rejected", "rejected", "rejected", "rejected", "rejected", "applied"]);
    expect(body.results.slice(0, 5).every((r) => r.error?.code === "validation_failed")).toBe(true);
  });

  test("an empty batch is a 200 with no results and a cursor a pull accepts", async () => {
    const { a } = await world();
    const { cursor } = await pullAll(a.director, a.orgId);
    const body = await pushOk(a.director, a.orgId, []);
    expect(body.results).toEqual([]);
    expect(cursorSeq(body.cursor)).toBeGreaterThanOrEqual(cursorSeq(cursor));
    expect((await pull(a.director, a.orgId, body.cursor)).status).toBe(200);
  });
});

describe("concurrency", () => {
  test("concurrent pushes (and duplicate deliveries) from several agents never 500 and never lose or double-apply a mutation", async () => {
    const { a, aIds, client } = await world();
    const agents = [a.director, a.cx, a.board, a.admin];
    const nodes = ["00000000000000d1", "00000000000000d2", "00000000000000d3", "00000000000000d4"];
    const shared = randomUUID();
    const setup = mutation("finding", shared, newFinding(), hlcAt(0));
    await pushApplied(a.director, a.orgId, [setup]);
    // Who may edit the director's finding, and the field of their own each edits: its author what
    // it saw, CX a triage field, the admin anything. The board may not edit it and only adds visits.
    const ownField = ["saw", "tags", null, "felt"] as const;
    const batches = agents.flatMap((who, ai) =>
      Array.from({ length: 8 }, (_, bi) => ({
        who,
        mutations: Array.from({ length: 15 }, (_, mi) => {
          const counter = bi * 100 + mi;
          const own = ownField[ai];
          // The editors also edit the shared finding: a field of their own, and one (triage) field they fight over.
          if (mi % 5 === 0 && own) return mutation("finding", shared, { [own]: own === "tags" ? [`t${counter}`] : `agent ${ai} ${counter}`, level: FIX_LEVELS[(counter + ai) % FIX_LEVELS.length] }, hlcAt(2000, nodes[ai], counter));
          return mutation("visit", randomUUID(), newVisit(aIds.locationId, { notes: `agent ${ai} batch ${bi} #${mi}` }), hlcAt(2000, nodes[ai], counter));
        }),
      })),
    );
    // Every batch is delivered twice, all at once, with pulls in between.
    const deliveries = [...batches, ...batches].map((b, i) => (i % 3 === 0 ? [b, "pull"] : [b])).flat();
    const responses = await Promise.all(
      deliveries.map((d) => (d === "pull" ? pull(a.board, a.orgId) : push((d as (typeof batches)[number]).who, a.orgId, (d as (typeof batches)[number]).mutations))),
    );
    expect(responses.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.text.slice(0, 100)}`)).toEqual([]);

    const applied = new Map<string, number>();
    for (const res of responses) for (const r of (res.json as PushResponse).results ?? []) if (r.status === "applied") applied.set(r.id, (applied.get(r.id) ?? 0) + 1);
    const all = batches.flatMap((b) => b.mutations);
    expect(all.filter((m) => applied.get(m.id) !== 1).map((m) => m.id)).toEqual([]);
    for (const res of responses) for (const r of (res.json as PushResponse).results ?? []) expect(["applied", "duplicate"]).toContain(r.status);
    expect(await mutationIds(client)).toEqual([setup.id, ...all.map((m) => m.id)].sort());

    const { changes } = await pullAll(a.cx, a.orgId, "", 50);
    for (const m of all.filter((m) => m.entity === "visit")) expect(changes.get(`visit:${m.entityId}`)?.fields.notes).toBe(m.fields.notes);
    // The shared finding holds, field by field, the value with the latest HLC among everyone's edits.
    const finding = changes.get(`finding:${shared}`)!;
    for (const field of ["saw", "felt", "tags", "level"]) {
      const winner = all.filter((m) => m.entityId === shared && field in m.fields).sort((x, y) => (x.hlc < y.hlc ? -1 : 1)).at(-1)!;
      expect(finding.fields[field], field).toEqual(winner.fields[field]);
      expect(finding.clocks![field]).toBe(winner.hlc);
    }
  }, 30_000);
});

describe("a database from before sync", () => {
  test("settings that existed before the sync migration each get their own sequence number, so paging skips none", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chefsache-upgrade-"));
    try {
      // Migrate a file to the foundation schema only, as a server from before sync left it.
      const migrations = join(dir, "migrations");
      mkdirSync(join(migrations, "meta"), { recursive: true });
      const journal = JSON.parse(readFileSync("migrations/meta/_journal.json", "utf8"));
      const [foundation] = journal.entries;
      writeFileSync(join(migrations, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: [foundation] }));
      copyFileSync(`migrations/${foundation.tag}.sql`, join(migrations, `${foundation.tag}.sql`));
      const url = `file:${join(dir, "old.db")}`;
      const old = createClient({ url });
      await migrate(drizzle(old), { migrationsFolder: migrations });
      const orgId = randomUUID();
      const now = new Date().toISOString();
      await old.execute({ sql: "insert into organisations (id, name, created_at) values (?, 'Old Org', ?)", args: [orgId, now] });
      const ids: string[] = [];
      const insert = async (sql: string, extra: (string | number)[]) => {
        const id = randomUUID();
        ids.push(id);
        await old.execute({ sql, args: [id, orgId, `name ${ids.length}`, now, now, ...extra] });
      };
      for (let i = 0; i < 4; i++) await insert("insert into locations (id, org_id, name, created_at, updated_at, kind) values (?, ?, ?, ?, ?, ?)", ["store"]);
      for (let i = 0; i < 6; i++) await insert("insert into journey_stages (id, org_id, name, created_at, updated_at, position) values (?, ?, ?, ?, ?, ?)", [i]);
      for (let i = 0; i < 3; i++) await insert("insert into segments (id, org_id, name, created_at, updated_at, motives) values (?, ?, ?, ?, ?, ?)", ["[]"]);
      for (let i = 0; i < 2; i++) await insert("insert into themes (id, org_id, name, created_at, updated_at, description, not_doing) values (?, ?, ?, ?, ?, ?, ?)", ["", 0]);
      old.close();

      // The new server opens it (running the sync migration) and a device pages through it.
      const upgraded = await openDatabase(url);
      try {
        const seen: string[] = [];
        let since = 0;
        for (let guard = 0; guard < 100; guard++) {
          const page = await pullChanges(upgraded.db, orgId, since, 1);
          seen.push(...page.changes.map((c) => c.entityId));
          since = cursorSeq(page.cursor);
          if (!page.hasMore) break;
        }
        expect(seen.sort()).toEqual([...ids].sort());
        // New changes are numbered after the old ones.
        const seqs = await upgraded.client.execute("select seq from locations union all select seq from journey_stages union all select seq from segments union all select seq from themes");
        const numbers = seqs.rows.map((r) => Number(r.seq));
        expect(new Set(numbers).size).toBe(ids.length);
        expect(await allocateSeq(upgraded.db)).toBeGreaterThan(Math.max(...numbers));
      } finally {
        upgraded.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("triage on push", () => {
  test.each([
    ["executive", "director", "forbidden"],
    ["board", "board", "forbidden"],
    ["cx_ops", "cx", "applied"],
    ["admin", "admin", "applied"],
  ] as const)("%s moving a finding to triaged or closed: %s", async (_role, who, expected) => {
    const { a, client } = await world();
    const findingId = randomUUID();
    await pushApplied(a.director, a.orgId, [mutation("finding", findingId, newFinding(), hlcAt(1))]);
    const before = await snapshot(client);
    const body = await pushOk(a[who], a.orgId, [
      mutation("finding", findingId, { status: "triaged" }, hlcAt(2, NODE_B)),
      mutation("finding", findingId, { status: "closed" }, hlcAt(3, NODE_B)),
    ]);
    for (const result of body.results) {
      if (expected === "applied") expect(result.status).toBe("applied");
      else expect(result).toMatchObject({ status: "rejected", error: { code: "forbidden" } });
    }
    if (expected === "forbidden") expect(await snapshot(client)).toEqual(before);
  });

  test("anyone may record a finding as new and link it to an experiment", async () => {
    const { a } = await world();
    const findingId = randomUUID();
    await pushApplied(a.director, a.orgId, [mutation("finding", findingId, newFinding(), hlcAt(1))]);
    await pushApplied(a.director, a.orgId, [mutation("finding", findingId, { status: "linked" }, hlcAt(2))]);
  });
});
