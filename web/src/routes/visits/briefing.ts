/**
 * What a director reads before and during a visit, from the records on the device: the latest
 * mystery-shop score of the place and how it moved, and the looks again ("fixed", "still seen")
 * at earlier findings. Pure functions, tested without a browser.
 */
import type { RecheckResult } from "../../../../shared/enums";
import type { FindingRecheck } from "../../../../shared/schemas/finding";
import { locationTrend, scoreCompletedShops, type ShopRecord, type TemplateRecord } from "../mystery/results-model";

export interface MysterySummary {
  shopId: string;
  at: string;
  /** Weighted percentage, null when nothing scored was answered. */
  percent: number | null;
  /** Failed on a critical question: the shop failed whatever its percentage. */
  failed: boolean;
  /** Percentage points since the shop before with the same template (the only fair comparison); null when none. */
  change: number | null;
  /** Completed shops of the place. */
  count: number;
}

/** The place's latest completed mystery shop and its trend; null when it has none. */
export function mysterySummary(shops: readonly ShopRecord[], templates: readonly TemplateRecord[], locationId: string): MysterySummary | null {
  const trend = locationTrend(scoreCompletedShops(shops, templates), locationId);
  const latest = trend.at(-1);
  if (!latest) return null;
  const before = trend.slice(0, -1).reverse().find((p) => p.templateId === latest.templateId && p.percent !== null);
  const change = latest.percent !== null && before?.percent != null ? latest.percent - before.percent : null;
  return { shopId: latest.shopId, at: latest.at, percent: latest.percent, failed: latest.failed, change, count: trend.length };
}

/** The look a person records now, on a visit. */
export function newRecheck(result: RecheckResult, by: string, visitId: string, now = new Date()): FindingRecheck {
  return { result, by, at: now.toISOString(), visitId };
}

/** What was recorded on this visit ("fixed", "still seen"), if the latest look is this visit's. */
export function recheckOnVisit(finding: { recheck?: FindingRecheck | null | undefined }, visitId: string): RecheckResult | null {
  return finding.recheck && finding.recheck.visitId === visitId ? finding.recheck.result : null;
}
