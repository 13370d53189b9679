import { createSignal, For, Show } from "solid-js";
import { DESCRIPTION_MAX, TITLE_MAX } from "../../../../shared/limits";
import type { KpiFields } from "../../../../shared/schemas/kpi";
import { AutoSaveText } from "../../fields/AutoSaveText";
import { RadioChips } from "../../fields/RadioChips";
import { useApp, useOrg } from "../../context";
import { CheckboxField } from "../../fields/Fields";
import { orgHref } from "../../nav";
import { KPI_DIRECTIONS, KPI_KINDS, KPI_UNITS } from "../../../../shared/enums";
import { Alert } from "../../components/Alert";
import { NumberField, type NumberRead } from "../../fields/NumberField";
import { readNumber } from "../../../../shared/kpi/csv-values";
import { rangeProblem, type KpiRangeFacts } from "../../../../shared/kpi/range";
import { numberForInput } from "./measurement-form";
import { decimalMarkOf } from "./model";
import { useKpiWords } from "./words";

/** What the definition form shares with its screen: each field's value (stored, or chosen for a new KPI) and a save to this device. */
export interface KpiEditor {
  value<K extends keyof KpiFields>(name: K): KpiFields[K];
  save(fields: Partial<KpiFields>): Promise<void>;
}

/**
 * The KPI's definition, for those who change it: name, unit, direction, kind, whether it is a
 * hard KPI, and its description; a new KPI is saved once it has a name.
 */
export function KpiDefinition(props: { editor: KpiEditor; saved: boolean; failed: boolean; onArchive: () => void }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const e = props.editor;
  const [nameMissing, setNameMissing] = createSignal(false);
  const range = (): KpiRangeFacts => ({ unit: e.value("unit"), minValue: e.value("minValue"), maxValue: e.value("maxValue") });

  /** A bound as typed, checked with the other one and the unit as the server will check them. */
  function readBound(text: string, bound: "minValue" | "maxValue"): NumberRead {
    const value = text.trim() === "" ? null : readNumber(text, decimalMarkOf(i18n.language()));
    if (value === null && text.trim() !== "") return { ok: false, message: t("kpi.field.notANumber") };
    const problem = rangeProblem({ ...range(), [bound]: value });
    if (problem) return { ok: false, message: t(problem === "min_above_max" ? "kpi.field.minAboveMax" : "kpi.field.outsideUnit") };
    return { ok: true, value };
  }

  /** A unit whose own bounds the stated range leaves (a percentage of −100 to 100) clears the range with it: the server would refuse the pair. */
  const boundsFor = (unit: KpiFields["unit"]): Partial<KpiFields> => (rangeProblem({ ...range(), unit }) === "outside_unit" ? { minValue: null, maxValue: null } : {});

  const saveName = (text: string) => {
    const name = text.trim();
    setNameMissing(name === "" && (props.saved || text !== ""));
    return name === "" ? Promise.resolve() : e.save({ name });
  };

  return (
    <section class="stack kpi-form" aria-label={t("kpi.title")}>
      <AutoSaveText id="kpi-name" label={t("kpi.field.name")} hint={t("kpi.field.nameHint")} multiline={false} limit={TITLE_MAX} value={e.value("name")} save={saveName} />
      <Show when={nameMissing()}>
        <p class="field-error" role="alert">
          {t("kpi.field.nameMissing")}
        </p>
      </Show>
      <RadioChips
        name="kpi-unit"
        legend={t("kpi.field.unit")}
        hint={t("kpi.field.unitHint")}
        value={e.value("unit")}
        onValue={(unit) => void e.save({ unit, ...boundsFor(unit) })}
        choices={KPI_UNITS.map((unit) => ({ value: unit, label: t(`kpi.unit.${unit}`) }))}
      />
      <fieldset class="kpi-range" aria-describedby="kpi-range-hint">
        <legend>{t("kpi.field.range")}</legend>
        <p class="hint" id="kpi-range-hint">
          {t("kpi.field.rangeHint")}
        </p>
        <div class="kpi-range-fields">
          <NumberField id="kpi-min" label={t("kpi.field.minValue")} value={numberForInput(e.value("minValue"), i18n.language())} parse={(text) => readBound(text, "minValue")} save={(minValue) => e.save({ minValue })} />
          <NumberField id="kpi-max" label={t("kpi.field.maxValue")} value={numberForInput(e.value("maxValue"), i18n.language())} parse={(text) => readBound(text, "maxValue")} save={(maxValue) => e.save({ maxValue })} />
        </div>
      </fieldset>
      <RadioChips
        name="kpi-direction"
        legend={t("kpi.field.direction")}
        value={e.value("direction")}
        onValue={(direction) => void e.save({ direction })}
        choices={KPI_DIRECTIONS.map((direction) => ({ value: direction, label: t(`kpi.direction.${direction}`) }))}
      />
      <fieldset class="kind-options">
        <legend>{t("kpi.field.kind")}</legend>
        <For each={KPI_KINDS}>
          {(kind) => (
            <label class="kind-option">
              <input type="radio" name="kpi-kind" value={kind} checked={e.value("kind") === kind} onChange={() => void e.save({ kind })} aria-describedby={`kpi-kind-${kind}-hint`} />
              <span>
                <span class="kind-title">{t(`kpi.kind.${kind}`)}</span>
                <span id={`kpi-kind-${kind}-hint`} class="hint">
                  {t(`kpi.kind.${kind}Hint`)}
                </span>
              </span>
            </label>
          )}
        </For>
      </fieldset>
      <CheckboxField id="kpi-hard" label={t("kpi.field.hard")} hint={t("kpi.field.hardHint")} checked={e.value("hard")} onValue={(hard) => void e.save({ hard })} />
      <AutoSaveText
        id="kpi-description"
        label={t("kpi.field.description")}
        hint={t("kpi.field.descriptionHint")}
        rows={3}
        limit={DESCRIPTION_MAX}
        value={e.value("description")}
        save={(description) => e.save({ description })}
      />
      <p class="hint">{props.saved ? t("kpi.savedHere") : t("kpi.savedOnceNamed")}</p>
      <Alert message={props.failed && t("kpi.saveFailed")} />
      <div class="button-row">
        <a class="button" href={orgHref(org().orgId, "kpis")}>
          {t("kpi.done")}
        </a>
        <Show when={props.saved}>
          <button type="button" class="button button-quiet" onClick={() => props.onArchive()}>
            {e.value("archived") ? t("kpi.unarchive") : t("kpi.archive")}
          </button>
        </Show>
      </div>
    </section>
  );
}

/** The definition at a glance (for those who may not change it, the only view of it). */
export function KpiFacts(props: { fields: KpiFields; readOnly: boolean }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const words = useKpiWords();
  return (
    <section class="card">
      <Show when={props.fields.description.trim()}>
        <p class="kpi-description">{props.fields.description}</p>
      </Show>
      <dl class="facts">
        <dt>{t("kpi.facts.unit")}</dt>
        <dd>{t(`kpi.unit.${props.fields.unit}`)}</dd>
        <dt>{t("kpi.facts.direction")}</dt>
        <dd>{t(`kpi.direction.${props.fields.direction}`)}</dd>
        <dt>{t("kpi.facts.kind")}</dt>
        <dd>
          {t(`kpi.kind.${props.fields.kind}`)}
          <span class="hint kpi-kind-hint">{t(`kpi.kind.${props.fields.kind}Hint`)}</span>
        </dd>
        <dt>{t("kpi.facts.hard")}</dt>
        <dd>{props.fields.hard ? t("kpi.facts.yes") : t("kpi.facts.no")}</dd>
        <dt>{t("kpi.facts.range")}</dt>
        <dd>{words.range(props.fields)}</dd>
      </dl>
      <Show when={props.readOnly}>
        <p class="muted">{t("kpi.readOnly")}</p>
      </Show>
    </section>
  );
}
