import { Show } from "solid-js";
import { useApp } from "../../context";
import type { ImportMode } from "./csv-import";
import { formatCount } from "../../format";
import { useKpiWords } from "./words";

/** The import buttons: all rows (only when every row is good), or just the good ones; online only. */
export function ImportActions(props: { valid: number; invalid: number; busy: boolean; onSend: (mode: ImportMode) => void }) {
  const { i18n, session } = useApp();
  const { t } = i18n;
  const words = useKpiWords();
  return (
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
            aria-disabled={props.invalid > 0 || props.busy ? "true" : undefined}
            aria-describedby="kpi-import-all-hint"
            onClick={() => props.onSend("all")}
          >
            {props.busy ? t("kpi.import.importing") : t("kpi.import.importAll")}
          </button>
          <p id="kpi-import-all-hint" class="hint">
            {props.invalid > 0 ? t("kpi.import.importAllBlocked") : t("kpi.import.importAllHint")}
          </p>
        </div>
        <Show when={props.invalid > 0}>
          <button type="button" class="button button-secondary" aria-disabled={props.busy ? "true" : undefined} onClick={() => props.onSend("valid_only")}>
            {props.busy ? t("kpi.import.importing") : t("kpi.import.importValid", { count: formatCount(props.valid, words.locale()) })}
          </button>
        </Show>
      </div>
    </Show>
  );
}
