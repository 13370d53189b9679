// The app shell reads the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, screen, waitFor, within } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../../../../shared/roles";
import { describedBy } from "../../test/described-by";
import { fakeServer, json, ORG, signedIn } from "../../test/fake-server";
import { startApp } from "../../test/start-app";

/**
 * The app at the organisation screen for one role; the server keeps the settings and answers
 * PATCH as the real one does for good values (`patch` may answer otherwise).
 */
function startAt(role: Role, patch?: (body: Record<string, unknown>) => Response | undefined) {
  const settings = { org: { id: ORG, name: "Demo Retail", role, visitTargetPerMonth: 2, defaultDiscountRate: 0.08 }, patches: [] as Record<string, unknown>[] };
  const server = fakeServer({
    me: signedIn(role),
    route: ({ method, path, body }) => {
      if (path !== `/api/orgs/${ORG}`) return undefined;
      if (method === "GET") return json(200, settings.org);
      if (method !== "PATCH") return undefined;
      const changes = body as Record<string, unknown>;
      settings.patches.push(changes);
      const answer = patch?.(changes);
      if (answer) return answer;
      settings.org = { ...settings.org, ...changes };
      return json(200, settings.org);
    },
  });
  startApp(`/o/${ORG}/admin/organisation`, server);
  return settings;
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
    expect((await screen.findByText("Organisation settings saved.")).closest("[role=status]")).not.toBeNull();
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
    await screen.findByText("Enter a whole number of visits from 0 to 31.");
    // Each message is said with its field.
    expect(describedBy(await visitTarget())).toContain("Enter a whole number of visits from 0 to 31.");
    expect(describedBy(discountRate())).toContain("Enter a percentage from 0 to below 100, for example 8.");
    expect((await visitTarget()).getAttribute("aria-invalid")).toBe("true");
    expect(server.patches).toEqual([]);

    type(await visitTarget(), "30");
    type(discountRate(), "8");
    save();
    await screen.findByText("Too big");
    expect(describedBy(await visitTarget())).toContain("Too big");
    expect(screen.getByRole("alert").textContent).toContain("Some entries are not valid. Please check them.");
    expect(server.patches).toEqual([{ visitTargetPerMonth: 30 }]);
    expect(server.org.visitTargetPerMonth).toBe(2);
  });

  it("is for admins only", async () => {
    startAt("board");
    await screen.findByText("Only admins can open these settings.", {}, { timeout: 15_000 });
    expect(screen.queryByLabelText("Floor visits a month per director")).toBeNull();
  });
});
