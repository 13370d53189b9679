import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { formatHlc } from "../../shared/sync/hlc";
import type { Mutation, PulledChange, PullResponse, PushResponse } from "../../shared/sync/protocol";
import type { agent } from "./app";
import type { PushEntity } from "../../shared/sync/constants";

type Agent = ReturnType<typeof agent>;

export const NODE_A = "00000000000000a1";
export const NODE_B = "00000000000000b2";
export const NODE_C = "00000000000000c3";

/** A fixed point an hour in the past, so test HLCs are never ahead of the server's clock. */
export const T0 = Date.now() - 3_600_000;

/** An HLC `offsetMs` after T0 on a device. */
export const hlcAt = (offsetMs: number, node = NODE_A, counter = 0) => formatHlc({ millis: T0 + offsetMs, counter, node });

/** One mutation on the wire, with a fresh mutation id unless given. */
export function mutation(entity: PushEntity, entityId: string, fields: Record<string, unknown>, hlc: string, op: "upsert" | "delete" = "upsert", id = randomUUID()): Mutation {
  return { id, entity, entityId, op, fields, hlc };
}
export const deletion = (entity: PushEntity, entityId: string, hlc: string) => mutation(entity, entityId, {}, hlc, "delete");

export const newVisit = (locationId: string, extra: Record<string, unknown> = {}) => ({
  kind: "floor_walk",
  locationId,
  startedAt: "2025-03-01T09:30:00.000Z",
  ...extra,
});
export const newFinding = (extra: Record<string, unknown> = {}) => ({
  saw: "Empty shelf at the entrance",
  severity: 3,
  sentiment: "pain",
  status: "new",
  ...extra,
});
export const newAction = (findingId: string, extra: Record<string, unknown> = {}) => ({
  findingId,
  title: "Restock before opening",
  priority: "high",
  status: "open",
  ...extra,
});
export const newTemplate = (extra: Record<string, unknown> = {}) => ({
  name: "Store check",
  channel: "store",
  sections: [
    {
      id: randomUUID(),
      title: "Welcome",
      questions: [{ id: randomUUID(), text: "Greeted within a minute?", kind: "yes_no", weight: 2, naAllowed: false, critical: false }],
    },
  ],
  ...extra,
});
export const newShop = (templateId: string, locationId: string, extra: Record<string, unknown> = {}) => ({
  templateId,
  locationId,
  startedAt: "2025-03-01T10:00:00.000Z",
  ...extra,
});

export async function push(who: Agent, orgId: string, mutations: unknown[], clientId = "test-device") {
  return who.post(`/api/orgs/${orgId}/sync/push`, { clientId, mutations });
}

/** Pushes and expects a 200; returns the body. */
export async function pushOk(who: Agent, orgId: string, mutations: unknown[], clientId = "test-device"): Promise<PushResponse> {
  const res = await push(who, orgId, mutations, clientId);
  expect(res.status, res.text).toBe(200);
  return res.json as PushResponse;
}

/** Pushes and expects every mutation applied. */
export async function pushApplied(who: Agent, orgId: string, mutations: unknown[], clientId = "test-device"): Promise<PushResponse> {
  const body = await pushOk(who, orgId, mutations, clientId);
  expect(body.results.filter((r) => r.status !== "applied"), "every mutation applied").toEqual([]);
  return body;
}

export const statuses = (body: PushResponse) => body.results.map((r) => r.status);

export async function pull(who: Agent, orgId: string, since?: string, limit?: number | string) {
  const query = new URLSearchParams();
  if (since !== undefined) query.set("since", since);
  if (limit !== undefined) query.set("limit", String(limit));
  const qs = query.toString();
  return who.get(`/api/orgs/${orgId}/sync/pull${qs ? `?${qs}` : ""}`);
}

/** Pulls page after page until hasMore is false; returns every page. */
export async function pullPages(who: Agent, orgId: string, since = "", limit?: number): Promise<PullResponse[]> {
  const pages: PullResponse[] = [];
  let cursor = since;
  for (let guard = 0; guard < 10_000; guard++) {
    const res = await pull(who, orgId, cursor, limit);
    expect(res.status, res.text).toBe(200);
    const page = res.json as PullResponse;
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return pages;
  }
  throw new Error("pull never finished");
}

/** Every change after `since`, merged page by page (a later page's state replaces an earlier one's). */
export async function pullAll(who: Agent, orgId: string, since = "", limit?: number) {
  const pages = await pullPages(who, orgId, since, limit);
  const byKey = new Map<string, PulledChange>();
  for (const page of pages) for (const change of page.changes) byKey.set(`${change.entity}:${change.entityId}`, change);
  return { changes: byKey, cursor: pages.at(-1)!.cursor, pages };
}

/** One record as the server has it now (a full pull), or undefined. */
export async function serverRecord(who: Agent, orgId: string, entity: string, entityId: string) {
  return (await pullAll(who, orgId)).changes.get(`${entity}:${entityId}`);
}

export const cursorSeq = (cursor: string) => {
  const match = /^v1\.(\d+)$/.exec(cursor);
  if (!match) throw new Error(`not a cursor: ${cursor}`);
  return Number(match[1]);
};

export async function userId(who: Agent): Promise<string> {
  const res = await who.get("/api/me");
  expect(res.status).toBe(200);
  return res.json.user.id;
}

/** Everything a business case needs before it may go to the board. */
export const readyCaseFields = () => ({
  lift: { low: 0.004, base: 0.0225, high: 0.041 },
  annualVolume: 400_000,
  valuePerUnit: 35,
  investment: 120_000,
  runningCostPerYear: 20_000,
  horizonYears: 3,
  discountRate: 0.08,
  options: [{ id: randomUUID(), title: "Do nothing", description: "", doNothing: true }],
  recommendation: "Approve the roll-out",
});
