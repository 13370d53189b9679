import type { Role } from "./roles";

/**
 * The role groups and organisation-wide abilities of the rule book (shared/permissions.ts, which
 * re-exports them): kept apart only so the app shell's navigation can read them without loading
 * the per-record rules.
 */

export const ADMIN: readonly Role[] = ["admin"];
/** Who triages findings (new → triaged → linked → closed) and runs experiments day to day. */
export const CX: readonly Role[] = ["admin", "cx_ops"];
/** Who decides for the organisation: approvals of experiments and business cases. */
export const DECIDERS: readonly Role[] = ["admin", "board"];
export const EVERYONE: readonly Role[] = ["admin", "executive", "cx_ops", "board"];

export const ORG_ABILITIES = {
  /** Locations, journey stages, segments, themes, the organisation's own settings. */
  manage_settings: ADMIN,
  /** Invites, roles, removing people. */
  manage_people: ADMIN,
  /** The archive: restoring deleted records, purging them after 90 days. */
  manage_archive: ADMIN,
  /** The board view (who goes to the floor, what the portfolio produced). */
  board_view: DECIDERS,
  /** API keys with which machines send KPI measurements (the KPI feed). */
  manage_api_keys: ADMIN,
  /** Importing KPI measurements from a file (or sending them to the feed with a session). */
  import_measurements: CX,
} as const satisfies Record<string, readonly Role[]>;
export type OrgAbility = keyof typeof ORG_ABILITIES;

export function canDo(person: { role: Role }, ability: OrgAbility): boolean {
  return ORG_ABILITIES[ability].includes(person.role);
}
