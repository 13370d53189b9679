import { beforeAll, describe, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import { expectError, issuePaths, prepareWorld, snapshot, world } from "../support/api";

/** The shared two-organisation world is built once, ahead of the tests (a busy machine would time out the first one). */
beforeAll(prepareWorld, 120_000);

type Member = { userId: string; email: string; name: string; role: string; since: string };

const members = async (who: { get: (p: string) => Promise<{ json: any }> }, orgId: string) =>
  (await who.get(`/api/orgs/${orgId}/members`)).json.members as Member[];
const idOf = (list: Member[], email: string) => list.find((m) => m.email === email)!.userId;

describe("listing members", () => {
  test.each(["admin", "director", "cx", "board"] as const)("%s sees every member with role, sorted by name, and no secrets", async (who) => {
    const { a } = await world();
    const res = await a[who].get(`/api/orgs/${a.orgId}/members`);
    expect(res.status).toBe(200);
    const list = res.json.members as Member[];
    expect(list.map((m) => [m.name, m.role])).toEqual([
      ["Anouk Admin", "admin"],
      ["Bea Bestuur", "board"],
      ["Chris CX", "cx_ops"],
      ["Daan Directeur", "executive"],
    ]);
    for (const member of list) expect(Object.keys(member).sort()).toEqual(["email", "name", "role", "since", "userId"]);
    expect(res.text).not.toMatch(/scrypt|password/i);
  });
});

describe("changing roles", () => {
  test("an admin changes a member's role; the list and that member's own session show it at once", async () => {
    const { a } = await world();
    const cxId = idOf(await members(a.admin, a.orgId), "cx@demo.example");
    const res = await a.admin.patch(`/api/orgs/${a.orgId}/members/${cxId}`, { role: "board" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ userId: cxId, role: "board" });
    expect((await members(a.admin, a.orgId)).find((m) => m.userId === cxId)?.role).toBe("board");
    expect((await a.cx.get("/api/me")).json.memberships).toEqual([{ orgId: a.orgId, orgName: "Demo Retail", role: "board" }]);
    expect((await a.cx.get(`/api/orgs/${a.orgId}`)).json.role).toBe("board");
  });

  test("a member promoted to admin may write settings at once; demoted again, may not", async () => {
    const { a } = await world();
    const cxId = idOf(await members(a.admin, a.orgId), "cx@demo.example");
    expectError(await a.cx.post(`/api/orgs/${a.orgId}/locations`, { name: "Before", kind: "store" }), 403, "forbidden");
    await a.admin.patch(`/api/orgs/${a.orgId}/members/${cxId}`, { role: "admin" });
    expect((await a.cx.post(`/api/orgs/${a.orgId}/locations`, { name: "While admin", kind: "store" })).status).toBe(201);
    await a.admin.patch(`/api/orgs/${a.orgId}/members/${cxId}`, { role: "cx_ops" });
    expectError(await a.cx.post(`/api/orgs/${a.orgId}/locations`, { name: "After", kind: "store" }), 403, "forbidden");
  });

  test.each(["director", "cx", "board"] as const)("%s may not change roles (403), not even their own", async (who) => {
    const { a, client } = await world();
    const list = await members(a.admin, a.orgId);
    const self = (await a[who].get("/api/me")).json.user.id;
    const before = await snapshot(client);
    expectError(await a[who].patch(`/api/orgs/${a.orgId}/members/${self}`, { role: "admin" }), 403, "forbidden");
    expectError(await a[who].patch(`/api/orgs/${a.orgId}/members/${idOf(list, "admin@demo.example")}`, { role: "board" }), 403, "forbidden");
    expect(await snapshot(client)).toEqual(before);
  });

  test("the last admin cannot be demoted (409), not even by themselves", async () => {
    const { a, client } = await world();
    const adminId = idOf(await members(a.admin, a.orgId), "admin@demo.example");
    const before = await snapshot(client);
    for (const role of ["executive", "cx_ops", "board"]) {
      expectError(await a.admin.patch(`/api/orgs/${a.orgId}/members/${adminId}`, { role }), 409, "conflict");
    }
    expect(await snapshot(client)).toEqual(before);
  });

  test("with a second admin, an admin may step down; then the remaining one is the last", async () => {
    const { a } = await world();
    const list = await members(a.admin, a.orgId);
    const adminId = idOf(list, "admin@demo.example");
    const directorId = idOf(list, "director@demo.example");
    expect((await a.admin.patch(`/api/orgs/${a.orgId}/members/${directorId}`, { role: "admin" })).status).toBe(200);
    expect((await a.admin.patch(`/api/orgs/${a.orgId}/members/${adminId}`, { role: "executive" })).status).toBe(200);
    expectError(await a.director.patch(`/api/orgs/${a.orgId}/members/${directorId}`, { role: "board" }), 409, "conflict");
    const admins = (await members(a.director, a.orgId)).filter((m) => m.role === "admin").map((m) => m.email);
    expect(admins).toEqual(["director@demo.example"]);
  });

  test("two admins demoting each other at the same moment still leave one admin", async () => {
    const { a } = await world();
    const list = await members(a.admin, a.orgId);
    const adminId = idOf(list, "admin@demo.example");
    const directorId = idOf(list, "director@demo.example");
    await a.admin.patch(`/api/orgs/${a.orgId}/members/${directorId}`, { role: "admin" });
    const results = await Promise.all([
      a.admin.patch(`/api/orgs/${a.orgId}/members/${directorId}`, { role: "board" }),
      a.director.patch(`/api/orgs/${a.orgId}/members/${adminId}`, { role: "board" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await members(a.board, a.orgId)).filter((m) => m.role === "admin")).toHaveLength(1);
  });

  test.each([
    [{ role: "owner" }, ["role"]],
    [{}, ["role"]],
    [{ role: "board", email: "x@y.z" }, ["email"]],
  ])("role change body %j is a 400 naming %j", async (body, paths) => {
    const { a } = await world();
    const cxId = idOf(await members(a.admin, a.orgId), "cx@demo.example");
    const res = await a.admin.patch(`/api/orgs/${a.orgId}/members/${cxId}`, body);
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(paths);
  });

  test("changing the role of someone who is not a member is a 404", async () => {
    const { a, b } = await world();
    expectError(await a.admin.patch(`/api/orgs/${a.orgId}/members/${randomUUID()}`, { role: "board" }), 404, "not_found");
    expectError(await a.admin.patch(`/api/orgs/${a.orgId}/members/${b.userId}`, { role: "board" }), 404, "not_found");
    expect((await b.agent.get("/api/me")).json.memberships).toEqual([{ orgId: b.orgId, orgName: "Other Org", role: "admin" }]);
  });
});

describe("removing members", () => {
  test("an admin removes a member: gone from the list, and their session loses the org at once", async () => {
    const { a } = await world();
    const boardId = idOf(await members(a.admin, a.orgId), "board@demo.example");
    expect((await a.board.get(`/api/orgs/${a.orgId}/locations`)).status).toBe(200);
    const res = await a.admin.delete(`/api/orgs/${a.orgId}/members/${boardId}`);
    expect(res.status).toBe(204);
    expect((await members(a.admin, a.orgId)).map((m) => m.email)).not.toContain("board@demo.example");
    expect((await a.board.get("/api/me")).json.memberships).toEqual([]);
    expectError(await a.board.get(`/api/orgs/${a.orgId}/locations`), 404, "not_found");
  });

  test("the last admin cannot be removed (409)", async () => {
    const { a, client } = await world();
    const adminId = idOf(await members(a.admin, a.orgId), "admin@demo.example");
    const before = await snapshot(client);
    expectError(await a.admin.delete(`/api/orgs/${a.orgId}/members/${adminId}`), 409, "conflict");
    expect(await snapshot(client)).toEqual(before);
  });

  test("a non-admin may not remove anyone (403)", async () => {
    const { a, client } = await world();
    const boardId = idOf(await members(a.admin, a.orgId), "board@demo.example");
    const before = await snapshot(client);
    expectError(await a.director.delete(`/api/orgs/${a.orgId}/members/${boardId}`), 403, "forbidden");
    expect(await snapshot(client)).toEqual(before);
  });

  test("removing someone who is not a member is a 404, and a second removal is a 404", async () => {
    const { a, b } = await world();
    expectError(await a.admin.delete(`/api/orgs/${a.orgId}/members/${b.userId}`), 404, "not_found");
    const cxId = idOf(await members(a.admin, a.orgId), "cx@demo.example");
    expect((await a.admin.delete(`/api/orgs/${a.orgId}/members/${cxId}`)).status).toBe(204);
    expectError(await a.admin.delete(`/api/orgs/${a.orgId}/members/${cxId}`), 404, "not_found");
  });
});
