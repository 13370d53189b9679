import { createMemo, Show } from "solid-js";
import { LABEL_MAX } from "../../../../shared/limits";
import type { BusinessCaseFields } from "../../../../shared/schemas/business-case";
import { AutoSaveText } from "../../fields/AutoSaveText";
import { useApp } from "../../context";
import { SelectField } from "../../fields/Fields";
import { NumberField, readOr } from "../../fields/NumberField";
import { formatInput } from "../experiments/model";
import type { Language } from "../experiments/results";
import type { CaseEditor } from "./editor";
import { amountFromInput, beyondMeasured, formatLift, rateFromInput, scenariosOf, type LiftPrefill } from "./model";
import { BeyondMeasuredWarning, LossWarning, NpvChart, ScenarioTable } from "./Scenarios";
import type { Entity } from "../../data/local/types";

/** The money the lift is worth: volume, value per unit, what it costs, over how long, at what rate. */
export function CaseMoney(props: { editor: CaseEditor }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const e = props.editor;
  const money = (amount: number | null) => formatInput(amount, language());
  return (
    <section class="card" aria-labelledby="case-money-heading">
      <h2 id="case-money-heading">{t("case.moneyHeading")}</h2>
      <AutoSaveText id="case-volume-label" label={t("case.volumeLabel")} hint={t("case.volumeLabelHint")} multiline={false} limit={LABEL_MAX} readOnly={!e.canEdit()} value={e.value("volumeLabel")} save={(volumeLabel) => e.save({ volumeLabel })} />
      <NumberField figures id="case-volume" label={t("case.annualVolume", { label: e.value("volumeLabel") || t("case.volumeLabelDefault") })} value={money(e.value("annualVolume"))} parse={readOr(amountFromInput, t("case.notAnAmount"))} readOnly={!e.canEdit()} save={(annualVolume) => e.save({ annualVolume })} />
      <NumberField figures id="case-value" label={t("case.valuePerUnit")} hint={t("case.valuePerUnitHint")} suffix="€" value={money(e.value("valuePerUnit"))} parse={readOr(amountFromInput, t("case.notAnAmount"))} readOnly={!e.canEdit()} save={(valuePerUnit) => e.save({ valuePerUnit })} />
      <NumberField figures id="case-investment" label={t("case.investment")} suffix="€" value={money(e.value("investment"))} parse={readOr(amountFromInput, t("case.notAnAmount"))} readOnly={!e.canEdit()} save={(investment) => e.save({ investment })} />
      <NumberField figures id="case-running" label={t("case.runningCost")} suffix="€" value={money(e.value("runningCostPerYear"))} parse={readOr(amountFromInput, t("case.notAnAmount"))} readOnly={!e.canEdit()} save={(runningCostPerYear) => e.save({ runningCostPerYear })} />
      <SelectField
        id="case-horizon"
        label={t("case.horizon")}
        value={String(e.value("horizonYears") ?? "")}
        disabled={!e.canEdit()}
        onValue={(v) => void e.save({ horizonYears: v ? Number(v) : null })}
        choices={[{ value: "", label: t("case.choose") }, ...Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: i18n.plural("case.years", i + 1, { n: i + 1 }) }))]}
      />
      <NumberField
        figures
        id="case-discount"
        label={t("case.discountRate")}
        hint={t("case.discountRateHint")}
        suffix="%"
        value={e.value("discountRate") === null ? "" : formatInput((e.value("discountRate") ?? 0) * 100, language())}
        parse={readOr(rateFromInput, t("case.notARate"))}
        readOnly={!e.canEdit()}
        save={(discountRate) => e.save({ discountRate })}
      />
    </section>
  );
}

/**
 * The scenarios the figures add up to, once there are enough of them, with a warning for any
 * scenario beyond the interval the experiment measured (`measured`, the case's KPI `kpi`).
 */
export function CaseResult(props: { fields: BusinessCaseFields; measured: LiftPrefill | null; kpi: Entity<"kpi"> | undefined }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const scenarios = createMemo(() => scenariosOf(props.fields));
  const show = (lift: number) => formatLift(lift, props.kpi?.kind, props.kpi?.unit, i18n.language() as Language, (n, shown) => i18n.plural("results.points", n, undefined, shown));
  return (
    <section class="card" aria-labelledby="case-result-heading">
      <h2 id="case-result-heading">{t("case.resultHeading")}</h2>
      <Show when={scenarios()} fallback={<p class="empty">{t("case.resultMissing")}</p>}>
        {(s) => (
          <>
            <LossWarning scenarios={s()} />
            <BeyondMeasuredWarning beyond={beyondMeasured(props.fields.lift, props.measured)} measured={props.measured} show={show} reason={props.fields.liftOverrideReason} />
            <ScenarioTable scenarios={s()} id="case-scenarios" />
            <NpvChart scenarios={s()} />
          </>
        )}
      </Show>
    </section>
  );
}
