/**
 * Issue 13: during a visit a director marks an earlier finding "fixed" or "still seen". It is
 * recorded on the finding (who, when, on which visit) by whoever looks — also on a colleague's
 * finding — in their own name only, without opening the rest of the finding to them; another
 * organisation cannot touch it, and bad values are refused.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, expect, test } from "vitest";
import type { PushResponse } from "../../shared/sync/protocol";
import { prepareWorld, world } from "../support/api";
import { hlcAt, mutation, newFinding, newVisit, push, pushApplied, pushOk, serverRecord, userId } from "../support/sync";

type World = Awaited<ReturnType<typeof world>>;

let w: World;
let directorId: string;
let boardId: string;
/** A finding CX operations captured at the location: a colleague's, for the director. */
let findingId: string;
/** The director's visit on which they look again. */
let visitId: string;
let clock = 1_000;
/** A later HLC for every write, so each one is the newest. */
const next = () => hlcAt(clock++);

beforeAll(prepareWorld, 120_000);

// Each test its own copy of the two organisations (a file copy: cheap), with the finding and the visit.
beforeEach(async () => {
  w = await world();
  [directorId, boardId] = await Promise.all([userId(w.a.director), userId(w.a.board)]);
  findingId = randomUUID();
  visitId = randomUUID();
  const locationId = w.aIds.locationId;
  await pushApplied(w.a.cx, w.a.orgId, [mutation("finding", findingId, newFinding({ locationId, saw: "Fitting rooms closed" }), next())]);
  await pushApplied(w.a.director, w.a.orgId, [mutation("visit", visitId, newVisit(locationId), next())]);
});

const recheck = (result: string, by: string, extra: Record<string, unknown> = {}) => ({ result, by, at: "2025-03-08T10:15:00.000Z", visitId, ...extra });
const rejection = (body: PushResponse) => body.results.map((r) => (r.status === "rejected" ? r.error?.code : r.status));
const recheckOnServer = async () => (await serverRecord(w.a.cx, w.a.orgId, "finding", findingId))?.fields.recheck;

test("a director records 'fixed' on a colleague's finding; CX operations pull it with who, when and the visit", async () => {
  await pushApplied(w.a.director, w.a.orgId, [mutation("finding", findingId, { recheck: recheck("fixed", directorId) }, next())]);
  expect(await recheckOnServer()).toEqual(recheck("fixed", directorId));
  // The finding's history says who recorded it.
  const history = await w.a.cx.get(`/api/orgs/${w.a.orgId}/history/finding/${findingId}`);
  expect(history.status).toBe(200);
  expect(history.json.entries[0]).toMatchObject({ by: { name: "Daan Directeur" }, fields: { recheck: { to: recheck("fixed", directorId) } } });
});

test("a later look replaces it: a board member records 'still seen'; the status stays CX's to move", async () => {
  await pushApplied(w.a.director, w.a.orgId, [mutation("finding", findingId, { recheck: recheck("fixed", directorId) }, next())]);
  await pushApplied(w.a.board, w.a.orgId, [mutation("finding", findingId, { recheck: recheck("still_seen", boardId, { visitId: null }) }, next())]);
  const record = await serverRecord(w.a.cx, w.a.orgId, "finding", findingId);
  expect(record?.fields).toMatchObject({ recheck: recheck("still_seen", boardId, { visitId: null }), status: "new" });
});

test("the director may not record it in someone else's name, clear it, or change what the colleague's finding describes", async () => {
  await pushApplied(w.a.board, w.a.orgId, [mutation("finding", findingId, { recheck: recheck("still_seen", boardId) }, next())]);
  const before = await recheckOnServer();
  const answers = await pushOk(w.a.director, w.a.orgId, [
    mutation("finding", findingId, { recheck: recheck("fixed", boardId) }, next()),
    mutation("finding", findingId, { recheck: null }, next()),
    mutation("finding", findingId, { recheck: recheck("fixed", directorId), saw: "Fitting rooms open again" }, next()),
  ]);
  expect(rejection(answers)).toEqual(["forbidden", "forbidden", "forbidden"]);
  const record = await serverRecord(w.a.cx, w.a.orgId, "finding", findingId);
  expect(record?.fields).toMatchObject({ recheck: before, saw: "Fitting rooms closed" });
});

test("CX operations may clear a recheck they have dealt with", async () => {
  const finding = randomUUID();
  await pushApplied(w.a.director, w.a.orgId, [mutation("finding", finding, newFinding({ recheck: recheck("fixed", directorId) }), next())]);
  await pushApplied(w.a.cx, w.a.orgId, [mutation("finding", finding, { recheck: null }, next())]);
  expect((await serverRecord(w.a.cx, w.a.orgId, "finding", finding))?.fields.recheck).toBeNull();
});

test("bad values are refused and change nothing", async () => {
  const before = await recheckOnServer();
  const bad = [
    recheck("gone", directorId),
    recheck("fixed", directorId, { at: "last Tuesday" }),
    recheck("fixed", directorId, { visitId: "not-a-visit" }),
    recheck("fixed", directorId, { note: "extra field" }),
    { result: "fixed", by: directorId },
    "fixed",
  ];
  const answers = await pushOk(w.a.director, w.a.orgId, bad.map((value) => mutation("finding", findingId, { recheck: value }, next())));
  expect(rejection(answers)).toEqual(bad.map(() => "validation_failed"));
  // A visit of another organisation is not one to have looked on.
  const foreignVisit = randomUUID();
  await pushApplied(w.b.agent, w.b.orgId, [mutation("visit", foreignVisit, newVisit(w.bIds.locationId), next())]);
  const foreign = await pushOk(w.a.director, w.a.orgId, [mutation("finding", findingId, { recheck: recheck("fixed", directorId, { visitId: foreignVisit }) }, next())]);
  expect(rejection(foreign)).toEqual(["invalid_reference"]);
  expect(await recheckOnServer()).toEqual(before);
});

test("another organisation cannot record a recheck on this organisation's finding", async () => {
  const before = await recheckOnServer();
  const eve = recheck("fixed", w.b.userId, { visitId: null });
  // Not a member: this organisation's sync is not there for them.
  const outside = await push(w.b.agent, w.a.orgId, [mutation("finding", findingId, { recheck: eve }, next())]);
  expect(outside.status).toBe(404);
  // Through their own organisation, the id is not theirs to write.
  const own = await pushOk(w.b.agent, w.b.orgId, [mutation("finding", findingId, { recheck: eve }, next())]);
  expect(rejection(own)).toEqual(["not_found"]);
  expect(await recheckOnServer()).toEqual(before);
});
