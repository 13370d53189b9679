/**
 * Counts attempts per key in a fixed window. In memory on purpose: it protects one process
 * against guessing; a fleet behind a load balancer would also limit at the edge.
 *
 * An attempt whose outcome takes a while (a password hash) is reserved before the work starts
 * and counts from then on, so attempts made at the same moment each count; `release` takes
 * back one that turned out not to count (a success, or one never checked).
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again, or 0 when it may try now. */
  blockedFor(key: string): number {
    const entry = this.current(key);
    if (!entry) return 0;
    return entry.count >= this.max ? Math.ceil((entry.resetAt - this.now()) / 1000) : 0;
  }

  /** Counts an attempt now, unless the key is blocked: then the seconds to wait (else 0). */
  reserve(key: string): number {
    const wait = this.blockedFor(key);
    if (wait === 0) this.fail(key);
    return wait;
  }

  /** Takes back one reserved attempt. */
  release(key: string) {
    const entry = this.current(key);
    if (!entry) return;
    entry.count -= 1;
    if (entry.count <= 0) this.attempts.delete(key);
  }

  /** Attempts counted for the key in its current window. */
  load(key: string): number {
    return this.current(key)?.count ?? 0;
  }

  fail(key: string) {
    const now = this.now();
    const entry = this.attempts.get(key);
    if (!entry || entry.resetAt <= now) this.attempts.set(key, { count: 1, resetAt: now + this.windowMs });
    else entry.count += 1;
    if (this.attempts.size > 100_000) this.prune(now);
  }

  clear(key: string) {
    this.attempts.delete(key);
  }

  private current(key: string) {
    const entry = this.attempts.get(key);
    if (entry && entry.resetAt <= this.now()) {
      this.attempts.delete(key);
      return undefined;
    }
    return entry;
  }

  private prune(now: number) {
    for (const [key, entry] of this.attempts) if (entry.resetAt <= now) this.attempts.delete(key);
  }
}
