export const ROLES = ["admin", "executive", "cx_ops", "board"] as const;
export type Role = (typeof ROLES)[number];
