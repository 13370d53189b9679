// The experiment screen reads the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, screen, waitFor, within } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../../../../shared/roles";
import type { PulledChange } from "../../../../shared/sync/protocol";
import { describedBy } from "../../test/described-by";
import { fakeServer, json, ORG, pulled as pulledBy, signedIn } from "../../test/fake-server";
import { startApp } from "../../test/start-app";

const EXPERIMENT = "00000000-0000-4000-8000-0000000000e1";
const CONVERSION = "00000000-0000-4000-8000-0000000000c1";

/** A synced record by CX operations as the server sends it in a pull. */
const pulled = (entity: PulledChange["entity"], entityId: string, fields: Record<string, unknown>) => pulledBy(entity, entityId, fields, "u-cx");

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
  const server = fakeServer({
    me: signedIn(role),
    changes,
    members: [{ userId: "u-cx", name: "Chris CX", email: "cx@example.com", role: "cx_ops" }],
    route: ({ method, path, body }) =>
      method === "POST" && path === `/api/orgs/${ORG}/experiments/${EXPERIMENT}/transitions` ? transition(body as { to: string; reason: string }) : undefined,
  });
  startApp(`/o/${ORG}/experiments/${EXPERIMENT}`, server);
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
    expect(describedBy(start)).toContain("It cannot run yet. Missing: a baseline for the primary KPI, a building block with an owner.");
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
    const notes = await screen.findByLabelText("Notes");
    fireEvent.input(notes, { target: { value: "Try it in Utrecht first." } });
    fireEvent.blur(notes);
    fireEvent.click(propose);
    fireEvent.click(lifecycle().getByRole("button", { name: "Confirm: Propose" }));
    await lifecycle().findByText("Please give a reason.");
    expect(describedBy(lifecycle().getByLabelText("Why? (required)"))).toContain("Please give a reason.");
    expect(server.requests.some((r) => r.endsWith("/transitions"))).toBe(false);

    fireEvent.input(lifecycle().getByLabelText("Why? (required)"), { target: { value: "Queues cost buyers." } });
    fireEvent.click(lifecycle().getByRole("button", { name: "Confirm: Propose" }));
    expect((await lifecycle().findByText("An experiment cannot move from proposed to proposed")).closest("[role=alert]")).not.toBeNull();
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
    screen.getByText(/You can read this experiment/);
    expect(screen.queryByRole("button", { name: "Add building block" })).toBeNull();
    expect((await screen.findByLabelText<HTMLTextAreaElement>("Notes")).readOnly).toBe(true);
    expect(lifecycle().queryByRole("button", { name: "Start running" })).toBeNull();
    // An overdue building block says so in words.
    screen.getByText(/^Overdue since/);

    fireEvent.click(await lifecycle().findByRole("button", { name: "Approve" }));
    fireEvent.input(lifecycle().getByLabelText("Why? (required)"), { target: { value: "Cheap to try: go." } });
    fireEvent.click(lifecycle().getByRole("button", { name: "Confirm: Approve" }));
    await waitFor(() => expect(document.querySelector("#lifecycle-status .status-badge")?.textContent).toBe("Approved"));
    const log = within(screen.getByRole("region", { name: "Decision log" }));
    // One entry: the move, who made it and why.
    const entry = (await log.findByText("Proposed → Approved", undefined, { timeout: 5000 })).closest("li")!;
    expect(entry.textContent).toContain("Bea Bestuur");
    expect(entry.textContent).toContain("Cheap to try: go.");
  });

  it("a win past a sample-ratio mismatch and a short sample lists them and asks why; the reason travels with the move and shows with the verdict", async () => {
    // 5,000 against 4,000 on an even split (p < 0.001), and 4,000 of the 6,510 per group that a 20 % baseline and a 10 % MDE need.
    const lopsided = { kpiId: CONVERSION, control: { users: 5000, conversions: 1000 }, treatment: { users: 4000, conversions: 880 } };
    const analysing = { ...ready, baseline: 0.2, mde: 0.1, requiredSampleSize: 6510, design: "ab_split", results: [lopsided], status: "analysing" };
    const bodies: Record<string, unknown>[] = [];
    const server = startAt("cx_ops", [conversion, pulled("experiment", EXPERIMENT, analysing)], (body) => {
      bodies.push(body);
      const decision = { experimentId: EXPERIMENT, from: "analysing", to: "won", reason: body.reason, userId: "u-cx", userName: "Chris CX", at: "2026-03-02T09:30:00.000Z" };
      const gates = [
        { code: "srm", kpiId: CONVERSION, pValue: 1e-26, count: null, required: null },
        { code: "short_sample", kpiId: CONVERSION, pValue: null, count: 4000, required: 6510 },
      ];
      server.changes = [conversion, pulled("experiment", EXPERIMENT, { ...analysing, status: "won", verdictGates: gates, gateReason: (body as { gateReason?: string }).gateReason })];
      return json(200, { experiment: { id: EXPERIMENT, status: "won" }, decision });
    });
    await opened();
    fireEvent.click(await lifecycle().findByRole("button", { name: "Decide: won" }));
    const form = within(lifecycle().getByRole("form", { name: "Decide: won" }));
    // Judged on the device as the server will, once the catalogue's KPIs are there.
    await form.findByText("The groups are not what was planned: a sample-ratio mismatch on Conversion (p < 0.001).", undefined, { timeout: 5000 });
    form.getByText("The sample is short: 4,000 of the 6,510 per group needed.");
    fireEvent.input(form.getByLabelText("Why? (required)"), { target: { value: "Conversion is up." } });
    fireEvent.click(form.getByRole("button", { name: "Confirm: Decide: won" }));
    await form.findByText("Say why it is a win despite the warnings.");
    const gateReason = form.getByLabelText("Why is it a win despite these warnings?");
    expect(describedBy(gateReason)).toContain("Say why it is a win despite the warnings.");
    expect(document.activeElement).toBe(gateReason);
    expect(bodies).toEqual([]);

    fireEvent.input(gateReason, { target: { value: "The split broke on one day only; the other days agree." } });
    fireEvent.click(form.getByRole("button", { name: "Confirm: Decide: won" }));
    await waitFor(() => expect(bodies).toEqual([{ to: "won", reason: "Conversion is up.", gateReason: "The split broke on one day only; the other days agree." }]));
    const stored = (await lifecycle().findByText("Declared won despite these warnings:", undefined, { timeout: 5000 })).closest("[role=note]")!;
    expect(stored.textContent).toContain("The sample is short: 4,000 of the 6,510 per group needed.");
    expect(stored.textContent).toContain("Reason given: The split broke on one day only; the other days agree.");
  });
});

describe("the experiment screen's gates for a store pilot", { timeout: 20_000 }, () => {
  it("asks why a pilot is a win when a guardrail measured worse in the pilot stores than in the control stores, as the server will", async () => {
    const NPS = "00000000-0000-4000-8000-0000000000c2";
    const [pilotStores, controlStores] = [["l-p1", "l-p2"], ["l-c1", "l-c2"]];
    const monday = (week: number) => new Date(Date.UTC(2025, 0, 6 + 7 * week)).toISOString().slice(0, 10);
    // NPS per store and week: 8 weeks before the start, 6 from it, 3 points down in the pilot stores.
    const values = [...pilotStores, ...controlStores].flatMap((locationId, s) =>
      Array.from({ length: 14 }, (_, week) =>
        pulled("kpi_measurement", `00000000-0000-4000-8000-${String(s * 100 + week).padStart(12, "0")}`, {
          kpiId: NPS,
          period: "week",
          periodStart: monday(week),
          locationId,
          segmentId: null,
          value: 40 + s + ((s * 7 + week * 3) % 5) / 10 + (pilotStores.includes(locationId) && week >= 8 ? -3 : 0),
          sampleSize: null,
          note: null,
        }),
      ),
    );
    const nps = pulled("kpi", NPS, { name: "Store NPS", unit: "score", direction: "higher", kind: "mean", hard: false, description: "", archived: false });
    const pilot = { ...ready, design: "pilot_control", pilotLocationIds: pilotStores, controlLocationIds: controlStores, guardrailKpiIds: [NPS], pilotStart: monday(8), pilotEnd: monday(13), preFrom: monday(0), status: "analysing" };
    startAt("cx_ops", [conversion, nps, ...values, pulled("experiment", EXPERIMENT, pilot)], () => json(500, {}));
    await opened();
    fireEvent.click(await lifecycle().findByRole("button", { name: "Decide: won" }));
    const form = within(lifecycle().getByRole("form", { name: "Decide: won" }));
    await form.findByText("The guardrail Store NPS is significantly worse (p < 0.001).", undefined, { timeout: 5000 });
    form.getByLabelText("Why is it a win despite these warnings?");
  });
});

describe("the experiment screen's sample size", { timeout: 20_000 }, () => {
  it("is worked out again when the baseline or the MDE changes, and says so", async () => {
    startAt("cx_ops", [conversion, pulled("experiment", EXPERIMENT, { ...ready, status: "idea" })], () => json(500, {}));
    await opened();
    const size = (await screen.findByLabelText("Required sample size per variant")) as HTMLInputElement;
    // Baseline 20.5 %, MDE 15 %: 2,852 per group, as stored.
    expect(size.value).toBe("2852");
    const mde = screen.getByLabelText("Minimum detectable effect (relative)") as HTMLInputElement;
    fireEvent.input(mde, { target: { value: "10" } });
    fireEvent.blur(mde);
    await screen.findByText("The required sample size was recalculated for the new baseline and minimum detectable effect: 2,852 → 6,309 per group.");
    await waitFor(() => expect(size.value).toBe("6309"));
  });
});
