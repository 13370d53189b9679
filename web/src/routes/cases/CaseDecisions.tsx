import { createUniqueId, For, Show } from "solid-js";
import { caseMovesFrom } from "../../../../shared/business-cases/lifecycle";
import { checkSeparation } from "../../../../shared/permissions";
import { useSeparationOfDuties } from "../../separation";
import type { BusinessCaseDecision } from "../../../../shared/schemas/business-case";
import { useMe } from "../../data/records";
import { formatDateTime } from "../../format";
import { Icon } from "../../components/Icon";
import { useApp } from "../../context";
import type { MessageKey } from "../../i18n";
import { createMoveWithReason } from "../../components/move-with-reason";
import { ReasonForm } from "../../components/ReasonForm";
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
export function CaseDecisions(props: { record: BusinessCase | undefined; submittedBy: string | null }) {
  const { i18n, session } = useApp();
  const { t } = i18n;
  const me = useMe();
  const move = createMoveWithReason<BusinessCaseStatus>({
    entity: "business_case",
    recordId: () => props.record?.id,
    storedStatus: () => caseStatusOf(props.record),
    path: (id) => `/business-cases/${id}/decisions`,
    answered: (answer) => (answer as DecisionAnswer).businessCase.status,
    notReadyKey: "case.refused.not_ready",
    movedText: (status) => t("case.moved", { status: t(`caseStatus.${status}`) }),
    statusElementId: "case-status",
    moveAttribute: "data-case-move",
  });
  const { status, choosing, busy, open, close } = move;

  const separation = useSeparationOfDuties();
  // As the server judges it: nobody approves a case they submitted (separation of duties).
  const separated = (to: BusinessCaseStatus) => checkSeparation("business_case", status(), to, me.person(), { enforced: separation(), proposedBy: props.submittedBy, authorId: props.record?.authorId ?? null }).ok;
  const moves = () => (props.record ? caseMovesFrom(status(), me.role()).filter(separated) : []);
  const gaps = () => caseGaps(props.record ?? {});
  const blocked = (to: BusinessCaseStatus) => to === "submitted" && gaps().length > 0;


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
        <Show when={props.record && !separated("approved")}>
          <p class="hint">{t("separation.ownProposal")}</p>
        </Show>
        <ReasonForm move={move} idPrefix="case" hint={t("case.reasonHint")} label={(to) => t(moveKey(status(), to))} />
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
                <Show when={decision.dutiesSeparated === false}>
                  <p class="item-meta">({t("separation.offNote")})</p>
                </Show>
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
