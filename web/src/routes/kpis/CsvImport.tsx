import { createMemo, createSignal, For, Show } from "solid-js";
import { measurementsFromCsv, parseCsv, type CsvLookups, type CsvRowError } from "../../../../shared/kpi/csv";
import type { KpiMeasurementFields } from "../../../../shared/schemas/kpi";
import { ApiError } from "../../data/api";
import { RadioChips } from "../../fields/RadioChips";
import { SelectField } from "../../fields/Fields";
import { describeError } from "../../fields/form";
import { useApp, useOrg } from "../../context";
import { useLocal } from "../../data/local/context";
import {
  csvMessages,
  EMPTY_MAPPING,
  guessMapping,
  guessPeriod,
  MAPPED_FIELDS,
  MAX_IMPORT_ROWS,
  MAX_REQUEST_BYTES,
  PREVIEW_ROWS,
  requestBytes,
  rowErrorsFromIssues,
  toMapping,
  type ImportMode,
  type ImportRequest,
  type MappedField,
  type MappingDraft,
} from "./csv-import";
import { ImportActions } from "./ImportActions";
import { BadRows, ImportPreview } from "./ImportPreview";
import { ImportSource } from "./ImportSource";
import { periodsUsed, type Kpi } from "./model";
import { formatCount } from "../../format";
import { useKpiWords } from "./words";
import { MEASUREMENT_PERIODS, type MeasurementPeriod } from "../../../../shared/enums";

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
  const { i18n, api } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const local = useLocal();
  const words = useKpiWords();
  const [source, setSource] = createSignal<{ name: string; text: string } | null>(null);
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
  }

  function startOver() {
    setSource(null);
    if (fileInput) fileInput.value = "";
    queueMicrotask(() => fileInput?.focus());
  }

  const ready = () => mapping().periodStart !== "" && mapping().value !== "";
  const preview = createMemo(() => {
    const file = source();
    if (!file || !ready()) return null;
    return measurementsFromCsv(file.text, { kpi: props.kpi, period: period(), mapping: toMapping(mapping()), lookups: props.lookups, messages: csvMessages(t) });
  });
  const valid = () => preview()?.rows.length ?? 0;
  const invalid = () => preview()?.errors.length ?? 0;

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
      const answer = await api.call("post", "/orgs/:orgId/kpis/:kpiId/measurements/import", { param: { orgId: org().orgId, kpiId: props.kpi.id }, json: request });
      const skipped = answer.errors.length;
      show({
        tone: "success",
        message: t("kpi.import.done", { imported: formatCount(answer.imported, words.locale()), updated: formatCount(answer.updated, words.locale()) }),
        ...(skipped > 0 ? { details: t("kpi.import.skipped", { count: skipped }) } : {}),
      });
      setSource(null);
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
        <ImportSource onText={use} fileInput={(input) => (fileInput = input)} />
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

            <RadioChips name="kpi-import-period" legend={t("kpi.import.period")} value={period()} onValue={setPeriod} choices={MEASUREMENT_PERIODS.map((p) => ({ value: p, label: t(`kpi.periodWord.${p}`) }))} />

            <fieldset class="kpi-mapping">
              <legend>{t("kpi.import.mapHeading")}</legend>
              <p class="hint">{t("kpi.import.mapHint")}</p>
              <div class="kpi-form-grid">
                <For each={MAPPED_FIELDS}>
                  {(field) => <SelectField id={`kpi-import-${field}`} label={t(`kpi.import.column.${field}`)} value={mapping()[field]} onValue={(column) => setColumn(field, column)} choices={columnChoices()} />}
                </For>
              </div>
            </fieldset>

            <ImportPreview preview={preview()} kpi={props.kpi} lookups={props.lookups} />

            <Show when={preview() && valid() > 0}>
              <ImportActions valid={valid()} invalid={invalid()} busy={busy()} onSend={(mode) => void send(mode)} />
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
