import type { LoginResponse } from "../../shared/schemas/auth";
import type { Db } from "../db/client";

interface Entry {
  session: LoginResponse;
  /** When the entry must be checked against the database again (ms since epoch). */
  freshUntil: number;
  /** When the session last carried a request, as far as this process knows (ms since epoch). */
  lastUsedAt: number;
}

const MAX_ENTRIES = 10_000;

/** What was forgotten: one session, one person's sessions, or everyone's (neither given). */
export interface Forgotten {
  tokenHash?: string;
  userId?: string;
}

/**
 * Resolved sessions kept for a few seconds, so an authenticated request usually needs no
 * database round trip (a query costs more than the rest of the request together).
 * This process drops entries itself on logout and membership changes; other processes
 * sharing the database (several servers on sqld/Turso) see such a change within `ttlMs`.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly forgetListeners = new Set<(forgotten: Forgotten) => void>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(tokenHash: string): LoginResponse | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.freshUntil > this.now()) return entry.session;
    this.entries.delete(tokenHash);
    return undefined;
  }

  /** `expiresAt`: when the session ends unless used again (its idle deadline or its hard end, whichever is sooner). */
  set(tokenHash: string, session: LoginResponse, expiresAt: number, lastUsedAt = this.now()) {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(tokenHash, { session, freshUntil: Math.min(this.now() + this.ttlMs, expiresAt), lastUsedAt });
  }

  /** When a cached session last carried a request (undefined when it is not cached). */
  lastUsedAt(tokenHash: string): number | undefined {
    return this.entries.get(tokenHash)?.lastUsedAt;
  }

  /** After the session's `last_used_at` was written. */
  markUsed(tokenHash: string, at: number) {
    const entry = this.entries.get(tokenHash);
    if (entry) entry.lastUsedAt = at;
  }

  forgetToken(tokenHash: string) {
    this.entries.delete(tokenHash);
    this.told({ tokenHash });
  }

  /** After a change to someone's memberships or roles. */
  forgetUser(userId: string) {
    for (const [key, entry] of this.entries) if (entry.session.user.id === userId) this.entries.delete(key);
    this.told({ userId });
  }

  /** After a change that touches many people at once (an organisation renamed, say). */
  clear() {
    this.entries.clear();
    this.told({});
  }

  /**
   * Tells `listener` whenever something is forgotten (after the change it follows has committed),
   * so what holds on to a session for long (a live stream) can check it again at once.
   */
  onForget(listener: (forgotten: Forgotten) => void): () => void {
    this.forgetListeners.add(listener);
    return () => this.forgetListeners.delete(listener);
  }

  private told(forgotten: Forgotten) {
    for (const listener of this.forgetListeners) listener(forgotten);
  }
}

const caches = new WeakMap<Db, SessionCache>();

/** The cache belongs to the database handle it mirrors: one per app, fresh for every test database. */
export function sessionCacheFor(db: Db): SessionCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new SessionCache()));
  return cache;
}
