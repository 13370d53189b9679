import { scoreShop, type ShopScore } from "../../../../shared/mystery/score";
import type { MysteryAnswer, MysterySection } from "../../../../shared/schemas/mystery";

/** The parts of a stored shop and template the results need (records still syncing may lack some). */
export interface ShopRecord {
  id: string;
  templateId?: string | undefined;
  locationId?: string | undefined;
  completedAt?: string | null | undefined;
  answers?: Record<string, MysteryAnswer> | undefined;
  /** The template's sections as the shop started with them; absent on shops from before shops kept a copy. */
  sections?: MysterySection[] | null | undefined;
}
export interface TemplateRecord {
  id: string;
  sections?: MysterySection[] | undefined;
}
export interface LocationRecord {
  id: string;
  name?: string | undefined;
}

/**
 * The questions a shop is answered and scored against: its own copy, taken when it started,
 * so editing the template later leaves its score alone. Shops from before shops kept a copy
 * fall back to the template as it is now; undefined when neither is on this device.
 */
export function shopSections(
  shop: Pick<ShopRecord, "sections">,
  template: Pick<TemplateRecord, "sections"> | undefined,
): MysterySection[] | undefined {
  return shop.sections ?? template?.sections;
}

/**
 * The wave a shop belongs to: the calendar month it was completed in, on this device's clock
 * ("2026-03"). Mystery shopping runs in monthly waves, and a league compares one wave's shops.
 */
export function waveOf(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso.slice(0, 7);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}`;
}

/** The waves completed shops fall in, newest first. */
export function wavesOf(scored: readonly Pick<ScoredShop, "wave">[]): string[] {
  return [...new Set(scored.map((s) => s.wave))].sort().reverse();
}

/** A completed shop with its score. */
export interface ScoredShop {
  id: string;
  templateId: string;
  locationId: string;
  completedAt: string;
  /** See `waveOf`. */
  wave: string;
  /** The sections it was scored against (see `shopSections`). */
  sections: MysterySection[];
  score: ShopScore;
}

/**
 * Scores every completed shop whose questions are known, oldest first. A shop in progress,
 * or an older shop without its own copy whose template has not arrived on this device yet,
 * has no result to show.
 */
export function scoreCompletedShops(shops: readonly ShopRecord[], templates: readonly TemplateRecord[]): ScoredShop[] {
  const templateById = new Map(templates.map((t) => [t.id, t]));
  const scored: ScoredShop[] = [];
  for (const shop of shops) {
    if (!shop.completedAt || !shop.templateId || !shop.locationId) continue;
    const template = templateById.get(shop.templateId);
    // A template still arriving may lack its sections: it scores as empty, as it shows.
    const sections = shopSections(shop, template && { sections: template.sections ?? [] });
    if (!sections) continue;
    scored.push({
      id: shop.id,
      templateId: shop.templateId,
      locationId: shop.locationId,
      completedAt: shop.completedAt,
      wave: waveOf(shop.completedAt),
      sections,
      score: scoreShop(sections, shop.answers ?? {}),
    });
  }
  return scored.sort((a, b) => (a.completedAt < b.completedAt ? -1 : a.completedAt > b.completedAt ? 1 : a.id < b.id ? -1 : 1));
}

/** The templates that scored shops were made with, for a filter that offers only choices with results. */
export function templatesUsed<T extends { id: string }>(scored: readonly ScoredShop[], templates: readonly T[]): T[] {
  const used = new Set(scored.map((s) => s.templateId));
  return templates.filter((t) => used.has(t.id));
}

/** One completed shop on a location's trend line. */
export interface TrendPoint {
  shopId: string;
  templateId: string;
  at: string;
  percent: number | null;
  failed: boolean;
  /** Percentage per section id (of the shop's template). */
  sections: Record<string, number | null>;
}

/**
 * The sections to chart and tabulate for a run of shops of one template: those of the latest
 * shop first, in its order, then any that only older shops had (a section since removed), so a
 * past score never drops out of view. Each is titled as the latest shop that had it called it.
 */
export function trendSections(scored: readonly ScoredShop[]): MysterySection[] {
  const seen = new Set<string>();
  const sections: MysterySection[] = [];
  for (let i = scored.length - 1; i >= 0; i--) {
    for (const section of scored[i]!.sections) {
      if (seen.has(section.id)) continue;
      seen.add(section.id);
      sections.push(section);
    }
  }
  return sections;
}

/** A location's completed shops over time, optionally of one template only. */
export function locationTrend(scored: readonly ScoredShop[], locationId: string, templateId: string | null = null): TrendPoint[] {
  return scored
    .filter((shop) => shop.locationId === locationId && (templateId === null || shop.templateId === templateId))
    .map((shop) => ({
      shopId: shop.id,
      templateId: shop.templateId,
      at: shop.completedAt,
      percent: shop.score.percent,
      failed: shop.score.failed,
      sections: Object.fromEntries(shop.score.sections.map((s) => [s.sectionId, s.percent])),
    }));
}

export interface LeagueRow {
  locationId: string;
  name: string;
  shops: number;
  latest: number | null;
  latestFailed: boolean;
  latestAt: string;
  /** The wave of the latest shop (see `waveOf`). */
  wave: string;
  /** Mean of the shops' overall percentages (shops without a score left out). */
  average: number | null;
  /** Shops that failed a critical question. */
  failedCritical: number;
}

/** Which shops a league compares: of one template and of one wave, or (null) all. */
export interface LeagueFilter {
  templateId?: string | null;
  wave?: string | null;
}

/** One row per location with completed shops (optionally of one template, one wave), in no particular order. */
export function leagueTable(scored: readonly ScoredShop[], locations: readonly LocationRecord[], filter: LeagueFilter = {}, unknownName = "?"): LeagueRow[] {
  const names = new Map(locations.map((l) => [l.id, l.name ?? unknownName]));
  const byLocation = new Map<string, ScoredShop[]>();
  for (const shop of scored) {
    if (filter.templateId && shop.templateId !== filter.templateId) continue;
    if (filter.wave && shop.wave !== filter.wave) continue;
    const list = byLocation.get(shop.locationId) ?? [];
    list.push(shop);
    byLocation.set(shop.locationId, list);
  }
  return [...byLocation].map(([locationId, shops]) => {
    // `scored` is oldest first, so the last one is the latest.
    const latest = shops[shops.length - 1]!;
    const percents = shops.map((s) => s.score.percent).filter((p): p is number => p !== null);
    return {
      locationId,
      name: names.get(locationId) ?? unknownName,
      shops: shops.length,
      latest: latest.score.percent,
      latestFailed: latest.score.failed,
      latestAt: latest.completedAt,
      wave: latest.wave,
      average: percents.length > 0 ? percents.reduce((a, b) => a + b, 0) / percents.length : null,
      failedCritical: shops.filter((s) => s.score.failed).length,
    };
  });
}

export type LeagueSortKey = "name" | "latest" | "average" | "shops" | "failedCritical";
export type SortDirection = "ascending" | "descending";

/**
 * The league in the order asked for. By the latest shop, a location whose latest shop failed a
 * critical question ranks below every one that passed, whatever its percentage: a failed shop
 * is a failed shop. Locations without a score go last in either direction; ties are broken by
 * name, so the order is stable and predictable.
 */
export function sortLeague(rows: readonly LeagueRow[], key: LeagueSortKey, direction: SortDirection, locale = "en"): LeagueRow[] {
  const sign = direction === "ascending" ? 1 : -1;
  const byName = (a: LeagueRow, b: LeagueRow) => a.name.localeCompare(b.name, locale) || (a.locationId < b.locationId ? -1 : 1);
  return [...rows].sort((a, b) => {
    if (key === "name") return sign * byName(a, b);
    const x = a[key];
    const y = b[key];
    if (x === null && y === null) return byName(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    if (key === "latest" && a.latestFailed !== b.latestFailed) return sign * (a.latestFailed ? -1 : 1);
    return x !== y ? sign * (x - y) : byName(a, b);
  });
}
