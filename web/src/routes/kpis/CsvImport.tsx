import { createMemo, createSignal, For, Show } from "solid-js";
import { measurementsFromCsv, parseCsv, type CsvLookups, type CsvRowError } from "../../../../shared/kpi/csv";
import type { KpiMeasurementFields, MeasurementPeriod } from "../../../../shared/schemas/kpi";
import { ApiError, orgPath } from "../../data/api";
import { RadioChips } from "../../capture/ui";
import { SelectField } from "../../fields/Fields";
import { describeError } from "../../fields/form";
import { useApp, useOrg } from "../../context";
import { useLocal } from "../../data/local/context";
import {
  csvMessages,
  decodeCsvBytes,
  EMPTY_MAPPING,
  guessMapping,
  guessPeriod,
  MAPPED_FIELDS,
  MAX_IMPORT_ROWS,
  MAX_REQUEST_BYTES,
  requestBytes,
  rowErrorsFromIssues,
  toMapping,
  type ImportAnswer,
  type ImportMode,
  type ImportRequest,
  type MappedField,
  type MappingDraft,
} from "./csv-import";
import { formatCount, PERIODS, periodsUsed, type Kpi } from "./model";
import { useKpiWords } from "./words";

const PREVIEW_ROWS = 5;

interface Outcome {
  tone: "success" | "error";
  message: string;
  details?: string;
  errors?: CsvRowError[];
}

/**
 * Import measurements from a CSV file: pick (or paste) it, say what period a row is, map the
 * columns, and see on this device — before anything is sent — the first rows as they will be
 * stored and every bad row with its line and reason. The server checks the same way again
 * (the same shared code) and stores the rows; the sync then brings them to this device.
 */
export function CsvImport(props: { kpi: Kpi; measurements: KpiMeasurementFields[]; lookups: CsvLookups }) {
  const { i18n, api, session } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const local = useLocal();
  const words = useKpiWords();
  const [source, setSource] = createSignal<{ name: string; text: string } | null>(null);
  const [pasted, setPasted] = createSignal("");
  const [readFailed, setReadFailed] = createSignal(false);
  const [period, setPeriod] = createSignal<MeasurementPeriod>("week");
  const [mapping, setMapping] = createSignal<MappingDraft>({ ...EMPTY_MAPPING });
  const [busy, setBusy] = createSignal(false);
  const [outcome, setOutcome] = createSignal<Outcome | null>(null);
  let fileInput: HTMLInputElement | undefined;
  let outcomeBox: HTMLDivElement | undefined;

  const parsed = createMemo(() => {
    const file = source();
    return file ? parseCsv(file.text) : null;
  });

  function use(name: string, text: string) {
    const { header, rows } = parseCsv(text);
    const guessed = guessMapping(header, rows.slice(0, PREVIEW_ROWS));
    setMapping(guessed);
    setPeriod(guessPeriod(guessed.periodStart) ?? periodsUsed(props.measurements)[0] ?? "week");
    setSource({ name, text });
    setOutcome(null);
    setReadFailed(false);
  }

  async function onFile(file: File | undefined) {
    if (!file) return;
    try {
      use(file.name, decodeCsvBytes(await file.arrayBuffer()));
    } catch {
      setReadFailed(true);
    }
  }

  function startOver() {
    setSource(null);
    setPasted("");
    if (fileInput) fileInput.value = "";
    queueMicrotask(() => fileInput?.focus());
  }

  const ready = () => mapping().periodStart !== "" && mapping().value !== "";
  const preview = createMemo(() => {
    const file = source();
    if (!file || !ready()) return null;
    return measurementsFromCsv(file.text, { kpiId: props.kpi.id, period: period(), mapping: toMapping(mapping()), lookups: props.lookups, messages: csvMessages(t) });
  });
  const valid = () => preview()?.rows.length ?? 0;
  const invalid = () => preview()?.errors.length ?? 0;

  const locationName = (id: string | null) => (id ? (props.lookups.locations.find((l) => l.id === id)?.name ?? id) : t("kpi.chart.organisation"));
  const segmentName = (id: string | null) => (id ? (props.lookups.segments.find((s) => s.id === id)?.name ?? id) : t("kpi.chart.allCustomers"));

  function show(next: Outcome) {
    setOutcome(next);
    queueMicrotask(() => outcomeBox?.focus());
  }

  async function send(mode: ImportMode) {
    const file = source();
    if (!file || busy() || (mode === "all" && invalid() > 0)) return;
    const request: ImportRequest = { csv: file.text, mapping: toMapping(mapping()), period: period(), mode };
    if ((parsed()?.rows.length ?? 0) > MAX_IMPORT_ROWS || requestBytes(request) > MAX_REQUEST_BYTES) {
      show({ tone: "error", message: t("kpi.import.tooLarge") });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const answer = await api.post<ImportAnswer>(orgPath(org().orgId, `/kpis/${encodeURIComponent(props.kpi.id)}/measurements/import`), request);
      const skipped = answer.errors.length;
      show({
        tone: "success",
        message: t("kpi.import.done", { imported: formatCount(answer.imported, words.locale()), updated: formatCount(answer.updated, words.locale()) }),
        ...(skipped > 0 ? { details: t("kpi.import.skipped", { count: skipped }) } : {}),
      });
      setSource(null);
      setPasted("");
      if (fileInput) fileInput.value = "";
      // The server has the rows now; the sync brings them to this device (and its chart).
      void local.sync.syncNow();
    } catch (error) {
      if (error instanceof ApiError && error.code === "invalid_rows") show({ tone: "error", message: t("kpi.import.refused"), errors: rowErrorsFromIssues(error.issues) });
      else if (error instanceof ApiError && (error.code === "too_many_rows" || error.code === "payload_too_large")) show({ tone: "error", message: t("kpi.import.tooLarge") });
      else show({ tone: "error", message: describeError(i18n, error) });
    } finally {
      setBusy(false);
    }
  }

  const columnChoices = () => [{ value: "", label: t("kpi.import.notInFile") }, ...(parsed()?.header ?? []).filter((name) => name !== "").map((name) => ({ value: name, label: name }))];
  const setColumn = (field: MappedField, column: string) => setMapping({ ...mapping(), [field]: column });

  return (
    <section class="kpi-section kpi-import" aria-labelledby="kpi-import-heading">
      <h2 id="kpi-import-heading">{t("kpi.import.heading")}</h2>
      <p class="muted">{t("kpi.import.intro")}</p>

      <div class="kpi-outcome" ref={outcomeBox} tabindex="-1" role={outcome()?.tone === "error" ? "alert" : "status"}>
        <Show when={outcome()}>
          {(o) => (
            <div class="notice" classList={{ "notice-error": o().tone === "error", "notice-success": o().tone === "success" }}>
              <p>{o().message}</p>
              <Show when={o().details}>{(details) => <p>{details()}</p>}</Show>
              <Show when={o().errors?.length}>
                <BadRows errors={o().errors!} />
              </Show>
            </div>
          )}
        </Show>
      </div>

      <Show when={!source()}>
        <div class="field">
          <label for="kpi-import-file">{t("kpi.import.file")}</label>
          <input id="kpi-import-file" ref={fileInput} type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(event) => void onFile(event.currentTarget.files?.[0])} />
        </div>
        <Show when={readFailed()}>
          <p class="notice notice-error" role="alert">
            {t("kpi.import.readFailed")}
          </p>
        </Show>
        <details class="kpi-paste">
          <summary>{t("kpi.import.paste")}</summary>
          <div class="field">
            <label for="kpi-import-paste" class="visually-hidden">
              {t("kpi.import.paste")}
            </label>
            <textarea id="kpi-import-paste" rows={6} spellcheck={false} value={pasted()} onInput={(event) => setPasted(event.currentTarget.value)} />
          </div>
          <button type="button" class="button button-secondary" aria-disabled={pasted().trim() === "" ? "true" : undefined} onClick={() => pasted().trim() && use(t("kpi.import.pastedName"), pasted())}>
            {t("kpi.import.usePasted")}
          </button>
        </details>
      </Show>

      <Show when={source()}>
        {(file) => (
          <div class="stack">
            <p>
              {t("kpi.import.found", {
                name: file().name,
                rows: formatCount(parsed()?.rows.length ?? 0, words.locale()),
                columns: (parsed()?.header ?? []).map((name) => `“${name}”`).join(", "),
              })}
            </p>
            <Show when={(parsed()?.rows.length ?? 0) === 0}>
              <p class="notice">{t("kpi.import.nothing")}</p>
            </Show>

            <RadioChips name="kpi-import-period" legend={t("kpi.import.period")} value={period()} onValue={setPeriod} choices={PERIODS.map((p) => ({ value: p, label: t(`kpi.periodWord.${p}`) }))} />

            <fieldset class="kpi-mapping">
              <legend>{t("kpi.import.mapHeading")}</legend>
              <p class="hint">{t("kpi.import.mapHint")}</p>
              <div class="kpi-form-grid">
                <For each={MAPPED_FIELDS}>
                  {(field) => <SelectField id={`kpi-import-${field}`} label={t(`kpi.import.column.${field}`)} value={mapping()[field]} onValue={(column) => setColumn(field, column)} choices={columnChoices()} />}
                </For>
              </div>
            </fieldset>

            <section aria-labelledby="kpi-import-preview-heading">
              <h3 id="kpi-import-preview-heading">{t("kpi.import.previewHeading")}</h3>
              <Show when={preview()} fallback={<p class="notice">{t("kpi.import.chooseRequired")}</p>}>
                {(result) => (
                  <>
                    <p role="status">
                      <strong>{t("kpi.import.summary", { valid: formatCount(valid(), words.locale()), invalid: formatCount(invalid(), words.locale()) })}</strong>
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
                            </tr>
                          </thead>
                          <tbody role="rowgroup">
                            <For each={result().rows.slice(0, PREVIEW_ROWS)}>
                              {(row) => (
                                <tr role="row">
                                  <td role="cell" class="num cell-period cell-labelled" data-label={t("kpi.import.line")}>
                                    {row.line}
                                  </td>
                                  <th scope="row" role="rowheader" class="cell-start">
                                    {words.day(row.fields.periodStart)}
                                  </th>
                                  <td role="cell" class="cell-location">
                                    {locationName(row.fields.locationId)}
                                  </td>
                                  <td role="cell" class="cell-segment" classList={{ "cell-segment-none": !row.fields.segmentId }}>
                                    {segmentName(row.fields.segmentId)}
                                  </td>
                                  <td role="cell" class="num cell-value">
                                    {words.value(row.fields.value, props.kpi.unit)}
                                  </td>
                                  <td role="cell" class="num cell-labelled" data-label={t("kpi.col.sampleSize")}>
                                    {row.fields.sampleSize === null ? "" : formatCount(row.fields.sampleSize, words.locale())}
                                  </td>
                                  <td role="cell" class="kpi-note cell-labelled" data-label={t("kpi.col.note")}>
                                    {row.fields.note ?? ""}
                                  </td>
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

            <Show when={preview() && valid() > 0}>
              <Show
                when={session.online()}
                fallback={
                  <p class="notice" role="status">
                    {t("kpi.import.offline")}
                  </p>
                }
              >
                <div class="kpi-import-actions">
                  <div>
                    <button
                      type="button"
                      class="button button-primary"
                      aria-disabled={invalid() > 0 || busy() ? "true" : undefined}
                      aria-describedby="kpi-import-all-hint"
                      onClick={() => void send("all")}
                    >
                      {busy() ? t("kpi.import.importing") : t("kpi.import.importAll")}
                    </button>
                    <p id="kpi-import-all-hint" class="hint">
                      {invalid() > 0 ? t("kpi.import.importAllBlocked") : t("kpi.import.importAllHint")}
                    </p>
                  </div>
                  <Show when={invalid() > 0}>
                    <button type="button" class="button button-secondary" aria-disabled={busy() ? "true" : undefined} onClick={() => void send("valid_only")}>
                      {busy() ? t("kpi.import.importing") : t("kpi.import.importValid", { count: formatCount(valid(), words.locale()) })}
                    </button>
                  </Show>
                </div>
              </Show>
            </Show>
            <p>
              <button type="button" class="button button-quiet" onClick={startOver}>
                {t("kpi.import.startOver")}
              </button>
            </p>
          </div>
        )}
      </Show>
    </section>
  );
}

/** Every bad row, with its line in the file: the list a user fixes the file from. */
function BadRows(props: { errors: CsvRowError[] }) {
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
