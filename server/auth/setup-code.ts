import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 letters and digits without 0/O and 1/I, so a code read off a terminal is typed right. */
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A one-time code of 10 characters (50 bits), shown in two groups of five: "K7QXM-3HWPA". */
export function newSetupCode(): string {
  // 256 is a multiple of 32, so every character is equally likely.
  const chars = [...randomBytes(10)].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const normalised = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, "");
const digest = (code: string) => createHash("sha256").update(normalised(code)).digest();

/** Whether `given` is the code, ignoring case, spaces and dashes; in constant time (digests have one length). */
export function isSetupCode(given: string, code: string): boolean {
  return timingSafeEqual(digest(given), digest(code));
}
