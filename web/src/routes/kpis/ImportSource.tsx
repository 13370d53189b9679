import { createSignal, Show } from "solid-js";
import { useApp } from "../../context";
import { decodeCsvBytes } from "./csv-import";

/** Where an import's text comes from: a file picked on this device, or text pasted from a spreadsheet. */
export function ImportSource(props: { onText: (name: string, text: string) => void; fileInput: (input: HTMLInputElement) => void }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const [pasted, setPasted] = createSignal("");
  const [readFailed, setReadFailed] = createSignal(false);

  async function onFile(file: File | undefined) {
    if (!file) return;
    try {
      props.onText(file.name, decodeCsvBytes(await file.arrayBuffer()));
    } catch {
      setReadFailed(true);
    }
  }

  return (
    <>
      <div class="field">
        <label for="kpi-import-file">{t("kpi.import.file")}</label>
        <input id="kpi-import-file" ref={props.fileInput} type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(event) => void onFile(event.currentTarget.files?.[0])} />
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
        <button type="button" class="button button-secondary" aria-disabled={pasted().trim() === "" ? "true" : undefined} onClick={() => pasted().trim() && props.onText(t("kpi.import.pastedName"), pasted())}>
          {t("kpi.import.usePasted")}
        </button>
      </details>
    </>
  );
}
