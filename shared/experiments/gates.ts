import type { ExperimentDesign, KpiDirection, KpiKind, VerdictGateCode } from "../enums";
import type { KpiResult } from "../schemas/experiment";
import { describeResult } from "../stats/describe";
import { armSizes, compareForReading, isProportionResult, kpiSlots, verdictWithheld } from "./results";
import { sampleSizeCheck } from "./sample-size";

/**
 * The decision-quality gates before an experiment is declared won: its groups are not what was
 * planned (a sample-ratio mismatch), a guardrail KPI got significantly worse, or the primary
 * KPI's groups are below the sample the experiment needs. A win past any of them needs an
 * explicit reason, which is stored with the verdict and printed in the board pack. Computed the
 * same way by the screen (before asking) and the server (which refuses without the reason).
 *
 * Only typed group figures are judged: a store pilot's result is measured from its locations'
 * values on the device, and its groups are not assigned at random.
 */

export interface VerdictGate {
  code: VerdictGateCode;
  kpiId: string;
  /** srm: the sample-ratio check's p-value; guardrail_hurt: the comparison's p-value. */
  pValue: number | null;
  /** short_sample: the smaller group's size, and the size each group needs. */
  count: number | null;
  required: number | null;
}

export interface GateExperiment {
  design?: ExperimentDesign | null | undefined;
  treatmentShare?: number | null | undefined;
  primaryKpiId?: string | null | undefined;
  guardrailKpiIds?: readonly string[] | null | undefined;
  results?: readonly KpiResult[] | null | undefined;
  baseline?: number | null | undefined;
  mde?: number | null | undefined;
  requiredSampleSize?: number | null | undefined;
}

export interface GateKpi {
  kind?: KpiKind | null | undefined;
  direction?: KpiDirection | null | undefined;
}

const MEASURED = new Set<ExperimentDesign>(["pilot_control", "before_after"]);

export function verdictGates(experiment: GateExperiment, kpiOf: (id: string) => GateKpi | undefined): VerdictGate[] {
  if (experiment.design && MEASURED.has(experiment.design)) return [];
  const gates: VerdictGate[] = [];
  const gate = (code: VerdictGateCode, kpiId: string, figures: Partial<Pick<VerdictGate, "pValue" | "count" | "required">>) =>
    gates.push({ code, kpiId, pValue: figures.pValue ?? null, count: figures.count ?? null, required: figures.required ?? null });
  for (const slot of kpiSlots(experiment)) {
    const kpi = kpiOf(slot.kpiId);
    if (!kpi?.kind || !kpi.direction) continue;
    const result = (experiment.results ?? []).find((r) => r.kpiId === slot.kpiId && isProportionResult(r) === (kpi.kind === "proportion"));
    if (!result) continue;
    const compared = compareForReading(result, experiment.design, experiment.treatmentShare);
    if (compared.ok && verdictWithheld(compared.value, experiment.design)) gate("srm", slot.kpiId, { pValue: compared.value.srm.pValue });
    else if (compared.ok && slot.role === "guardrail" && describeResult(compared.value, { unit: "", direction: kpi.direction }).verdict === "likely_worse") {
      gate("guardrail_hurt", slot.kpiId, { pValue: compared.value.pValue });
    }
    if (slot.role === "primary") {
      const { required } = sampleSizeCheck(experiment, kpi.kind);
      const sizes = armSizes(result);
      const smallest = Math.min(sizes.control, sizes.treatment);
      if (required !== null && smallest < required) gate("short_sample", slot.kpiId, { count: smallest, required });
    }
  }
  return gates;
}

/** The gates in plain English, for the API's refusal (the screens say them in their language). */
export function gateText(gate: VerdictGate, kpiName: (id: string) => string): string {
  const p = (value: number | null) => (value === null ? "" : value < 0.001 ? " (p < 0.001)" : ` (p = ${value.toPrecision(2)})`);
  if (gate.code === "srm") return `The groups are not what was planned: a sample-ratio mismatch on ${kpiName(gate.kpiId)}${p(gate.pValue)}`;
  if (gate.code === "guardrail_hurt") return `The guardrail ${kpiName(gate.kpiId)} is significantly worse${p(gate.pValue)}`;
  return `The sample is short: ${gate.count?.toLocaleString("en")} of the ${gate.required?.toLocaleString("en")} per group needed`;
}
