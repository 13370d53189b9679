// The experiment screen reads the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../../../../shared/roles";
import type { LoginResponse } from "../../../../shared/schemas/auth";
import type { PulledChange } from "../../../../shared/sync/protocol";
import { App } from "../../App";
import { createAppState } from "../../context";
import { memoryStore } from "../../data/storage";

const ORG = "o1";
const EXPERIMENT = "00000000-0000-4000-8000-0000000000e1";
const CONVERSION = "00000000-0000-4000-8000-0000000000c1";
const CLOCK = "2026-03-01T10:00:00.000Z-0000-server";
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

/** A synced record as the server sends it in a pull, every field with its clock. */
function pulled(entity: PulledChange["entity"], entityId: string, fields: Record<string, unknown>): PulledChange {
  return { entity, entityId, deleted: false, fields: { ...fields, authorId: "u-cx", createdAt: "2026-03-01T10:00:00.000Z", updatedAt: "2026-03-01T10:00:00.000Z" }, clocks: Object.fromEntries(Object.keys(fields).map((k) => [k, CLOCK])), deletedAt: null };
}

const conversion = pulled("kpi", CONVERSION, { name: "Conversion", unit: "percent", direction: "higher", kind: "proportion", hard: true, description: "", archived: false });
const ready = {
  title: "Second till on Saturdays",
  findingIds: [],
  change: "a second till on Saturdays",
  primaryKpiId: CONVERSION,
  baseline: 0.205,
  mde: 0.15,
  requiredSampleSize: 2852,
  plan: [{ id: "00000000-0000-4000-8000-0000000000b1", title: "Roster a second cashier", ownerId: "u-cx", dueDate: "2020-01-31", done: false }],
};

/**
 * The app at one experiment, for one role, with a server that answers pull and push like the
 * real one (from `server.changes`) and the transitions endpoint as the test says.
 */
function startAt(role: Role, changes: PulledChange[], transition: (body: { to: string; reason: string }) => Response) {
  window.history.replaceState(null, "", `/o/${ORG}/experiments/${EXPERIMENT}`);
  const server = { changes, requests: [] as string[] };
  const me: LoginResponse = { user: { id: `u-${role}`, email: `${role}@example.com`, name: `Person ${role}` }, memberships: [{ orgId: ORG, orgName: "Demo Retail", role }] };
  const state = createAppState({
    storage: memoryStore(),
    browserLanguage: "en-GB",
    fetch: async (url, init) => {
      const method = init?.method ?? "GET";
      const path = String(url).split("?")[0]!;
      server.requests.push(`${method} ${path}`);
      if (path === "/api/me") return json(200, me);
      if (path === `/api/orgs/${ORG}/members`) return json(200, { members: [{ userId: "u-cx", name: "Chris CX", email: "cx@example.com", role: "cx_ops" }] });
      if (path === `/api/orgs/${ORG}/sync/pull`) return json(200, { changes: server.changes, cursor: "v1.1", hasMore: false });
      if (path === `/api/orgs/${ORG}/sync/push`) {
        const body = JSON.parse(String(init?.body)) as { mutations: { id: string }[] };
        return json(200, { results: body.mutations.map((m) => ({ id: m.id, status: "applied" })), cursor: "v1.1" });
      }
      if (method === "POST" && path === `/api/orgs/${ORG}/experiments/${EXPERIMENT}/transitions`) return transition(JSON.parse(String(init?.body)) as { to: string; reason: string });
      return json(404, { error: { code: "not_found", message: "Not found" } });
    },
  });
  render(() => <App state={state} />);
  void state.session.start();
  return server;
}

const lifecycle = () => within(screen.getByRole("region", { name: "Status and decisions" }));
/** The screen is there once the experiment came from the (mocked) server onto the device. */
const opened = () => screen.findByRole("region", { name: "Status and decisions" }, { timeout: 15_000 });

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(cleanup);

// The first render loads the organisation's screens on demand, which takes a while in jsdom.
describe("the experiment screen's lifecycle", { timeout: 20_000 }, () => {
  it("will not start an experiment while its plan lacks something, and says what", async () => {
    const { plan: _plan, baseline: _baseline, ...lacking } = ready;
    startAt("cx_ops", [conversion, pulled("experiment", EXPERIMENT, { ...lacking, status: "approved" })], () => json(500, {}));
    await opened();
    const start = await lifecycle().findByRole("button", { name: "Start running" });
    expect((start as HTMLButtonElement).disabled).toBe(true);
    expect(lifecycle().getByText("It cannot run yet. Missing: a baseline for the primary KPI, a building block with an owner.", { exact: false })).toBeTruthy();
    const checklist = lifecycle().getByRole("list", { name: "Before it can run" }).textContent ?? "";
    expect(checklist).toContain("a primary KPI: done");
    expect(checklist).toContain("a baseline for the primary KPI: missing");
    expect(checklist).toContain("the required sample size: done");
  });

  it("asks for a reason, sends the latest edits before the move, and shows the server's refusal", async () => {
    const server = startAt("cx_ops", [conversion, pulled("experiment", EXPERIMENT, { ...ready, status: "idea" })], () =>
      json(409, { error: { code: "move_not_allowed", message: "An experiment cannot move from proposed to proposed" } }),
    );
    await opened();
    const propose = await lifecycle().findByRole("button", { name: "Propose" });
    // An edit just made on this device must reach the server before it judges the move.
    const notes = screen.getByLabelText("Notes");
    fireEvent.input(notes, { target: { value: "Try it in Utrecht first." } });
    fireEvent.blur(notes);
    fireEvent.click(propose);
    fireEvent.click(lifecycle().getByRole("button", { name: "Confirm: Propose" }));
    expect(await lifecycle().findByText("Please give a reason.")).toBeTruthy();
    expect(server.requests.some((r) => r.endsWith("/transitions"))).toBe(false);

    fireEvent.input(lifecycle().getByLabelText("Why? (required)"), { target: { value: "Queues cost buyers." } });
    fireEvent.click(lifecycle().getByRole("button", { name: "Confirm: Propose" }));
    expect(await lifecycle().findByText("An experiment cannot move from proposed to proposed")).toBeTruthy();
    const push = server.requests.lastIndexOf(`POST /api/orgs/${ORG}/sync/push`);
    const move = server.requests.indexOf(`POST /api/orgs/${ORG}/experiments/${EXPERIMENT}/transitions`);
    expect(push).toBeGreaterThan(-1);
    expect(move).toBeGreaterThan(push);
  });

  it("moves on the server's word, then brings the new status and the decision to the device", async () => {
    const changes = [conversion, pulled("experiment", EXPERIMENT, { ...ready, status: "proposed" })];
    const server = startAt("board", changes, (body) => {
      const decision = { experimentId: EXPERIMENT, from: "proposed", to: body.to, reason: body.reason, userId: "u-board", userName: "Bea Bestuur", at: "2026-03-02T09:30:00.000Z" };
      // What the next pull carries: the status (server-owned) and the decision.
      server.changes = [conversion, pulled("experiment", EXPERIMENT, { ...ready, status: body.to }), { entity: "experiment_decision", entityId: "d1", deleted: false, fields: decision }];
      return json(200, { experiment: { id: EXPERIMENT, status: body.to }, decision });
    });
    // Board members read the experiment and take their decisions; they do not edit it.
    await opened();
    expect(screen.getByText(/You can read this experiment/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Add building block" })).toBeNull();
    expect((screen.getByLabelText("Notes") as HTMLTextAreaElement).readOnly).toBe(true);
    expect(lifecycle().queryByRole("button", { name: "Start running" })).toBeNull();
    // An overdue building block says so in words.
    expect(screen.getByText(/^Overdue since/)).toBeTruthy();

    fireEvent.click(await lifecycle().findByRole("button", { name: "Approve" }));
    fireEvent.input(lifecycle().getByLabelText("Why? (required)"), { target: { value: "Cheap to try: go." } });
    fireEvent.click(lifecycle().getByRole("button", { name: "Confirm: Approve" }));
    await waitFor(() => expect(document.querySelector("#lifecycle-status .status-badge")?.textContent).toBe("Approved"));
    const log = within(screen.getByRole("region", { name: "Decision log" }));
    expect(await log.findByText("Proposed → Approved", undefined, { timeout: 5000 })).toBeTruthy();
    expect(log.getByText("Bea Bestuur")).toBeTruthy();
    expect(log.getByText("Cheap to try: go.")).toBeTruthy();
  });
});
