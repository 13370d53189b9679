/**
 * The organisation's own settings as typed on the admin screen: the floor-visit target a month
 * and the discount rate new business cases start with (typed in percent, stored as a fraction).
 * Pure functions, tested without a browser.
 */
import { MAX_VISIT_TARGET } from "../../../../shared/limits";
import type { Organisation } from "../../data/org-setting";
import { formatInput, parseDecimal } from "../experiments/model";

/** GET /api/orgs/:orgId, as the server declares it. */
export type OrganisationSettings = Organisation;

/** PATCH /api/orgs/:orgId (admins; at least one of them). */
export type OrganisationPatch = Partial<Pick<OrganisationSettings, "visitTargetPerMonth" | "defaultDiscountRate">>;

/** Visits a month as typed: a whole number from 0 to 31, else undefined. */
export function visitTargetFromInput(text: string): number | undefined {
  const parsed = parseDecimal(text);
  if (!parsed.ok || parsed.value === null) return undefined;
  const value = parsed.value;
  return Number.isInteger(value) && value >= 0 && value <= MAX_VISIT_TARGET ? value : undefined;
}

/** The rate typed in percent ("8" or "7,5") as a fraction (0.08, 0.075), from 0 up to but not including 100 %; else undefined. */
export function discountRateFromInput(text: string): number | undefined {
  const parsed = parseDecimal(text);
  if (!parsed.ok || parsed.value === null) return undefined;
  if (parsed.value < 0 || parsed.value >= 100) return undefined;
  // Drops the binary noise of a conversion (7.3 / 100 = 0.07300000000000001).
  return Number((parsed.value / 100).toPrecision(12));
}

/** A stored rate as typed back, in percent: 0.075 → "7.5" (en) / "7,5" (nl). */
export const discountRateToInput = (rate: number, language: string) => formatInput(rate * 100, language);

/** Only what changed: a save that changes nothing sends nothing. */
export function organisationPatch(current: Pick<OrganisationSettings, "visitTargetPerMonth" | "defaultDiscountRate">, next: Required<OrganisationPatch>): OrganisationPatch {
  const patch: OrganisationPatch = {};
  if (next.visitTargetPerMonth !== current.visitTargetPerMonth) patch.visitTargetPerMonth = next.visitTargetPerMonth;
  if (next.defaultDiscountRate !== current.defaultDiscountRate) patch.defaultDiscountRate = next.defaultDiscountRate;
  return patch;
}
