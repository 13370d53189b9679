// Home's open actions come from the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, screen, waitFor } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeServer, ORG, pulled, signedIn } from "../test/fake-server";
import { startApp } from "../test/start-app";

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});
afterEach(cleanup);

describe("home right after a first login", { timeout: 20_000 }, () => {
  it("offers the Start button at once and says the first sync is on its way, not 'no open actions', until the pull lands", async () => {
    const me = signedIn("executive", { id: "u-daan", name: "Daan Directeur" });
    let releasePull: () => void = () => undefined;
    const pullHeld = new Promise<void>((resolve) => (releasePull = resolve));
    const server = fakeServer({
      me,
      changes: [
        pulled("finding", "f1", { saw: "A queue at the only open till", status: "triaged" }),
        pulled("action", "a1", { findingId: "f1", title: "Open a second till on Saturdays", ownerId: "u-daan", status: "open", dueOn: null }),
      ],
    });
    const answer = server.fetch;
    server.fetch = async (url, init) => {
      if (String(url).includes("/sync/pull")) await pullHeld;
      return answer(url, init);
    };
    startApp(`/o/${ORG}`, server);

    expect(await screen.findByRole("link", { name: "Start a visit" }, { timeout: 15_000 })).toBeTruthy();
    await waitFor(() => expect(screen.getAllByText(/First sync…/).length).toBeGreaterThan(0), { timeout: 15_000 });
    expect(screen.queryByText("No open actions for you.")).toBeNull();
    expect(screen.queryByText(/All sent/)).toBeNull();

    releasePull();
    expect(await screen.findByText("Open a second till on Saturdays", undefined, { timeout: 15_000 })).toBeTruthy();
    expect(screen.queryByText(/First sync…/)).toBeNull();
  });
});

describe("home before the device's store has opened", { timeout: 20_000 }, () => {
  it("shows the greeting, the opening words and the Start button, with the open actions still loading", async () => {
    // A store that never finishes opening: the slowest first visit there is.
    const never = new IDBFactory();
    never.open = () => ({}) as IDBOpenDBRequest;
    globalThis.indexedDB = never;
    const me = signedIn("executive", { id: "u-daan", name: "Daan Directeur" });
    startApp(`/o/${ORG}`, fakeServer({ me, changes: [] }));

    expect(await screen.findByRole("heading", { level: 1, name: "Hello, Daan" }, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByText(/The best insights come from the floor/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Start a visit" })).toBeTruthy();
    expect(screen.getAllByRole("status").some((el) => el.textContent?.includes("Loading"))).toBe(true);
  });

  it("shows a board member the board view's heading and opening words", async () => {
    const never = new IDBFactory();
    never.open = () => ({}) as IDBOpenDBRequest;
    globalThis.indexedDB = never;
    startApp(`/o/${ORG}`, fakeServer({ me: signedIn("board", { id: "u-bea", name: "Bea Bestuur" }), changes: [] }));

    expect(await screen.findByRole("heading", { level: 1, name: "Board view" }, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByText(/Is the top on the floor/)).toBeTruthy();
  });
});

