import { AttemptLimiter } from "./rate-limit";

export interface LoginLimits {
  /** Failed attempts at one account before failing addresses must wait (growing delays). */
  perEmail: number;
  /** Attempts (failed or still being checked) from one address, at any accounts, per window. */
  perIp: number;
  windowMs: number;
}
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perEmail: 10, perIp: 100, windowMs: 15 * 60_000 };

/** The first wait once an account has had `perEmail` failures; it doubles with each further one. */
const FIRST_DELAY_MS = 1000;

/** Why an attempt may not be made now, and for how many seconds. */
export interface Refusal {
  refused: "address" | "account";
  retryAfter: number;
}

/** A reserved attempt: settle it exactly once. */
export interface LoginAttempt {
  /** How many attempts the address has counted, this one included: its place in the line of hashes. */
  rank: number;
  failed(): void;
  succeeded(): void;
  /** The password was never checked (the server was busy): the attempt does not count. */
  withdrawn(): void;
}

interface Tally {
  failures: number;
  inFlight: number;
  lastFailureAt: number;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Who may try a password now. Each attempt is counted when it starts, before the slow hash, so
 * guesses sent at the same moment count one by one.
 *
 * - Per address: at most `perIp` attempts in the window, at any accounts (spraying).
 * - Per account: after `perEmail` failures, an address that has itself failed at the account
 *   (or has an attempt at it under way) waits 1 s, 2 s, 4 s … after its last failure, up to half
 *   the window. An address that has not failed at it may still try, so guessers cannot lock the
 *   owner out.
 *
 * Failures are forgotten a window after the last one; a success forgets those made from its
 * address (a typo by the owner), not the ones from elsewhere.
 */
export class LoginThrottle {
  private readonly addresses: AttemptLimiter;
  private readonly accounts = new Map<string, Tally>();
  private readonly pairs = new Map<string, Tally>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.addresses = new AttemptLimiter(limits.perIp, limits.windowMs, now);
  }

  attempt(account: string, address: string): LoginAttempt | Refusal {
    const pairKey = `${account}\n${address}`;
    const accountWait = this.accountWait(this.current(this.accounts, account), this.current(this.pairs, pairKey));
    if (accountWait > 0) return { refused: "account", retryAfter: seconds(accountWait) };
    const addressWait = this.addresses.reserve(address);
    if (addressWait > 0) return { refused: "address", retryAfter: addressWait };
    const accountTally = this.open(this.accounts, account);
    const pairTally = this.open(this.pairs, pairKey);
    accountTally.inFlight += 1;
    pairTally.inFlight += 1;

    let settled = false;
    const settle = (outcome: "failed" | "succeeded" | "withdrawn") => {
      if (settled) return;
      settled = true;
      accountTally.inFlight -= 1;
      pairTally.inFlight -= 1;
      if (outcome === "failed") {
        const now = this.now();
        for (const tally of [accountTally, pairTally]) {
          tally.failures += 1;
          tally.lastFailureAt = now;
        }
        return;
      }
      this.addresses.release(address);
      if (outcome === "succeeded") {
        // The owner proved who failed from here; other addresses' failures still stand.
        accountTally.failures = Math.max(0, accountTally.failures - pairTally.failures);
        pairTally.failures = 0;
      }
    };
    return {
      rank: this.addresses.load(address),
      failed: () => settle("failed"),
      succeeded: () => settle("succeeded"),
      withdrawn: () => settle("withdrawn"),
    };
  }

  /** Milliseconds this address must wait before trying the account (0: it may try now). */
  private accountWait(account: Tally | undefined, pair: Tally | undefined): number {
    const { perEmail, windowMs } = this.limits;
    if (!account || !pair || account.failures + account.inFlight < perEmail) return 0;
    if (pair.inFlight > 0) return FIRST_DELAY_MS;
    if (pair.failures === 0) return 0;
    // At most half the window: a guesser who keeps going keeps the account's failures
    // remembered (they are forgotten a window after the last one), and so keeps waiting long.
    const delay = Math.min(windowMs / 2, FIRST_DELAY_MS * 2 ** Math.max(0, account.failures - perEmail));
    return pair.lastFailureAt + delay - this.now();
  }

  /** The key's tally, unless it has run out: a window after its last failure, with nothing under way. */
  private current(tallies: Map<string, Tally>, key: string): Tally | undefined {
    const tally = tallies.get(key);
    if (tally && tally.inFlight === 0 && this.now() - tally.lastFailureAt >= this.limits.windowMs) {
      tallies.delete(key);
      return undefined;
    }
    return tally;
  }

  private open(tallies: Map<string, Tally>, key: string): Tally {
    const found = this.current(tallies, key);
    if (found) return found;
    const now = this.now();
    const fresh: Tally = { failures: 0, inFlight: 0, lastFailureAt: now };
    tallies.set(key, fresh);
    if (tallies.size > 100_000) {
      for (const [other, tally] of tallies) if (tally.inFlight === 0 && now - tally.lastFailureAt >= this.limits.windowMs) tallies.delete(other);
    }
    return fresh;
  }
}
