import { readFileSync } from "node:fs";
import { ApiError } from "../http/errors";

/**
 * The rules a new password must meet, wherever one is chosen (setup, a new account from an
 * invite, a change, a reset):
 * - its length, 8 to 200 characters: `password` in shared/schemas/auth.ts, so the screens check
 *   it before sending and the route declarations refuse it in the validation shape;
 * - not a common one: here, on the server only (the list is too large for the web bundle).
 * Passwords people already have are never judged again: logging in and joining with an existing
 * account check only that the password is theirs.
 */

export const COMMON_PASSWORD_MESSAGE = "This password is too common; choose another";

let common: Set<string> | undefined;

/** The list (common-passwords.txt beside this file), read once, on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#")),
  );
  return common;
}

/** Digits and symbols people put around a word ("Password123!", "2024monkey"). */
const DECORATION = /^[\d\W_]+|[\d\W_]+$/g;

/** Each character one step after the previous one, or each one step before ("abcdefgh", "98765432"). */
function isRun(text: string): boolean {
  const step = text.charCodeAt(1) - text.charCodeAt(0);
  if (Math.abs(step) !== 1) return false;
  for (let i = 2; i < text.length; i++) if (text.charCodeAt(i) - text.charCodeAt(i - 1) !== step) return false;
  return true;
}

/** Rows of the keyboards people here type on, for walks along them ("qwertyui", "azertyuiop", "mnbvcxz"). */
const KEYBOARD_ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "yxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn"];
const isKeyboardWalk = (text: string) => KEYBOARD_ROWS.some((row) => row.includes(text) || [...row].reverse().join("").includes(text));

/**
 * Whether a password is on the list, is a listed word with digits or symbols around it, or is a
 * pattern no list needs to spell out: one character or a short group repeated ("aaaaaaaa",
 * "abcabcabc"), a run ("12345678", "abcdefgh") or a walk along a keyboard row.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return true;
  const core = lower.replace(DECORATION, "");
  if (core.length >= 4 && list.has(core)) return true;
  if (/^(.{1,4})\1+$/su.test(lower)) return true;
  return [lower, core].some((text) => text.length >= 6 && (isRun(text) || isKeyboardWalk(text)));
}

/** Refuses a common new password with a 400 in the validation shape, naming the field (`path`). */
export function refuseCommonPassword(password: string, path = "password") {
  if (isCommonPassword(password)) {
    throw new ApiError(400, "validation_failed", "The request is not valid", [{ path, message: COMMON_PASSWORD_MESSAGE }]);
  }
}
