import { cleanup, render, screen, within } from "@solidjs/testing-library";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { caseScenarios, type CaseSnapshot, type FrozenExperiment } from "../../../../shared/business-cases/snapshot";
import { EMPTY_CASE } from "../../../../shared/defaults";
import { AppProvider, createAppState } from "../../context";
import { memoryStore } from "../../data/storage";
import { loadLanguage } from "../../i18n";
import { loadPack } from "../../i18n/packs";
import type { BusinessCase, CaseDecision } from "./model";
import { PackBody, type PackRecords } from "./PackBody";
import { packView } from "./pack-view";

const CASE = "00000000-0000-4000-8000-0000000000c1";
const fields = { ...EMPTY_CASE, kpiId: "k", title: "Pickup in every store", ask: "€120,000 for pickup desks in all stores.", lift: { low: 0.004, base: 0.0225, high: 0.041 }, annualVolume: 400_000, valuePerUnit: 35, investment: 120_000, runningCostPerYear: 20_000, horizonYears: 3, discountRate: 0.08, recommendation: "Approve it." };

/** The won A/B test behind it, as the server froze it: groups off the planned split and short of the sample. */
const experiment: FrozenExperiment = {
  id: "x",
  title: "Reserve online, pick up within the hour",
  status: "won",
  design: "ab_split",
  change: "",
  requiredSampleSize: 14_751,
  findingIds: [],
  kpis: [
    {
      kpiId: "k",
      role: "primary",
      name: "Conversion",
      kind: "proportion",
      unit: "percent",
      direction: "higher",
      source: "typed",
      comparison: { absoluteLift: 0.015, ciAbsolute: [0.003, 0.027], relativeLift: 0.07, ciRelative: [0.01, 0.13], pValue: 0.01, chanceToBeat: 0.995 },
      arms: { control: { size: 10_000, value: 0.205 }, treatment: { size: 10_600, value: 0.22 } },
      srm: { pValue: 4e-13, mismatch: true },
      sample: { required: 14_751, control: 10_000, treatment: 10_600, reached: false },
      pilot: null,
    },
  ],
};

const version = (n: number, investment: number, at: string): CaseSnapshot => {
  const f = { ...fields, investment };
  return { businessCaseId: CASE, version: n, submittedAt: at, submittedBy: { id: "u-cx", name: "Chris CX" }, fields: f, scenarios: caseScenarios(f), experiments: [experiment], changed: null };
};
const snapshots = [version(1, 120_000, "2026-12-01T10:00:00.000Z"), version(2, 48_000, "2026-12-02T10:00:00.000Z")];
const decisions = [
  { businessCaseId: CASE, from: "draft", to: "submitted", reason: "Ready", userName: "Chris CX", at: "2026-12-01T10:00:00.000Z" },
  { businessCaseId: CASE, from: "submitted", to: "draft", reason: "Cheaper", userName: "Chris CX", at: "2026-12-01T15:00:00.000Z" },
  { businessCaseId: CASE, from: "draft", to: "submitted", reason: "Cheaper desks", userName: "Chris CX", at: "2026-12-02T10:00:00.000Z" },
] as CaseDecision[];
const records: PackRecords = {
  experiments: [],
  findings: [],
  kpis: [{ id: "k", name: "Conversion", kind: "proportion", unit: "percent", direction: "higher", pending: false, authorId: "", createdAt: "", updatedAt: "" }],
  decisions,
  snapshots,
  locations: [],
  stages: [],
  themes: [],
  pilot: { measurements: [], decisions: [], today: "2026-12-03" },
  memberName: () => undefined,
};

function renderPack(language: "en" | "nl", record: BusinessCase, pack: PackRecords = records) {
  const state = createAppState({ storage: memoryStore(), browserLanguage: language === "nl" ? "nl-NL" : "en-GB" });
  const view = packView(record, pack.snapshots, pack);
  return render(() => (
    <AppProvider state={state}>
      <PackBody record={record} view={view} records={pack} />
    </AppProvider>
  ));
}

const submitted = { id: CASE, ...fields, investment: 1, status: "submitted", authorId: "u-cx", createdAt: "", updatedAt: "", pending: false } as unknown as BusinessCase;
const text = (element: Element) => (element.textContent ?? "").replace(/\s+/g, " ").trim();

beforeAll(async () => {
  for (const language of ["en", "nl"] as const) {
    await loadLanguage(language);
    for (const pack of ["results", "trust", "decide"] as const) await loadPack(pack, language);
  }
});
afterEach(cleanup);

describe("a case in the board pack", () => {
  it("is the submission the board decides on: what changed since the version before, the ask with its new figure, the resolution", () => {
    renderPack("en", submitted);
    screen.getByText("Version 2, submitted", { exact: false });
    const changes = screen.getByRole("heading", { name: "Changed since version 1" }).parentElement!;
    within(changes).getByText("One-off investment: €120,000 → €48,000");
    within(changes).getByText(/NPV low \/ base \/ high: .* → /);
    // The ask's words still say €120,000: the board is pointed at the figures, which say €48,000.
    within(changes).getByText("The ask reads as in version 1 although the money changed: decide on the figures below.", { exact: false });
    expect(text(document.querySelector(".pack-ask-figures")!)).toBe("Investment €48,000 one-off and €20,000 a year, over 3 years.");
    screen.getByText("The board is asked to approve “Pickup in every store”: Investment €48,000 one-off and €20,000 a year, over 3 years.");
    // Each submission in the history says which version it was.
    expect([...document.querySelectorAll(".decision-detail")].map(text)).toEqual(["Version 1", "Version 2"]);
  });

  it("prints the statistical quality a board must weigh, marked where it should stop a decision", () => {
    renderPack("en", submitted);
    const quality = screen.getByRole("heading", { name: "Guardrails and statistical quality" }).parentElement!;
    const srm = within(quality).getByText(/Sample-ratio mismatch \(p < 0\.001\): the groups are not what was planned/);
    expect(srm.closest("li")!.getAttribute("data-warn")).toBe("true");
    const short = within(quality).getByText(/Short sample: 10,000 and 10,600 per group of the 14,751 needed\./);
    expect(short.closest("li")!.getAttribute("data-warn")).toBe("true");
  });

  it("heads each column of figures over its figures, and says one year and one point as such, in both languages", () => {
    const oneYear = { ...submitted, status: "draft", investment: 120_000, horizonYears: 1, lift: { low: 0.004, base: 0.01, high: 0.041 } } as unknown as BusinessCase;
    renderPack("en", oneYear);
    const headers = [...document.querySelectorAll(".scenario-table thead th")];
    expect(headers.map((th) => [text(th), th.classList.contains("number")])).toEqual([
      ["Scenario", false],
      ["Low", true],
      ["Base", true],
      ["High", true],
    ]);
    const basis = text(document.querySelector(".pack-basis")!);
    expect(basis).toContain("base +1 point,");
    expect(basis).toContain("1 year at 8%");
    cleanup();
    renderPack("nl", oneYear);
    expect(text(document.querySelector(".pack-basis")!)).toContain("1 jaar tegen 8%");
    expect(text(document.querySelector(".pack-ask-figures")!)).toBe("Investering € 120.000 eenmalig en € 20.000 per jaar, over 1 jaar.");
  });

  it("sets the options side by side with their costs and NPV, and names the option whose cost a resubmission changed", () => {
    const options = (investment: number) => [
      { id: "00000000-0000-4000-8000-0000000000f1", title: "Do nothing", description: "Pickup stays in Rotterdam.", doNothing: true },
      { id: "00000000-0000-4000-8000-0000000000f2", title: "Roll out", description: "Every store.", doNothing: false, investment, runningCostPerYear: 10_000, annualBenefit: 60_000 },
      { id: "00000000-0000-4000-8000-0000000000f3", title: "Web check only", description: "", doNothing: false },
    ];
    const withOptions = (n: number, investment: number, at: string): CaseSnapshot => {
      const base = version(n, 120_000, at);
      return { ...base, fields: { ...base.fields, options: options(investment) } };
    };
    const pack = { ...records, snapshots: [withOptions(1, 120_000, "2026-12-01T10:00:00.000Z"), withOptions(2, 100_000, "2026-12-02T10:00:00.000Z")] };
    renderPack("en", submitted, pack);
    const changes = screen.getByRole("heading", { name: "Changed since version 1" }).parentElement!;
    within(changes).getByText("Option “Roll out”: one-off investment €120,000 → €100,000");
    expect(within(changes).queryByText("Options: changed")).toBeNull();

    const table = screen.getByRole("table", { name: "Each option's cost, benefit a year, NPV and payback against doing nothing" });
    const rows = [...table.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map(text));
    // −100,000 + 50,000 × 2.577097 = €28,855; an option without amounts has no NPV yet.
    expect(rows).toEqual([
      ["Do nothing Pickup stays in Rotterdam.", "€0", "€0", "€0", "€0", "–"],
      ["Roll out Every store.", "€100,000", "€10,000", "€60,000", "€28,855", "24 mths"],
      ["Web check only", "–", "–", "–", "–", "–"],
    ]);
    expect([...table.querySelectorAll("thead th")].map((th) => th.classList.contains("number"))).toEqual([false, true, true, true, true, true]);
  });
});
