import type { LocationKind } from "../enums";

/**
 * Whether a template may be used at a location of this kind: only where it says it applies (a
 * store visit is no test of the app). A template that names no kinds (made before templates
 * did) fits anywhere. Zod-free: the screens offer exactly the places the server accepts.
 */
export function templateFits(locationKinds: readonly LocationKind[] | null | undefined, kind: LocationKind | null | undefined): boolean {
  if (!locationKinds || locationKinds.length === 0) return true;
  return kind !== null && kind !== undefined && locationKinds.includes(kind);
}
