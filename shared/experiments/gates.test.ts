import { describe, expect, it } from "vitest";
import type { KpiResult } from "../schemas/experiment";
import { gateText, verdictGates, type GateExperiment, type GateKpi } from "./gates";
import type { KpiMeasurementRow, PilotRecords } from "./pilot-result";
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

/** An A/B test's gates read no store values. */
const NO_PILOT: PilotRecords = { measurements: [], decisions: [], today: "2025-06-01" };

const ab = (fields: Partial<GateExperiment>): GateExperiment => ({ design: "ab_split", primaryKpiId: CONVERSION, guardrailKpiIds: [NPS], requiredSampleSize: 4_000, ...fields });

describe("the gates before a verdict of won", () => {
  it("a clean A/B test with enough users and guardrails that held has none", () => {
    expect(verdictGates(ab({ results: [conversion(5_000, 5_000), nps(41.2)] }), kpiOf, NO_PILOT)).toEqual([]);
  });

  it("a sample-ratio mismatch is a gate with its p-value (5,000 against 4,000 on an even split)", () => {
    const gates = verdictGates(ab({ results: [conversion(5_000, 4_000)] }), kpiOf, NO_PILOT);
    expect(gates).toHaveLength(1);
    expect(gates[0]).toMatchObject({ code: "srm", kpiId: CONVERSION });
    // χ² = 2 × 500² / 4,500 = 111.1 on one degree of freedom: p ≈ 5.5e-26.
    expect(gates[0]!.pValue!).toBeLessThan(1e-20);
    expect(gateText(gates[0]!, names)).toBe("The groups are not what was planned: a sample-ratio mismatch on Conversion (p < 0.001)");
  });

  it("the split planned for an A/B test counts: 4,000 against 1,000 at a 20 % treatment share is no mismatch", () => {
    expect(verdictGates(ab({ treatmentShare: 0.2, requiredSampleSize: 1_000, results: [conversion(4_000, 1_000)] }), kpiOf, NO_PILOT)).toEqual([]);
  });

  it("a guardrail that got significantly worse is a gate (NPS 41 → 39.4: z = −2.0, p ≈ 0.046)", () => {
    const gates = verdictGates(ab({ results: [conversion(5_000, 5_000), nps(39.4)] }), kpiOf, NO_PILOT);
    expect(gates.map((g) => g.code)).toEqual(["guardrail_hurt"]);
    expect(gates[0]!.kpiId).toBe(NPS);
    expect(gates[0]!.pValue!).toBeGreaterThan(0.04);
    expect(gates[0]!.pValue!).toBeLessThan(0.05);
    expect(gateText(gates[0]!, names)).toMatch(/^The guardrail NPS is significantly worse \(p = 0\.04\d\)$/);
    // The primary KPI got worse too? That is the verdict's own business (it would not be won), not a guardrail's.
    expect(verdictGates(ab({ guardrailKpiIds: [], results: [conversion(5_000, 5_000, [0.22, 0.2])] }), kpiOf, NO_PILOT)).toEqual([]);
  });

  it("a short sample is a gate: 10,000 of the 14,751 per group needed", () => {
    const gates = verdictGates(ab({ requiredSampleSize: 14_751, results: [conversion(10_000, 10_000)] }), kpiOf, NO_PILOT);
    expect(gates).toEqual([{ code: "short_sample", kpiId: CONVERSION, pValue: null, count: 10_000, required: 14_751 }]);
    expect(gateText(gates[0]!, names)).toBe("The sample is short: 10,000 of the 14,751 per group needed");
  });

  it("the sample needed is what the baseline and MDE give now, not a size left from earlier inputs", () => {
    // Baseline 20 %, MDE 10 %: 6,510 per group (shared/stats); the stored 3,000 is stale.
    const stale = ab({ baseline: 0.2, mde: 0.1, requiredSampleSize: 3_000, results: [conversion(5_000, 5_000)] });
    expect(sampleSizeCheck(stale, "proportion")).toEqual({ stored: 3_000, computed: 6_510, required: 6_510, stale: true });
    expect(verdictGates(stale, kpiOf, NO_PILOT)).toEqual([{ code: "short_sample", kpiId: CONVERSION, pValue: null, count: 5_000, required: 6_510 }]);
  });

  it("all three at once; a guardrail whose own groups mismatch is withheld, not judged", () => {
    const gates = verdictGates(ab({ requiredSampleSize: 14_751, results: [conversion(10_000, 8_000), { kpiId: NPS, control: { n: 5_000, mean: 41, sd: 40 }, treatment: { n: 3_000, mean: 30, sd: 40 } }] }), kpiOf, NO_PILOT);
    expect(gates.map((g) => `${g.code} ${g.kpiId}`)).toEqual([`srm ${CONVERSION}`, `short_sample ${CONVERSION}`, `srm ${NPS}`]);
  });

});

describe("the gates before a store pilot is declared won", () => {
  const P = ["p1", "p2", "p3"];
  const C = ["c1", "c2", "c3", "c4"];
  const monday = (week: number) => new Date(Date.UTC(2025, 0, 6 + 7 * week)).toISOString().slice(0, 10);
  /** 12 weeks before the start (week 12) and 8 from it, each store at its own level with a little wobble; the pilot stores move by `effect` from the start. */
  const weekly = (kpiId: string, level: number, effect: number, stores = [...P, ...C]): KpiMeasurementRow[] =>
    stores.flatMap((id, s) =>
      Array.from({ length: 20 }, (_, week) => ({
        kpiId,
        period: "week" as const,
        periodStart: monday(week),
        locationId: id,
        segmentId: null,
        value: level + s + ((s * 7 + week * 3) % 5) / 10 + (P.includes(id) && week >= 12 ? effect : 0),
      })),
    );
  const pilot = (design: "pilot_control" | "before_after", fields: Partial<GateExperiment> = {}): GateExperiment => ({
    id: "x-pilot",
    status: "analysing",
    design,
    primaryKpiId: CONVERSION,
    guardrailKpiIds: [NPS],
    pilotLocationIds: P,
    controlLocationIds: design === "pilot_control" ? C : [],
    pilotStart: monday(12),
    pilotEnd: monday(19),
    preFrom: monday(0),
    ...fields,
  });
  const records = (npsEffect: number): PilotRecords => ({ measurements: [...weekly(CONVERSION, 20, 1), ...weekly(NPS, 40, npsEffect)], decisions: [], today: "2025-06-01" });

  it("a guardrail measured significantly worse in the pilot stores than in the control stores is a gate, with its p-value", () => {
    const gates = verdictGates(pilot("pilot_control"), kpiOf, records(-3));
    expect(gates).toEqual([{ code: "guardrail_hurt", kpiId: NPS, pValue: expect.any(Number), count: null, required: null }]);
    expect(gates[0]!.pValue!).toBeLessThan(0.001);
    expect(gateText(gates[0]!, names)).toBe("The guardrail NPS is significantly worse (p < 0.001)");
    // Before/after reads the pilot stores alone: the same drop is a gate there too.
    expect(verdictGates(pilot("before_after"), kpiOf, records(-3)).map((g) => `${g.code} ${g.kpiId}`)).toEqual([`guardrail_hurt ${NPS}`]);
  });

  it("a guardrail that held, or one without enough values to read, is none", () => {
    expect(verdictGates(pilot("pilot_control"), kpiOf, records(0.05))).toEqual([]);
    const npsInOneStore = { ...records(-3), measurements: [...weekly(CONVERSION, 20, 1), ...weekly(NPS, 40, -3, ["p1", "c1"])] };
    expect(verdictGates(pilot("pilot_control"), kpiOf, npsInOneStore)).toEqual([]);
  });

  it("neither a sample-ratio check nor a required sample size applies: typed group figures on a pilot are not judged", () => {
    // 5,000 against 4,000 and below the 14,751 needed would be two gates on an A/B test.
    for (const design of ["pilot_control", "before_after"] as const) {
      expect(verdictGates(pilot(design, { requiredSampleSize: 14_751, results: [conversion(5_000, 4_000)] }), kpiOf, records(0))).toEqual([]);
    }
  });
});
