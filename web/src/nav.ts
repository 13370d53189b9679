import { ROLES, type Role } from "../../shared/roles";
import type { MessageKey } from "./i18n/en";

export type NavIcon = "home" | "visits" | "findings" | "mystery" | "admin" | "me";

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
  // Visits are what executives (and CX operations, walking along) do; admins and the board reach
  // them from Home or a finding. That keeps every role at five tabs or fewer on a 360 px bar,
  // with room for mystery shopping. "My actions" lives on Home and on each finding.
  { path: "visits", label: "nav.visits", icon: "visits", roles: ["executive", "cx_ops"] },
  { path: "findings", label: "nav.findings", icon: "findings", roles: ROLES },
  { path: "mystery", label: "nav.mystery", icon: "mystery", roles: ["admin", "executive", "cx_ops"] },
  { path: "admin", label: "nav.admin", icon: "admin", roles: ["admin"] },
  { path: "me", label: "nav.me", icon: "me", roles: ROLES },
];

export function navFor(role: Role): NavEntry[] {
  return NAV.filter((entry) => entry.roles.includes(role));
}

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
];
