import { VISIT_KINDS, type VisitKind } from "../../../../shared/enums";
import type { KeyValueStore } from "../../data/storage";

/** What the device remembers from the last visit started: its kind (for everyone) and its place (per organisation). */
const LAST_KIND = "chefsache.visit.kind";
const LAST_LOCATION = "chefsache.visit.location";

/** A kind from a link or storage, if it is one; else the floor walk, the most common visit. */
export const visitKindOr = (value: string | null | undefined, fallback: VisitKind = "floor_walk"): VisitKind => VISIT_KINDS.find((k) => k === value) ?? fallback;

export const lastVisitKind = (storage: KeyValueStore): VisitKind => visitKindOr(storage.get(LAST_KIND));
export const lastVisitPlace = (storage: KeyValueStore, orgId: string): string | null => storage.get(`${LAST_LOCATION}.${orgId}`);

export function rememberVisit(storage: KeyValueStore, orgId: string, kind: VisitKind, locationId: string) {
  storage.set(LAST_KIND, kind);
  storage.set(`${LAST_LOCATION}.${orgId}`, locationId);
}
