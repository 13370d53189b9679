// The briefing and the visit screen read the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PulledChange } from "../../../../shared/sync/protocol";
import { AppProvider, createAppState } from "../../context";
import { LocalProvider, useLocal } from "../../data/local/context";
import type { LocalStore } from "../../data/local/store";
import { memoryStore } from "../../data/storage";
import { loadPack } from "../../i18n/packs";
import { fakeServer, ORG, pulled, signedIn } from "../../test/fake-server";
import VisitBriefing from "./VisitBriefing";
import VisitScreen from "./VisitScreen";

const USER = "u-director";
const COLLEAGUE = "u-colleague";
const PLACE = "00000000-0000-4000-8000-00000000010c";
const ELSEWHERE = "00000000-0000-4000-8000-00000000020c";
const sha = (n: number) => n.toString(16).padStart(64, "0");
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** A record as pulled, made at `createdAt` by `authorId`. */
function made(entity: PulledChange["entity"], entityId: string, fields: Record<string, unknown>, authorId: string, createdAt: string): PulledChange {
  const change = pulled(entity, entityId, fields, authorId);
  return { ...change, fields: { ...change.fields, createdAt } };
}
const finding = (n: number, saw: string, extra: Record<string, unknown>, createdAt: string, authorId = COLLEAGUE) =>
  made("finding", id(n), { visitId: null, locationId: PLACE, saw, felt: "", expectation: "", severity: 3, sentiment: "pain", status: "new", tags: [], photos: [], ...extra }, authorId, createdAt);

const greet = { id: id(900), text: "Greeted?", kind: "yes_no", weight: 1, naAllowed: false, critical: true };
const tidy = { id: id(901), text: "Tidy?", kind: "yes_no", weight: 1, naAllowed: false, critical: false };
const yes = { value: true, na: false };
const no = { value: false, na: false };
const shop = (n: number, completedAt: string, answers: Record<string, unknown>) =>
  made("mystery_shop", id(n), { templateId: id(800), locationId: PLACE, visitId: null, startedAt: completedAt, completedAt, answers, sections: null }, COLLEAGUE, completedAt);

const CHANGES: PulledChange[] = [
  pulled("location", PLACE, { name: "Amsterdam Kalverstraat", kind: "store", archived: false }),
  pulled("location", ELSEWHERE, { name: "Utrecht", kind: "store", archived: false }),
  finding(1, "Queue at the only open till", { photos: [sha(1)] }, "2026-02-01T10:00:00.000Z"),
  finding(2, "Fitting rooms closed on Saturday", { photos: [sha(2), sha(3)], status: "triaged", recheck: { result: "still_seen", by: COLLEAGUE, at: "2026-02-20T10:00:00.000Z", visitId: null } }, "2026-02-10T10:00:00.000Z"),
  finding(3, "Broken trolley (fixed long ago)", { status: "closed", photos: [sha(4)] }, "2026-02-15T10:00:00.000Z"),
  finding(4, "Somewhere else entirely", { locationId: ELSEWHERE }, "2026-02-16T10:00:00.000Z"),
  made("action", id(10), { findingId: id(1), title: "Open a second till at noon", ownerId: null, dueDate: null, priority: "high", status: "open" }, COLLEAGUE, "2026-02-02T10:00:00.000Z"),
  made("mystery_template", id(800), { name: "Store check", channel: "store", sections: [{ id: id(902), title: "Welcome", questions: [greet, tidy] }], archived: false }, COLLEAGUE, "2026-01-01T10:00:00.000Z"),
  shop(20, "2026-01-10T10:00:00.000Z", { [greet.id]: yes, [tidy.id]: no }),
  shop(21, "2026-03-10T10:00:00.000Z", { [greet.id]: yes, [tidy.id]: yes }),
];

/** The briefing and visit screens under the organisation's store, against a server that hands out CHANGES. */
async function open(path: string) {
  const server = fakeServer({
    me: signedIn("executive", { id: USER, name: "Daan Directeur", email: "d@example.com" }),
    changes: CHANGES,
    members: [
      { userId: USER, name: "Daan Directeur", email: "d@example.com", role: "executive" },
      { userId: COLLEAGUE, name: "Bea Bestuur", email: "b@example.com", role: "board" },
    ],
  });
  const state = createAppState({ storage: memoryStore(), browserLanguage: "en-GB", fetch: server.fetch });
  await state.session.start();
  const history = createMemoryHistory();
  history.set({ value: path });
  let store: LocalStore | undefined;
  const inOrg = (Screen: () => unknown) => () => (
    <LocalProvider userId={USER} orgId={ORG}>
      {(() => {
        store = useLocal().store;
        return Screen() as never;
      })()}
    </LocalProvider>
  );
  render(() => (
    <AppProvider state={state}>
      <MemoryRouter history={history}>
        <Route path="/o/:orgId/visits/new/:locationId" component={inOrg(() => <VisitBriefing />)} />
        <Route path="/o/:orgId/visits/:id" component={inOrg(() => <VisitScreen />)} />
      </MemoryRouter>
    </AppProvider>
  ));
  return { pushed: server.pushed, store: () => store!, history };
}

let photoRequests: string[];
beforeEach(async () => {
  // The routes load these texts with their code (App.tsx); here the screens are rendered directly.
  await loadPack("briefing", "en");
  globalThis.indexedDB = new IDBFactory();
  photoRequests = [];
  // Photos fetched ahead go through the browser's own fetch (not the API wrapper): record them.
  vi.spyOn(globalThis, "fetch").mockImplementation(async (url) => {
    photoRequests.push(String(url).split("/").pop()!);
    return new Response(null, { status: 404 });
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const titles = (list: HTMLElement) => within(list).getAllByRole("listitem").map((item) => item.querySelector(".item-title")?.textContent);

describe("the briefing before a visit", { timeout: 20_000 }, () => {
  it("shows the place's open findings newest first with their photos, its open actions and its mystery-shop trend, and creates nothing", async () => {
    const { store, pushed } = await open(`/o/${ORG}/visits/new/${PLACE}?kind=ride_along`);
    await screen.findByRole("heading", { level: 1, name: "Briefing: Amsterdam Kalverstraat" }, { timeout: 10_000 });
    const findingsList = (await screen.findByRole("heading", { name: "Open findings" })).nextElementSibling as HTMLElement;
    expect(titles(findingsList)).toEqual(["Fitting rooms closed on Saturday", "Queue at the only open till"]);
    // A photo shows as a thumbnail in the row (decorative: the count is there for screen readers).
    await waitFor(() => expect(findingsList.querySelectorAll("img.item-photo")).toHaveLength(2));
    const thumbnails = findingsList.querySelectorAll("img.item-photo");
    expect([...thumbnails].every((img) => img.getAttribute("alt") === "")).toBe(true);
    expect(within(findingsList).getByText("Photos: 2")).toBeTruthy();
    // What a colleague saw when they looked again.
    expect(await within(findingsList).findByText("Still seen per Bea Bestuur, 20 Feb 2026")).toBeTruthy();
    expect(screen.getByText("Open a second till at noon")).toBeTruthy();
    expect(screen.getByText("100%")).toBeTruthy();
    expect(screen.getByText("50 points up on the shop before")).toBeTruthy();
    expect(screen.getByText("Ride-along")).toBeTruthy();
    // Their photos are fetched ahead, newest finding first, for the shop floor without signal.
    await waitFor(() => expect(photoRequests).toEqual([sha(2), sha(3), sha(1)]));
    expect(await store().list("visit")).toEqual([]);
    expect(pushed).toEqual([]);
  });

  it("starts the visit only on 'Start visit'; on the visit, each earlier finding is marked fixed or still seen in one tap, in the director's name", async () => {
    const { store, history } = await open(`/o/${ORG}/visits/new/${PLACE}?kind=ride_along`);
    fireEvent.click(await screen.findByRole("button", { name: "Start visit" }, { timeout: 10_000 }));
    await screen.findByRole("heading", { level: 1, name: "Ride-along at Amsterdam Kalverstraat" }, { timeout: 10_000 });
    const [visit] = await store().list("visit");
    expect(visit).toMatchObject({ kind: "ride_along", locationId: PLACE, endedAt: null });
    expect(history.get()).toBe(`/o/${ORG}/visits/${visit!.id}`);

    // This visit's findings come first, then what is still open from earlier.
    const headings = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(headings.indexOf("Findings from this visit")).toBeLessThan(headings.indexOf("Still open at Amsterdam Kalverstraat"));

    const fitting = screen.getByRole("group", { name: "Fitting rooms closed on Saturday" });
    const fixed = within(fitting).getByRole("button", { name: "Fixed" });
    expect(fixed.getAttribute("aria-pressed")).toBe("false");
    fixed.focus();
    fireEvent.click(fixed);
    await waitFor(() => expect(fixed.getAttribute("aria-pressed")).toBe("true"));
    // The row is not drawn anew: the button keeps focus for the next tap.
    expect(document.activeElement).toBe(fixed);
    expect((await store().get("finding", id(2)))?.recheck).toMatchObject({ result: "fixed", by: USER, visitId: visit!.id });
    expect(await within(fitting.parentElement!).findByText(/^Fixed per Daan Directeur, /)).toBeTruthy();
    // The other tap changes it; what the finding describes is left alone.
    fireEvent.click(within(fitting).getByRole("button", { name: "Still seen" }));
    await waitFor(async () => expect((await store().get("finding", id(2)))?.recheck?.result).toBe("still_seen"));
    expect(await store().get("finding", id(2))).toMatchObject({ saw: "Fitting rooms closed on Saturday", status: "triaged" });
    const queued = (await store().outbox()).filter((entry) => entry.mutation.entityId === id(2)).map((entry) => Object.keys(entry.mutation.fields));
    expect(queued).toEqual([["recheck"], ["recheck"]]);
  });
});
