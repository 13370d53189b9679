export const ROLES = ["admin", "executive", "cx_ops", "board"] as const;
export type Role = (typeof ROLES)[number];

/** Who moves findings through triage (new → triaged → linked → closed). */
export const TRIAGE_ROLES: readonly Role[] = ["admin", "cx_ops"];
