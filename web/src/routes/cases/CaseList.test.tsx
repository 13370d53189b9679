// The case list reads the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LoginResponse } from "../../../../shared/schemas/auth";
import type { PulledChange } from "../../../../shared/sync/protocol";
import { App } from "../../App";
import { createAppState } from "../../context";
import { memoryStore } from "../../data/storage";

const ORG = "o1";
const CLOCK = "2026-03-01T10:00:00.000Z-0000-server";
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

function businessCase(id: string, title: string, status: string): PulledChange {
  const fields = { title, status, authorId: "u-cx", createdAt: "2026-03-01T10:00:00.000Z", updatedAt: "2026-03-01T10:00:00.000Z" };
  return { entity: "business_case", entityId: id, deleted: false, fields, clocks: Object.fromEntries(Object.keys(fields).map((k) => [k, CLOCK])), deletedAt: null };
}

const CASES = [
  businessCase("00000000-0000-4000-8000-0000000000a1", "Second till on Saturdays", "approved"),
  businessCase("00000000-0000-4000-8000-0000000000a2", "Same-day pickup", "submitted"),
  businessCase("00000000-0000-4000-8000-0000000000a3", "Self-scan lanes", "draft"),
];

/** The app at `path` for a board member, with the cases above on the (mocked) server. */
function startAt(path: string) {
  window.history.replaceState(null, "", path);
  const me: LoginResponse = { user: { id: "u-board", email: "board@example.com", name: "Bea Board" }, memberships: [{ orgId: ORG, orgName: "Demo Retail", role: "board" }] };
  const state = createAppState({
    storage: memoryStore(),
    browserLanguage: "en-GB",
    fetch: async (url) => {
      const p = String(url).split("?")[0]!;
      if (p === "/api/me") return json(200, me);
      if (p === `/api/orgs/${ORG}/members`) return json(200, { members: [] });
      if (p === `/api/orgs/${ORG}/sync/pull`) return json(200, { changes: CASES, cursor: "v1.1", hasMore: false });
      if (p === `/api/orgs/${ORG}/sync/push`) return json(200, { results: [], cursor: "v1.1" });
      return json(404, { error: { code: "not_found", message: "Not found" } });
    },
  });
  render(() => <App state={state} />);
  void state.session.start();
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
    expect(screen.getByRole("heading", { level: 2, name: /^Approved/ })).toBeTruthy();
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
    expect(await screen.findByText("No business cases with status Rejected.", {}, { timeout: 15_000 })).toBeTruthy();
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

