import { createMemo, createSignal, For, Show } from "solid-js";
import { measurementsToCsv, type CsvLookups } from "../../../../shared/kpi/csv";
import type { KpiMeasurementFields } from "../../../../shared/schemas/kpi";
import { pickable } from "../../capture/model";
import { FormMessage, SelectField, TextField } from "../../fields/Fields";
import { Icon } from "../../components/Icon";
import { useApp } from "../../context";
import { useLocal } from "../../data/local/context";
import type { Entity } from "../../data/local/types";
import { draftOf, emptyDraft, NOTE_MAX, readDraft, type DraftField, type DraftProblem, type MeasurementDraft } from "./measurement-form";
import { csvFileName, formatCount, PERIODS, periodsUsed, today, WHOLE_ORGANISATION, type Kpi } from "./model";
import { useKpiWords } from "./words";

type StoredMeasurement = KpiMeasurementFields & { id: string; pending?: boolean };

const PAGE = 20;

/** The measurements of a KPI as a table, newest first, with adding, editing, deleting and export. */
export function Measurements(props: {
  kpi: Kpi;
  measurements: StoredMeasurement[];
  loaded: boolean;
  /** The trend's location choice: "" all, WHOLE_ORGANISATION, or a location id. */
  location: string;
  editor: boolean;
  locations: Entity<"location">[];
  segments: Entity<"segment">[];
  locationName: (id: string) => string;
  segmentName: (id: string) => string;
  lookups: CsvLookups;
}) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const { store } = useLocal();
  const words = useKpiWords();
  const [showAll, setShowAll] = createSignal(false);
  const [editing, setEditing] = createSignal<{ id: string | null } | null>(null);

  const shown = createMemo(() =>
    props.measurements.filter((m) => props.location === "" || (props.location === WHOLE_ORGANISATION ? m.locationId === null : m.locationId === props.location)),
  );
  const visible = () => (showAll() ? shown() : shown().slice(0, PAGE));
  const locationLabel = (id: string | null) => (id ? props.locationName(id) : t("kpi.chart.organisation"));
  const rowLabel = (m: KpiMeasurementFields) => t("kpi.measurements.rowLabel", { period: t(`kpi.period.${m.period}`), start: words.day(m.periodStart), location: locationLabel(m.locationId) });

  let addButton: HTMLButtonElement | undefined;
  const focusAfterForm = (id: string | null) =>
    queueMicrotask(() => (id ? document.getElementById(`kpi-measurement-edit-${id}`) : addButton)?.focus());

  async function remove(m: StoredMeasurement) {
    try {
      await store.remove("kpi_measurement", m.id);
      const { id: _id, pending: _pending, ...fields } = m;
      toaster.show(t("kpi.measurements.deleted", { start: words.day(m.periodStart) }), {
        // A deletion is final on the server, so "undo" stores the same values again as a new record.
        action: { label: t("common.undo"), run: () => void store.change("kpi_measurement", crypto.randomUUID(), fieldsOnly(fields)).catch(() => toaster.show(t("kpi.saveFailed"), { tone: "error" })) },
      });
      queueMicrotask(() => document.getElementById("kpi-measurements-heading")?.focus());
    } catch {
      toaster.show(t("kpi.saveFailed"), { tone: "error" });
    }
  }

  function exportCsv() {
    const csv = measurementsToCsv(props.measurements.map(fieldsOnly), props.lookups);
    // The BOM makes Excel read the file as UTF-8 (names with é, the € sign).
    const url = URL.createObjectURL(new Blob([`\uFEFF${csv}`], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = csvFileName(props.kpi.name ?? "");
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    toaster.show(t("kpi.export.done", { count: props.measurements.length }));
  }

  return (
    <section class="kpi-section" aria-labelledby="kpi-measurements-heading">
      <h2 id="kpi-measurements-heading" tabindex="-1">
        {t("kpi.measurements.heading")}
      </h2>
      <div class="button-row">
        <Show when={props.editor}>
          <button
            type="button"
            class="button button-primary"
            ref={addButton}
            aria-expanded={editing()?.id === null ? "true" : "false"}
            aria-controls="kpi-measurement-form"
            onClick={() => setEditing(editing()?.id === null ? null : { id: null })}
          >
            <Icon name="plus" />
            {t("kpi.measurements.add")}
          </button>
        </Show>
        <Show when={props.measurements.length > 0}>
          <button type="button" class="button button-secondary" onClick={exportCsv} aria-describedby="kpi-export-hint">
            {t("kpi.export.button")}
          </button>
        </Show>
      </div>
      <Show when={props.measurements.length > 0}>
        <p id="kpi-export-hint" class="hint">
          {t("kpi.export.hint")}
        </p>
      </Show>

      <Show when={editing()?.id === null}>
        <MeasurementForm
          kpi={props.kpi}
          measurements={props.measurements}
          editing={null}
          locations={props.locations}
          segments={props.segments}
          onDone={(saved) => {
            setEditing(null);
            if (saved) toaster.show(t("kpi.measurements.saved"));
            focusAfterForm(null);
          }}
        />
      </Show>

      <Show when={editing()?.id}>
        {(id) => (
          <Show when={props.measurements.find((m) => m.id === id())}>
            {(m) => (
              <MeasurementForm
                kpi={props.kpi}
                measurements={props.measurements}
                editing={m()}
                locations={props.locations}
                segments={props.segments}
                onDone={(saved) => {
                  setEditing(null);
                  if (saved) toaster.show(t("kpi.measurements.saved"));
                  focusAfterForm(id());
                }}
              />
            )}
          </Show>
        )}
      </Show>
      <Show when={props.loaded} fallback={<p class="loading">{t("common.loading")}</p>}>
        <p class="muted" role="status" classList={{ "visually-hidden": props.measurements.length === 0 }}>
          {props.location === "" ? t("kpi.measurements.count", { count: shown().length }) : t("kpi.measurements.forLocation", { location: locationLabel(props.location === WHOLE_ORGANISATION ? null : props.location), count: shown().length })}
        </p>
        <Show when={shown().length > 0} fallback={<p class="empty">{props.editor ? t("kpi.measurements.empty") : t("kpi.measurements.emptyReadOnly")}</p>}>
          <div class="table-scroll kpi-table-scroll" role="region" aria-labelledby="kpi-measurements-heading" tabindex="0">
            {/* Explicit roles: on a phone the rows are drawn as cards, and CSS display changes would otherwise hide the table from screen readers. */}
            <table class="kpi-table kpi-cards" role="table">
              <thead role="rowgroup">
                <tr role="row">
                  <th scope="col" role="columnheader">
                    {t("kpi.col.period")}
                  </th>
                  <th scope="col" role="columnheader">
                    {t("kpi.col.start")}
                  </th>
                  <th scope="col" role="columnheader">
                    {t("kpi.col.location")}
                  </th>
                  <th scope="col" role="columnheader">
                    {t("kpi.col.segment")}
                  </th>
                  <th scope="col" role="columnheader" class="num">
                    {t("kpi.col.value")}
                  </th>
                  <th scope="col" role="columnheader" class="num">
                    {t("kpi.col.sampleSize")}
                  </th>
                  <th scope="col" role="columnheader">
                    {t("kpi.col.note")}
                  </th>
                  <Show when={props.editor}>
                    <th scope="col" role="columnheader">
                      {t("kpi.col.actions")}
                    </th>
                  </Show>
                </tr>
              </thead>
              <tbody role="rowgroup">
                <For each={visible()}>
                  {(m) => (
                    <tr role="row">
                      <td role="cell" class="cell-period">
                        {t(`kpi.period.${m.period}`)}
                      </td>
                      <th scope="row" role="rowheader" class="cell-start">
                        {words.day(m.periodStart)}
                      </th>
                      <td role="cell" class="cell-location">
                        {locationLabel(m.locationId)}
                      </td>
                      <td role="cell" class="cell-segment" classList={{ "cell-segment-none": !m.segmentId }}>
                        {m.segmentId ? props.segmentName(m.segmentId) : t("kpi.chart.allCustomers")}
                      </td>
                      <td role="cell" class="num cell-value">
                        {words.value(m.value, props.kpi.unit)}
                      </td>
                      <td role="cell" class="num cell-labelled" data-label={t("kpi.col.sampleSize")}>
                        {m.sampleSize === null ? "" : formatCount(m.sampleSize, words.locale())}
                      </td>
                      <td role="cell" class="kpi-note cell-labelled" data-label={t("kpi.col.note")}>
                        {m.note ?? ""}
                        <Show when={m.pending}>
                          {" "}
                          <span class="badge badge-pending">{t("capture.notSent")}</span>
                        </Show>
                      </td>
                      <Show when={props.editor}>
                        <td role="cell" class="cell-actions">
                          <div class="kpi-row-actions">
                            <button
                              id={`kpi-measurement-edit-${m.id}`}
                              type="button"
                              class="button button-small button-secondary"
                              aria-expanded={editing()?.id === m.id ? "true" : "false"}
                              onClick={() => setEditing(editing()?.id === m.id ? null : { id: m.id })}
                            >
                              {t("kpi.measurements.edit")}
                              <span class="visually-hidden">: {rowLabel(m)}</span>
                            </button>
                            <button type="button" class="button button-small button-quiet" onClick={() => void remove(m)}>
                              {t("kpi.measurements.delete")}
                              <span class="visually-hidden">: {rowLabel(m)}</span>
                            </button>
                          </div>
                        </td>
                      </Show>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <Show when={!showAll() && shown().length > PAGE}>
            <p class="muted">{t("kpi.measurements.showingLatest", { shown: PAGE, count: shown().length })}</p>
            <button type="button" class="button button-secondary" onClick={() => setShowAll(true)}>
              {t("kpi.measurements.showAll", { count: shown().length })}
            </button>
          </Show>
        </Show>
      </Show>

    </section>
  );
}

function fieldsOnly(m: KpiMeasurementFields): KpiMeasurementFields {
  return { kpiId: m.kpiId, period: m.period, periodStart: m.periodStart, locationId: m.locationId, segmentId: m.segmentId, value: m.value, sampleSize: m.sampleSize, note: m.note };
}

const PROBLEM_KEY: Record<DraftProblem, `kpi.problem.${DraftProblem}`> = {
  dateMissing: "kpi.problem.dateMissing",
  dateInvalid: "kpi.problem.dateInvalid",
  valueMissing: "kpi.problem.valueMissing",
  valueInvalid: "kpi.problem.valueInvalid",
  valueRange: "kpi.problem.valueRange",
  sampleInvalid: "kpi.problem.sampleInvalid",
  noteTooLong: "kpi.problem.noteTooLong",
  duplicate: "kpi.problem.duplicate",
};

/** Adds a measurement, or changes one (only the fields that changed are sent, so others' edits merge). */
function MeasurementForm(props: {
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
  const initial = props.editing ? draftOf(props.editing, i18n.language()) : emptyDraft(periodsUsed(props.measurements)[0] ?? "week", today());
  const [draft, setDraft] = createSignal<MeasurementDraft>(initial);
  const [issues, setIssues] = createSignal<Partial<Record<DraftField, DraftProblem>>>({});
  const [message, setMessage] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const prefix = props.editing ? `kpi-edit-${props.editing.id}` : "kpi-add";
  const set = <K extends DraftField>(name: K, value: MeasurementDraft[K]) => setDraft({ ...draft(), [name]: value });
  const issue = (name: DraftField) => {
    const problem = issues()[name];
    return problem ? t(PROBLEM_KEY[problem]) : undefined;
  };
  let form: HTMLFormElement | undefined;
  // Opened from a button: the form takes focus, so keyboard and screen-reader users land in it.
  queueMicrotask(() => form?.querySelector<HTMLElement>(props.editing ? `#${prefix}-value` : "select, input")?.focus());

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy()) return;
    setMessage(null);
    const reading = readDraft(draft(), { kpiId: props.kpi.id, language: i18n.language(), existing: props.measurements, editingId: props.editing?.id ?? null });
    if (reading.issues) {
      setIssues(reading.issues);
      setMessage(t("kpi.problem.form"));
      queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setIssues({});
    setBusy(true);
    try {
      const before = props.editing;
      const fields = reading.fields;
      const changed = before ? (Object.fromEntries(Object.entries(fields).filter(([name, value]) => before[name as keyof KpiMeasurementFields] !== value)) as Partial<KpiMeasurementFields>) : fields;
      if (Object.keys(changed).length > 0) await store.change("kpi_measurement", before?.id ?? crypto.randomUUID(), changed);
      props.onDone(true);
    } catch {
      setMessage(t("kpi.saveFailed"));
    } finally {
      setBusy(false);
    }
  }

  const valueHint = () => t(`kpi.form.valueHint.${props.kpi.unit ?? "count"}`);

  return (
    <form id={props.editing ? undefined : "kpi-measurement-form"} class="card kpi-measurement-form" ref={form} onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h3 id={`${prefix}-heading`}>{props.editing ? t("kpi.form.editHeading") : t("kpi.form.addHeading")}</h3>
      <FormMessage message={message()} />
      <div class="kpi-form-grid">
        <SelectField id={`${prefix}-period`} label={t("kpi.form.period")} value={draft().period} onValue={(v) => set("period", v as MeasurementDraft["period"])} choices={PERIODS.map((p) => ({ value: p, label: t(`kpi.period.${p}`) }))} />
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
