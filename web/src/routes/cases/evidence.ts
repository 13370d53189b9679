/**
 * Reading the frozen evidence of a case for the board: each KPI's number formats, whether its
 * guardrails held, its samples were reached and its groups were what was planned, and the
 * findings behind a set of cases numbered once. Pure: no DOM, no store.
 */
import type { FrozenComparison, FrozenExperiment, FrozenKpi } from "../../../../shared/business-cases/snapshot";
import { liftFormat, readResult, type KpiTraits, type Language, type LiftFormat, type UnitWord } from "../experiments/results";

/**
 * A KPI's traits as its result reads: a store pilot's effect is a difference of the KPI's own
 * values (a rate measured in percent reads as points of a mean), a typed result its kind's.
 */
export const traitsOf = (kpi: Pick<FrozenKpi, "source" | "kind" | "unit" | "direction">): KpiTraits => ({
  kind: kpi.source === "measured" ? "mean" : kpi.kind,
  unit: kpi.unit,
  direction: kpi.direction,
});

export function kpiFormat(kpi: FrozenKpi, language: Language, points: UnitWord, comparison: FrozenComparison | null = kpi.comparison): { traits: KpiTraits; format: LiftFormat } {
  const traits = traitsOf(kpi);
  return { traits, format: liftFormat(comparison ?? { ciAbsolute: [0, 0], ciRelative: null }, traits, language, { points }) };
}

/** What a board must not miss about an experiment's evidence. */
export type QualityFlag = "srm" | "short" | "hurt" | "missing" | "guardrailMissing";

/** The flags of one experiment: a sample-ratio mismatch, a short sample, a hurt guardrail, a result missing (the primary's, a guardrail's). */
export function qualityFlags(experiment: FrozenExperiment): QualityFlag[] {
  const flags = new Set<QualityFlag>();
  const primary = experiment.kpis.find((k) => k.role === "primary");
  if (!primary?.comparison) flags.add("missing");
  for (const kpi of experiment.kpis) {
    if (kpi.srm?.mismatch) flags.add("srm");
    if (kpi.sample && !kpi.sample.reached) flags.add("short");
    if (kpi.role === "guardrail" && kpi.comparison && guardrailHurt(kpi)) flags.add("hurt");
    if (kpi.role === "guardrail" && !kpi.comparison) flags.add("guardrailMissing");
  }
  return (["srm", "short", "hurt", "missing", "guardrailMissing"] as const).filter((flag) => flags.has(flag));
}

/** A guardrail is hurt when the change likely made it worse, in its own direction. */
export const guardrailHurt = (kpi: FrozenKpi) => kpi.comparison !== null && readResult(kpi.comparison, traitsOf(kpi), "en").guardrail === "hurt";

/** The flags of every experiment behind a case, each once. */
export const caseQualityFlags = (experiments: readonly FrozenExperiment[]): QualityFlag[] => [...new Set(experiments.flatMap(qualityFlags))];

interface Described {
  id: string;
  saw?: string | null | undefined;
  felt?: string | null | undefined;
  expectation?: string | null | undefined;
}

/** What a finding describes, word for word: the same words from several places are one finding seen there. */
const descriptionOf = (f: Described) => {
  const words = [f.saw, f.felt, f.expectation].map((text) => (text ?? "").trim().toLowerCase());
  return words.every((w) => w === "") ? `id:${f.id}` : words.join("\u0000");
};

/**
 * Numbers for findings in the order they first appear (1, 2, …): each finding once however many
 * cases name it, and findings that say the same thing (recorded at several stores) under one
 * number, so the pack prints the text once with every place it was seen.
 */
export function numberFindings(lists: readonly (readonly Described[])[]): Map<string, number> {
  const numbers = new Map<string, number>();
  const byDescription = new Map<string, number>();
  for (const list of lists) {
    for (const finding of list) {
      if (numbers.has(finding.id)) continue;
      const key = descriptionOf(finding);
      const number = byDescription.get(key) ?? byDescription.size + 1;
      byDescription.set(key, number);
      numbers.set(finding.id, number);
    }
  }
  return numbers;
}

/** Findings by their number, in number order: each group is one finding as printed. */
export function findingGroups<F extends { id: string }>(findings: readonly F[], numbers: ReadonlyMap<string, number>): { number: number; findings: F[] }[] {
  const groups = new Map<number, F[]>();
  for (const finding of findings) {
    const number = numbers.get(finding.id);
    if (number === undefined) continue;
    groups.set(number, [...(groups.get(number) ?? []), finding]);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([number, group]) => ({ number, findings: group }));
}
