import { and, eq, inArray } from "drizzle-orm";
import type { LocationKind } from "../../shared/enums";
import { templateFits } from "../../shared/mystery/fit";
import type { Mutation } from "../../shared/sync/protocol";
import { locations, mysteryTemplates } from "../db/schema";
import type { Tx } from "../orgs/create";

/** What the batch's mystery shops name, as stored: each template's location kinds and each location's kind. */
export interface ShopPlaces {
  templateKinds: Map<string, LocationKind[] | null>;
  locationKinds: Map<string, LocationKind>;
}

/** A shop's template and location as the batch leaves them (the stored record's, unless the mutation changes them). */
interface ShopState {
  templateId?: unknown;
  locationId?: unknown;
}

/** Looks up, in bulk, the templates and locations the batch's shop mutations and the shops they change name. */
export async function loadShopPlaces(tx: Tx, orgId: string, mutations: Mutation[], storedShop: (id: string) => ShopState | undefined): Promise<ShopPlaces> {
  const templateIds = new Set<string>();
  const locationIds = new Set<string>();
  for (const m of mutations) {
    if (m.entity !== "mystery_shop" || m.op !== "upsert") continue;
    const stored = storedShop(m.entityId);
    const templateId = m.fields.templateId ?? stored?.templateId;
    const locationId = m.fields.locationId ?? stored?.locationId;
    if (typeof templateId === "string") templateIds.add(templateId);
    if (typeof locationId === "string") locationIds.add(locationId);
  }
  const places: ShopPlaces = { templateKinds: new Map(), locationKinds: new Map() };
  if (templateIds.size > 0) {
    const rows = await tx
      .select({ id: mysteryTemplates.id, locationKinds: mysteryTemplates.locationKinds })
      .from(mysteryTemplates)
      .where(and(eq(mysteryTemplates.orgId, orgId), inArray(mysteryTemplates.id, [...templateIds])));
    for (const row of rows) places.templateKinds.set(row.id, row.locationKinds);
  }
  if (locationIds.size > 0) {
    const rows = await tx
      .select({ id: locations.id, kind: locations.kind })
      .from(locations)
      .where(and(eq(locations.orgId, orgId), inArray(locations.id, [...locationIds])));
    for (const row of rows) places.locationKinds.set(row.id, row.kind);
  }
  return places;
}

/**
 * Why a shop cannot be run at this location, or null when it can: a template is used only at
 * the kinds of location it is made for (shared/mystery/fit.ts).
 */
export function misplacedShop(templateKinds: readonly LocationKind[] | null | undefined, locationKind: LocationKind | undefined): string | null {
  if (templateFits(templateKinds, locationKind)) return null;
  const names = (templateKinds ?? []).map((k) => k.replace("_", " ")).join(", ");
  return `This template is for ${names} locations, not for a ${locationKind?.replace("_", " ") ?? "location of another kind"}`;
}
