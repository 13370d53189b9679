import { For, Show } from "solid-js";
import { movesFrom, readinessGaps, type ReadinessGap } from "../../../../shared/experiments/lifecycle";
import { checkSeparation } from "../../../../shared/permissions";
import { useSeparationOfDuties } from "../../separation";
import type { ExperimentDecision } from "../../../../shared/schemas/experiment";
import { useList, useMe } from "../../data/records";
import { formatDateTime } from "../../format";
import { Icon } from "../../components/Icon";
import { useApp } from "../../context";
import type { MessageKey } from "../../i18n";
import { createMoveWithReason } from "../../components/move-with-reason";
import { ReasonForm } from "../../components/ReasonForm";
import { LIFECYCLE_STEPS, stepOf, statusOf, type Decision, type Experiment, type ExperimentStatus } from "./model";

const GAPS: readonly ReadinessGap[] = ["primary_kpi", "baseline", "sample_size", "plan_owner"];
/** Before it runs, the checklist says what the plan still lacks; afterwards it has done its work. */
const CHECKLIST_UNTIL = new Set<ExperimentStatus>(["idea", "proposed", "approved"]);

interface TransitionAnswer {
  experiment: { id: string; status: ExperimentStatus };
  decision: ExperimentDecision;
}

const moveKey = (from: ExperimentStatus, to: ExperimentStatus): MessageKey =>
  from === "analysing" && to === "running"
    ? "lifecycle.move.runLonger"
    : from === "approved" && to === "proposed"
      ? "lifecycle.move.revise"
      : to === "analysing" && from !== "running"
        ? "lifecycle.move.reopen"
        : `lifecycle.move.${to}`;

/**
 * Where the experiment stands and what may happen next. Every move needs a reason and the
 * server's word (it checks role, order and readiness, and logs the decision), so it needs a
 * connection; the fields are sent first, so the server judges what this screen shows.
 */
export function Lifecycle(props: { experiment: Experiment | undefined; proposedBy: string | null }) {
  const { i18n, session } = useApp();
  const { t } = i18n;
  const me = useMe();
  const move = createMoveWithReason<ExperimentStatus>({
    entity: "experiment",
    recordId: () => props.experiment?.id,
    storedStatus: () => statusOf(props.experiment),
    path: (id) => `/experiments/${id}/transitions`,
    answered: (answer) => (answer as TransitionAnswer).experiment.status,
    notReadyKey: "lifecycle.refused.not_ready",
    movedText: (status) => t("lifecycle.moved", { status: t(`experimentStatus.${status}`) }),
    statusElementId: "lifecycle-status",
    moveAttribute: "data-move-to",
  });
  const { status, choosing, busy, open, close } = move;

  // As on the server: a primary KPI that is no longer in the catalogue (deleted) is none.
  const kpis = useList("kpi");
  const gaps = () => {
    const experiment: Partial<Experiment> = props.experiment ?? {};
    const kpiKnown = !experiment.primaryKpiId || !kpis.loaded() || kpis.all().some((k) => k.id === experiment.primaryKpiId);
    return readinessGaps(kpiKnown ? experiment : { ...experiment, primaryKpiId: null });
  };
  const separation = useSeparationOfDuties();
  // As the server judges it: nobody approves what they proposed (separation of duties).
  const moves = () =>
    props.experiment ? movesFrom(status(), me.role()).filter((to) => checkSeparation("experiment", status(), to, me.person(), { enforced: separation(), proposedBy: props.proposedBy, authorId: props.experiment?.authorId ?? null }).ok) : [];
  const ownProposal = () => Boolean(props.experiment) && !checkSeparation("experiment", status(), "approved", me.person(), { enforced: separation(), proposedBy: props.proposedBy, authorId: props.experiment?.authorId ?? null }).ok;
  const blocked = (to: ExperimentStatus) => to === "running" && gaps().length > 0;
  const step = () => stepOf(status());


  return (
    <section class="card lifecycle" aria-labelledby="lifecycle-heading">
      <h2 id="lifecycle-heading">{t("lifecycle.heading")}</h2>
      <p id="lifecycle-status" class="lifecycle-status" tabindex="-1">
        <span class="muted">{t("lifecycle.now")}</span>{" "}
        <span class="status-badge" data-status={status()}>
          {t(`experimentStatus.${status()}`)}
        </span>
      </p>
      <ol class="lifecycle-steps" aria-label={t("lifecycle.stepsLabel")}>
        <For each={LIFECYCLE_STEPS}>
          {(s, index) => {
            const current = () => step() === s;
            const past = () => {
              const at = step();
              return at !== null && LIFECYCLE_STEPS.indexOf(at) > index();
            };
            return (
              <li classList={{ "step-current": current(), "step-past": past() }} aria-current={current() ? "step" : undefined}>
                {t(`lifecycle.step.${s}`)}
              </li>
            );
          }}
        </For>
      </ol>
      <Show when={status() === "stopped"}>
        <p class="muted">{t("lifecycle.stoppedNote")}</p>
      </Show>

      <Show when={CHECKLIST_UNTIL.has(status())}>
        <div class="readiness" id="readiness">
          <h3 id="readiness-heading" class="sub-heading">
            {t("readiness.heading")}
          </h3>
          <ul class="readiness-list" aria-labelledby="readiness-heading">
            <For each={GAPS}>
              {(gap) => {
                const missing = () => gaps().includes(gap);
                return (
                  <li classList={{ "readiness-missing": missing(), "readiness-ok": !missing() }}>
                    <span class="readiness-mark" aria-hidden="true">
                      {missing() ? "✗" : "✓"}
                    </span>
                    <span>
                      {t(`readiness.${gap}`)}
                      <span class="visually-hidden">: {missing() ? t("readiness.missing") : t("readiness.done")}</span>
                    </span>
                  </li>
                );
              }}
            </For>
          </ul>
        </div>
      </Show>

      <Show when={props.experiment} fallback={<p class="muted">{t("lifecycle.saveFirst")}</p>}>
        <Show when={moves().length > 0} fallback={<p class="muted">{t("lifecycle.noMoves")}</p>}>
          <Show when={!session.online()}>
            <p class="notice">{t("lifecycle.needsConnection")}</p>
          </Show>
          <div class="button-row lifecycle-moves">
            <For each={moves()}>
              {(to) => (
                <button
                  type="button"
                  class="button"
                  classList={{ "button-primary": to !== "stopped" && to !== "idea", "button-secondary": to === "idea", "button-danger": to === "stopped" }}
                  data-move-to={to}
                  disabled={!session.online() || blocked(to) || busy()}
                  aria-expanded={choosing() === to}
                  aria-describedby={blocked(to) ? "lifecycle-blocked" : undefined}
                  onClick={() => (choosing() === to ? close() : open(to))}
                >
                  {t(moveKey(status(), to))}
                </button>
              )}
            </For>
          </div>
          <Show when={moves().some(blocked)}>
            <p id="lifecycle-blocked" class="notice">
              <Icon name="warning" class="icon icon-small" /> {t("lifecycle.blocked", { missing: gaps().map((g) => t(`readiness.${g}`)).join(", ") })}
            </p>
          </Show>
        </Show>
        <Show when={ownProposal()}>
          <p class="hint">{t("separation.ownProposal")}</p>
        </Show>
        <ReasonForm move={move} idPrefix="lifecycle" hint={t("lifecycle.reasonHint")} label={(to) => t(moveKey(status(), to))} />
      </Show>
    </section>
  );
}

/** Every move with who, when and why, newest first. */
export function DecisionLog(props: { decisions: readonly Decision[] }) {
  const { i18n } = useApp();
  const { t } = i18n;
  return (
    <section class="card" aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">{t("decisions.heading")}</h2>
      <Show when={props.decisions.length > 0} fallback={<p class="empty">{t("decisions.empty")}</p>}>
        <ol class="decision-log">
          <For each={props.decisions}>
            {(decision) => (
              <li class="decision">
                <p class="decision-move">
                  {t("decisions.move", {
                    from: decision.from ? t(`experimentStatus.${decision.from}`) : "?",
                    to: decision.to ? t(`experimentStatus.${decision.to}`) : "?",
                  })}
                </p>
                <Show when={decision.dutiesSeparated === false}>
                  <p class="item-meta">({t("separation.offNote")})</p>
                </Show>
                <p class="item-meta">
                  <span>{decision.userName ?? t("plan.someone")}</span>
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
