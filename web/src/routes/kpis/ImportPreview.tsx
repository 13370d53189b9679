import { For, Show } from "solid-js";
import type { CsvLookups, CsvRowError, measurementsFromCsv } from "../../../../shared/kpi/csv";
import { useApp } from "../../context";
import { PREVIEW_ROWS } from "./csv-import";
import { type Kpi } from "./model";
import { formatCount } from "../../format";
import { useKpiWords } from "./words";
import { MeasurementCells, MeasurementHeads } from "./MeasurementCells";

/**
 * What an import would do, worked out on this device before anything is sent: how many rows are
 * good and bad, the first good rows as they will be stored, and every bad row with its reason.
 */
export function ImportPreview(props: { preview: ReturnType<typeof measurementsFromCsv> | null; kpi: Kpi; lookups: CsvLookups }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const words = useKpiWords();
  const locationName = (id: string | null) => (id ? (props.lookups.locations.find((l) => l.id === id)?.name ?? id) : t("kpi.chart.organisation"));
  const segmentName = (id: string | null) => (id ? (props.lookups.segments.find((s) => s.id === id)?.name ?? id) : t("kpi.chart.allCustomers"));

  return (
    <section aria-labelledby="kpi-import-preview-heading">
      <h3 id="kpi-import-preview-heading">{t("kpi.import.previewHeading")}</h3>
      <Show when={props.preview} fallback={<p class="notice">{t("kpi.import.chooseRequired")}</p>}>
        {(result) => (
          <>
            <p role="status">
              <strong>{t("kpi.import.summary", { valid: formatCount(result().rows.length, words.locale()), invalid: formatCount(result().errors.length, words.locale()) })}</strong>
            </p>
            <Show when={result().rows.length > 0}>
              <div class="table-scroll kpi-table-scroll" role="region" aria-labelledby="kpi-import-preview-caption" tabindex="0">
                <table class="kpi-table kpi-cards" role="table">
                  <caption id="kpi-import-preview-caption">{t("kpi.import.previewCaption")}</caption>
                  <thead role="rowgroup">
                    <tr role="row">
                      <th scope="col" role="columnheader" class="num">
                        {t("kpi.import.line")}
                      </th>
                      <MeasurementHeads />
                    </tr>
                  </thead>
                  <tbody role="rowgroup">
                    <For each={result().rows.slice(0, PREVIEW_ROWS)}>
                      {(row) => (
                        <tr role="row">
                          <td role="cell" class="num cell-period cell-labelled" data-label={t("kpi.import.line")}>
                            {row.line}
                          </td>
                          <MeasurementCells fields={row.fields} unit={props.kpi.unit} location={locationName(row.fields.locationId)} segment={segmentName(row.fields.segmentId)} />
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
            <Show when={result().errors.length > 0} fallback={<Show when={result().rows.length > 0}><p class="notice notice-success">{t("kpi.import.allValid")}</p></Show>}>
              <h4 class="kpi-bad-heading">{t("kpi.import.badHeading")}</h4>
              <BadRows errors={result().errors} />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}

/** Every bad row, with its line in the file: the list a user fixes the file from. */
export function BadRows(props: { errors: CsvRowError[] }) {
  const { i18n } = useApp();
  return (
    <ul class="kpi-bad-rows">
      <For each={props.errors}>
        {(error) => (
          <li>
            <strong>{i18n.t("kpi.import.badLine", { line: error.line })}</strong> {error.message}
          </li>
        )}
      </For>
    </ul>
  );
}
