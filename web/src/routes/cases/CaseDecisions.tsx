import { createSignal, createUniqueId, For, Show } from "solid-js";
import { caseMovesFrom } from "../../../../shared/business-cases/lifecycle";
import type { BusinessCaseDecision } from "../../../../shared/schemas/business-case";
import { ApiError, orgPath } from "../../api";
import { useMe } from "../../capture/data";
import { formatDateTime } from "../../capture/format";
import { describeError } from "../../components/form";
import { Icon } from "../../components/Icon";
import { useApp, useOrg } from "../../context";
import type { MessageKey } from "../../i18n";
import { useLocal } from "../../local/context";
import { caseGaps } from "../../../../shared/business-cases/lifecycle";
import { caseStatusOf, type BusinessCase, type BusinessCaseStatus, type CaseDecision } from "./model";

interface DecisionAnswer {
  businessCase: { id: string; status: BusinessCaseStatus };
  decision: BusinessCaseDecision;
}

/** The button's words: "revise" from rejected or deferred, "withdraw" from submitted. */
const moveKey = (from: BusinessCaseStatus, to: BusinessCaseStatus): MessageKey => (to === "draft" ? (from === "submitted" ? "case.move.withdraw" : "case.move.revise") : `case.move.${to}`);

/**
 * Where the case stands and what may happen next. Every move needs a reason and the server's
 * word (it checks role, order and readiness, and records the decision), so it needs a
 * connection; the case's fields are sent first, so the board decides on what this screen shows.
 */
export function CaseDecisions(props: { record: BusinessCase | undefined }) {
  const { i18n, api, session, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const me = useMe();
  const local = useLocal();
  const [optimistic, setOptimistic] = createSignal<{ from: BusinessCaseStatus; to: BusinessCaseStatus } | null>(null);
  const [choosing, setChoosing] = createSignal<BusinessCaseStatus | null>(null);
  const [reason, setReason] = createSignal("");
  const [reasonError, setReasonError] = createSignal<string | null>(null);
  const [refusal, setRefusal] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let reasonField: HTMLTextAreaElement | undefined;

  const status = () => {
    const stored = caseStatusOf(props.record);
    const moved = optimistic();
    return moved && moved.from === stored ? moved.to : stored;
  };
  const moves = () => (props.record ? caseMovesFrom(status(), me.role()) : []);
  const gaps = () => caseGaps(props.record ?? {});
  const blocked = (to: BusinessCaseStatus) => to === "submitted" && gaps().length > 0;

  function open(to: BusinessCaseStatus) {
    setChoosing(to);
    setReason("");
    setReasonError(null);
    setRefusal(null);
    queueMicrotask(() => reasonField?.focus());
  }

  function close() {
    const to = choosing();
    setChoosing(null);
    if (to) queueMicrotask(() => document.querySelector<HTMLElement>(`[data-case-move="${to}"]`)?.focus());
  }

  function explain(error: unknown): string {
    if (error instanceof ApiError && error.status === 409) {
      if (i18n.language() === "en") return error.message;
      const known: Record<string, MessageKey> = {
        move_not_allowed: "lifecycle.refused.move_not_allowed",
        role_not_allowed: "lifecycle.refused.role_not_allowed",
        not_ready: "case.refused.not_ready",
      };
      const key = known[error.code];
      if (key) return t(key);
    }
    return describeError(i18n, error);
  }

  async function confirm(event: SubmitEvent) {
    event.preventDefault();
    const to = choosing();
    const record = props.record;
    if (!to || !record || busy()) return;
    if (!reason().trim()) {
      setReasonError(t("lifecycle.reasonRequired"));
      reasonField?.focus();
      return;
    }
    setReasonError(null);
    setRefusal(null);
    setBusy(true);
    const from = status();
    try {
      // The server decides on the fields it has: send this device's edits first.
      await local.sync.syncNow();
      if (local.sync.status().error === "offline") throw new ApiError(0, "offline", "The server cannot be reached");
      if ((await local.store.get("business_case", record.id))?.pending) {
        setRefusal(t("lifecycle.notSentYet"));
        return;
      }
      const answer = await api.post<DecisionAnswer>(orgPath(org().orgId, `/business-cases/${encodeURIComponent(record.id)}/decisions`), { to, reason: reason().trim() });
      setOptimistic({ from, to: answer.businessCase.status });
      setChoosing(null);
      toaster.show(t("case.moved", { status: t(`caseStatus.${answer.businessCase.status}`) }));
      queueMicrotask(() => document.getElementById("case-status")?.focus());
      // Brings the new status and the decision to the device.
      await local.sync.syncNow();
    } catch (error) {
      setRefusal(explain(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card case-decisions" aria-labelledby="case-decisions-heading">
      <h2 id="case-decisions-heading">{t("case.decisionsHeading")}</h2>
      <p id="case-status" class="lifecycle-status" tabindex="-1">
        <span class="muted">{t("lifecycle.now")}</span> <CaseStatusBadge status={status()} />
      </p>
      <Show when={props.record} fallback={<p class="muted">{t("case.saveFirst")}</p>}>
        <Show when={moves().length > 0} fallback={<p class="muted">{t(status() === "submitted" ? "case.waitingForBoard" : "case.noMoves")}</p>}>
          <Show when={!session.online()}>
            <p class="notice">{t("lifecycle.needsConnection")}</p>
          </Show>
          <div class="button-row">
            <For each={moves()}>
              {(to) => (
                <button
                  type="button"
                  class="button"
                  classList={{ "button-primary": to === "submitted" || to === "approved", "button-secondary": to === "draft" || to === "deferred", "button-danger": to === "rejected" }}
                  data-case-move={to}
                  disabled={!session.online() || blocked(to) || busy()}
                  aria-expanded={choosing() === to}
                  aria-describedby={blocked(to) ? "case-blocked" : undefined}
                  onClick={() => (choosing() === to ? close() : open(to))}
                >
                  {t(moveKey(status(), to))}
                </button>
              )}
            </For>
          </div>
          <Show when={moves().some(blocked)}>
            <div id="case-blocked" class="notice">
              <p>
                <Icon name="warning" class="icon icon-small" /> {t("case.blocked")}
              </p>
              <ul class="gap-list">
                <For each={gaps()}>{(gap) => <li>{t(`case.gap.${gap}`)}</li>}</For>
              </ul>
            </div>
          </Show>
        </Show>
        <Show when={choosing()}>
          {(to) => (
            <form class="stack reason-form" novalidate onSubmit={confirm} aria-label={t(moveKey(status(), to()))}>
              <div class="field" classList={{ "field-invalid": reasonError() !== null }}>
                <label for="case-reason">{t("lifecycle.reason")}</label>
                <p id="case-reason-hint" class="hint">
                  {t("case.reasonHint")}
                </p>
                <textarea
                  ref={reasonField}
                  id="case-reason"
                  rows={3}
                  maxLength={2000}
                  value={reason()}
                  aria-invalid={reasonError() ? "true" : undefined}
                  aria-describedby={reasonError() ? "case-reason-hint case-reason-error" : "case-reason-hint"}
                  onInput={(event) => setReason(event.currentTarget.value)}
                />
                <Show when={reasonError()}>
                  <p id="case-reason-error" class="field-error">
                    {reasonError()}
                  </p>
                </Show>
              </div>
              <div class="button-row">
                <button type="submit" class="button button-primary" aria-disabled={busy() ? "true" : undefined}>
                  {busy() ? t("lifecycle.sending") : t("lifecycle.confirm", { move: t(moveKey(status(), to())) })}
                </button>
                <button type="button" class="button button-secondary" onClick={close}>
                  {t("common.cancel")}
                </button>
              </div>
            </form>
          )}
        </Show>
        <div role="alert">
          <Show when={refusal()}>
            <p class="notice notice-error">{refusal()}</p>
          </Show>
        </div>
      </Show>
    </section>
  );
}

export function CaseStatusBadge(props: { status: BusinessCaseStatus }) {
  const { i18n } = useApp();
  return (
    <span class="status-badge case-status-badge" data-status={props.status}>
      {i18n.t(`caseStatus.${props.status}`)}
    </span>
  );
}

/** Every decision on the case with who, when and why, oldest first. */
export function CaseHistory(props: { decisions: readonly CaseDecision[]; headingLevel?: 2 | 3 }) {
  const { i18n } = useApp();
  const { t } = i18n;
  // A meeting pack holds many cases: each history needs its own heading id.
  const headingId = `case-history-${createUniqueId()}`;
  return (
    <section class="card case-history" aria-labelledby={headingId}>
      <Show when={props.headingLevel === 3} fallback={<h2 id={headingId}>{t("case.historyHeading")}</h2>}>
        <h3 id={headingId}>{t("case.historyHeading")}</h3>
      </Show>
      <Show when={props.decisions.length > 0} fallback={<p class="empty">{t("case.historyEmpty")}</p>}>
        <ol class="decision-log">
          <For each={props.decisions}>
            {(decision) => (
              <li class="decision">
                <p class="decision-move">
                  {t("case.historyMove", {
                    from: decision.from ? t(`caseStatus.${decision.from}`) : "?",
                    to: decision.to ? t(`caseStatus.${decision.to}`) : "?",
                  })}
                </p>
                <p class="item-meta">
                  <span>{decision.userName ?? t("plan.someone")}</span>{" "}
                  <span>
                    <time datetime={decision.at}>{formatDateTime(decision.at, i18n.language())}</time>
                  </span>
                </p>
                <Show when={decision.reason}>
                  <blockquote class="decision-reason">{decision.reason}</blockquote>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
