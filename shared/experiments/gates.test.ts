import { describe, expect, it } from "vitest";
import type { KpiResult } from "../schemas/experiment";
import { gateText, verdictGates, type GateExperiment, type GateKpi } from "./gates";
import { sampleSizeCheck } from "./sample-size";

const CONVERSION = "k-conversion";
const NPS = "k-nps";
const KPIS: Record<string, GateKpi> = { [CONVERSION]: { kind: "proportion", direction: "higher" }, [NPS]: { kind: "mean", direction: "higher" } };
const kpiOf = (id: string) => KPIS[id];
const names = (id: string) => (id === NPS ? "NPS" : "Conversion");

const conversion = (control: number, treatment: number, rate = [0.2, 0.22]): KpiResult => ({
  kpiId: CONVERSION,
  control: { users: control, conversions: Math.round(control * rate[0]!) },
  treatment: { users: treatment, conversions: Math.round(treatment * rate[1]!) },
});
// NPS with sd 40 and 5,000 answers a group: the standard error of the difference is 40·√(2/5000) = 0.8.
const nps = (treatmentMean: number, n = 5_000): KpiResult => ({ kpiId: NPS, control: { n, mean: 41, sd: 40 }, treatment: { n, mean: treatmentMean, sd: 40 } });

const ab = (fields: Partial<GateExperiment>): GateExperiment => ({ design: "ab_split", primaryKpiId: CONVERSION, guardrailKpiIds: [NPS], requiredSampleSize: 4_000, ...fields });

describe("the gates before a verdict of won", () => {
  it("a clean A/B test with enough users and guardrails that held has none", () => {
    expect(verdictGates(ab({ results: [conversion(5_000, 5_000), nps(41.2)] }), kpiOf)).toEqual([]);
  });

  it("a sample-ratio mismatch is a gate with its p-value (5,000 against 4,000 on an even split)", () => {
    const gates = verdictGates(ab({ results: [conversion(5_000, 4_000)] }), kpiOf);
    expect(gates).toHaveLength(1);
    expect(gates[0]).toMatchObject({ code: "srm", kpiId: CONVERSION });
    // χ² = 2 × 500² / 4,500 = 111.1 on one degree of freedom: p ≈ 5.5e-26.
    expect(gates[0]!.pValue!).toBeLessThan(1e-20);
    expect(gateText(gates[0]!, names)).toBe("The groups are not what was planned: a sample-ratio mismatch on Conversion (p < 0.001)");
  });

  it("the split planned for an A/B test counts: 4,000 against 1,000 at a 20 % treatment share is no mismatch", () => {
    expect(verdictGates(ab({ treatmentShare: 0.2, requiredSampleSize: 1_000, results: [conversion(4_000, 1_000)] }), kpiOf)).toEqual([]);
  });

  it("a guardrail that got significantly worse is a gate (NPS 41 → 39.4: z = −2.0, p ≈ 0.046)", () => {
    const gates = verdictGates(ab({ results: [conversion(5_000, 5_000), nps(39.4)] }), kpiOf);
    expect(gates.map((g) => g.code)).toEqual(["guardrail_hurt"]);
    expect(gates[0]!.kpiId).toBe(NPS);
    expect(gates[0]!.pValue!).toBeGreaterThan(0.04);
    expect(gates[0]!.pValue!).toBeLessThan(0.05);
    expect(gateText(gates[0]!, names)).toMatch(/^The guardrail NPS is significantly worse \(p = 0\.04\d\)$/);
    // The primary KPI got worse too? That is the verdict's own business (it would not be won), not a guardrail's.
    expect(verdictGates(ab({ guardrailKpiIds: [], results: [conversion(5_000, 5_000, [0.22, 0.2])] }), kpiOf)).toEqual([]);
  });

  it("a short sample is a gate: 10,000 of the 14,751 per group needed", () => {
    const gates = verdictGates(ab({ requiredSampleSize: 14_751, results: [conversion(10_000, 10_000)] }), kpiOf);
    expect(gates).toEqual([{ code: "short_sample", kpiId: CONVERSION, pValue: null, count: 10_000, required: 14_751 }]);
    expect(gateText(gates[0]!, names)).toBe("The sample is short: 10,000 of the 14,751 per group needed");
  });

  it("the sample needed is what the baseline and MDE give now, not a size left from earlier inputs", () => {
    // Baseline 20 %, MDE 10 %: 6,510 per group (shared/stats); the stored 3,000 is stale.
    const stale = ab({ baseline: 0.2, mde: 0.1, requiredSampleSize: 3_000, results: [conversion(5_000, 5_000)] });
    expect(sampleSizeCheck(stale, "proportion")).toEqual({ stored: 3_000, computed: 6_510, required: 6_510, stale: true });
    expect(verdictGates(stale, kpiOf)).toEqual([{ code: "short_sample", kpiId: CONVERSION, pValue: null, count: 5_000, required: 6_510 }]);
  });

  it("all three at once; a guardrail whose own groups mismatch is withheld, not judged", () => {
    const gates = verdictGates(ab({ requiredSampleSize: 14_751, results: [conversion(10_000, 8_000), { kpiId: NPS, control: { n: 5_000, mean: 41, sd: 40 }, treatment: { n: 3_000, mean: 30, sd: 40 } }] }), kpiOf);
    expect(gates.map((g) => `${g.code} ${g.kpiId}`)).toEqual([`srm ${CONVERSION}`, `short_sample ${CONVERSION}`, `srm ${NPS}`]);
  });

  it("a store pilot's typed figures are not judged: its result is measured, its groups not assigned at random", () => {
    for (const design of ["pilot_control", "before_after"] as const) expect(verdictGates(ab({ design, requiredSampleSize: 14_751, results: [conversion(5_000, 4_000)] }), kpiOf)).toEqual([]);
  });
});
