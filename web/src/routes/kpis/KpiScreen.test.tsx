// The KPI screen reads the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PulledChange } from "../../../../shared/sync/protocol";
import { AppProvider, createAppState } from "../../context";
import { LocalProvider } from "../../data/local/context";
import { memoryStore } from "../../data/storage";
import { fakeServer, ORG, pulled as pulledBy, signedIn } from "../../test/fake-server";
import KpiScreen from "./KpiScreen";

const USER = "u-cx";
const KPI = "00000000-0000-4000-8000-0000000000c1";
const MEASUREMENT = "00000000-0000-4000-8000-0000000000d1";
const EARLIER = "00000000-0000-4000-8000-0000000000d2";

/** A record of this user's as the server sends it in a pull. */
const pulled = (entity: PulledChange["entity"], entityId: string, fields: Record<string, unknown>) => pulledBy(entity, entityId, fields, USER);

const changes = [
  pulled("kpi", KPI, { name: "Conversion", unit: "percent", direction: "higher", kind: "proportion", hard: true, description: "", archived: false }),
  pulled("kpi_measurement", MEASUREMENT, { kpiId: KPI, period: "week", periodStart: "2026-02-23", locationId: null, segmentId: null, value: 3.2, sampleSize: null, note: null }),
  pulled("kpi_measurement", EARLIER, { kpiId: KPI, period: "week", periodStart: "2026-02-16", locationId: null, segmentId: null, value: 2.7, sampleSize: null, note: null }),
];

/** Only the KPI screen, under the organisation's route and store, with a server that answers pull and push. */
async function openKpi() {
  const server = fakeServer({ me: signedIn("cx_ops", { id: USER, name: "Chris CX", email: "cx@example.com" }), changes });
  const state = createAppState({ storage: memoryStore(), browserLanguage: "en-GB", fetch: server.fetch });
  await state.session.start();
  const history = createMemoryHistory();
  history.set({ value: `/o/${ORG}/kpis/${KPI}` });
  render(() => (
    <AppProvider state={state}>
      <MemoryRouter history={history}>
        <Route
          path="/o/:orgId/kpis/:id"
          component={() => (
            <LocalProvider userId={USER} orgId={ORG}>
              <KpiScreen />
            </LocalProvider>
          )}
        />
      </MemoryRouter>
    </AppProvider>
  ));
}

/** The measurements' table (its scrolling box is a region named after the section's heading). */
const table = () => within(screen.getAllByRole("region", { name: "Measurements" }).find((region) => region.tagName === "DIV")!).getByRole("table");
/** A row's Edit button, named by the row it edits (the newest row unless told). */
const editButton = (start = "23 Feb 2026") => screen.findByRole("button", { name: `Edit: Week from ${start}, Whole organisation` }, { timeout: 10_000 });

/** Errors Solid throws from an event handler reach the window (and jsdom's console), not the test. */
function collectErrors() {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  window.addEventListener("error", onError);
  const console = vi.spyOn(globalThis.console, "error").mockImplementation((...args) => void errors.push(args));
  return {
    errors,
    stop: () => {
      window.removeEventListener("error", onError);
      console.mockRestore();
    },
  };
}

let caught: ReturnType<typeof collectErrors>;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  caught = collectErrors();
});
afterEach(() => {
  caught.stop();
  cleanup();
});

describe("editing a KPI's measurement", { timeout: 20_000 }, () => {
  it("Cancel closes the form and gives focus back to the row's Edit button", async () => {
    await openKpi();
    fireEvent.click(await editButton());
    const value = (await screen.findByLabelText("Value")) as HTMLInputElement;
    expect(value.value).toBe("3.2");

    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("form", { name: "Edit measurement" })).toBeNull());
    await waitFor(async () => expect(document.activeElement).toBe(await editButton()));
    expect((await editButton()).getAttribute("aria-expanded")).toBe("false");
    expect(caught.errors).toEqual([]);
  });

  it("Save stores the new value, shows it in the table and gives focus back to the row's Edit button", async () => {
    await openKpi();
    fireEvent.click(await editButton());
    const value = (await screen.findByLabelText("Value")) as HTMLInputElement;
    fireEvent.input(value, { target: { value: "4.5" } });

    fireEvent.click(screen.getByRole("button", { name: "Save measurement" }));
    await waitFor(() => expect(screen.queryByRole("form", { name: "Edit measurement" })).toBeNull());
    await waitFor(() => expect(table().textContent).toContain("4.5"));
    expect(table().textContent).toContain("Not sent yet");
    await waitFor(async () => expect(document.activeElement).toBe(await editButton()));
    expect(table().textContent).not.toContain("3.2");
    // Sent to the server (a moment after the edit), the row drops its "not sent" badge and keeps its focused Edit button.
    await waitFor(() => expect(table().textContent).not.toContain("Not sent yet"), { timeout: 5_000 });
    expect(document.activeElement).toBe(await editButton());
    expect(caught.errors).toEqual([]);
  });

  it("Edit on another row while a form is open shows that row's values, and Cancel goes back to its button", async () => {
    await openKpi();
    fireEvent.click(await editButton());
    expect(((await screen.findByLabelText("Value")) as HTMLInputElement).value).toBe("3.2");

    fireEvent.click(await editButton("16 Feb 2026"));
    await waitFor(() => expect((screen.getByLabelText("Value") as HTMLInputElement).value).toBe("2.7"));
    expect(screen.getAllByRole("form", { name: "Edit measurement" })).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(async () => expect(document.activeElement).toBe(await editButton("16 Feb 2026")));
    expect(caught.errors).toEqual([]);
  });
});

describe("adding a KPI's measurement", { timeout: 20_000 }, () => {
  it("Cancel and Save give focus back to the Add button", async () => {
    await openKpi();
    await editButton();
    const add = screen.getByRole("button", { name: "Add a measurement" });
    fireEvent.click(add);
    await screen.findByRole("form", { name: "New measurement" });
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(document.activeElement).toBe(add));

    fireEvent.click(add);
    await screen.findByRole("form", { name: "New measurement" });
    fireEvent.input(screen.getByLabelText("Start of the period"), { target: { value: "2026-03-04" } });
    fireEvent.input(screen.getByLabelText("Value"), { target: { value: "5.1" } });
    fireEvent.click(screen.getByRole("button", { name: "Save measurement" }));
    await waitFor(() => expect(table().textContent).toContain("5.1"));
    await waitFor(() => expect(document.activeElement).toBe(add));
    expect(caught.errors).toEqual([]);
  });
});

describe("a value outside the KPI's range", { timeout: 20_000 }, () => {
  it("150 for a percentage is refused beside the field, with the valid values, and nothing is stored", async () => {
    await openKpi();
    fireEvent.click(await editButton());
    const value = (await screen.findByLabelText("Value")) as HTMLInputElement;
    fireEvent.input(value, { target: { value: "150" } });
    fireEvent.click(screen.getByRole("button", { name: "Save measurement" }));
    await waitFor(() => expect(value.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByRole("form", { name: "Edit measurement" }).textContent).toContain("Outside this KPI's valid values (0% to 100%).");
    expect(table().textContent).not.toContain("150");
    expect(caught.errors).toEqual([]);
  });
});
