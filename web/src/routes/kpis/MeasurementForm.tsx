import { createSignal, Show } from "solid-js";
import type { KpiMeasurementFields } from "../../../../shared/schemas/kpi";
import { pickable } from "../../capture/model";
import { FormMessage, SelectField, TextField } from "../../fields/Fields";
import { useApp } from "../../context";
import { useLocal } from "../../data/local/context";
import type { Entity } from "../../data/local/types";
import { draftOf, emptyDraft, NOTE_MAX, PROBLEM_KEY, readDraft, type DraftField, type DraftProblem, type MeasurementDraft } from "./measurement-form";
import { periodsUsed, today, type Kpi, type StoredMeasurement } from "./model";
import { useKpiWords } from "./words";
import { MEASUREMENT_PERIODS } from "../../../../shared/enums";

/** Adds a measurement, or changes one (only the fields that changed are sent, so others' edits merge). */
export function MeasurementForm(props: {
  kpi: Kpi;
  measurements: StoredMeasurement[];
  editing: StoredMeasurement | null;
  locations: Entity<"location">[];
  segments: Entity<"segment">[];
  onDone: (saved: boolean) => void;
}) {
  const { i18n } = useApp();
  const { t } = i18n;
  const { store } = useLocal();
  const words = useKpiWords();
  const initial = props.editing ? draftOf(props.editing, i18n.language()) : emptyDraft(periodsUsed(props.measurements)[0] ?? "week", today());
  const [draft, setDraft] = createSignal<MeasurementDraft>(initial);
  const [issues, setIssues] = createSignal<Partial<Record<DraftField, DraftProblem>>>({});
  const [message, setMessage] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const prefix = props.editing ? `kpi-edit-${props.editing.id}` : "kpi-add";
  const set = <K extends DraftField>(name: K, value: MeasurementDraft[K]) => setDraft({ ...draft(), [name]: value });
  const issue = (name: DraftField) => {
    const problem = issues()[name];
    if (problem === "valueOutside") return t(PROBLEM_KEY[problem], { range: words.range(props.kpi) });
    return problem ? t(PROBLEM_KEY[problem]) : undefined;
  };
  let form: HTMLFormElement | undefined;
  // Opened from a button: the form takes focus, so keyboard and screen-reader users land in it.
  queueMicrotask(() => form?.querySelector<HTMLElement>(props.editing ? `#${prefix}-value` : "select, input")?.focus());

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy()) return;
    setMessage(null);
    const reading = readDraft(draft(), { kpiId: props.kpi.id, kpi: props.kpi, language: i18n.language(), existing: props.measurements, editingId: props.editing?.id ?? null });
    if (reading.issues) {
      setIssues(reading.issues);
      setMessage(t("kpi.problem.form"));
      queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setIssues({});
    setBusy(true);
    let saved = false;
    try {
      const before = props.editing;
      const fields = reading.fields;
      const changed = before ? (Object.fromEntries(Object.entries(fields).filter(([name, value]) => before[name as keyof KpiMeasurementFields] !== value)) as Partial<KpiMeasurementFields>) : fields;
      if (Object.keys(changed).length > 0) await store.change("kpi_measurement", before?.id ?? crypto.randomUUID(), changed);
      saved = true;
    } catch {
      setMessage(t("kpi.saveFailed"));
    } finally {
      setBusy(false);
    }
    // Outside the try: closing the form is the screen's business, and its failure is no failed save.
    if (saved) props.onDone(true);
  }

  const valueHint = () => t(`kpi.form.valueHint.${props.kpi.unit ?? "count"}`);

  return (
    <form id={props.editing ? undefined : "kpi-measurement-form"} class="card kpi-measurement-form" ref={form} onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h3 id={`${prefix}-heading`}>{props.editing ? t("kpi.form.editHeading") : t("kpi.form.addHeading")}</h3>
      <FormMessage message={message()} />
      <div class="kpi-form-grid">
        <SelectField id={`${prefix}-period`} label={t("kpi.form.period")} value={draft().period} onValue={(v) => set("period", v as MeasurementDraft["period"])} choices={MEASUREMENT_PERIODS.map((p) => ({ value: p, label: t(`kpi.period.${p}`) }))} />
        <div class="field" classList={{ "field-invalid": Boolean(issue("date")) }}>
          <label for={`${prefix}-date`}>{t("kpi.form.date")}</label>
          <p id={`${prefix}-date-hint`} class="hint">
            {t("kpi.form.dateHint")}
          </p>
          <input
            id={`${prefix}-date`}
            type="date"
            required
            value={draft().date}
            onInput={(event) => set("date", event.currentTarget.value)}
            aria-invalid={issue("date") ? "true" : undefined}
            aria-describedby={[`${prefix}-date-hint`, issue("date") ? `${prefix}-date-error` : ""].filter(Boolean).join(" ")}
          />
          <Show when={issue("date")}>
            <p id={`${prefix}-date-error`} class="field-error">
              {issue("date")}
            </p>
          </Show>
        </div>
        <SelectField
          id={`${prefix}-location`}
          label={t("kpi.form.location")}
          value={draft().locationId}
          onValue={(v) => set("locationId", v)}
          choices={[{ value: "", label: t("kpi.chart.organisation") }, ...pickable(props.locations, draft().locationId).map((l) => ({ value: l.id, label: l.name ?? "" }))]}
        />
        <SelectField
          id={`${prefix}-segment`}
          label={t("kpi.form.segment")}
          value={draft().segmentId}
          onValue={(v) => set("segmentId", v)}
          choices={[{ value: "", label: t("kpi.chart.allCustomers") }, ...pickable(props.segments, draft().segmentId).map((s) => ({ value: s.id, label: s.name ?? "" }))]}
        />
        <TextField id={`${prefix}-value`} label={t("kpi.form.value")} hint={valueHint()} error={issue("value")} inputMode="decimal" autocomplete="off" value={draft().value} onValue={(v) => set("value", v)} />
        <TextField
          id={`${prefix}-sample`}
          label={t("kpi.form.sampleSize")}
          hint={t("kpi.form.sampleSizeHint")}
          error={issue("sampleSize")}
          inputMode="numeric"
          autocomplete="off"
          value={draft().sampleSize}
          onValue={(v) => set("sampleSize", v)}
        />
      </div>
      <TextField id={`${prefix}-note`} label={t("kpi.form.note")} error={issue("note")} limit={NOTE_MAX} value={draft().note} onValue={(v) => set("note", v)} />
      <div class="button-row">
        <button type="submit" class="button button-primary" aria-disabled={busy() ? "true" : undefined}>
          {busy() ? t("common.saving") : t("kpi.form.save")}
        </button>
        <button type="button" class="button button-secondary" onClick={() => props.onDone(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
