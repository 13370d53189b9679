import type { Context } from "hono";
import { clientAddress } from "../http/client";
import type { AppEnv } from "../http/env";
import { ApiError } from "../http/errors";
import { logEvent } from "../http/request-log";
import type { LoginThrottle, Refusal } from "./login-throttle";
import { dummyHash, HashingBusy, verifyPassword } from "./passwords";

const inWords = (seconds: number) => {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
};

/** A 429 with Retry-After, logged with who was refused and why. */
export function tooManyAttempts(c: Context<AppEnv>, refusal: Refusal | { refused: "busy" | "invite"; retryAfter: number }, fields: Record<string, unknown>) {
  c.header("Retry-After", String(refusal.retryAfter));
  logEvent(c, "rate_limited", { reason: refusal.refused, retryAfter: refusal.retryAfter, ...fields });
  if (refusal.refused === "busy") return new ApiError(429, "busy", "The server is busy checking other logins; try again in a moment");
  return new ApiError(429, "too_many_attempts", `Too many login attempts; try again in ${inWords(refusal.retryAfter)}`);
}

/**
 * Checks a password someone typed for `email` (`hash`: the account's, undefined when there is
 * no such account), as one attempt from this request's address: counted before the hash runs,
 * refused with a 429 without hashing when the address or the account has had too many, and
 * turned away with a 429 `busy` when the line of hashes is full. True only for the right
 * password of an existing account; a wrong one is logged as `login_failed`.
 */
export async function checkPassword(
  c: Context<AppEnv>,
  throttle: LoginThrottle,
  guess: { email: string; password: string; hash: string | undefined | (() => Promise<string | undefined>) },
  fields: Record<string, unknown> = {},
): Promise<boolean> {
  const ip = clientAddress(c);
  const who = { email: guess.email, ip, ...fields };
  const attempt = throttle.attempt(guess.email, ip);
  if ("refused" in attempt) throw tooManyAttempts(c, attempt, who);
  let hash: string | undefined;
  let matches: boolean;
  try {
    // Looked up only once the attempt is allowed: a flood that is refused costs no query.
    hash = typeof guess.hash === "function" ? await guess.hash() : guess.hash;
    // An unknown e-mail costs the same hash as a wrong password, so timing does not tell them apart.
    matches = await verifyPassword(guess.password, hash ?? (await dummyHash), { rank: attempt.rank });
  } catch (error) {
    attempt.withdrawn();
    if (error instanceof HashingBusy) throw tooManyAttempts(c, { refused: "busy", retryAfter: 1 }, who);
    throw error;
  }
  if (hash !== undefined && matches) {
    attempt.succeeded();
    return true;
  }
  attempt.failed();
  logEvent(c, "login_failed", { ...who, knownEmail: hash !== undefined });
  return false;
}
