import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { LoginResponse, Membership } from "../../shared/schemas/auth";
import type { Db } from "../db/client";
import type { Writer } from "../orgs/create";
import { memberships, organisations, sessions, users } from "../db/schema";
import { isHttps } from "../http/client";
import { sessionCacheFor } from "./session-cache";
import { hashToken, newToken } from "./tokens";

/**
 * The session cookie's name: `__Host-chefsache_session` over https (the browser then holds it
 * only for this exact host, Secure and for every path, so a sibling subdomain cannot plant or
 * overwrite it), `chefsache_session` over plain http (where the prefix is not allowed). Each
 * scheme reads only its own name.
 */
export const SESSION_COOKIE = "chefsache_session";

const DAY = 86_400_000;
/** A session ends 14 days after its last request… */
export const SESSION_IDLE_MS = 14 * DAY;
/** …and 90 days after the login, however busy. */
export const SESSION_MAX_MS = 90 * DAY;
/** `last_used_at` is written at most this often per session, so reads stay reads. */
export const SESSION_TOUCH_MS = 60 * 60_000;

const cookiePrefix = (c: Context) => (isHttps(c) ? ("host" as const) : undefined);

/**
 * The cookie lives as long as the session would stay unused: until the idle deadline, capped at the
 * hard end. It is written again whenever `last_used_at` moves, so browser and server agree.
 */
function setSessionCookie(c: Context, token: string, lastUsedAt: number, expiresAt: number) {
  const until = Math.min(lastUsedAt + SESSION_IDLE_MS, expiresAt);
  const prefix = cookiePrefix(c);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: isHttps(c),
    maxAge: Math.max(0, Math.floor((until - Date.now()) / 1000)),
    expires: new Date(until),
    ...(prefix ? { prefix } : {}),
  });
}

/** The session token the request carries under the name for its scheme. */
function sessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE, cookiePrefix(c));
}

/** The stored hash of the request's session token, if it carries one. */
export function currentTokenHash(c: Context): string | undefined {
  const token = sessionToken(c);
  return token ? hashToken(token) : undefined;
}

export async function startSession(db: Db, c: Context, userId: string) {
  const token = newToken();
  const now = Date.now();
  const expiresAt = now + SESSION_MAX_MS;
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: new Date(now).toISOString(),
    lastUsedAt: new Date(now).toISOString(),
    expiresAt: new Date(expiresAt).toISOString(),
  });
  setSessionCookie(c, token, now, expiresAt);
}

function clearSessionCookie(c: Context) {
  const prefix = cookiePrefix(c);
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: isHttps(c), ...(prefix ? { prefix } : {}) });
}

export async function endSession(db: Db, c: Context) {
  const tokenHash = currentTokenHash(c);
  if (tokenHash) {
    await db.update(sessions).set({ revokedAt: new Date().toISOString() }).where(eq(sessions.tokenHash, tokenHash));
    // After the write: forgetting earlier would let a request in between cache the open session again.
    sessionCacheFor(db).forgetToken(tokenHash);
  }
  clearSessionCookie(c);
}

/**
 * Revokes every open session of a person (`except` one, the request's own, when given) and
 * answers how many. Inside a transaction, the caller forgets them in the session cache once it
 * has committed (forgetting earlier lets a request in between cache the old state again).
 */
export async function revokeSessions(writer: Writer, userId: string, except?: string) {
  const result = await writer
    .update(sessions)
    .set({ revokedAt: new Date().toISOString() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), except ? ne(sessions.tokenHash, except) : undefined));
  return result.rowsAffected;
}

/**
 * Ends the request's own session and every other one of its person, at once in this process
 * (others: within the cache's freshness); clears the cookie. Answers how many ended.
 */
export async function endAllSessions(db: Db, c: Context, userId: string) {
  const ended = await revokeSessions(db, userId);
  sessionCacheFor(db).forgetUser(userId);
  clearSessionCookie(c);
  return ended;
}

/**
 * Resolves the session cookie to the user and all their memberships: from the session
 * cache when it is fresh, else in one query (this runs on every authenticated request).
 * A session unused for 14 days or 90 days old resolves to nothing; one last used more than an
 * hour ago has `last_used_at` and the cookie's expiry moved on.
 */
export async function loadSession(db: Db, c: Context): Promise<LoginResponse | null> {
  const token = sessionToken(c);
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const cache = sessionCacheFor(db);
  const now = Date.now();
  let session = cache.get(tokenHash);
  let lastUsedAt = cache.lastUsedAt(tokenHash);
  let expiresAt = 0;
  if (!session || lastUsedAt === undefined) {
    const found = await readSession(db, tokenHash, now);
    if (!found) return null;
    ({ session, lastUsedAt, expiresAt } = found);
    cache.set(tokenHash, session, Math.min(expiresAt, lastUsedAt + SESSION_IDLE_MS), lastUsedAt);
  }
  if (now - lastUsedAt >= SESSION_TOUCH_MS) {
    const touched = await db
      .update(sessions)
      .set({ lastUsedAt: new Date(now).toISOString() })
      .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)))
      .returning({ expiresAt: sessions.expiresAt });
    const row = touched[0];
    if (!row) {
      // Revoked by another process since this one cached it.
      cache.forgetToken(tokenHash);
      return null;
    }
    cache.markUsed(tokenHash, now);
    setSessionCookie(c, token, now, Date.parse(row.expiresAt));
  }
  return session;
}

/**
 * Whether a session is still open, with its memberships, for something that outlives its request
 * (a live stream): from the session cache when fresh, else from the database. Unlike
 * `loadSession` it neither needs the request nor counts as a use.
 */
export async function openSession(db: Db, tokenHash: string): Promise<LoginResponse | null> {
  const cache = sessionCacheFor(db);
  const cached = cache.get(tokenHash);
  if (cached) return cached;
  const found = await readSession(db, tokenHash, Date.now());
  if (!found) return null;
  cache.set(tokenHash, found.session, Math.min(found.expiresAt, found.lastUsedAt + SESSION_IDLE_MS), found.lastUsedAt);
  return found.session;
}

/** The open session with this token hash: neither revoked, past its hard end nor idle too long. */
async function readSession(db: Db, tokenHash: string, now: number) {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      orgId: memberships.orgId,
      orgName: organisations.name,
      role: memberships.role,
      expiresAt: sessions.expiresAt,
      lastUsedAt: sql<string>`coalesce(${sessions.lastUsedAt}, ${sessions.createdAt})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`${new Date(now).toISOString()}`),
        gt(sql`coalesce(${sessions.lastUsedAt}, ${sessions.createdAt})`, sql`${new Date(now - SESSION_IDLE_MS).toISOString()}`),
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
  return { session, lastUsedAt: Date.parse(first.lastUsedAt), expiresAt: Date.parse(first.expiresAt) };
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
