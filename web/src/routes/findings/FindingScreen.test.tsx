// The finding screen reads the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_PHOTOS, TEXT_MAX } from "../../../../shared/limits";
import type { PulledChange } from "../../../../shared/sync/protocol";
import { AppProvider, createAppState } from "../../context";
import { LocalProvider, useLocal } from "../../data/local/context";
import type { LocalStore } from "../../data/local/store";
import { memoryStore } from "../../data/storage";
import { describedBy } from "../../test/described-by";
import { fakeServer, ORG, pulled, signedIn } from "../../test/fake-server";
import FindingScreen from "./FindingScreen";

const USER = "u-director";
const FINDING = "00000000-0000-4000-8000-0000000000f1";
const sha = (n: number) => n.toString(16).padStart(64, "0");

function pulledFinding(photos: string[]): PulledChange {
  const fields = {
    visitId: null, mysteryShopId: null, journeyStageId: null, locationId: null, segmentId: null, themeId: null,
    saw: "Queue at the till", felt: "", expectation: "", severity: 3, sentiment: "pain", level: null, status: "new", tags: [], photos,
  };
  return pulled("finding", FINDING, fields, USER);
}

/**
 * Only the finding screen, under the organisation's route and store (not the whole app, which
 * loads every screen): a server that answers pull with `changes` and records what is pushed.
 */
async function openFinding(id: string, changes: PulledChange[] = []) {
  const server = fakeServer({ me: signedIn("executive", { id: USER, name: "Dana Director", email: "d@example.com" }), changes });
  const state = createAppState({ storage: memoryStore(), browserLanguage: "en-GB", fetch: server.fetch });
  await state.session.start();
  const history = createMemoryHistory();
  history.set({ value: `/o/${ORG}/findings/${id}` });
  let store: LocalStore | undefined;
  const Screen = () => {
    store = useLocal().store;
    return <FindingScreen />;
  };
  render(() => (
    <AppProvider state={state}>
      <MemoryRouter history={history}>
        <Route
          path="/o/:orgId/findings/:id"
          component={() => (
            <LocalProvider userId={USER} orgId={ORG}>
              <Screen />
            </LocalProvider>
          )}
        />
      </MemoryRouter>
    </AppProvider>
  ));
  return { pushed: server.pushed, store: () => store! };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(cleanup);

describe("the finding screen's limits", { timeout: 15_000 }, () => {
  it("refuses 5,001 characters pasted into a new finding: the message shows, nothing is saved or queued", async () => {
    const { pushed, store } = await openFinding("new");
    const saw = (await screen.findByLabelText("What did the customer see?", {}, { timeout: 10_000 })) as HTMLTextAreaElement;
    // The limit of each text and of the photos is in the form before anything is typed.
    expect(describedBy(screen.getByLabelText("Take a photo"))).toContain("Up to 30 photos per finding.");
    expect(describedBy(screen.getByLabelText("Choose from gallery"))).toContain("Up to 30 photos per finding.");

    const pasted = "x".repeat(TEXT_MAX + 1);
    fireEvent.input(saw, { target: { value: pasted } });
    fireEvent.blur(saw);
    await screen.findByText(/Too long to save: at most 5,000 characters/);
    expect(describedBy(saw)).toContain("Too long to save: at most 5,000 characters");
    expect(describedBy(saw)).toContain("5,001 / 5,000 characters");
    expect(saw.value).toBe(pasted);
    expect(await store().list("finding")).toEqual([]);
    expect(pushed).toEqual([]);
  });

  it("shows how many photos a finding has near the limit, and takes no more at the limit", async () => {
    await openFinding(FINDING, [pulledFinding(Array.from({ length: MAX_PHOTOS }, (_, i) => sha(i + 1)))]);
    await screen.findByText("30 / 30 photos", {}, { timeout: 10_000 });
    for (const label of ["Take a photo", "Choose from gallery"]) {
      const add = screen.getByLabelText(label) as HTMLInputElement;
      expect(add.disabled).toBe(true);
      await waitFor(() => expect(add.getAttribute("aria-describedby")).toBe("finding-photos-limit-hint"));
      expect(describedBy(add)).toBe("This finding has 30 photos, the most it can hold. Remove one to add another.");
    }
  });
});

describe("quick capture from a visit", { timeout: 20_000 }, () => {
  const VISIT = "00000000-0000-4000-8000-0000000000a1";
  const STAGE = "00000000-0000-4000-8000-0000000000c1";
  const PREVIOUS = "00000000-0000-4000-8000-0000000000f0";
  const LOCATION = "00000000-0000-4000-8000-0000000000b1";
  const walk = [
    pulled("location", LOCATION, { name: "Utrecht", kind: "store", archived: false }, "u-admin"),
    pulled("journey_stage", STAGE, { name: "Checkout", position: 1, archived: false }, "u-admin"),
    pulled("visit", VISIT, { kind: "floor_walk", locationId: LOCATION, startedAt: "2026-03-01T09:00:00.000Z", endedAt: null, peopleMet: "", notes: "" }, USER),
    pulled(
      "finding",
      PREVIOUS,
      {
        visitId: VISIT, mysteryShopId: null, journeyStageId: STAGE, locationId: LOCATION, segmentId: null, themeId: null,
        saw: "Queue at the till", felt: "Annoyed", expectation: "A second till opens", severity: 4, sentiment: "pain", level: "operations", status: "new", tags: ["till"], photos: [],
      },
      USER,
    ),
  ];
  const sentimentGroup = () => screen.getByRole("group", { name: "Pain or delight?" });
  const severityGroup = () => screen.queryByRole("group", { name: "How bad is the pain?" });
  const stored = async (store: LocalStore) => (await store.list("finding")).filter((f) => f.id !== PREVIOUS);

  it("starts unrated with the visit's last classification behind More; a delight has no severity; Save & next opens a fresh finding", async () => {
    const { store } = await openFinding(`new?visit=${VISIT}`, walk);
    const saw = (await screen.findByLabelText("What did the customer see?", {}, { timeout: 10_000 })) as HTMLTextAreaElement;
    await waitFor(() => expect((screen.getByLabelText("Journey stage") as HTMLSelectElement).value).toBe(STAGE));

    // Nothing chosen for the director: no sentiment, and no severity asked before "Pain".
    expect(within(sentimentGroup()).getAllByRole<HTMLInputElement>("radio").filter((r) => r.checked)).toEqual([]);
    expect(severityGroup()).toBeNull();
    // The rest waits behind "More", taken over from the previous finding of the visit.
    const more = document.querySelector<HTMLDetailsElement>("details.finding-more")!;
    expect(more.open).toBe(false);
    expect(within(more).getByText("Filled in from the previous finding of this visit.")).toBeTruthy();
    expect((screen.getByLabelText("Which expectation was not met?") as HTMLTextAreaElement).value).toBe("A second till opens");
    expect((screen.getByLabelText("What did the customer feel?") as HTMLTextAreaElement).value).toBe("");

    fireEvent.click(within(sentimentGroup()).getByRole("radio", { name: "Delight" }));
    expect(severityGroup()).toBeNull();
    fireEvent.input(saw, { target: { value: "Staff walked a customer to the right shelf" } });
    fireEvent.blur(saw);
    await waitFor(async () => expect(await stored(store())).toHaveLength(1));
    const [delight] = await stored(store());
    expect(delight).toMatchObject({ visitId: VISIT, sentiment: "delight", severity: null, status: "new", journeyStageId: STAGE, level: "operations", tags: ["till"], expectation: "A second till opens", felt: "" });

    // A pain is graded; turned back into a delight, the grade goes.
    fireEvent.click(within(sentimentGroup()).getByRole("radio", { name: "Pain" }));
    await waitFor(() => expect(severityGroup()).not.toBeNull());
    fireEvent.click(within(severityGroup()!).getByRole("radio", { name: "4" }));
    await waitFor(async () => expect((await store().get("finding", delight!.id))).toMatchObject({ sentiment: "pain", severity: 4 }));
    fireEvent.click(within(sentimentGroup()).getByRole("radio", { name: "Delight" }));
    await waitFor(async () => expect((await store().get("finding", delight!.id))).toMatchObject({ sentiment: "delight", severity: null }));
    await waitFor(() => expect(severityGroup()).toBeNull());

    // Save & next: a fresh, empty finding of the same visit, focus on the camera.
    fireEvent.click(screen.getByRole("button", { name: "Save & next finding" }));
    await waitFor(() => expect(document.activeElement?.id).toBe("finding-photos-camera"));
    const next = screen.getByLabelText("What did the customer see?") as HTMLTextAreaElement;
    expect(next.value).toBe("");
    expect(within(sentimentGroup()).getAllByRole<HTMLInputElement>("radio").filter((r) => r.checked)).toEqual([]);
    fireEvent.input(next, { target: { value: "No price on the coffee" } });
    fireEvent.blur(next);
    await waitFor(async () => expect(await stored(store())).toHaveLength(2));
    const second = (await stored(store())).find((f) => f.id !== delight!.id)!;
    expect(second).toMatchObject({ visitId: VISIT, saw: "No price on the coffee", sentiment: null, severity: null, journeyStageId: STAGE, expectation: "A second till opens" });
    expect((await store().get("finding", delight!.id))!.saw).toBe("Staff walked a customer to the right shelf");
  });

  it("discards a finding emptied again when Save & next leaves it, its taken-over expectation notwithstanding", async () => {
    const { store } = await openFinding(`new?visit=${VISIT}`, walk);
    const saw = (await screen.findByLabelText("What did the customer see?", {}, { timeout: 10_000 })) as HTMLTextAreaElement;
    await waitFor(() => expect((screen.getByLabelText("Which expectation was not met?") as HTMLTextAreaElement).value).toBe("A second till opens"));
    fireEvent.input(saw, { target: { value: "Opened by mistake" } });
    fireEvent.blur(saw);
    await waitFor(async () => expect(await stored(store())).toHaveLength(1));
    fireEvent.input(saw, { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "Save & next finding" }));
    await waitFor(() => expect(document.activeElement?.id).toBe("finding-photos-camera"));
    await waitFor(async () => expect(await stored(store())).toEqual([]));
  });
});

describe("a photo of a finding", { timeout: 15_000 }, () => {
  it("opens in the app's viewer: named, focus inside, zoom from buttons and keys, Escape closes back to the photo", async () => {
    await openFinding(FINDING, [pulledFinding([sha(1)])]);
    const thumb = await screen.findByRole("button", { name: "Photo 1 of 1" }, { timeout: 10_000 });
    expect(thumb.getAttribute("aria-haspopup")).toBe("dialog");
    fireEvent.click(thumb);

    const viewer = await screen.findByRole("dialog", { name: "Photo 1 of 1" }, { timeout: 10_000 });
    const close = within(viewer).getByRole("button", { name: "Close" });
    await waitFor(() => expect(document.activeElement).toBe(close));
    const image = within(viewer).getByRole("img", { name: "Photo 1 of 1" });
    const scale = () => Number(image.dataset.scale);

    fireEvent.click(within(viewer).getByRole("button", { name: "Zoom in" }));
    expect(scale()).toBe(1.5);
    fireEvent.keyDown(close, { key: "+" });
    expect(scale()).toBe(2.25);
    expect(within(viewer).getByRole("status").textContent).toBe("Zoomed to 225 %");
    fireEvent.click(within(viewer).getByRole("button", { name: "Zoom out" }));
    expect(scale()).toBe(1.5);
    fireEvent.click(within(viewer).getByRole("button", { name: "Whole photo" }));
    expect(scale()).toBe(1);

    // Tab goes round the viewer's own buttons, never behind it.
    fireEvent.keyDown(close, { key: "Tab" });
    expect(document.activeElement).toBe(within(viewer).getByRole("button", { name: "Zoom out" }));
    fireEvent.keyDown(document.activeElement!, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(close);

    fireEvent.keyDown(close, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(thumb);
  });
});
