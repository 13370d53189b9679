import { createMemo, Show } from "solid-js";
import { LABEL_MAX } from "../../../../shared/limits";
import type { BusinessCaseFields } from "../../../../shared/schemas/business-case";
import { AutoSaveText } from "../../capture/ui";
import { useApp } from "../../context";
import { SelectField } from "../../fields/Fields";
import { NumberInput as NumberInputField } from "../../fields/NumberInput";
import { formatInput } from "../experiments/model";
import type { Language } from "../experiments/results";
import type { CaseEditor } from "./editor";
import { amountFromInput, rateFromInput, scenariosOf } from "./model";
import { LossWarning, NpvChart, ScenarioTable } from "./Scenarios";

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
      <NumberInputField id="case-volume" label={t("case.annualVolume", { label: e.value("volumeLabel") || t("case.volumeLabelDefault") })} text={money(e.value("annualVolume"))} parse={amountFromInput} invalid={t("case.notAnAmount")} readOnly={!e.canEdit()} save={(annualVolume) => e.save({ annualVolume })} />
      <NumberInputField id="case-value" label={t("case.valuePerUnit")} hint={t("case.valuePerUnitHint")} suffix="€" text={money(e.value("valuePerUnit"))} parse={amountFromInput} invalid={t("case.notAnAmount")} readOnly={!e.canEdit()} save={(valuePerUnit) => e.save({ valuePerUnit })} />
      <NumberInputField id="case-investment" label={t("case.investment")} suffix="€" text={money(e.value("investment"))} parse={amountFromInput} invalid={t("case.notAnAmount")} readOnly={!e.canEdit()} save={(investment) => e.save({ investment })} />
      <NumberInputField id="case-running" label={t("case.runningCost")} suffix="€" text={money(e.value("runningCostPerYear"))} parse={amountFromInput} invalid={t("case.notAnAmount")} readOnly={!e.canEdit()} save={(runningCostPerYear) => e.save({ runningCostPerYear })} />
      <SelectField
        id="case-horizon"
        label={t("case.horizon")}
        value={String(e.value("horizonYears") ?? "")}
        disabled={!e.canEdit()}
        onValue={(v) => void e.save({ horizonYears: v ? Number(v) : null })}
        choices={[{ value: "", label: t("case.choose") }, ...Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: t("case.years", { n: i + 1 }) }))]}
      />
      <NumberInputField
        id="case-discount"
        label={t("case.discountRate")}
        hint={t("case.discountRateHint")}
        suffix="%"
        text={e.value("discountRate") === null ? "" : formatInput((e.value("discountRate") ?? 0) * 100, language())}
        parse={rateFromInput}
        invalid={t("case.notARate")}
        readOnly={!e.canEdit()}
        save={(discountRate) => e.save({ discountRate })}
      />
    </section>
  );
}

/** The scenarios the figures add up to, once there are enough of them. */
export function CaseResult(props: { fields: BusinessCaseFields }) {
  const { t } = useApp().i18n;
  const scenarios = createMemo(() => scenariosOf(props.fields));
  return (
    <section class="card" aria-labelledby="case-result-heading">
      <h2 id="case-result-heading">{t("case.resultHeading")}</h2>
      <Show when={scenarios()} fallback={<p class="empty">{t("case.resultMissing")}</p>}>
        {(s) => (
          <>
            <LossWarning scenarios={s()} />
            <ScenarioTable scenarios={s()} id="case-scenarios" />
            <NpvChart scenarios={s()} />
          </>
        )}
      </Show>
    </section>
  );
}
