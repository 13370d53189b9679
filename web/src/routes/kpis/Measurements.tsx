import { createMemo, createSignal, Show } from "solid-js";
import { measurementsToCsv, type CsvLookups } from "../../../../shared/kpi/csv";
import { Icon } from "../../components/Icon";
import { useApp } from "../../context";
import { useLocal } from "../../data/local/context";
import type { Entity } from "../../data/local/types";
import { MeasurementForm } from "./MeasurementForm";
import { MeasurementTable } from "./MeasurementTable";
import { csvFileName, fieldsOnly, measurementsAt, WHOLE_ORGANISATION, type Kpi, type StoredMeasurement } from "./model";
import { useKpiWords } from "./words";

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

  const shown = createMemo(() => measurementsAt(props.measurements, props.location));
  const visible = () => (showAll() ? shown() : shown().slice(0, PAGE));
  const locationLabel = (id: string | null) => (id ? props.locationName(id) : t("kpi.chart.organisation"));

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

      {/* Keyed: each measurement gets a form of its own (its draft is read once, from that
          measurement), and the id stays readable once the form has closed. */}
      <Show when={editing()?.id} keyed>
        {(id) => (
          <Show when={props.measurements.find((m) => m.id === id)}>
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
                  focusAfterForm(id);
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
          <MeasurementTable
            kpi={props.kpi}
            rows={visible()}
            editor={props.editor}
            editingId={editing()?.id}
            locationLabel={locationLabel}
            segmentName={props.segmentName}
            onEdit={(m) => setEditing(editing()?.id === m.id ? null : { id: m.id })}
            onRemove={(m) => void remove(m)}
          />
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
