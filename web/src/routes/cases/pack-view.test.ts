import { describe, expect, it } from "vitest";
import { caseScenarios, type CaseSnapshot, type EvidenceRecords, type FrozenExperiment } from "../../../../shared/business-cases/snapshot";
import { EMPTY_CASE } from "../../../../shared/defaults";
import { caseQualityFlags, findingGroups, numberFindings } from "./evidence";
import type { BusinessCase, CaseDecision } from "./model";
import { packView, versionOfDecisions } from "./pack-view";
import { footerRule, pageContent } from "./print-footer";

const CASE = "00000000-0000-4000-8000-0000000000c1";
const NONE: EvidenceRecords = { experiments: [], kpis: [], pilot: { measurements: [], decisions: [], today: "2026-12-01" } };
const ready = { ...EMPTY_CASE, title: "Pickup", ask: "€120,000", lift: { low: 0.004, base: 0.0225, high: 0.041 }, annualVolume: 400_000, valuePerUnit: 35, investment: 120_000, runningCostPerYear: 20_000, horizonYears: 3, discountRate: 0.08 };
const record = (status: string, fields: Partial<typeof ready> = {}) => ({ id: CASE, ...ready, ...fields, status, authorId: "u", createdAt: "", updatedAt: "", pending: false }) as unknown as BusinessCase;
const snapshot = (version: number, fields: Partial<typeof ready>, extra: Partial<CaseSnapshot> = {}): CaseSnapshot => {
  const f = { ...ready, ...fields };
  return { businessCaseId: CASE, version, submittedAt: `2026-12-0${version}T10:00:00.000Z`, submittedBy: { id: "u", name: "Chris CX" }, fields: f, scenarios: caseScenarios(f), experiments: [], changed: null, ...extra };
};

describe("what the board reads of a case", () => {
  it("a submitted case is its latest submission, not what the device holds, with what changed since the one before", () => {
    const view = packView(record("submitted", { investment: 999 }), [snapshot(1, {}), snapshot(2, { investment: 48_000 })], NONE);
    expect(view.submission?.version).toBe(2);
    expect(view.fields.investment).toBe(48_000);
    expect(view.sincePrevious?.fields).toEqual([{ field: "investment", from: 120_000, to: 48_000 }]);
    expect(view.changedSinceSubmission).toEqual([]);
  });

  it("a draft is the case as it stands; one sent back says why, and what it changed since its last submission", () => {
    const changed = { at: "2026-12-03T09:00:00.000Z", by: { id: "b", name: "Bea Bestuur" }, changes: [{ experimentId: "x", title: "Pickup test", parts: [{ part: "removed" as const }] }] };
    const view = packView(record("draft", { investment: 48_000 }), [snapshot(1, {}, { changed })], NONE);
    expect(view.submission).toBeNull();
    expect(view.fields.investment).toBe(48_000);
    expect(view.sentBack).toEqual({ ...changed, version: 1 });
    expect(view.sincePrevious?.since).toBe(1);
    expect(view.sincePrevious?.fields.map((f) => f.field)).toEqual(["investment"]);
  });

  it("ties each decision to the version it answered", () => {
    const decisions = [
      { businessCaseId: CASE, from: "draft", to: "submitted", at: "2026-12-01T10:00:00.000Z" },
      { businessCaseId: CASE, from: "submitted", to: "draft", at: "2026-12-01T12:00:00.000Z" },
      { businessCaseId: CASE, from: "draft", to: "submitted", at: "2026-12-02T10:00:00.000Z" },
      { businessCaseId: CASE, from: "submitted", to: "approved", at: "2026-12-04T10:00:00.000Z" },
    ] as CaseDecision[];
    const versions = versionOfDecisions(decisions, [snapshot(1, {}), snapshot(2, {})]);
    expect(decisions.map((d) => versions.get(d))).toEqual([1, 1, 2, 2]);
  });
});

describe("the evidence as the pack prints it", () => {
  it("numbers each finding once across cases, and a finding recorded word for word at several stores once", () => {
    const f = (id: string, saw: string) => ({ id, saw, felt: "Frustrated", expectation: "" });
    const one = [f("a", "No stock check"), f("b", "Queue at the till")];
    const two = [f("b", "Queue at the till"), f("c", "No stock check"), f("d", "Nobody to ask")];
    const numbers = numberFindings([one, two]);
    expect([...numbers.entries()]).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 1],
      ["d", 3],
    ]);
    expect(findingGroups([...one, ...two.slice(1)], numbers).map((g) => [g.number, g.findings.map((x) => x.id)])).toEqual([
      [1, ["a", "c"]],
      [2, ["b"]],
      [3, ["d"]],
    ]);
  });

  it("flags what a board must not miss: a mismatch of the groups, a short sample, a hurt or missing guardrail", () => {
    const kpi = { kpiId: "k", name: "Conversion", kind: "proportion", unit: "percent", direction: "higher", source: "typed", arms: null, pilot: null } as const;
    const comparison = (chanceToBeat: number) => ({ absoluteLift: 0.01, ciAbsolute: [0.001, 0.02] as [number, number], relativeLift: null, ciRelative: null, pValue: 0.01, chanceToBeat });
    const experiment: FrozenExperiment = {
      id: "x",
      title: "Pickup",
      status: "won",
      design: "ab_split",
      change: "",
      requiredSampleSize: 14_751,
      findingIds: [],
      kpis: [
        { ...kpi, role: "primary", comparison: comparison(0.99), srm: { pValue: 4e-13, mismatch: true }, sample: { required: 14_751, control: 10_000, treatment: 10_000, reached: false } },
        { ...kpi, kpiId: "nps", name: "NPS", kind: "mean", role: "guardrail", comparison: comparison(0.02), srm: null, sample: null },
        { ...kpi, kpiId: "spend", name: "Spend", kind: "mean", role: "guardrail", comparison: null, srm: null, sample: null },
      ],
    };
    expect(caseQualityFlags([experiment])).toEqual(["srm", "short", "hurt", "guardrailMissing"]);
    expect(caseQualityFlags([{ ...experiment, kpis: [{ ...experiment.kpis[0]!, srm: { pValue: 0.5, mismatch: false }, sample: null }] }])).toEqual([]);
  });
});

describe("the printed page's footer", () => {
  it("puts the words in strings and the page numbers in counters, escaped", () => {
    expect(pageContent("Page {page} of {pages}")).toBe('"Page " counter(page) " of " counter(pages)');
    expect(pageContent("{page}/{pages}")).toBe('counter(page) "/" counter(pages)');
    expect(footerRule('Shop "A" \\ B · 6 December 2026', "Pagina {page} van {pages}")).toBe(
      '@media print { @page { @bottom-left { content: "Shop \\"A\\" \\\\ B · 6 December 2026"; font: 8pt system-ui, sans-serif; color: #444; } @bottom-right { content: "Pagina " counter(page) " van " counter(pages); font: 8pt system-ui, sans-serif; color: #444; } } }',
    );
  });
});
