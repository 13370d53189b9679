import { For, Show } from "solid-js";
import { experimentLifecycle, readinessGaps, type ReadinessGap } from "../../../../shared/experiments/lifecycle";
import { Icon } from "../../components/Icon";
import type { MoveView } from "../../components/move-with-reason";
import { DecisionHistory, MoveWithReason } from "../../components/MoveWithReason";
import { useApp } from "../../context";
import { useList } from "../../data/records";
import { verdictGates } from "../../../../shared/experiments/gates";
import { isMeasuredDesign } from "../../../../shared/experiments/pilot-result";
import { usePilotRecords } from "./pilot-records";
import { useGateWords, VerdictGates } from "./VerdictGates";
import { LIFECYCLE_STEPS, stepOf, type Decision, type Experiment, type ExperimentStatus } from "./model";

const GAPS: readonly ReadinessGap[] = ["primary_kpi", "baseline", "sample_size", "plan_owner"];
/** Before it runs, the checklist says what the plan still lacks; afterwards it has done its work. */
const CHECKLIST_UNTIL = new Set<ExperimentStatus>(["idea", "proposed", "approved"]);

/** An experiment's lifecycle on the screen: its endpoint, words, ids and classes. */
const EXPERIMENT_VIEW: MoveView<ExperimentStatus> = {
  entity: "experiment",
  lifecycle: experimentLifecycle,
  move: async (api, param, json) => (await api.call("post", "/orgs/:orgId/experiments/:id/transitions", { param, json })).experiment.status,
  readyFor: "running",
  statusKey: (status) => `experimentStatus.${status}`,
  moveKey: (from, to) =>
    from === "analysing" && to === "running"
      ? "lifecycle.move.runLonger"
      : from === "approved" && to === "proposed"
        ? "lifecycle.move.revise"
        : to === "analysing" && from !== "running"
          ? "lifecycle.move.reopen"
          : `lifecycle.move.${to}`,
  buttonStyle: (to) => (to === "stopped" ? "danger" : to === "idea" ? "secondary" : "primary"),
  text: {
    heading: "lifecycle.heading",
    saveFirst: "lifecycle.saveFirst",
    noMoves: () => "lifecycle.noMoves",
    reasonHint: "lifecycle.reasonHint",
    notReady: "lifecycle.refused.not_ready",
    moved: "lifecycle.moved",
    historyHeading: "decisions.heading",
    historyEmpty: "decisions.empty",
    historyMove: "decisions.move",
  },
  ids: { heading: "lifecycle-heading", status: "lifecycle-status", blocked: "lifecycle-blocked", reason: "lifecycle", history: "decisions-heading" },
  moveAttribute: "data-move-to",
  classes: { card: "card lifecycle", moves: "button-row lifecycle-moves", badge: "status-badge", history: "card" },
};

/**
 * Where the experiment stands, its steps and readiness, and what may happen next; the fields
 * are sent before a move, so the server judges what this screen shows.
 */
export function Lifecycle(props: { experiment: Experiment | undefined; proposedBy: string | null }) {
  const { t } = useApp().i18n;
  // As on the server: a primary KPI that is no longer in the catalogue (deleted) is none.
  const kpis = useList("kpi");
  const gaps = () => {
    const experiment: Partial<Experiment> = props.experiment ?? {};
    const kpiKnown = !experiment.primaryKpiId || !kpis.loaded() || kpis.all().some((k) => k.id === experiment.primaryKpiId);
    return readinessGaps(kpiKnown ? experiment : { ...experiment, primaryKpiId: null });
  };
  // As the server judges it: a win past a sample-ratio mismatch, a hurt guardrail or a short sample needs its own reason.
  const gateWords = useGateWords();
  const kpiOf = (id: string) => kpis.all().find((k) => k.id === id);
  const kpiName = (id: string) => kpiOf(id)?.name ?? "";
  // A store pilot's guardrails are judged as measured from the KPIs' values on this device.
  const pilot = usePilotRecords(() => isMeasuredDesign(props.experiment?.design));
  const warnings = (to: ExperimentStatus) => (to === "won" && props.experiment ? verdictGates(props.experiment, kpiOf, pilot.records()).map((gate) => gateWords(gate, kpiName)) : []);
  return (
    <MoveWithReason
      view={EXPERIMENT_VIEW}
      record={props.experiment}
      initial="idea"
      proposedBy={props.proposedBy}
      gaps={gaps}
      warnings={warnings}
      blockedNotice={() => (
        <p id={EXPERIMENT_VIEW.ids.blocked} class="notice">
          <Icon name="warning" class="icon icon-small" /> {t("lifecycle.blocked", { missing: gaps().map((g) => t(`readiness.${g}`)).join(", ") })}
        </p>
      )}
    >
      {(status) => (
        <>
          <Steps status={status()} gaps={gaps()} />
          <Show when={props.experiment}>{(experiment) => <VerdictGates experiment={experiment()} kpiName={kpiName} />}</Show>
        </>
      )}
    </MoveWithReason>
  );
}

/** The steps of the lifecycle with the current one marked, and the readiness checklist before it runs. */
function Steps(props: { status: ExperimentStatus; gaps: readonly ReadinessGap[] }) {
  const { t } = useApp().i18n;
  const step = () => stepOf(props.status);
  return (
    <>
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
      <Show when={props.status === "stopped"}>
        <p class="muted">{t("lifecycle.stoppedNote")}</p>
      </Show>

      <Show when={CHECKLIST_UNTIL.has(props.status)}>
        <div class="readiness" id="readiness">
          <h3 id="readiness-heading" class="sub-heading">
            {t("readiness.heading")}
          </h3>
          <ul class="readiness-list" aria-labelledby="readiness-heading">
            <For each={GAPS}>
              {(gap) => {
                const missing = () => props.gaps.includes(gap);
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
    </>
  );
}

/** Every move with who, when and why, in the order given (the screen shows the newest first). */
export const DecisionLog = (props: { decisions: readonly Decision[] }) => <DecisionHistory view={EXPERIMENT_VIEW} decisions={props.decisions} />;
