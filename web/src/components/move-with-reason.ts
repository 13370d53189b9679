import { createSignal } from "solid-js";
import { DESCRIPTION_MAX } from "../../../shared/limits";
import { ApiError, orgPath } from "../data/api";
import { useApp, useOrg } from "../context";
import type { MessageKey } from "../i18n";
import { useLocal } from "../data/local/context";
import type { PushEntity } from "../data/local/types";
import { describeError } from "../fields/form";
import { tooLong } from "./TextLimit";

/**
 * A lifecycle move that needs a reason and the server's word (experiments, business cases):
 * the reason form's state, and the confirm step — send this device's edits first so the server
 * decides on what the screen shows, post the move, then sync again so the new status and the
 * decision arrive. Until they do, the server's answer stands as the status.
 */
export function createMoveWithReason<S extends string>(spec: {
  entity: PushEntity;
  recordId: () => string | undefined;
  storedStatus: () => S;
  /** The endpoint under the organisation for a record, e.g. `/experiments/<id>/transitions`. */
  path: (id: string) => string;
  /** The new status in the server's answer. */
  answered: (answer: unknown) => S;
  /** The Dutch sentence for a refusal because something is missing. */
  notReadyKey: MessageKey;
  /** The toast after a move. */
  movedText: (status: S) => string;
  /** The element that shows the status (focused after a move), and the attribute naming each move button. */
  statusElementId: string;
  moveAttribute: string;
}) {
  const { i18n, api, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const local = useLocal();
  const [optimistic, setOptimistic] = createSignal<{ from: S; to: S } | null>(null);
  const [choosing, setChoosing] = createSignal<S | null>(null);
  const [reason, setReason] = createSignal("");
  const [reasonError, setReasonError] = createSignal<string | null>(null);
  const [refusal, setRefusal] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let reasonField: HTMLTextAreaElement | undefined;

  const status = (): S => {
    const stored = spec.storedStatus();
    const moved = optimistic();
    return moved && moved.from === stored ? moved.to : stored;
  };

  function open(to: S) {
    setChoosing(() => to);
    setReason("");
    setReasonError(null);
    setRefusal(null);
    queueMicrotask(() => reasonField?.focus());
  }

  function close() {
    const to = choosing();
    setChoosing(null);
    if (to) queueMicrotask(() => document.querySelector<HTMLElement>(`[${spec.moveAttribute}="${to}"]`)?.focus());
  }

  function explain(error: unknown): string {
    if (error instanceof ApiError && error.status === 409) {
      // The server's sentence is English and precise; in Dutch, say the same by its code.
      if (i18n.language() === "en") return error.message;
      const known: Record<string, MessageKey> = {
        move_not_allowed: "lifecycle.refused.move_not_allowed",
        role_not_allowed: "lifecycle.refused.role_not_allowed",
        not_ready: spec.notReadyKey,
        own_proposal: "separation.ownProposal",
      };
      const key = known[error.code];
      if (key) return t(key);
    }
    return describeError(i18n, error);
  }

  async function confirm(event: SubmitEvent) {
    event.preventDefault();
    const to = choosing();
    const id = spec.recordId();
    if (!to || !id || busy()) return;
    if (!reason().trim()) {
      setReasonError(t("lifecycle.reasonRequired"));
      reasonField?.focus();
      return;
    }
    // The form already says why (ReasonForm's limit note); nothing is sent.
    if (tooLong(reason(), DESCRIPTION_MAX)) {
      reasonField?.focus();
      return;
    }
    setReasonError(null);
    setRefusal(null);
    setBusy(true);
    const from = status();
    try {
      await local.sync.syncNow();
      if (local.sync.status().error === "offline") throw new ApiError(0, "offline", "The server cannot be reached");
      if ((await local.store.get(spec.entity, id))?.pending) {
        setRefusal(t("lifecycle.notSentYet"));
        return;
      }
      const moved = spec.answered(await api.post<unknown>(orgPath(org().orgId, spec.path(encodeURIComponent(id))), { to, reason: reason().trim() }));
      setOptimistic({ from, to: moved });
      setChoosing(null);
      toaster.show(spec.movedText(moved));
      queueMicrotask(() => document.getElementById(spec.statusElementId)?.focus());
      await local.sync.syncNow();
    } catch (error) {
      setRefusal(explain(error));
    } finally {
      setBusy(false);
    }
  }

  return {
    status,
    choosing,
    reason,
    setReason,
    reasonError,
    refusal,
    busy,
    open,
    close,
    confirm,
    setReasonField: (element: HTMLTextAreaElement) => (reasonField = element),
  };
}

export type MoveWithReason<S extends string> = ReturnType<typeof createMoveWithReason<S>>;
