import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { expectError, issuePaths, prepareWorld, snapshot, world } from "../support/api";

/** The shared two-organisation world is built once, ahead of the tests (a busy machine would time out the first one). */
beforeAll(prepareWorld, 120_000);

type Item = { id: string; name: string; archived: boolean; createdAt: string; updatedAt: string; [k: string]: unknown };
type World = Awaited<ReturnType<typeof world>>;
type Who = Pick<World["a"], "admin" | "director" | "cx" | "board">[keyof Pick<World["a"], "admin" | "director" | "cx" | "board">];

const list = async (who: Who, orgId: string, noun: string, query = "") => {
  const res = await who.get(`/api/orgs/${orgId}/${noun}${query}`);
  if (res.status !== 200) throw new Error(`${noun}: ${res.status} ${res.text}`);
  return res.json.items as Item[];
};

/** The four organisation settings share one behaviour; each entry says what is particular to it. */
const NOUNS = [
  { noun: "locations", create: { name: "Eindhoven Centrum", kind: "store" }, extraKeys: ["kind"] },
  { noun: "journey-stages", create: { name: "Returns" }, extraKeys: ["position"] },
  { noun: "segments", create: { name: "Students", motives: ["price"] }, extraKeys: ["motives"] },
  { noun: "themes", create: { name: "Local heroes", description: "Stores rooted in their street.", notDoing: false }, extraKeys: ["description", "notDoing"] },
] as const;

describe.each(NOUNS)("$noun", ({ noun, create, extraKeys }) => {
  test("every member can list them; archived ones are hidden", async () => {
    const { a } = await world();
    const byAdmin = await list(a.admin, a.orgId, noun);
    expect(byAdmin.length).toBeGreaterThan(0);
    for (const who of [a.director, a.cx, a.board]) expect(await list(who, a.orgId, noun)).toEqual(byAdmin);
    for (const item of byAdmin) {
      expect(item.archived).toBe(false);
      expect(Object.keys(item).sort()).toEqual(["archived", "createdAt", "id", "name", "updatedAt", ...extraKeys].sort());
    }
  });

  test("an admin creates one: 201 with the wire shape, and it is listed", async () => {
    const { a } = await world();
    const res = await a.admin.post(`/api/orgs/${a.orgId}/${noun}`, create);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ ...create, id: expect.any(String), archived: false });
    expect(Object.keys(res.json).sort()).toEqual(["archived", "createdAt", "id", "name", "updatedAt", ...extraKeys].sort());
    expect(await list(a.board, a.orgId, noun)).toContainEqual(res.json);
  });

  test("an admin renames one; the name is trimmed and updatedAt moves", async () => {
    const { a } = await world();
    const [first] = await list(a.admin, a.orgId, noun);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const res = await a.admin.patch(`/api/orgs/${a.orgId}/${noun}/${first!.id}`, { name: "  Renamed  " });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: first!.id, name: "Renamed", archived: false, createdAt: first!.createdAt });
    expect(res.json.updatedAt > first!.updatedAt).toBe(true);
    expect((await list(a.cx, a.orgId, noun)).find((i) => i.id === first!.id)?.name).toBe("Renamed");
  });

  test("archive hides it unless ?archived=include; unarchive brings it back", async () => {
    const { a } = await world();
    const [first] = await list(a.admin, a.orgId, noun);
    const archived = await a.admin.patch(`/api/orgs/${a.orgId}/${noun}/${first!.id}`, { archived: true });
    expect(archived.status).toBe(200);
    expect(archived.json.archived).toBe(true);
    expect((await list(a.director, a.orgId, noun)).map((i) => i.id)).not.toContain(first!.id);
    const all = await list(a.director, a.orgId, noun, "?archived=include");
    expect(all.find((i) => i.id === first!.id)?.archived).toBe(true);
    expect((await list(a.director, a.orgId, noun, "?archived=yes")).map((i) => i.id)).not.toContain(first!.id);

    const restored = await a.admin.patch(`/api/orgs/${a.orgId}/${noun}/${first!.id}`, { archived: false });
    expect(restored.json.archived).toBe(false);
    expect((await list(a.director, a.orgId, noun)).map((i) => i.id)).toContain(first!.id);
  });

  test.each(["director", "cx", "board"] as const)("%s may not create, rename or archive (403), and nothing changes", async (who) => {
    const { a, client } = await world();
    const [first] = await list(a.admin, a.orgId, noun);
    const before = await snapshot(client);
    expectError(await a[who].post(`/api/orgs/${a.orgId}/${noun}`, create), 403, "forbidden");
    expectError(await a[who].patch(`/api/orgs/${a.orgId}/${noun}/${first!.id}`, { name: "Mine now" }), 403, "forbidden");
    expectError(await a[who].patch(`/api/orgs/${a.orgId}/${noun}/${first!.id}`, { archived: true }), 403, "forbidden");
    expect(await snapshot(client)).toEqual(before);
  });

  test.each([
    [{}, ["name"]],
    [{ name: "   " }, ["name"]],
    [{ name: "x".repeat(121) }, ["name"]],
    [{ name: "Fine", orgId: "someone-else" }, ["orgId"]],
    [{ name: "Fine", id: "chosen-id" }, ["id"]],
    [{ name: "Fine", archivedAt: null }, ["archivedAt"]],
  ])("creating with %j is a 400 naming %j", async (body, paths) => {
    const { a } = await world();
    const full = { ...create, ...body };
    if (!("name" in body)) delete (full as Record<string, unknown>).name;
    const res = await a.admin.post(`/api/orgs/${a.orgId}/${noun}`, full);
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(paths);
  });

  test("patching with an unknown field or a non-boolean archived flag is a 400 and changes nothing", async () => {
    const { a, client } = await world();
    const [first] = await list(a.admin, a.orgId, noun);
    const before = await snapshot(client);
    const extra = await a.admin.patch(`/api/orgs/${a.orgId}/${noun}/${first!.id}`, { name: "X", extra: 1 });
    expectError(extra, 400, "validation_failed");
    expect(issuePaths(extra.json)).toEqual(["extra"]);
    const flag = await a.admin.patch(`/api/orgs/${a.orgId}/${noun}/${first!.id}`, { archived: "yes" });
    expect(issuePaths(flag.json)).toEqual(["archived"]);
    expect(await snapshot(client)).toEqual(before);
  });

  test("patching an id that is not one of the org's records is a 404", async () => {
    const { a } = await world();
    expectError(await a.admin.patch(`/api/orgs/${a.orgId}/${noun}/${randomUUID()}`, { name: "Ghost" }), 404, "not_found");
    expectError(await a.admin.patch(`/api/orgs/${a.orgId}/${noun}/not-a-uuid`, { name: "Ghost" }), 404, "not_found");
  });
});

describe("locations", () => {
  test("the kind must be one of the known kinds, on create and on patch", async () => {
    const { a } = await world();
    const res = await a.admin.post(`/api/orgs/${a.orgId}/locations`, { name: "Castle", kind: "castle" });
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(["kind"]);
    const [first] = await list(a.admin, a.orgId, "locations");
    expect(issuePaths((await a.admin.patch(`/api/orgs/${a.orgId}/locations/${first!.id}`, { kind: "castle" })).json)).toEqual(["kind"]);
    const ok = await a.admin.patch(`/api/orgs/${a.orgId}/locations/${first!.id}`, { kind: "field" });
    expect(ok.json.kind).toBe("field");
  });

  test("are listed by name", async () => {
    const { a } = await world();
    await a.admin.post(`/api/orgs/${a.orgId}/locations`, { name: "AAA first", kind: "web" });
    const names = (await list(a.admin, a.orgId, "locations")).map((l) => l.name);
    expect(names[0]).toBe("AAA first");
    expect(names).toEqual([...names].sort());
  });
});

describe("journey stages", () => {
  const order = (w: World, ids: string[]) => w.a.admin.put(`/api/orgs/${w.a.orgId}/journey-stages/order`, { ids });

  test("an org starts with the six default stages, in position order", async () => {
    const w = await world();
    const stages = await list(w.a.cx, w.a.orgId, "journey-stages");
    expect(stages.map((s) => s.name)).toEqual(["Orientation", "Purchase", "Delivery", "Use", "Service", "Loyalty"]);
    expect(stages.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  test("a new stage goes at the end", async () => {
    const w = await world();
    const res = await w.a.admin.post(`/api/orgs/${w.a.orgId}/journey-stages`, { name: "Returns" });
    expect(res.json.position).toBe(6);
    expect((await list(w.a.cx, w.a.orgId, "journey-stages")).map((s) => s.name).at(-1)).toBe("Returns");
  });

  test("PUT /order with a permutation of all stage ids reorders them, for everyone", async () => {
    const w = await world();
    const ids = [...w.aIds.stageIds];
    const wanted = [ids[5]!, ids[0]!, ids[4]!, ids[1]!, ids[3]!, ids[2]!];
    const res = await order(w, wanted);
    expect(res.status).toBe(200);
    expect(res.json.items.map((s: Item) => s.id)).toEqual(wanted);
    expect(res.json.items.map((s: Item) => s.position)).toEqual([0, 1, 2, 3, 4, 5]);
    const seen = await list(w.a.board, w.a.orgId, "journey-stages");
    expect(seen.map((s) => s.id)).toEqual(wanted);
    expect(seen.map((s) => s.name)).toEqual(["Loyalty", "Orientation", "Service", "Purchase", "Use", "Delivery"]);
  });

  test("the order must include archived stages too", async () => {
    const w = await world();
    const ids = w.aIds.stageIds;
    await w.a.admin.patch(`/api/orgs/${w.a.orgId}/journey-stages/${ids[2]}`, { archived: true });
    expectError(await order(w, ids.filter((id) => id !== ids[2])), 400, "validation_failed");
    expect((await order(w, [...ids].reverse())).status).toBe(200);
    const all = await list(w.a.admin, w.a.orgId, "journey-stages", "?archived=include");
    expect(all.map((s) => s.id)).toEqual([...ids].reverse());
  });

  test.each([
    ["one stage missing", (ids: string[]) => ids.slice(1), ["ids"]],
    ["a stage twice", (ids: string[]) => [...ids.slice(1), ids[1]!], ["ids"]],
    ["a stage twice in place of another", (ids: string[]) => [ids[0]!, ...ids.slice(0, -1)], ["ids"]],
    ["an extra unknown id", (ids: string[]) => [...ids, randomUUID()], ["ids"]],
    ["an unknown id in place of one", (ids: string[]) => [randomUUID(), ...ids.slice(1)], ["ids"]],
    ["a non-UUID", (ids: string[]) => ["stage-1", ...ids.slice(1)], ["ids.0"]],
    ["no ids", () => [], ["ids"]],
  ])("an order with %s is a 400 naming %j, and the order is unchanged", async (_label, make, paths) => {
    const w = await world();
    const before = await snapshot(w.client);
    const res = await order(w, make([...w.aIds.stageIds]));
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(paths);
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("an order naming another org's stages is a 400, and neither org's order changes", async () => {
    const w = await world();
    const before = await snapshot(w.client);
    expectError(await order(w, w.bIds.stageIds), 400, "validation_failed");
    expectError(await order(w, [...w.aIds.stageIds.slice(1), w.bIds.stageIds[0]!]), 400, "validation_failed");
    expect(await snapshot(w.client)).toEqual(before);
  });

  test.each(["director", "cx", "board"] as const)("%s may not reorder (403)", async (who) => {
    const w = await world();
    const before = await snapshot(w.client);
    expectError(await w.a[who].put(`/api/orgs/${w.a.orgId}/journey-stages/order`, { ids: [...w.aIds.stageIds].reverse() }), 403, "forbidden");
    expect(await snapshot(w.client)).toEqual(before);
  });
});

describe("segments", () => {
  test("motives default to none, are trimmed, and can be replaced", async () => {
    const { a } = await world();
    const created = await a.admin.post(`/api/orgs/${a.orgId}/segments`, { name: "Tourists" });
    expect(created.status).toBe(201);
    expect(created.json.motives).toEqual([]);
    const patched = await a.admin.patch(`/api/orgs/${a.orgId}/segments/${created.json.id}`, { motives: [" risk ", "trust", "urgency"] });
    expect(patched.json.motives).toEqual(["risk", "trust", "urgency"]);
    const listed = (await list(a.director, a.orgId, "segments")).find((s) => s.id === created.json.id);
    expect(listed?.motives).toEqual(["risk", "trust", "urgency"]);
  });

  test("the demo segments carry buying motives", async () => {
    const { a } = await world();
    const segments = await list(a.board, a.orgId, "segments");
    expect(segments.every((s) => Array.isArray(s.motives) && (s.motives as string[]).length > 0)).toBe(true);
  });

  test.each([
    [{ name: "S", motives: "risk" }, ["motives"]],
    [{ name: "S", motives: ["x".repeat(61)] }, ["motives.0"]],
    [{ name: "S", motives: ["ok", "  "] }, ["motives.1"]],
    [{ name: "S", motives: Array.from({ length: 21 }, (_, i) => `m${i}`) }, ["motives"]],
  ])("motives %j are a 400 naming %j", async (body, paths) => {
    const { a } = await world();
    const res = await a.admin.post(`/api/orgs/${a.orgId}/segments`, body);
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(paths);
  });
});

describe("themes", () => {
  test("the notDoing flag defaults to false, can be set and cleared, and is listed", async () => {
    const { a } = await world();
    const created = await a.admin.post(`/api/orgs/${a.orgId}/themes`, { name: "Lowest prices" });
    expect(created.json).toMatchObject({ notDoing: false, description: "" });
    const id = created.json.id as string;
    expect((await a.admin.patch(`/api/orgs/${a.orgId}/themes/${id}`, { notDoing: true })).json.notDoing).toBe(true);
    expect((await list(a.board, a.orgId, "themes")).find((t) => t.id === id)?.notDoing).toBe(true);
    expect((await a.admin.patch(`/api/orgs/${a.orgId}/themes/${id}`, { notDoing: false })).json.notDoing).toBe(false);

    const direct = await a.admin.post(`/api/orgs/${a.orgId}/themes`, { name: "Own delivery fleet", notDoing: true });
    expect(direct.json.notDoing).toBe(true);
  });

  test("the demo org says what it will not do", async () => {
    const { a } = await world();
    const notDoing = (await list(a.director, a.orgId, "themes")).filter((t) => t.notDoing).map((t) => t.name);
    expect(notDoing).toEqual(["Price wars"]);
  });

  test.each([
    [{ name: "T", notDoing: "yes" }, ["notDoing"]],
    [{ name: "T", description: "d".repeat(1001) }, ["description"]],
  ])("theme %j is a 400 naming %j", async (body, paths) => {
    const { a } = await world();
    const res = await a.admin.post(`/api/orgs/${a.orgId}/themes`, body);
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(paths);
  });
});
