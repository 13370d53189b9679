import { createSignal, onMount, Show, type JSX } from "solid-js";
import { useApp } from "../context";
import { rowControlId } from "../data/settings";
import { FormMessage, SubmitButton } from "../fields/Fields";
import type { Issues, Submission } from "../fields/form";

/** One item of an organisation setting list, with edit, archive and restore. */
export function SettingRow(props: {
  item: { id: string; name: string; archived: boolean };
  details?: JSX.Element;
  /** Extra controls before Edit (move up/down for journey stages). */
  actions?: JSX.Element;
  editor: (close: () => void) => JSX.Element;
  onArchive: () => void;
  onRestore: () => void;
}) {
  const { i18n } = useApp();
  const { t } = i18n;
  const [editing, setEditing] = createSignal(false);
  const close = () => {
    setEditing(false);
    queueMicrotask(() => document.getElementById(rowControlId(props.item.id, "edit"))?.focus());
  };

  return (
    <li class="row" classList={{ "row-archived": props.item.archived, "row-editing": editing() }}>
      <Show when={!editing()} fallback={props.editor(close)}>
        <div class="row-main">
          <p class="row-title">
            {props.item.name}
            <Show when={props.item.archived}>
              {" "}
              <span class="badge">{t("settings.archivedBadge")}</span>
            </Show>
          </p>
          {props.details}
        </div>
        <div class="row-actions">
          {props.actions}
          <Show
            when={!props.item.archived}
            fallback={
              <button type="button" class="button button-small button-secondary" id={rowControlId(props.item.id, "restore")} onClick={() => props.onRestore()}>
                {t("settings.restore")}
                <span class="visually-hidden"> {props.item.name}</span>
              </button>
            }
          >
            <button type="button" class="button button-small button-secondary" id={rowControlId(props.item.id, "edit")} onClick={() => setEditing(true)}>
              {t("common.edit")}
              <span class="visually-hidden"> {props.item.name}</span>
            </button>
            <button type="button" class="button button-small button-quiet" id={rowControlId(props.item.id, "archive")} onClick={() => props.onArchive()}>
              {t("settings.archive")}
              <span class="visually-hidden"> {props.item.name}</span>
            </button>
          </Show>
        </div>
      </Show>
    </li>
  );
}

/** The inline form of a row being edited: Save, Cancel, Escape to cancel, focus on its first field. */
export function EditForm(props: {
  label: string;
  submission: Submission;
  save: () => Promise<unknown>;
  local?: () => Issues;
  close: () => void;
  children: JSX.Element;
}) {
  const { i18n } = useApp();
  const { t } = i18n;
  let form: HTMLFormElement | undefined;
  onMount(() => form?.querySelector<HTMLElement>("input, textarea, select")?.focus());

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const saved = await props.submission.run(
      async () => {
        await props.save();
        return true;
      },
      { form, ...(props.local ? { local: props.local() } : {}) },
    );
    if (saved) props.close();
  }

  return (
    <form
      ref={form}
      class="edit-form stack"
      aria-label={props.label}
      novalidate
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          props.close();
        }
      }}
    >
      {props.children}
      <FormMessage message={props.submission.message()} />
      <div class="button-row">
        <SubmitButton busy={props.submission.busy()} label={t("common.save")} busyLabel={t("common.saving")} />
        <button type="button" class="button button-secondary" onClick={() => props.close()}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
