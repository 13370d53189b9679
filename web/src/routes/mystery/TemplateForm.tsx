import { useNavigate } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { FormMessage, SelectField, SubmitButton, TextField } from "../../fields/Fields";
import { Page } from "../../components/Page";
import { RecordHistory } from "../../components/RecordHistory";
import { useApp, useOrg } from "../../context";
import { useLocal } from "../../data/local/context";
import { orgHref } from "../../nav";
import { CheckboxGroup } from "../../fields/CheckboxGroup";
import { controlId, kindsForChannel, LIMITS, templateFields, toggledKind, type Channel, type TemplateDraft } from "./template";
import { createTemplateEditing } from "./template-editing";
import { TemplateSectionFields } from "./TemplateSectionFields";
import { LOCATION_KINDS, MYSTERY_CHANNELS, type LocationKind } from "../../../../shared/enums";

/** Building or changing a template: its name and channel, its sections and their questions; saved as a whole. */
export function TemplateForm(props: { id: string; initial: TemplateDraft; isNew: boolean; archived: boolean; usedBy: number; usedWithoutCopy: number; version?: string }) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const local = useLocal();
  const navigate = useNavigate();
  const editing = createTemplateEditing(props.initial);
  const { draft, setDraft, issue, clearIssue } = editing;
  const [message, setMessage] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function save(event: SubmitEvent) {
    event.preventDefault();
    if (busy()) return;
    setMessage(null);
    const problems = editing.check();
    if (problems > 0) {
      setMessage(t("mystery.editor.fixProblems", { count: problems }));
      return;
    }
    setBusy(true);
    try {
      await local.store.change("mystery_template", props.id, { ...templateFields(draft), ...(props.isNew ? { archived: false } : {}) });
      toaster.show(t("mystery.editor.saved", { name: draft.name.trim() }));
      navigate(orgHref(org().orgId, "mystery/templates"));
    } catch {
      setMessage(t("mystery.saveFailed"));
    } finally {
      setBusy(false);
    }
  }

  const channelChoices = () => MYSTERY_CHANNELS.map((channel) => ({ value: channel, label: t(`mystery.channel.${channel}`) }));
  const kindChoices = () => LOCATION_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }));
  const kindsIssue = `${controlId.locationKinds}-${LOCATION_KINDS[0]}`;
  function chooseChannel(channel: Channel) {
    setDraft("locationKinds", kindsForChannel(draft.locationKinds, draft.channel, channel));
    setDraft("channel", channel);
  }

  return (
    <Page title={props.isNew ? t("mystery.editor.newTitle") : t("mystery.editor.editTitle", { name: props.initial.name })}>
      <Show when={props.archived}>
        <p class="notice">{t("mystery.editor.archivedNote")}</p>
      </Show>
      <Show when={props.usedBy > 0}>
        <p class="notice">
          {t("mystery.editor.usedBy", { count: props.usedBy })}
          <Show when={props.usedWithoutCopy > 0}> {t("mystery.editor.usedByWithoutCopy", { count: props.usedWithoutCopy })}</Show>
        </p>
      </Show>
      <form class="stack template-form" novalidate onSubmit={save} aria-label={t("mystery.editor.formLabel")}>
        <div class="card stack">
          <TextField
            id={controlId.name}
            label={t("mystery.editor.name")}
            required
            limit={LIMITS.name}
            value={draft.name}
            onValue={(value) => {
              setDraft("name", value);
              clearIssue(controlId.name);
            }}
            error={issue(controlId.name)}
          />
          <SelectField id={controlId.channel} label={t("mystery.editor.channel")} value={draft.channel} onValue={(value) => chooseChannel(value as Channel)} choices={channelChoices()} />
          <CheckboxGroup
            name={controlId.locationKinds}
            legend={t("mystery.editor.locationKinds")}
            hint={t("mystery.editor.locationKindsHint")}
            choices={kindChoices()}
            chosen={draft.locationKinds}
            error={issue(kindsIssue)}
            onToggle={(kind, on) => {
              setDraft("locationKinds", toggledKind(draft.locationKinds, kind as LocationKind, on));
              clearIssue(kindsIssue);
            }}
          />
        </div>

        <For each={draft.sections}>
          {(section, index) => <TemplateSectionFields section={section} index={index()} count={draft.sections.length} editing={editing} />}
        </For>

        <div>
          <button
            type="button"
            class="button button-secondary"
            id={controlId.addSection}
            aria-invalid={issue(controlId.addSection) ? "true" : undefined}
            aria-describedby={issue(controlId.addSection) ? `${controlId.addSection}-error` : undefined}
            onClick={editing.addSection}
          >
            {t("mystery.editor.addSection")}
          </button>
          <Show when={issue(controlId.addSection)}>
            <p class="field-error" id={`${controlId.addSection}-error`}>
              {issue(controlId.addSection)}
            </p>
          </Show>
        </div>

        <FormMessage message={message()} />
        <div class="button-row">
          <SubmitButton busy={busy()} label={t("mystery.editor.save")} busyLabel={t("common.saving")} />
          <a class="button button-secondary" href={orgHref(org().orgId, "mystery/templates")}>
            {t("common.cancel")}
          </a>
        </div>
        <p class="visually-hidden" role="status" aria-live="polite">
          {editing.announcement()}
        </p>
      </form>
      <Show when={!props.isNew}>
        <RecordHistory entity="mystery_template" id={props.id} version={props.version} />
      </Show>
    </Page>
  );
}
