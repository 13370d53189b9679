import { createSignal, onMount, Show, type JSX } from "solid-js";
import { useApp } from "../context";
import type { I18n } from "../i18n";
import { rowControlId, type AnySettingCollection, type SettingBase } from "../data/settings";
import { FormMessage, SubmitButton } from "../fields/Fields";
import { createSubmission, localIssues, type Submission } from "../fields/form";
import { focusSoon } from "../focus";

/** Every setting has a name: the one check made before asking the server. */
const nameIssues = (i18n: I18n, name: string) => localIssues(i18n, { name: !name.trim() && "issue.required" });

/** One item of an organisation setting list, with edit, archive and restore. */
export function SettingRow(props: {
  item: SettingBase;
  collection: AnySettingCollection;
  /** Where focus goes when the archived row leaves the list. */
  listHeadingId: string;
  details?: JSX.Element;
  /** Extra controls before Edit (move up/down for journey stages). */
  actions?: JSX.Element;
  editor: (close: () => void) => JSX.Element;
}) {
  const { i18n } = useApp();
  const { t } = i18n;
  const [editing, setEditing] = createSignal(false);
  const close = () => {
    setEditing(false);
    focusSoon(rowControlId(props.item.id, "edit"));
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
              <button type="button" class="button button-small button-secondary" id={rowControlId(props.item.id, "restore")} onClick={() => void props.collection.restore(props.item)}>
                {t("settings.restore")}
                <span class="visually-hidden"> {props.item.name}</span>
              </button>
            }
          >
            <button type="button" class="button button-small button-secondary" id={rowControlId(props.item.id, "edit")} onClick={() => setEditing(true)}>
              {t("common.edit")}
              <span class="visually-hidden"> {props.item.name}</span>
            </button>
            <button type="button" class="button button-small button-quiet" id={rowControlId(props.item.id, "archive")} onClick={() => void props.collection.archive(props.item, props.listHeadingId)}>
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
  /** The name as typed, checked before saving. */
  name: string;
  save: () => Promise<unknown>;
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
      { form, local: nameIssues(i18n, props.name) },
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

/**
 * The "add" card of a settings screen: its form adds one item, says so, empties the form
 * (`reset`) and puts focus back on the first field for the next one.
 */
export function AddForm<T extends SettingBase>(props: {
  headingId: string;
  heading: string;
  submitLabel: string;
  /** The name as typed, checked before saving. */
  name: string;
  create: () => Promise<T>;
  /** The toast once added (default: "… added"). */
  added?: (created: T) => string;
  reset: () => void;
  children: (submission: Submission) => JSX.Element;
}) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const submission = createSubmission();
  let form: HTMLFormElement | undefined;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const created = await submission.run(() => props.create(), { form, local: nameIssues(i18n, props.name) });
    if (!created) return;
    toaster.show(props.added?.(created) ?? t("settings.added", { name: created.name }));
    props.reset();
    form?.querySelector<HTMLElement>("input")?.focus();
  }

  return (
    <section class="card">
      <h2 id={props.headingId}>{props.heading}</h2>
      <form ref={form} class="stack" novalidate onSubmit={submit}>
        {props.children(submission)}
        <FormMessage message={submission.message()} />
        <SubmitButton busy={submission.busy()} label={props.submitLabel} busyLabel={t("common.saving")} />
      </form>
    </section>
  );
}
