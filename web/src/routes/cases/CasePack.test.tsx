// The pack reads the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, screen } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeServer, ORG, pulled, signedIn } from "../../test/fake-server";
import { startApp } from "../../test/start-app";

const CASE = "00000000-0000-4000-8000-0000000000a1";
const EXPERIMENT = "00000000-0000-4000-8000-0000000000e1";
const CONVERSION = "00000000-0000-4000-8000-0000000000c1";

const conversion = pulled("kpi", CONVERSION, { name: "Conversion", unit: "percent", direction: "higher", kind: "proportion", hard: true, description: "", archived: false }, "u-cx");
// Won past a broken split (5,000 against 4,000) and a short sample, with the reason the server stored.
const experiment = pulled(
  "experiment",
  EXPERIMENT,
  {
    title: "Second till on Saturdays",
    primaryKpiId: CONVERSION,
    guardrailKpiIds: [],
    design: "ab_split",
    requiredSampleSize: 6510,
    results: [{ kpiId: CONVERSION, control: { users: 5000, conversions: 1000 }, treatment: { users: 4000, conversions: 880 } }],
    status: "won",
    verdictGates: [
      { code: "srm", kpiId: CONVERSION, pValue: 5e-26, count: null, required: null },
      { code: "short_sample", kpiId: CONVERSION, pValue: null, count: 4000, required: 6510 },
    ],
    gateReason: "The till log shows the split broke on one Saturday only.",
  },
  "u-cx",
);
// The base and high scenarios overridden above what was measured (+2 points, about +0.3 … +3.7).
const businessCase = pulled(
  "business_case",
  CASE,
  {
    title: "Second till in every store",
    status: "submitted",
    experimentIds: [EXPERIMENT],
    kpiId: CONVERSION,
    baseline: 0.2,
    lift: { low: 0.004, base: 0.05, high: 0.06 },
    liftOverridden: true,
    liftOverrideReason: "Saturdays in December convert better.",
    annualVolume: 400_000,
    valuePerUnit: 35,
    investment: 120_000,
    runningCostPerYear: 20_000,
    horizonYears: 3,
    discountRate: 0.08,
    options: [{ id: "00000000-0000-4000-8000-0000000000f1", title: "Do nothing", description: "", doNothing: true }],
    risks: [],
    findingIds: [],
    recommendation: "Approve",
  },
  "u-cx",
);

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(cleanup);

describe("the board pack of a case", { timeout: 20_000 }, () => {
  it("flags scenarios beyond the measured interval in a warning, withholds the broken experiment's verdict, and prints the gates it was won past with the reason", async () => {
    startApp(`/o/${ORG}/cases/${CASE}/pack`, fakeServer({ me: signedIn("board", { name: "Bea Board" }), changes: [conversion, experiment, businessCase] }));
    const heading = await screen.findByText("Beyond what was measured", undefined, { timeout: 15_000 });
    const warning = heading.closest("[role=note]")!;
    expect(warning.textContent).toMatch(/Base: \+5 points, above the measured interval \(\+0\.\d+ points to \+3\.\d+ points\)\./);
    expect(warning.textContent).toMatch(/High: \+6 points, above the measured interval/);
    expect(warning.textContent).not.toMatch(/Low:/);
    expect(warning.textContent).toContain("Reason given: Saturdays in December convert better.");

    screen.getByText("No verdict: the groups are not what was planned — fix before reading.");
    const gates = screen.getByText("Declared won despite these warnings:").closest("[role=note]")!;
    expect(gates.textContent).toContain("The groups are not what was planned: a sample-ratio mismatch on Conversion (p < 0.001).");
    expect(gates.textContent).toContain("The sample is short: 4,000 of the 6,510 per group needed.");
    expect(gates.textContent).toContain("Reason given: The till log shows the split broke on one Saturday only.");
  });
});
