import { describe, expect, it } from "vitest";
import { compareProportions } from "../stats/compare";
import { caseScenarios, evidenceChanges, same, freezeEvidence, versionChanges, type CaseSnapshot, type EvidenceRecords } from "./snapshot";
import { describeEvidenceChanges } from "./snapshot-words";
import { EMPTY_CASE } from "../defaults";

const CONVERSION = "00000000-0000-4000-8000-00000000c001";
const SPEND = "00000000-0000-4000-8000-00000000c002";
const X = "00000000-0000-4000-8000-00000000e001";

const records = (results: unknown[], extra: Record<string, unknown> = {}): EvidenceRecords => ({
  experiments: [
    {
      id: X,
      title: "Pickup within the hour",
      status: "won",
      design: "ab_split",
      primaryKpiId: CONVERSION,
      guardrailKpiIds: [SPEND],
      requiredSampleSize: 14_751,
      results: results as never,
      findingIds: [],
      ...extra,
    },
  ],
  kpis: [
    { id: CONVERSION, name: "Conversion", kind: "proportion", unit: "percent", direction: "higher" },
    { id: SPEND, name: "Spend per customer", kind: "mean", unit: "eur", direction: "higher" },
  ],
  pilot: { measurements: [], decisions: [], today: "2026-12-01" },
});

const conversion = { kpiId: CONVERSION, control: { users: 10_000, conversions: 2_050 }, treatment: { users: 10_000, conversions: 2_200 } };
const spend = { kpiId: SPEND, control: { n: 2_000, mean: 41.2, sd: 12 }, treatment: { n: 2_000, mean: 40.1, sd: 12 } };

describe("freezing a case's evidence", () => {
  it("keeps each KPI's result, interval, sample against the required size and sample-ratio check", () => {
    const [x] = freezeEvidence([X], records([conversion, spend]));
    const expected = compareProportions(conversion.control, conversion.treatment);
    if (!expected.ok) throw new Error("compare");
    expect(x!.status).toBe("won");
    const [primary, guardrail] = x!.kpis;
    expect(primary).toMatchObject({ role: "primary", name: "Conversion", source: "typed", arms: { control: { size: 10_000, value: 0.205 } } });
    expect(primary!.comparison!.ciAbsolute).toEqual(expected.value.ciAbsolute);
    expect(primary!.srm).toEqual({ pValue: 1, mismatch: false });
    // 10,000 of the 14,751 needed per group: a short sample, frozen as such.
    expect(primary!.sample).toEqual({ required: 14_751, control: 10_000, treatment: 10_000, reached: false });
    expect(guardrail).toMatchObject({ role: "guardrail", name: "Spend per customer", sample: null });
    expect(guardrail!.comparison!.absoluteLift).toBeCloseTo(-1.1, 12);
  });

  it("leaves out an experiment that is gone, and says a missing result is missing", () => {
    expect(freezeEvidence(["00000000-0000-4000-8000-00000000dead"], records([conversion]))).toEqual([]);
    const [x] = freezeEvidence([X], records([conversion]));
    expect(x!.kpis[1]).toMatchObject({ kpiId: SPEND, comparison: null });
  });
});

describe("what changed", () => {
  it("reads numbers as the same to twelve digits (another engine may differ in the last bit), and anything else exactly", () => {
    expect(same({ npv: 640244.12345678912, ci: [0.004461, 0.0405] }, { npv: 640244.123456789, ci: [0.004461, 0.0405] })).toBe(true);
    expect(same({ npv: 640244.12 }, { npv: 640244.13 })).toBe(false);
    expect(same([1, 2], [1, 2, 3])).toBe(false);
    expect(same({ a: null }, {})).toBe(true);
    expect(same("won", "analysing")).toBe(false);
  });

  it("finds a corrected result and a reopened verdict, and nothing when the evidence is the same", () => {
    const before = freezeEvidence([X], records([conversion, spend]));
    expect(evidenceChanges(before, freezeEvidence([X], records([conversion, spend])))).toEqual([]);
    // A field the board does not read (notes) is no change.
    expect(evidenceChanges(before, freezeEvidence([X], records([conversion, spend], { notes: "checked" })))).toEqual([]);

    const corrected = { ...conversion, treatment: { users: 10_000, conversions: 2_120 } };
    const after = freezeEvidence([X], records([corrected, spend], { status: "analysing" }));
    const changes = evidenceChanges(before, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.parts.map((p) => p.part)).toEqual(["status", "result"]);
    expect(describeEvidenceChanges(changes)).toBe(
      "The evidence changed after submission, so the case is back in draft: “Pickup within the hour”: its status went from won to analysing, its result changed.",
    );
    expect(evidenceChanges(before, [])).toEqual([{ experimentId: X, title: "Pickup within the hour", parts: [{ part: "removed" }] }]);
  });

  it("compares a resubmission with the version before: the money, the NPV, and an ask whose words did not follow the money", () => {
    const fields = {
      ...EMPTY_CASE,
      title: "Pickup",
      ask: "€120,000 for pickup desks",
      lift: { low: 0.004, base: 0.0225, high: 0.041 },
      annualVolume: 400_000,
      valuePerUnit: 35,
      investment: 120_000,
      runningCostPerYear: 20_000,
      horizonYears: 3,
      discountRate: 0.08,
    };
    const version = (n: number, investment: number, ask = fields.ask): CaseSnapshot => {
      const f = { ...fields, investment, ask };
      return { businessCaseId: X, version: n, submittedAt: "", submittedBy: { id: "", name: "" }, fields: f, scenarios: caseScenarios(f), experiments: [], changed: null };
    };
    const changes = versionChanges(version(1, 120_000), version(2, 48_000));
    expect(changes.since).toBe(1);
    expect(changes.fields).toEqual([{ field: "investment", from: 120_000, to: 48_000 }]);
    expect(changes.npv!.to!.base - changes.npv!.from!.base).toBeCloseTo(72_000, 6);
    expect(changes.askMayBeStale).toBe(true);
    // An ask rewritten with the money is not stale.
    expect(versionChanges(version(1, 120_000), version(2, 48_000, "€48,000 for pickup desks")).askMayBeStale).toBe(false);
    expect(versionChanges(version(1, 120_000), version(2, 120_000))).toMatchObject({ fields: [], npv: null, evidence: [], askMayBeStale: false });
  });

  it("names each option whose cost or benefit changed in a resubmission, and the options added or dropped", () => {
    const [nothing, rollOut, webCheck, saturdays] = ["1", "2", "3", "4"].map((n) => `00000000-0000-4000-8000-00000000000${n}`);
    const options = (rollOutInvestment: number, more: CaseSnapshot["fields"]["options"]) => [
      { id: nothing!, title: "Do nothing", description: "", doNothing: true },
      { id: rollOut!, title: "Roll out", description: "", doNothing: false, investment: rollOutInvestment, runningCostPerYear: 20_000, annualBenefit: 60_000 },
      ...more,
    ];
    const version = (n: number, list: CaseSnapshot["fields"]["options"]): CaseSnapshot => ({
      businessCaseId: X,
      version: n,
      submittedAt: "",
      submittedBy: { id: "", name: "" },
      fields: { ...EMPTY_CASE, title: "Pickup", options: list },
      scenarios: null,
      experiments: [],
      changed: null,
    });
    // An option stored before options had amounts.
    const before = version(1, options(120_000, [{ id: webCheck!, title: "Web check only", description: "", doNothing: false }]));
    const after = version(
      2,
      options(48_000, [
        { id: webCheck!, title: "Web check only", description: "", doNothing: false, investment: null, runningCostPerYear: null, annualBenefit: 10_000 },
        { id: saturdays!, title: "Saturdays only", description: "", doNothing: false },
      ]),
    );
    const changes = versionChanges(before, after);
    expect(changes.fields.map((f) => f.field)).toEqual(["options"]);
    expect(changes.options).toEqual([
      { change: "amount", title: "Roll out", amount: "investment", from: 120_000, to: 48_000 },
      { change: "amount", title: "Web check only", amount: "annualBenefit", from: null, to: 10_000 },
      { change: "added", title: "Saturdays only" },
    ]);
    expect(versionChanges(after, before).options).toEqual([
      { change: "amount", title: "Roll out", amount: "investment", from: 48_000, to: 120_000 },
      { change: "amount", title: "Web check only", amount: "annualBenefit", from: 10_000, to: null },
      { change: "removed", title: "Saturdays only" },
    ]);
    // Amounts written as null where an older option had none are no change.
    const older = version(3, options(48_000, [{ id: webCheck!, title: "Web check", description: "", doNothing: false }]));
    const nulls = version(4, options(48_000, [{ id: webCheck!, title: "Web check", description: "", doNothing: false, investment: null, runningCostPerYear: null, annualBenefit: null }]));
    expect(versionChanges(older, nulls)).toMatchObject({ fields: [], options: [] });
  });
});
