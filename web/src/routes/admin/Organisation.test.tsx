// The app shell reads the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../../../../shared/roles";
import type { LoginResponse } from "../../../../shared/schemas/auth";
import { App } from "../../App";
import { createAppState } from "../../context";
import { memoryStore, type KeyValueStore } from "../../data/storage";

const ORG = "o1";
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

/**
 * The app at the organisation screen for one role; the server keeps the settings and answers
 * PATCH as the real one does for good values (`patch` may answer otherwise).
 */
function startAt(role: Role, patch?: (body: Record<string, unknown>) => Response | undefined) {
  window.history.replaceState(null, "", `/o/${ORG}/admin/organisation`);
  const server = { org: { id: ORG, name: "Demo Retail", role, visitTargetPerMonth: 2, defaultDiscountRate: 0.08 }, patches: [] as Record<string, unknown>[] };
  const me: LoginResponse = { user: { id: `u-${role}`, email: `${role}@example.com`, name: `Person ${role}` }, memberships: [{ orgId: ORG, orgName: "Demo Retail", role }] };
  const storage: KeyValueStore = memoryStore();
  const state = createAppState({
    storage,
    browserLanguage: "en-GB",
    fetch: async (url, init) => {
      const method = init?.method ?? "GET";
      const path = String(url).split("?")[0]!;
      if (path === "/api/me") return json(200, me);
      if (path === `/api/orgs/${ORG}/members`) return json(200, { members: [] });
      if (path === `/api/orgs/${ORG}/sync/pull`) return json(200, { changes: [], cursor: "v1.1", hasMore: false });
      if (path === `/api/orgs/${ORG}/sync/push`) return json(200, { results: [], cursor: "v1.1" });
      if (path === `/api/orgs/${ORG}` && method === "GET") return json(200, server.org);
      if (path === `/api/orgs/${ORG}` && method === "PATCH") {
        const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
        server.patches.push(body);
        const answer = patch?.(body);
        if (answer) return answer;
        server.org = { ...server.org, ...body };
        return json(200, server.org);
      }
      return json(404, { error: { code: "not_found", message: "Not found" } });
    },
  });
  render(() => <App state={state} />);
  void state.session.start();
  return server;
}

const opened = () => screen.findByRole("heading", { level: 1, name: "Organisation" }, { timeout: 15_000 });
const visitTarget = () => screen.findByLabelText("Floor visits a month per director", {}, { timeout: 10_000 }) as Promise<HTMLInputElement>;
const discountRate = () => screen.getByLabelText("Default discount rate (%)") as HTMLInputElement;
const type = (input: HTMLInputElement, value: string) => fireEvent.input(input, { target: { value } });
const save = () => fireEvent.click(screen.getByRole("button", { name: "Save settings" }));

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});
afterEach(cleanup);

describe("the organisation settings screen", { timeout: 20_000 }, () => {
  it("is in the admin sections, shows the settings and saves the visit target and the rate typed in percent", async () => {
    const server = startAt("admin");
    await opened();
    const sections = within(screen.getByRole("navigation", { name: "Admin sections" }));
    expect(sections.getByRole("link", { name: "Organisation" }).getAttribute("aria-current")).toBe("page");
    expect((await visitTarget()).value).toBe("2");
    expect(discountRate().value).toBe("8");

    type(await visitTarget(), "3");
    type(discountRate(), "7.5");
    save();
    expect(await screen.findByText("Organisation settings saved.")).toBeTruthy();
    expect(server.patches).toEqual([{ visitTargetPerMonth: 3, defaultDiscountRate: 0.075 }]);
    expect(discountRate().value).toBe("7.5");
    // New business cases on this device start with the new rate, offline too.
    expect(localStorage.getItem(`chefsache.discountRate.${ORG}`)).toBe("0.075");

    // Saving again without a change sends nothing.
    save();
    await waitFor(() => expect(screen.getAllByText("Organisation settings saved.")).toHaveLength(2));
    expect(server.patches).toHaveLength(1);
  });

  it("says what is wrong with each field before sending anything, and shows the server's refusal", async () => {
    const server = startAt("admin", (body) =>
      body.visitTargetPerMonth === 30 ? json(400, { error: { code: "validation_failed", message: "Invalid", issues: [{ path: "visitTargetPerMonth", message: "Too big" }] } }) : undefined,
    );
    await opened();
    type(await visitTarget(), "1.5");
    type(discountRate(), "100");
    save();
    expect(await screen.findByText("Enter a whole number of visits from 0 to 31.")).toBeTruthy();
    expect(screen.getByText("Enter a percentage from 0 to below 100, for example 8.")).toBeTruthy();
    expect((await visitTarget()).getAttribute("aria-invalid")).toBe("true");
    expect(discountRate().getAttribute("aria-describedby")).toContain("organisation-discount-rate-error");
    expect(server.patches).toEqual([]);

    type(await visitTarget(), "30");
    type(discountRate(), "8");
    save();
    expect(await screen.findByText("Too big")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toContain("Some entries are not valid. Please check them.");
    expect(server.patches).toEqual([{ visitTargetPerMonth: 30 }]);
    expect(server.org.visitTargetPerMonth).toBe(2);
  });

  it("is for admins only", async () => {
    startAt("board");
    expect(await screen.findByText("Only admins can open these settings.", {}, { timeout: 15_000 })).toBeTruthy();
    expect(screen.queryByLabelText("Floor visits a month per director")).toBeNull();
  });
});
