import { createSignal, Index, Show } from "solid-js";
import { DESCRIPTION_MAX, ITEM_TITLE_MAX, TITLE_MAX } from "../../../../shared/limits";
import type { CaseOption, CaseRisk } from "../../../../shared/schemas/business-case";
import { CommitText, LimitNote, limitDescribedBy, textFit, tooLong } from "../../components/TextLimit";
import { useApp } from "../../context";
import { SelectField } from "../../fields/Fields";
import { NumberField, readOr } from "../../fields/NumberField";
import { formatInput } from "../experiments/model";
import type { Language } from "../experiments/results";
import type { OptionAmount as OptionAmountName } from "../../../../shared/business-cases/options";
import type { CaseEditor } from "./editor";
import { amountFromInput, newOption, newRisk, updateItem } from "./model";
import { OptionTable } from "./OptionTable";

const SCORES = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));

/**
 * The options the board chooses between, each with what it costs and brings against doing nothing
 * (which is always one of them, the reference at €0), and the table of their NPVs.
 */
export function CaseOptions(props: { editor: CaseEditor; options: CaseOption[] }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const e = props.editor;
  const updateOption = (optionId: string, patch: Partial<CaseOption>) => e.save({ options: updateItem(props.options, optionId, patch) });
  return (
    <section class="card" aria-labelledby="case-options-heading">
      <h2 id="case-options-heading">{t("case.optionsHeading")}</h2>
      <OptionTable fields={{ options: props.options, horizonYears: e.value("horizonYears"), discountRate: e.value("discountRate") }} />
      <ul class="rows case-options">
        {/* By position, not by record: each save reads the case anew, and rebuilt rows would take the keyboard focus with them. */}
        <Index each={props.options}>
          {(option) => (
            <li class="case-option">
              <Show when={e.canEdit() && !option().doNothing} fallback={<p class="row-title">{option().title}</p>}>
                <div class="field">
                  <label for={`option-title-${option().id}`}>{t("case.optionTitle")}</label>
                  <CommitText id={`option-title-${option().id}`} limit={TITLE_MAX} value={option().title} onCommit={(text) => text.trim() && void updateOption(option().id, { title: text.trim() })} />
                </div>
              </Show>
              <Show when={e.canEdit()} fallback={<p>{option().description}</p>}>
                <div class="field">
                  <label for={`option-text-${option().id}`}>{t("case.optionDescription", { title: option().title })}</label>
                  <CommitText id={`option-text-${option().id}`} multiline limit={DESCRIPTION_MAX} value={option().description} onCommit={(description) => void updateOption(option().id, { description })} />
                </div>
              </Show>
              <Show when={e.canEdit() && !option().doNothing}>
                <OptionAmounts option={option()} save={(patch) => void updateOption(option().id, patch)} />
              </Show>
              <Show when={option().doNothing} fallback={
                <Show when={e.canEdit()}>
                  <button type="button" class="button button-quiet button-small" onClick={() => void e.save({ options: props.options.filter((o) => o.id !== option().id) })}>
                    {t("case.remove", { title: option().title })}
                  </button>
                </Show>
              }>
                <p class="hint">{t("case.doNothingKept")}</p>
              </Show>
            </li>
          )}
        </Index>
      </ul>
      <Show when={e.canEdit()}>
        <AddItem id="case-new-option" label={t("case.newOption")} limit={TITLE_MAX} onAdd={(title) => void e.save({ options: [...props.options, newOption(title)] })} />
      </Show>
    </section>
  );
}

/** What an option costs once and each year and brings in each year, typed as the case's own money is. */
function OptionAmounts(props: { option: CaseOption; save: (patch: Partial<CaseOption>) => void }) {
  const { t } = useApp().i18n;
  const title = () => ({ title: props.option.title });
  return (
    <div class="option-amounts">
      <OptionAmount name="investment" option={props.option} label={t("case.optionInvestment", title())} save={props.save} />
      <OptionAmount name="runningCostPerYear" option={props.option} label={t("case.optionRunningCost", title())} save={props.save} />
      <OptionAmount name="annualBenefit" option={props.option} label={t("case.optionBenefit", title())} hint={t("case.optionBenefitHint")} save={props.save} />
    </div>
  );
}

function OptionAmount(props: { name: OptionAmountName; option: CaseOption; label: string; hint?: string; save: (patch: Partial<CaseOption>) => void }) {
  const { i18n } = useApp();
  return (
    <NumberField
      figures
      id={`option-${props.name}-${props.option.id}`}
      label={props.label}
      hint={props.hint}
      suffix="€"
      value={formatInput(props.option[props.name], i18n.language() as Language)}
      parse={readOr(amountFromInput, i18n.t("case.notAnAmount"))}
      save={(value) => props.save({ [props.name]: value })}
    />
  );
}

/** What could go wrong, scored by likelihood and impact, each with its mitigation. */
export function CaseRisks(props: { editor: CaseEditor }) {
  const { t } = useApp().i18n;
  const e = props.editor;
  const updateRisk = (riskId: string, patch: Partial<CaseRisk>) => e.save({ risks: updateItem(e.value("risks"), riskId, patch) });
  return (
    <section class="card" aria-labelledby="case-risks-heading">
      <h2 id="case-risks-heading">{t("case.risksHeading")}</h2>
      <Show when={e.value("risks").length > 0} fallback={<p class="empty">{t("case.noRisks")}</p>}>
        <ul class="rows case-risks">
          {/* By position, as the options. */}
          <Index each={e.value("risks")}>
            {(risk) => (
              <li class="case-risk">
                <p class="row-title">{risk().title}</p>
                <div class="risk-scores">
                  <SelectField id={`risk-likelihood-${risk().id}`} label={t("case.likelihood")} value={String(risk().likelihood)} disabled={!e.canEdit()} choices={SCORES} onValue={(v) => void updateRisk(risk().id, { likelihood: Number(v) })} />
                  <SelectField id={`risk-impact-${risk().id}`} label={t("case.impact")} value={String(risk().impact)} disabled={!e.canEdit()} choices={SCORES} onValue={(v) => void updateRisk(risk().id, { impact: Number(v) })} />
                </div>
                <div class="field">
                  <label for={`risk-mitigation-${risk().id}`}>{t("case.mitigation")}</label>
                  <CommitText id={`risk-mitigation-${risk().id}`} multiline limit={DESCRIPTION_MAX} readOnly={!e.canEdit()} value={risk().mitigation} onCommit={(mitigation) => void updateRisk(risk().id, { mitigation })} />
                </div>
                <Show when={e.canEdit()}>
                  <button type="button" class="button button-quiet button-small" onClick={() => void e.save({ risks: e.value("risks").filter((r) => r.id !== risk().id) })}>
                    {t("case.remove", { title: risk().title })}
                  </button>
                </Show>
              </li>
            )}
          </Index>
        </ul>
      </Show>
      <Show when={e.canEdit()}>
        <AddItem id="case-new-risk" label={t("case.newRisk")} limit={ITEM_TITLE_MAX} onAdd={(title) => void e.save({ risks: [...e.value("risks"), newRisk(title)] })} />
      </Show>
    </section>
  );
}

/** A title to add an option or a risk by; an empty or too long one adds nothing. */
function AddItem(props: { id: string; label: string; limit: number; onAdd: (title: string) => void }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const [title, setTitle] = createSignal("");
  const fit = () => textFit(i18n, title(), props.limit);
  return (
    <form
      class="field"
      onSubmit={(event) => {
        event.preventDefault();
        const clean = title().trim();
        if (!clean || tooLong(title(), props.limit)) return;
        props.onAdd(clean);
        setTitle("");
      }}
    >
      <label for={props.id}>{props.label}</label>
      <div class="input-with-suffix">
        <input id={props.id} type="text" value={title()} aria-describedby={limitDescribedBy(props.id, fit()).join(" ") || undefined} onInput={(e) => setTitle(e.currentTarget.value)} />
        <button type="submit" class="button button-secondary">{t("case.add")}</button>
      </div>
      <LimitNote id={props.id} fit={fit()} />
    </form>
  );
}
