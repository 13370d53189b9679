/**
 * An experiment's typed result as the statistics read it: which KPIs it is judged on, comparing
 * each KPI's groups with the shared engine, each group's value and size, and how far the groups
 * are from the sample size the experiment needs. Pure and free of the validation library: the
 * result screen, the board pack and the server's frozen record of a submitted case all read it.
 */
import type { ExperimentDesign } from "../enums";
import type { KpiResult } from "../schemas/experiment";
import { compare, compareAbsolute, type Comparison } from "../stats/compare";
import type { StatsOutcome } from "../stats/outcome";
import type { CompareResult } from "../stats/schemas";
import { DEFAULT_ALPHA, EVEN_SPLIT } from "../stats/defaults";

export type Arm = "control" | "treatment";
export const ARMS: readonly Arm[] = ["control", "treatment"];

export const isProportionResult = (result: KpiResult): result is Extract<KpiResult, { control: { users: number } }> => "users" in result.control;

export interface KpiSlot {
  kpiId: string;
  role: "primary" | "guardrail";
}

/** The primary KPI first, then each guardrail once (a guardrail that is also the primary counts as primary). */
export function kpiSlots(experiment: { primaryKpiId?: string | null | undefined; guardrailKpiIds?: readonly string[] | null | undefined }): KpiSlot[] {
  const slots: KpiSlot[] = [];
  const seen = new Set<string>();
  const add = (kpiId: string, role: KpiSlot["role"]) => {
    if (seen.has(kpiId)) return;
    seen.add(kpiId);
    slots.push({ kpiId, role });
  };
  if (experiment.primaryKpiId) add(experiment.primaryKpiId, "primary");
  for (const id of experiment.guardrailKpiIds ?? []) add(id, "guardrail");
  return slots;
}

/** The split the sample-ratio check expects: the A/B split's treatment share, else equal groups. */
export function expectedSplitFor(design: ExperimentDesign | null | undefined, treatmentShare?: number | null): [number, number] {
  if (design === "ab_split" && treatmentShare && treatmentShare > 0 && treatmentShare < 1) return [1 - treatmentShare, treatmentShare];
  return [...EVEN_SPLIT];
}

/**
 * Whether a sample-ratio mismatch means something: only when users are assigned to the groups
 * at random (an A/B split, or a design not yet chosen). Pilot and control locations, or a period
 * before and after, have whatever sizes they have; a mismatch there would cry wolf every time.
 */
export const sampleRatioApplies = (design: ExperimentDesign | null | undefined) => design === "ab_split" || design === null || design === undefined;

/**
 * Whether a comparison's verdict must be withheld: its groups are not the split the design
 * planned (a sample-ratio mismatch where users are assigned at random). The assignment is broken,
 * so no lift or chance read from these groups can be trusted — fix it before reading.
 */
export const verdictWithheld = (compared: Pick<Comparison, "srm">, design: ExperimentDesign | null | undefined) => sampleRatioApplies(design) && compared.srm.mismatch;

export function compareResult(result: KpiResult, design: ExperimentDesign | null | undefined, treatmentShare?: number | null): StatsOutcome<CompareResult> {
  const expectedSplit = expectedSplitFor(design, treatmentShare);
  if (isProportionResult(result)) return compare({ metric: "proportion", control: result.control, treatment: result.treatment, alpha: DEFAULT_ALPHA, expectedSplit });
  const { control, treatment } = result as Extract<KpiResult, { control: { n: number } }>;
  return compare({ metric: "mean", control, treatment, alpha: DEFAULT_ALPHA, expectedSplit });
}

/**
 * As compareResult, for reading a result: a control at 0 (a small pilot whose control has no
 * conversions yet) still gets its absolute lift, interval, p-value, chance and SRM check; only
 * the relative parts are null, since a lift relative to 0 does not exist.
 */
export function compareForReading(result: KpiResult, design: ExperimentDesign | null | undefined, treatmentShare?: number | null): StatsOutcome<Comparison> {
  const expectedSplit = expectedSplitFor(design, treatmentShare);
  if (isProportionResult(result)) return compareAbsolute({ metric: "proportion", control: result.control, treatment: result.treatment, alpha: DEFAULT_ALPHA, expectedSplit });
  const { control, treatment } = result as Extract<KpiResult, { control: { n: number } }>;
  return compareAbsolute({ metric: "mean", control, treatment, alpha: DEFAULT_ALPHA, expectedSplit });
}

/** Each group's own value: its conversion rate or its mean. */
export function armValues(result: KpiResult): Record<Arm, number> {
  if (isProportionResult(result)) {
    return { control: result.control.conversions / result.control.users, treatment: result.treatment.conversions / result.treatment.users };
  }
  const { control, treatment } = result as Extract<KpiResult, { control: { n: number } }>;
  return { control: control.mean, treatment: treatment.mean };
}

export interface ArmProgress {
  arm: Arm;
  count: number;
  /** 0–1, capped at 1. */
  share: number;
  reached: boolean;
}

export interface SampleProgress {
  required: number;
  arms: ArmProgress[];
  /** Both groups have the users (or observations) the experiment needs per group. */
  reached: boolean;
}

/** Each group's size: users for a rate, observations for a mean. */
export function armSizes(result: KpiResult): Record<Arm, number> {
  const size = (arm: Arm) => {
    const group = result[arm] as { users?: number; n?: number };
    return group.users ?? group.n ?? 0;
  };
  return { control: size("control"), treatment: size("treatment") };
}

/** Users (or observations) per group against the required sample size per variant; null when none is set. */
export function sampleProgress(result: KpiResult, required: number | null | undefined): SampleProgress | null {
  if (!required || !(required > 0)) return null;
  const sizes = armSizes(result);
  const arms = ARMS.map((arm) => {
    const c = sizes[arm];
    return { arm, count: c, share: Math.min(1, Math.max(0, c / required)), reached: c >= required };
  });
  return { required, arms, reached: arms.every((a) => a.reached) };
}
