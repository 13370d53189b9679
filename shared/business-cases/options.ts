/**
 * What each of a business case's options is worth against doing nothing, over the case's own
 * horizon at its own discount rate, computed by the one finance formula (shared/finance) the
 * case's scenarios use. Pure and free of the validation library: the case screen, the packs and
 * the frozen submission's comparison all read it.
 */
import { scenarioFromBenefit } from "../finance";
import type { Scenario } from "../finance/schemas";
import type { BusinessCaseFields, CaseOption } from "../schemas/business-case";

/** The amounts an option carries, in the order a board reads them. */
export const OPTION_AMOUNTS = ["investment", "runningCostPerYear", "annualBenefit"] as const;
export type OptionAmount = (typeof OPTION_AMOUNTS)[number];

/** Doing nothing costs nothing and brings nothing: the reference every other option is measured against. */
const REFERENCE: Scenario = { annualBenefit: 0, npv: 0, roi: null, paybackMonths: null };

/**
 * An option's NPV, ROI and payback against doing nothing, or null while one of its three amounts
 * (0 counts), or the case's horizon or discount rate, is missing. A missing amount is not read as
 * 0: an option whose running cost nobody entered would otherwise look cheaper than it is.
 */
export function optionFigures(option: CaseOption, terms: Pick<BusinessCaseFields, "horizonYears" | "discountRate">): Scenario | null {
  if (option.doNothing) return REFERENCE;
  const { investment, runningCostPerYear, annualBenefit } = option;
  const { horizonYears, discountRate } = terms;
  if (investment == null || runningCostPerYear == null || annualBenefit == null || !horizonYears || discountRate == null) return null;
  const outcome = scenarioFromBenefit({ investment, runningCostPerYear, horizonYears, discountRate }, annualBenefit);
  return outcome.ok ? outcome.value : null;
}

/** What a resubmission changed in one option, by the option's title (its new title when renamed). */
export type OptionChange =
  | { change: "amount"; title: string; amount: OptionAmount; from: number | null; to: number | null }
  | { change: "renamed"; title: string; from: string }
  | { change: "described"; title: string }
  | { change: "added"; title: string }
  | { change: "removed"; title: string };

/**
 * Option by option (matched by id), what changed between two versions of a case: each amount
 * that moved (an amount an older option never had reads as none), a new title or description,
 * the options added and those dropped. A list that was only reordered has no changes.
 */
export function optionChanges(before: readonly CaseOption[], after: readonly CaseOption[]): OptionChange[] {
  const changes: OptionChange[] = [];
  for (const now of after) {
    const old = before.find((o) => o.id === now.id);
    if (!old) {
      changes.push({ change: "added", title: now.title });
      continue;
    }
    if (old.title !== now.title) changes.push({ change: "renamed", title: now.title, from: old.title });
    if (old.description !== now.description) changes.push({ change: "described", title: now.title });
    for (const amount of OPTION_AMOUNTS) {
      const from = old[amount] ?? null;
      const to = now[amount] ?? null;
      if (from !== to) changes.push({ change: "amount", title: now.title, amount, from, to });
    }
  }
  for (const old of before) if (!after.some((o) => o.id === old.id)) changes.push({ change: "removed", title: old.title });
  return changes;
}
