import { createSignal } from "solid-js";
import { DESCRIPTION_MAX } from "../../../shared/limits";
import type { Role } from "../../../shared/roles";
import { ApiError, type Api } from "../data/api";
import { useApp, useOrg } from "../context";
import type { MessageKey } from "../i18n";
import { useLocal } from "../data/local/context";
import type { PushEntity } from "../data/local/types";
import { describeError } from "../fields/form";
import { tooLong } from "./TextLimit";

/**
 * How one kind of record (experiments, business cases) shows its lifecycle: its endpoint, its
 * words and the ids and classes of its card, so one component (MoveWithReason.tsx) serves both.
 */
export interface MoveView<S extends string> {
  entity: Extract<PushEntity, "experiment" | "business_case">;
  lifecycle: { movesFrom(status: S, role: Role): S[] };
  /** Asks the server for the move (the kind's declared route); answers the record's new status. */
  move: (api: Api, ids: { orgId: string; id: string }, body: { to: S; reason: string; gateReason?: string }) => Promise<S>;
  /** The status a record must be ready for (its readiness gaps block the move there). */
  readyFor: S;
  /** The words of a status and of the button for a move. */
  statusKey: (status: S) => MessageKey;
  moveKey: (from: S, to: S) => MessageKey;
  buttonStyle: (to: S) => "primary" | "secondary" | "danger";
  text: {
    heading: MessageKey;
    saveFirst: MessageKey;
    noMoves: (status: S) => MessageKey;
    reasonHint: MessageKey;
    /** The Dutch sentence for a refusal because something is missing. */
    notReady: MessageKey;
    /** The toast after a move (with the new status). */
    moved: MessageKey;
    historyHeading: MessageKey;
    historyEmpty: MessageKey;
    historyMove: MessageKey;
  };
  /** Ids on the page (the status is focused after a move; the reason form's ids start with `reason`). */
  ids: { heading: string; status: string; blocked: string; reason: string; history: string };
  /** The attribute naming each move button (focused again when the form closes). */
  moveAttribute: string;
  classes: { card: string; moves: string; badge: string; history: string };
}

/**
 * A lifecycle move that needs a reason and the server's word: the reason form's state, and the
 * confirm step — send this device's edits first so the server decides on what the screen shows,
 * post the move, then sync again so the new status and the decision arrive. Until they do, the
 * server's answer stands as the status.
 */
export function createMoveWithReason<S extends string>(
  view: MoveView<S>,
  record: { id: () => string | undefined; storedStatus: () => S },
  /** What stands in the way of a move (a win past a decision-quality gate): each needs a reason of its own, sent as `gateReason`. */
  warnings: (to: S) => readonly string[] = () => [],
) {
  const { i18n, api, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const local = useLocal();
  const [optimistic, setOptimistic] = createSignal<{ from: S; to: S } | null>(null);
  const [choosing, setChoosing] = createSignal<S | null>(null);
  const [reason, setReason] = createSignal("");
  const [reasonError, setReasonError] = createSignal<string | null>(null);
  const [gateReason, setGateReason] = createSignal("");
  const [gateReasonError, setGateReasonError] = createSignal<string | null>(null);
  let gateReasonField: HTMLTextAreaElement | undefined;
  const [refusal, setRefusal] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let reasonField: HTMLTextAreaElement | undefined;

  const status = (): S => {
    const stored = record.storedStatus();
    const moved = optimistic();
    return moved && moved.from === stored ? moved.to : stored;
  };

  function open(to: S) {
    setChoosing(() => to);
    setReason("");
    setReasonError(null);
    setGateReason("");
    setGateReasonError(null);
    setRefusal(null);
    queueMicrotask(() => reasonField?.focus());
  }

  function close() {
    const to = choosing();
    setChoosing(null);
    if (to) queueMicrotask(() => document.querySelector<HTMLElement>(`[${view.moveAttribute}="${to}"]`)?.focus());
  }

  function explain(error: unknown): string {
    // The server lists the gates the screen already warns of: say what to do instead.
    if (error instanceof ApiError && error.code === "gate_reason_required") return t("gates.refused");
    // A wrong role or one's own proposal is a 403, a move the record's status does not allow a 409.
    if (error instanceof ApiError && (error.status === 403 || error.status === 409)) {
      // The server's sentence is English and precise; in Dutch, say the same by its code.
      if (i18n.language() === "en") return error.message;
      const known: Record<string, MessageKey> = {
        move_not_allowed: "lifecycle.refused.move_not_allowed",
        role_not_allowed: "lifecycle.refused.role_not_allowed",
        not_ready: view.text.notReady,
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
    const id = record.id();
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
    const gated = warnings(to).length > 0;
    if (gated && !gateReason().trim()) {
      setGateReasonError(t("gates.reasonRequired"));
      gateReasonField?.focus();
      return;
    }
    if (gated && tooLong(gateReason(), DESCRIPTION_MAX)) {
      gateReasonField?.focus();
      return;
    }
    setGateReasonError(null);
    setRefusal(null);
    setBusy(true);
    const from = status();
    try {
      await local.sync.syncNow();
      if (local.sync.status().error === "offline") throw new ApiError(0, "offline", "The server cannot be reached");
      if ((await local.store.get(view.entity, id))?.pending) {
        setRefusal(t("lifecycle.notSentYet"));
        return;
      }
      const moved = await view.move(api, { orgId: org().orgId, id }, { to, reason: reason().trim(), ...(gated ? { gateReason: gateReason().trim() } : {}) });
      setOptimistic({ from, to: moved });
      setChoosing(null);
      toaster.show(t(view.text.moved, { status: t(view.statusKey(moved)) }));
      queueMicrotask(() => document.getElementById(view.ids.status)?.focus());
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
    /** The warnings of the move being chosen, and the reason given past them. */
    warnings: () => {
      const to = choosing();
      return to ? warnings(to) : [];
    },
    gateReason,
    setGateReason,
    gateReasonError,
    setGateReasonField: (element: HTMLTextAreaElement) => (gateReasonField = element),
    refusal,
    busy,
    open,
    close,
    confirm,
    setReasonField: (element: HTMLTextAreaElement) => (reasonField = element),
  };
}

export type MoveWithReason<S extends string> = ReturnType<typeof createMoveWithReason<S>>;
