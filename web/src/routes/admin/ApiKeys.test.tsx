// The app shell reads the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, screen, waitFor, within } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeServer, json, ORG, signedIn } from "../../test/fake-server";
import { startApp } from "../../test/start-app";

/** The revoke button's name: its visible word and the key's name for screen readers (jsdom's name computation drops the space between inline parts). */
const REVOKE_TILL_EXPORT = /^Revoke\s*Till export$/;
const KEY = `csk_${"k".repeat(43)}`;
interface Key {
  id: string;
  name: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
const made = (id: string, name: string, extra: Partial<Key> = {}) => ({
  id,
  name,
  prefix: "csk_kkkkkkkk",
  createdAt: "2025-03-01T09:00:00.000Z",
  createdBy: { id: "u-admin", name: "Ada Admin" },
  lastUsedAt: null,
  revokedAt: null,
  ...extra,
});

/** The app at Admin → API keys; the server keeps the keys as the real one does. */
function start() {
  const state = { keys: [made("k1", "Till export", { lastUsedAt: "2025-03-02T06:00:00.000Z" })], created: [] as unknown[], revoked: [] as string[] };
  const server = fakeServer({
    me: signedIn("admin"),
    route: ({ method, path, body }) => {
      const base = `/api/orgs/${ORG}/api-keys`;
      if (path === base && method === "GET") return json(200, { apiKeys: state.keys });
      if (path === base && method === "POST") {
        state.created.push(body);
        const apiKey = made("k2", (body as { name: string }).name);
        state.keys = [apiKey, ...state.keys];
        return json(201, { apiKey, key: KEY });
      }
      if (path.startsWith(`${base}/`) && method === "DELETE") {
        const id = path.slice(base.length + 1);
        state.revoked.push(id);
        state.keys = state.keys.map((k) => (k.id === id ? { ...k, revokedAt: "2025-03-03T10:00:00.000Z" } : k));
        return new Response(null, { status: 204 });
      }
      return undefined;
    },
  });
  startApp(`/o/${ORG}/admin/api-keys`, server);
  return state;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});
afterEach(cleanup);

describe("the API keys screen", { timeout: 20_000 }, () => {
  it("makes a key and shows it once, with a copy button and an example request, in a live region", async () => {
    const state = start();
    await screen.findByRole("heading", { level: 1, name: "API keys" }, { timeout: 15_000 });
    expect(await screen.findByText("Till export", { selector: ".row-title" })).toBeTruthy();
    expect(screen.getByText(/^Last used/)).toBeTruthy();

    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Power BI nightly" } });
    fireEvent.click(screen.getByRole("button", { name: "Create API key" }));
    const key = (await screen.findByLabelText("The new key")) as HTMLInputElement;
    expect(key.value).toBe(KEY);
    expect(key.closest("[aria-live=polite]")).not.toBeNull();
    expect(screen.getByRole("button", { name: "Copy key" })).toBeTruthy();
    const example = screen.getByText(/curl -X POST/);
    expect(example.textContent).toContain(`/api/orgs/${ORG}/kpis/KPI_ID/measurements`);
    expect(example.textContent).toContain(`Authorization: Bearer ${KEY}`);
    expect(state.created).toEqual([{ name: "Power BI nightly" }]);
    expect(await screen.findByText("Power BI nightly", { selector: ".row-title" })).toBeTruthy();
  });

  it("revokes a key only after a confirmation, and marks it revoked", async () => {
    const state = start();
    const revoke = await screen.findByRole("button", { name: REVOKE_TILL_EXPORT }, { timeout: 15_000 });
    fireEvent.click(revoke);
    expect(state.revoked).toEqual([]);
    const confirm = screen.getByRole("group", { name: /Revoke “Till export”\?/ });
    fireEvent.click(within(confirm).getByRole("button", { name: "Yes, revoke" }));
    await waitFor(() => expect(state.revoked).toEqual(["k1"]));
    expect(await screen.findByText(/^Revoked on/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: REVOKE_TILL_EXPORT })).toBeNull();
  });
});
