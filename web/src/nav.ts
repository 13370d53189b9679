import { ORG_ABILITIES } from "../../shared/abilities";
import { ROLES, type Role } from "../../shared/roles";
import type { MessageKey } from "./i18n/en";

export type NavIcon = "home" | "board" | "visits" | "findings" | "experiments" | "mystery" | "admin" | "me";

export interface NavEntry {
  /** Path inside the organisation ("" is its home). */
  path: string;
  label: MessageKey;
  icon: NavIcon;
  roles: readonly Role[];
}

/**
 * The one list of main navigation tabs. A feature that arrives later adds its entry here with the
 * roles that use it (visits for executives, experiments for CX operations, the board view …).
 */
export const NAV: readonly NavEntry[] = [
  { path: "", label: "nav.home", icon: "home", roles: ROLES },
  // Five tabs at most on a 360 px bar, so each role gets the tabs it uses daily and reaches the
  // rest from Home: visits are the executives' daily work (CX operations start one from Home's
  // "Start a visit" and find theirs there too); experiments are where CX operations, admins and
  // the board work (executives propose theirs from a finding); mystery shopping stays a tab for
  // those who run shops, while admins keep its templates on Home. "My actions" lives on Home
  // and on each finding.
  { path: "visits", label: "nav.visits", icon: "visits", roles: ["executive"] },
  { path: "findings", label: "nav.findings", icon: "findings", roles: ROLES },
  { path: "experiments", label: "nav.experiments", icon: "experiments", roles: ["admin", "cx_ops", "board"] },
  { path: "mystery", label: "nav.mystery", icon: "mystery", roles: ["executive", "cx_ops"] },
  { path: "admin", label: "nav.admin", icon: "admin", roles: ORG_ABILITIES.manage_settings },
  { path: "me", label: "nav.me", icon: "me", roles: ROLES },
];

/** The board's home is the board view, so its Home tab is named for what it opens. */
const HOME_TAB: Partial<Record<Role, Pick<NavEntry, "label" | "icon">>> = { board: { label: "nav.board", icon: "board" } };

export function navFor(role: Role): NavEntry[] {
  const home = HOME_TAB[role];
  return NAV.filter((entry) => entry.roles.includes(role)).map((entry) => (entry.path === "" && home ? { ...entry, ...home } : entry));
}

/**
 * The address of a page inside the organisation. Links to it are plain `<a href>`: the router
 * takes their clicks. Its `<A>` matches the route for every link it draws, which made a board of
 * 80 figures spend a third of its first render there; it is kept for links that carry state.
 */
export function orgHref(orgId: string, path = ""): string {
  return path ? `/o/${orgId}/${path}` : `/o/${orgId}`;
}

/** The admin screens, in the order of the admin sub-navigation. */
export const ADMIN_SECTIONS: readonly { path: string; label: MessageKey }[] = [
  { path: "people", label: "admin.people" },
  { path: "locations", label: "admin.locations" },
  { path: "journey-stages", label: "admin.journeyStages" },
  { path: "segments", label: "admin.segments" },
  { path: "themes", label: "admin.themes" },
  { path: "organisation", label: "admin.organisation" },
  { path: "archive", label: "admin.archive" },
  { path: "api-keys", label: "admin.apiKeys" },
];
