import { createSignal } from "solid-js";
import { ApiError } from "../data/api";
import { useApp } from "../context";
import type { I18n, MessageKey } from "../i18n";

export type Issues = Record<string, string>;

/** A human sentence for a failed request, in the interface language where the code is known. */
export function describeError(i18n: I18n, error: unknown): string {
  const { t } = i18n;
  if (!(error instanceof ApiError)) return t("error.unexpected");
  if (error.offline) return t("error.offline");
  const known: Record<string, MessageKey> = {
    validation_failed: "error.validation",
    invalid_json: "error.unexpected",
    too_many_attempts: "error.tooManyAttempts",
    busy: "error.busy",
    forbidden: "error.forbidden",
    unauthenticated: "error.sessionEnded",
    not_found: "error.notFound",
    cross_origin: "error.unexpected",
    payload_too_large: "error.tooLarge",
  };
  const key = known[error.code];
  if (key) return t(key);
  if (error.status >= 500) return t("error.server");
  return error.message;
}

/** The server's field messages are English; the ones we know are shown in the interface language. */
export function translateIssue(i18n: I18n, message: string): string {
  if (message === "Required" || message.startsWith("Too small: expected string")) return i18n.t("issue.required");
  if (message === "At least 8 characters") return i18n.t("issue.passwordLength");
  if (message === "This password is too common; choose another") return i18n.t("issue.passwordCommon");
  if (message === "Not a valid e-mail address") return i18n.t("issue.email");
  return message;
}

/** Client-side checks with translated messages, so common mistakes need no round trip. */
export function localIssues(i18n: I18n, checks: Record<string, MessageKey | false>): Issues {
  const issues: Issues = {};
  for (const [path, key] of Object.entries(checks)) if (key) issues[path] = i18n.t(key);
  return issues;
}

export const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+$/.test(value.trim());

/**
 * State of one form's submission: busy flag, a form-level message and per-field issues
 * (from local checks or the API's `issues`), with focus moved to the first invalid field.
 */
export function createSubmission() {
  const { i18n } = useApp();
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<string | null>(null);
  const [issues, setIssues] = createSignal<Issues>({});

  function focusFirstInvalid(form: HTMLFormElement | undefined) {
    queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  async function run<T>(
    task: () => Promise<T>,
    options: { local?: Issues; form?: HTMLFormElement | undefined; explain?: (error: ApiError) => string | undefined } = {},
  ): Promise<T | undefined> {
    if (busy()) return undefined;
    setMessage(null);
    if (options.local && Object.keys(options.local).length > 0) {
      setIssues(options.local);
      focusFirstInvalid(options.form);
      return undefined;
    }
    setIssues({});
    setBusy(true);
    try {
      return await task();
    } catch (error) {
      const fieldIssues: Issues = {};
      if (error instanceof ApiError) {
        for (const issue of error.issues) fieldIssues[issue.path] ??= translateIssue(i18n, issue.message);
      }
      setIssues(fieldIssues);
      setMessage((error instanceof ApiError ? options.explain?.(error) : undefined) ?? describeError(i18n, error));
      focusFirstInvalid(options.form);
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return {
    busy,
    message,
    /** The message for a field; `motives` also picks up `motives.2` (one element of a list). */
    issue: (path: string) => {
      const all = issues();
      return all[path] ?? Object.entries(all).find(([key]) => key.startsWith(`${path}.`))?.[1];
    },
    run,
    clear() {
      setMessage(null);
      setIssues({});
    },
  };
}

export type Submission = ReturnType<typeof createSubmission>;
