import type { ExperimentDesign, KpiDirection, KpiKind, VerdictGateCode } from "../enums";
import type { KpiResult } from "../schemas/experiment";
import { describeResult } from "../stats/describe";
import { isMeasuredDesign, measuredFor, type PilotExperiment, type PilotRecords } from "./pilot-result";
import { armSizes, compareForReading, isProportionResult, kpiSlots, verdictWithheld, type KpiSlot } from "./results";
import { sampleSizeCheck } from "./sample-size";

/**
 * The decision-quality gates before an experiment is declared won: its groups are not what was
 * planned (a sample-ratio mismatch), a guardrail KPI got significantly worse, or the primary
 * KPI's groups are below the sample the experiment needs. A win past any of them needs an
 * explicit reason, which is stored with the verdict and printed in the board pack. Computed the
 * same way by the screen (before asking) and the server (which refuses without the reason).
 *
 * A store pilot (pilot vs control locations, before/after) is judged on its measured result (the
 * KPIs' values per location in its window, shared/experiments/pilot-result.ts), never on typed
 * group figures: a guardrail measured significantly worse is a gate. The other two do not apply.
 * Its stores were chosen, not assigned at random, so there is no planned split to mismatch. And
 * the required sample size counts users per randomised group, which a pilot has none of: its
 * precision comes from how many stores and weeks it was read on, which its interval (and the
 * randomisation p-value) already carry, and which its plan checked before the start as the
 * smallest effect those stores can detect (shared/stats/pilot-plan.ts). A short pilot shows as a
 * wide interval, not as a gate.
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

export interface GateExperiment extends Omit<PilotExperiment, "id" | "design"> {
  /** Whose decision log gives a store pilot its window (its start and end when not set). */
  id?: string | undefined;
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

/**
 * The gates a win of this experiment would go past, each KPI in the order of its slots. `pilot`
 * is what a store pilot's result is measured from (the device's or the server's records).
 */
export function verdictGates(experiment: GateExperiment, kpiOf: (id: string) => GateKpi | undefined, pilot: PilotRecords): VerdictGate[] {
  if (isMeasuredDesign(experiment.design)) return pilotGates(experiment, kpiOf, pilot);
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
    else if (compared.ok && hurts(slot, compared.value, kpi.direction)) gate("guardrail_hurt", slot.kpiId, { pValue: compared.value.pValue });
    if (slot.role === "primary") {
      const { required } = sampleSizeCheck(experiment, kpi.kind);
      const sizes = armSizes(result);
      const smallest = Math.min(sizes.control, sizes.treatment);
      if (required !== null && smallest < required) gate("short_sample", slot.kpiId, { count: smallest, required });
    }
  }
  return gates;
}

/** A guardrail the change likely made worse, in the KPI's own direction. */
const hurts = (slot: KpiSlot, comparison: { chanceToBeat: number; ciAbsolute: [number, number] }, direction: KpiDirection) =>
  slot.role === "guardrail" && describeResult(comparison, { unit: "", direction }).verdict === "likely_worse";

/** A store pilot's gates: each guardrail as measured over the pilot's window (see the module's note for the rest). */
function pilotGates(experiment: GateExperiment, kpiOf: (id: string) => GateKpi | undefined, pilot: PilotRecords): VerdictGate[] {
  const gates: VerdictGate[] = [];
  for (const slot of kpiSlots(experiment)) {
    const direction = kpiOf(slot.kpiId)?.direction;
    if (slot.role !== "guardrail" || !direction) continue;
    const measured = measuredFor({ ...experiment, id: experiment.id ?? "" }, slot.kpiId, pilot);
    if (measured?.state === "ready" && hurts(slot, measured.comparison, direction)) {
      gates.push({ code: "guardrail_hurt", kpiId: slot.kpiId, pValue: measured.comparison.pValue, count: null, required: null });
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
