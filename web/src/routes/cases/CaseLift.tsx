import { createMemo, For, Show } from "solid-js";
import { DESCRIPTION_MAX } from "../../../../shared/limits";
import { AutoSaveText } from "../../fields/AutoSaveText";
import { useApp } from "../../context";
import type { Entity } from "../../data/local/types";
import { NumberField, readOr } from "../../fields/NumberField";
import type { Language } from "../experiments/results";
import type { CaseEditor } from "./editor";
import { chosenExperiments, experimentChoices, formatCount, formatLift, liftFromExperiment, liftFromInput, liftToInput, primaryExperiment, type LiftPrefill, type PilotContext } from "./model";
import type { KpiDirection } from "../../../../shared/enums";
import { VerdictGates } from "../experiments/VerdictGates";
import { SCENARIOS } from "../../../../shared/finance/index";

type Experiment = Entity<"experiment">;
type Kpi = Entity<"kpi">;
/** Which way an experiment's KPI is better: the lift of a lower-is-better KPI is its reduction. */
type DirectionOf = (experiment: Experiment | undefined) => KpiDirection | undefined;

/** The experiments the case rests on; choosing them brings their measured lift along. */
export function CaseExperiments(props: { editor: CaseEditor; experiments: readonly Experiment[]; directionOf: DirectionOf; pilot: PilotContext; kpiOf: (id: string | null | undefined) => Kpi | undefined }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const e = props.editor;
  const choices = createMemo(() => experimentChoices(props.experiments));
  const choose = (ids: string[]) => e.save(chosenExperiments(ids, e.value("liftOverridden"), props.experiments, props.directionOf, props.pilot));
  return (
    <section class="card" aria-labelledby="case-experiments-heading">
      <h2 id="case-experiments-heading">{t("case.experimentsHeading")}</h2>
      <Show when={choices().length > 0} fallback={<p class="empty">{t("case.noExperiments")}</p>}>
        <fieldset class="choice-list case-experiments" disabled={!e.canEdit()}>
          <legend class="visually-hidden">{t("case.experimentsHeading")}</legend>
          <p class="hint">{t("case.experimentsHint")}</p>
          <For each={choices()}>
            {(x) => (
              <label class="check-field">
                <input
                  type="checkbox"
                  checked={e.value("experimentIds").includes(x.id)}
                  onChange={(event) => {
                    const ids = e.value("experimentIds").filter((other) => other !== x.id);
                    void choose(event.currentTarget.checked ? [...ids, x.id] : ids);
                  }}
                />
                <span>
                  {x.title} <span class="status-badge" data-status={x.status ?? "idea"}>{t(`experimentStatus.${x.status ?? "idea"}`)}</span>
                </span>
              </label>
            )}
          </For>
        </fieldset>
      </Show>
      {/* A win past a decision-quality gate: the board reads the warnings and the reason with the case. */}
      <For each={e.value("experimentIds").map((id) => props.experiments.find((x) => x.id === id)).filter((x) => x !== undefined)}>
        {(x) => <VerdictGates experiment={x} kpiName={(id) => props.kpiOf(id)?.name ?? ""} named />}
      </For>
    </section>
  );
}

/**
 * The lift the case counts on, in three scenarios: the primary experiment's measured result,
 * or the author's own numbers, which then need a reason.
 */
export function CaseLift(props: { editor: CaseEditor; experiments: readonly Experiment[]; kpiOf: (id: string | null | undefined) => Kpi | undefined; directionOf: DirectionOf; pilot: PilotContext }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const e = props.editor;
  const primary = createMemo(() => primaryExperiment(e.value("experimentIds"), props.experiments));
  const measured = createMemo((): LiftPrefill | null => liftFromExperiment(primary(), props.directionOf(primary()), props.pilot));
  const kpi = () => props.kpiOf(e.value("kpiId"));
  /** Without a measured result the numbers are the author's own, and need the same reason. */
  const overridden = () => e.value("liftOverridden") || measured() === null;
  const liftEditable = () => e.canEdit() && overridden();
  const scale = () => (kpi()?.kind === "proportion" ? t("case.inPoints") : kpi()?.unit === "eur" ? "€" : "");
  const lift = (amount: number, kpiId: string) => formatLift(amount, props.kpiOf(kpiId)?.kind, props.kpiOf(kpiId)?.unit, language(), (n, shown) => i18n.plural("results.points", n, undefined, shown));

  async function setOverride(on: boolean) {
    const prefill = measured();
    if (!on && prefill) await e.save({ liftOverridden: false, kpiId: prefill.kpiId, baseline: prefill.baseline, lift: prefill.lift });
    else await e.save({ liftOverridden: on });
  }

  async function saveLift(name: "low" | "base" | "high", amount: number | null) {
    const current = e.value("lift") ?? measured()?.lift ?? { low: 0, base: 0, high: 0 };
    if (amount === null) return;
    await e.save({ lift: { ...current, [name]: amount }, liftOverridden: true });
  }

  return (
    <section class="card" aria-labelledby="case-lift-heading">
      <h2 id="case-lift-heading">{t("case.liftHeading")}</h2>
      <Show when={measured()} fallback={<p class="muted">{t("case.liftNoResult")}</p>}>
        {(m) => (
          <p class="muted">
            {t("case.liftFrom", {
              experiment: primary()?.title ?? "",
              kpi: props.kpiOf(m().kpiId)?.name ?? "",
              base: lift(m().lift.base, m().kpiId),
              low: lift(m().lift.low, m().kpiId),
              high: lift(m().lift.high, m().kpiId),
            })}
          </p>
        )}
      </Show>
      <Show when={e.value("baseline") !== null && kpi()}>
        <p class="muted">{t("case.baseline", { kpi: kpi()!.name ?? "", value: kpi()!.kind === "proportion" ? `${formatCount((e.value("baseline") ?? 0) * 100, language())} %` : formatCount(e.value("baseline") ?? 0, language()) })}</p>
      </Show>
      <Show when={kpi()?.direction === "lower"}>
        <p class="hint" id="case-lift-lower">
          {t("case.liftLowerIsBetter")}
        </p>
      </Show>
      <div class="lift-inputs">
        <For each={SCENARIOS}>
          {(name) => (
            <NumberField
              figures
              id={`case-lift-${name}`}
              label={t(`case.lift.${name}`)}
              suffix={scale()}
              value={liftToInput(e.value("lift")?.[name], kpi()?.kind, language())}
              parse={readOr((text) => liftFromInput(text, kpi()?.kind), t("case.notANumber"))}
              readOnly={!liftEditable()}
              save={(amount) => saveLift(name, amount)}
            />
          )}
        </For>
      </div>
      <Show when={e.canEdit() && measured()}>
        <label class="check-field">
          <input id="case-override" type="checkbox" checked={e.value("liftOverridden")} onChange={(event) => void setOverride(event.currentTarget.checked)} />
          <span>{t("case.override")}</span>
        </label>
      </Show>
      <Show when={overridden()}>
        <AutoSaveText
          id="case-override-reason"
          label={t("case.overrideReason")}
          hint={t("case.overrideReasonHint")}
          rows={2}
          limit={DESCRIPTION_MAX}
          readOnly={!e.canEdit()}
          value={e.value("liftOverrideReason")}
          save={(liftOverrideReason) => e.save({ liftOverrideReason, ...(measured() === null ? { liftOverridden: true } : {}) })}
        />
        <Show when={!e.value("liftOverrideReason").trim()}>
          <p class="field-error">{t("case.overrideReasonRequired")}</p>
        </Show>
      </Show>
    </section>
  );
}
