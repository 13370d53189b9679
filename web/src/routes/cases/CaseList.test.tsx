// The case list reads the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, screen, waitFor, within } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeServer, ORG, pulled, signedIn } from "../../test/fake-server";
import { startApp } from "../../test/start-app";

const businessCase = (id: string, title: string, status: string) => pulled("business_case", id, { title, status }, "u-cx");

const CASES = [
  businessCase("00000000-0000-4000-8000-0000000000a1", "Second till on Saturdays", "approved"),
  businessCase("00000000-0000-4000-8000-0000000000a2", "Same-day pickup", "submitted"),
  businessCase("00000000-0000-4000-8000-0000000000a3", "Self-scan lanes", "draft"),
];

/** The app at `path` for a board member, with the cases above on the (mocked) server. */
function startAt(path: string) {
  startApp(path, fakeServer({ me: signedIn("board", { name: "Bea Board" }), changes: CASES }));
}

const titles = () => screen.queryAllByRole("link", { name: /Second till|Same-day|Self-scan/ }).map((a) => a.querySelector(".item-title")?.textContent);
const chip = (name: RegExp) => within(screen.getByRole("group", { name: "Show business cases by status" })).getByRole("button", { name });

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(cleanup);

describe("the business-case list", { timeout: 20_000 }, () => {
  it("opened from the board view with ?status=approved shows the approved cases only, and lets the filter go", async () => {
    startAt(`/o/${ORG}/cases?status=approved`);
    await screen.findByRole("heading", { level: 1, name: "Business cases" }, { timeout: 15_000 });
    await waitFor(() => expect(titles()).toEqual(["Second till on Saturdays"]), { timeout: 10_000 });
    screen.getByRole("heading", { level: 2, name: /^Approved/ });
    expect(screen.queryByRole("heading", { level: 2, name: /^Submitted/ })).toBeNull();
    expect(chip(/^Approved/).getAttribute("aria-pressed")).toBe("true");

    // "All" lets the filter go: every group, in the order a case moves (draft, submitted, approved).
    fireEvent.click(chip(/^All/));
    await waitFor(() => expect(titles()).toEqual(["Self-scan lanes", "Same-day pickup", "Second till on Saturdays"]));
    await waitFor(() => expect(new URL(window.location.href).search).toBe(""));

    fireEvent.click(chip(/^Submitted/));
    await waitFor(() => expect(titles()).toEqual(["Same-day pickup"]));
    await waitFor(() => expect(new URL(window.location.href).searchParams.get("status")).toBe("submitted"));
  });

  it("says when no case has the status asked for, with a way back to all of them; an unknown status is no filter", async () => {
    startAt(`/o/${ORG}/cases?status=rejected`);
    await screen.findByText("No business cases with status Rejected.", {}, { timeout: 15_000 });
    expect(titles()).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Show all business cases" }));
    await waitFor(() => expect(titles()).toHaveLength(3));
    cleanup();

    globalThis.indexedDB = new IDBFactory();
    startAt(`/o/${ORG}/cases?status=bogus`);
    await screen.findByRole("heading", { level: 1, name: "Business cases" }, { timeout: 15_000 });
    await waitFor(() => expect(titles()).toHaveLength(3), { timeout: 10_000 });
  });
});

