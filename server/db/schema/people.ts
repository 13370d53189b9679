import { sqliteTable, text, primaryKey, index, uniqueIndex, integer, real } from "drizzle-orm/sqlite-core";
import { DEFAULT_DISCOUNT_RATE } from "../../../shared/defaults";
import type { Role } from "../../../shared/roles";

export const organisations = sqliteTable("organisations", {
  id: text().primaryKey(),
  name: text().notNull(),
  createdAt: text().notNull(),
  /** Floor visits a month each director is expected to make (the board view's cadence target). */
  visitTargetPerMonth: integer().notNull().default(2),
  /** The discount rate new business cases start with. */
  defaultDiscountRate: real().notNull().default(DEFAULT_DISCOUNT_RATE),
  /** Nobody approves what they proposed; only an organisation with a single admin may switch it off. */
  separationOfDuties: integer({ mode: "boolean" }).notNull().default(true),
});

export const users = sqliteTable(
  "users",
  {
    id: text().primaryKey(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    createdAt: text().notNull(),
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    orgId: text().notNull().references(() => organisations.id),
    userId: text().notNull().references(() => users.id),
    role: text().$type<Role>().notNull(),
    createdAt: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

/** Sessions are looked up by the SHA-256 of the cookie token, so a leaked table holds no usable token. */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text().primaryKey(),
    userId: text().notNull().references(() => users.id),
    createdAt: text().notNull(),
    /** The hard end (90 days after login); the session also ends 14 days after `lastUsedAt`. */
    expiresAt: text().notNull(),
    revokedAt: text(),
    /** When the session last carried a request (updated at most hourly): the sliding idle timeout. */
    lastUsedAt: text(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** One-time password reset links an admin made for a member: shown once, stored hashed, 24 hours. */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: text().primaryKey(),
    orgId: text().notNull().references(() => organisations.id),
    userId: text().notNull().references(() => users.id),
    tokenHash: text().notNull(),
    createdBy: text().notNull().references(() => users.id),
    createdAt: text().notNull(),
    expiresAt: text().notNull(),
    usedAt: text(),
  },
  (t) => [uniqueIndex("password_resets_token_idx").on(t.tokenHash), index("password_resets_user_idx").on(t.userId)],
);

/** A scratch table the readiness check writes to (and rolls back), to prove the database takes writes. */
export const healthProbe = sqliteTable("health_probe", {
  id: integer().primaryKey(),
  at: text().notNull(),
});

export const invites = sqliteTable(
  "invites",
  {
    id: text().primaryKey(),
    orgId: text().notNull().references(() => organisations.id),
    email: text().notNull(),
    role: text().$type<Role>().notNull(),
    tokenHash: text().notNull(),
    createdBy: text().notNull().references(() => users.id),
    createdAt: text().notNull(),
    expiresAt: text().notNull(),
    acceptedAt: text(),
    revokedAt: text(),
  },
  (t) => [uniqueIndex("invites_token_idx").on(t.tokenHash), index("invites_org_idx").on(t.orgId)],
);
