import type { I18n, MessageKey } from "../i18n";

/** Refusal codes of a sync push whose meaning the interface says in its own words. */
const REFUSALS: Record<string, MessageKey> = {
  forbidden: "sync.refused.forbidden",
  locked: "sync.refused.locked",
  invalid_reference: "sync.refused.invalid_reference",
  validation_failed: "sync.refused.validation_failed",
};

/**
 * Why the server refused a change, for the sync panel. The server's sentence is English and
 * precise, so English shows it; Dutch says the same by its code (and falls back to the sentence).
 */
export function refusalText(i18n: Pick<I18n, "language" | "t">, error: { code: string; message: string }): string {
  const key = REFUSALS[error.code];
  return i18n.language() === "en" || !key ? error.message : i18n.t(key);
}
