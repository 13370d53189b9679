import type { ExperimentDesign } from "../enums";
import type { KpiResult } from "../schemas/experiment";
import { compare, compareAbsolute, type Comparison } from "../stats/compare";
import type { StatsOutcome } from "../stats/outcome";
import type { CompareResult } from "../stats/schemas";
import { DEFAULT_ALPHA, EVEN_SPLIT } from "../stats/defaults";

/**
 * Reading an experiment's typed results, the same way on the device (the results screen, the
 * pack) and on the server (the gates before a verdict): which KPIs, the split the sample-ratio
 * check expects, and the comparison. Type imports of the schemas only: the screens load no zod.
 */

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

export const isProportionResult = (result: KpiResult): result is Extract<KpiResult, { control: { users: number } }> => "users" in result.control;

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

/** Each group's size: users for a rate, observations for a mean. */
export function armSizes(result: KpiResult): { control: number; treatment: number } {
  const size = (arm: "control" | "treatment") => {
    const group = result[arm] as { users?: number; n?: number };
    return group.users ?? group.n ?? 0;
  };
  return { control: size("control"), treatment: size("treatment") };
}
