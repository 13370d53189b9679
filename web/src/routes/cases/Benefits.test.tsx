// The case screen reads the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, screen, waitFor, within } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../../../../shared/roles";
import type { PulledChange } from "../../../../shared/sync/protocol";
import { fakeServer, json, ORG, pulled, signedIn, type FakeRequest } from "../../test/fake-server";
import { startApp } from "../../test/start-app";

const CASE = "00000000-0000-4000-8000-0000000000a1";
const CONVERSION = "00000000-0000-4000-8000-0000000000c1";

/** An approved case CX ops owns: live since 1 October 2025 at full benefit, its first quarter reported by hand. */
const approvedCase = pulled(
  "business_case",
  CASE,
  {
    title: "Fitting rooms staffed all weekend",
    kpiId: CONVERSION,
    lift: { low: 0.003, base: 0.006, high: 0.01 },
    annualVolume: 400_000,
    valuePerUnit: 35,
    horizonYears: 3,
    ownerId: "u-cx_ops",
    status: "approved",
    approvedAt: "2025-09-01T10:00:00.000Z",
    goLive: "2025-10-01",
    rampUpMonths: 0,
    benefitScope: null,
    benefitActuals: [{ quarter: "2025-Q4", amount: 18_000, method: "Finance: weekend till receipts against last year", recordedBy: "u-cx_ops", recordedAt: "2026-01-09T10:00:00.000Z" }],
  },
  "u-cx_ops",
);
const conversion = pulled("kpi", CONVERSION, { name: "Conversion", unit: "percent", direction: "higher", kind: "proportion", hard: true, description: "", archived: false }, "u-cx_ops");

function startAt(role: Role, changes: PulledChange[], onWrite: (request: FakeRequest) => Response = () => json(500, {})) {
  const server = fakeServer({
    me: signedIn(role),
    changes,
    members: [{ userId: "u-cx_ops", name: "Chris CX", email: "cx@example.com", role: "cx_ops" }],
    route: (request) => (request.path.includes(`/business-cases/${CASE}/benefit`) ? onWrite(request) : undefined),
  });
  startApp(`/o/${ORG}/cases/${CASE}`, server);
  return server;
}

const benefits = async () => within(await screen.findByRole("region", { name: "Benefits delivered" }, { timeout: 15_000 }));
/** A table's rows as the texts of their cells. */
const rowTexts = (table: HTMLElement) => within(table).getAllByRole("row").map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent!.trim()));

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(cleanup);

describe("an approved case's benefits", { timeout: 20_000 }, () => {
  it("shows go-live, who answers for it and each quarter's target against the recorded actual, worked out on the device", async () => {
    startAt("board", [conversion, approvedCase]);
    const section = await benefits();
    section.getByText("1 Oct 2025");
    section.getByText("Full benefit from go-live");
    section.getByText("Recorded by the owner each quarter");
    section.getByText("Chris CX");
    // €84,000 a year: €21,000 a whole quarter; Q4 2025 reported at €18,000.
    const rows = rowTexts(section.getByRole("table"));
    expect(rows[1]).toEqual(["Q4 2025", "€21,000", "€18,000", "86%"]);
    expect(rows[2]).toEqual(["Recorded on 9 Jan 2026: Finance: weekend till receipts against last year"]);
    expect(rows[3]![0]).toBe("Q1 2026");
    expect(rows[3]![2]).toBe("Not reported");
    // Only its owner (and admins) record: the board reads.
    expect(section.queryByRole("button", { name: /Record actual/ })).toBeNull();
    expect(section.queryByRole("button", { name: "Set go-live and measurement" })).toBeNull();
  });

  it("lets its owner record a quarter's actual, but only with how it was measured", async () => {
    const writes: FakeRequest[] = [];
    startAt("cx_ops", [conversion, approvedCase], (request) => {
      writes.push(request);
      return json(200, {});
    });
    const section = await benefits();
    fireEvent.click(section.getByRole("button", { name: "Record actual Q1 2026" }));
    const form = within(await section.findByRole("form", { name: "Actual for Q1 2026" }));
    await waitFor(() => expect(document.activeElement).toBe(form.getByLabelText(/^Benefit in the quarter/)));
    fireEvent.input(form.getByLabelText(/^Benefit in the quarter/), { target: { value: "19,250" } });
    fireEvent.click(form.getByRole("button", { name: "Save" }));
    await form.findByText("Say how it was measured");
    expect(writes).toEqual([]);

    fireEvent.input(form.getByLabelText(/^How it was measured/), { target: { value: "Finance: weekend receipts, all stores" } });
    fireEvent.click(form.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toEqual({ method: "PUT", path: `/api/orgs/${ORG}/business-cases/${CASE}/benefit-actuals/2026-Q1`, body: { amount: 19_250, method: "Finance: weekend receipts, all stores" } });
    await waitFor(() => expect(section.queryByRole("form", { name: "Actual for Q1 2026" })).toBeNull());
  });
});
