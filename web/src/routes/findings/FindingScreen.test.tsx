// The finding screen reads the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
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
    expect(describedBy(screen.getByLabelText("Add photos"))).toContain("Up to 30 photos per finding.");

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
    const add = screen.getByLabelText("Add photos") as HTMLInputElement;
    expect(add.disabled).toBe(true);
    await waitFor(() => expect(add.getAttribute("aria-describedby")).toBe("finding-photos-limit-hint"));
    expect(describedBy(add)).toBe("This finding has 30 photos, the most it can hold. Remove one to add another.");
  });
});
