import { createComputed, For, Show } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import type { KpiMeasurementFields } from "../../../../shared/schemas/kpi";
import { useApp } from "../../context";
import { type Kpi, type StoredMeasurement } from "./model";
import { useKpiWords } from "./words";
import { MeasurementCells, MeasurementHeads } from "./MeasurementCells";

/** The measurements as table rows (cards on a phone), with each row's edit and delete buttons for an editor. */
export function MeasurementTable(props: {
  kpi: Kpi;
  rows: StoredMeasurement[];
  editor: boolean;
  /** The id of the measurement whose form is open, if any. */
  editingId: string | null | undefined;
  locationLabel: (id: string | null) => string;
  segmentName: (id: string) => string;
  onEdit: (m: StoredMeasurement) => void;
  onRemove: (m: StoredMeasurement) => void;
}) {
  const { i18n } = useApp();
  const { t } = i18n;
  const words = useKpiWords();
  // Every change on the device reads the list afresh, as new objects. Matched by id, a row and its
  // buttons stay in the page (and keep the focus an Edit button was given back) while its cells update.
  // Copies, as reconcile updates the objects it holds in place and these belong to the screen's list.
  const [rows, setRows] = createStore<StoredMeasurement[]>([]);
  createComputed(() => setRows(reconcile(props.rows.map((m) => ({ ...m })), { key: "id" })));
  const rowLabel = (m: KpiMeasurementFields) => t("kpi.measurements.rowLabel", { period: t(`kpi.period.${m.period}`), start: words.day(m.periodStart), location: props.locationLabel(m.locationId) });

  return (
    <div class="table-scroll kpi-table-scroll" role="region" aria-labelledby="kpi-measurements-heading" tabindex="0">
      {/* Explicit roles: on a phone the rows are drawn as cards, and CSS display changes would otherwise hide the table from screen readers. */}
      <table class="kpi-table kpi-cards" role="table">
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">
              {t("kpi.col.period")}
            </th>
            <MeasurementHeads />
            <Show when={props.editor}>
              <th scope="col" role="columnheader">
                {t("kpi.col.actions")}
              </th>
            </Show>
          </tr>
        </thead>
        <tbody role="rowgroup">
          <For each={rows}>
            {(m) => (
              <tr role="row">
                <td role="cell" class="cell-period">
                  {t(`kpi.period.${m.period}`)}
                </td>
                <MeasurementCells
                  fields={m}
                  unit={props.kpi.unit}
                  location={props.locationLabel(m.locationId)}
                  segment={m.segmentId ? props.segmentName(m.segmentId) : t("kpi.chart.allCustomers")}
                  noteExtra={
                    <Show when={m.pending}>
                      {" "}
                      <span class="badge badge-pending">{t("capture.notSent")}</span>
                    </Show>
                  }
                />
                <Show when={props.editor}>
                  <td role="cell" class="cell-actions">
                    <div class="kpi-row-actions">
                      <button
                        id={`kpi-measurement-edit-${m.id}`}
                        type="button"
                        class="button button-small button-secondary"
                        aria-expanded={props.editingId === m.id ? "true" : "false"}
                        onClick={() => props.onEdit(m)}
                      >
                        {t("kpi.measurements.edit")}
                        <span class="visually-hidden">: {rowLabel(m)}</span>
                      </button>
                      <button type="button" class="button button-small button-quiet" onClick={() => props.onRemove(m)}>
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
  );
}
