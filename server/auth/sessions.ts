import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { LoginResponse, Membership } from "../../shared/schemas/auth";
import type { Db } from "../db/client";
import { memberships, organisations, sessions, users } from "../db/schema";
import { isHttps } from "../http/client";
import { sessionCacheFor } from "./session-cache";
import { hashToken, newToken } from "./tokens";

export const SESSION_COOKIE = "chefsache_session";
const SESSION_DAYS = 30;

export async function startSession(db: Db, c: Context, userId: string) {
  const token = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: isHttps(c),
    expires: expiresAt,
  });
}

export async function endSession(db: Db, c: Context) {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const tokenHash = hashToken(token);
    sessionCacheFor(db).forgetToken(tokenHash);
    await db.update(sessions).set({ revokedAt: new Date().toISOString() }).where(eq(sessions.tokenHash, tokenHash));
  }
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: isHttps(c) });
}

/**
 * Resolves the session cookie to the user and all their memberships: from the session
 * cache when it is fresh, else in one query (this runs on every authenticated request).
 */
export async function loadSession(db: Db, c: Context): Promise<LoginResponse | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const cache = sessionCacheFor(db);
  const cached = cache.get(tokenHash);
  if (cached) return cached;
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      orgId: memberships.orgId,
      orgName: organisations.name,
      role: memberships.role,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`${new Date().toISOString()}`),
      ),
    )
    .orderBy(organisations.name);
  const first = rows[0];
  if (!first) return null;
  const list: Membership[] = [];
  for (const row of rows) {
    if (row.orgId && row.orgName && row.role) list.push({ orgId: row.orgId, orgName: row.orgName, role: row.role });
  }
  const session = { user: { id: first.id, email: first.email, name: first.name }, memberships: list };
  cache.set(tokenHash, session, Date.parse(first.expiresAt));
  return session;
}

export async function loginShape(db: Db, userId: string): Promise<LoginResponse> {
  const [user] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
  if (!user) throw new Error(`user ${userId} vanished`);
  const list = await db
    .select({ orgId: memberships.orgId, orgName: organisations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(organisations.name);
  return { user, memberships: list };
}
