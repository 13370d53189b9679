import { For } from "solid-js";
import { caseGaps, caseLifecycle } from "../../../../shared/business-cases/lifecycle";
import { Icon } from "../../components/Icon";
import type { MoveView } from "../../components/move-with-reason";
import { DecisionHistory, MoveWithReason, StatusBadge } from "../../components/MoveWithReason";
import { useApp } from "../../context";
import type { BusinessCase, BusinessCaseStatus, CaseDecision } from "./model";

/** A business case's lifecycle on the screen: its endpoint, words, ids and classes. */
const CASE_VIEW: MoveView<BusinessCaseStatus> = {
  entity: "business_case",
  lifecycle: caseLifecycle,
  move: async (api, param, json) => (await api.call("post", "/orgs/:orgId/business-cases/:id/decisions", { param, json })).businessCase.status,
  readyFor: "submitted",
  statusKey: (status) => `caseStatus.${status}`,
  // "revise" from rejected or deferred, "withdraw" from submitted.
  moveKey: (from, to) => (to === "draft" ? (from === "submitted" ? "case.move.withdraw" : "case.move.revise") : `case.move.${to}`),
  buttonStyle: (to) => (to === "submitted" || to === "approved" ? "primary" : to === "rejected" ? "danger" : "secondary"),
  text: {
    heading: "case.decisionsHeading",
    saveFirst: "case.saveFirst",
    noMoves: (status) => (status === "submitted" ? "case.waitingForBoard" : "case.noMoves"),
    reasonHint: "case.reasonHint",
    notReady: "case.refused.not_ready",
    moved: "case.moved",
    historyHeading: "case.historyHeading",
    historyEmpty: "case.historyEmpty",
    historyMove: "case.historyMove",
  },
  ids: { heading: "case-decisions-heading", status: "case-status", blocked: "case-blocked", reason: "case", history: "case-history" },
  moveAttribute: "data-case-move",
  classes: { card: "card case-decisions", moves: "button-row", badge: "status-badge case-status-badge", history: "card case-history" },
};

/**
 * Where the case stands and what may happen next; the case's fields are sent before a move, so
 * the board decides on what this screen shows.
 */
export function CaseDecisions(props: { record: BusinessCase | undefined; submittedBy: string | null }) {
  const { t } = useApp().i18n;
  const gaps = () => caseGaps(props.record ?? {});
  return (
    <MoveWithReason
      view={CASE_VIEW}
      record={props.record}
      initial="draft"
      proposedBy={props.submittedBy}
      gaps={gaps}
      blockedNotice={() => (
        <div id={CASE_VIEW.ids.blocked} class="notice">
          <p>
            <Icon name="warning" class="icon icon-small" /> {t("case.blocked")}
          </p>
          <ul class="gap-list">
            <For each={gaps()}>{(gap) => <li>{t(`case.gap.${gap}`)}</li>}</For>
          </ul>
        </div>
      )}
    />
  );
}

export const CaseStatusBadge = (props: { status: BusinessCaseStatus }) => <StatusBadge view={CASE_VIEW} status={props.status} />;

/** Every decision on the case with who, when and why, oldest first; `detail` says which version a submission was. */
export const CaseHistory = (props: { decisions: readonly CaseDecision[]; headingLevel?: 2 | 3; detail?: (decision: CaseDecision) => string | undefined }) => (
  <DecisionHistory view={CASE_VIEW} decisions={props.decisions} headingLevel={props.headingLevel} detail={props.detail} />
);
