import { createSignal, For } from "solid-js";
import type { Theme } from "../../../../shared/schemas/settings";
import { CheckboxField, TextField } from "../../fields/Fields";
import { createSubmission } from "../../fields/form";
import { Page } from "../../components/Page";
import { SettingList } from "../../components/SettingList";
import { AddForm, EditForm, SettingRow } from "../../components/SettingRow";
import { useApp } from "../../context";
import { createSettingCollection, type SettingCollection } from "../../data/settings";

/** Strategic themes, and — just as explicit — what the organisation will not do. */
export default function Themes() {
  const { i18n } = useApp();
  const { t } = i18n;
  const themes = createSettingCollection("themes");
  const ours = () => themes.visible().filter((theme) => !theme.notDoing);
  const notDoing = () => themes.visible().filter((theme) => theme.notDoing);

  const row = (theme: Theme, headingId: string) => (
    <SettingRow
      item={theme}
      collection={themes}
      listHeadingId={headingId}
      details={theme.description ? <p class="row-meta">{theme.description}</p> : undefined}
      editor={(close) => <EditTheme theme={theme} themes={themes} close={close} />}
    />
  );

  return (
    <Page title={t("admin.themes")}>
      <p class="muted">{t("themes.intro")}</p>
      <CreateTheme themes={themes} />
      <SettingList collection={themes} headingId="themes-list-heading" heading={t("themes.ours")} empty={t("themes.oursEmpty")} count={ours().length}>
        <For each={ours()}>{(theme) => row(theme, "themes-list-heading")}</For>
      </SettingList>
      <SettingList
        collection={themes}
        headingId="themes-not-doing-heading"
        heading={t("themes.notDoing")}
        empty={t("themes.notDoingEmpty")}
        count={notDoing().length}
        archivedToggle={false}
      >
        <For each={notDoing()}>{(theme) => row(theme, "themes-not-doing-heading")}</For>
      </SettingList>
    </Page>
  );
}

function CreateTheme(props: { themes: SettingCollection<"themes"> }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const [name, setName] = createSignal("");
  const [description, setDescription] = createSignal("");
  const [notDoing, setNotDoing] = createSignal(false);

  return (
    <AddForm
      headingId="themes-add-heading"
      heading={t("themes.addHeading")}
      submitLabel={t("themes.add")}
      name={name()}
      create={() => props.themes.create({ name: name(), description: description(), notDoing: notDoing() })}
      added={(created) => t(created.notDoing ? "themes.addedNotDoing" : "settings.added", { name: created.name })}
      reset={() => {
        setName("");
        setDescription("");
        setNotDoing(false);
      }}
    >
      {(submission) => (
        <>
          <TextField id="theme-name" label={t("field.name")} required value={name()} onValue={setName} error={submission.issue("name")} />
          <TextField id="theme-description" label={t("themes.description")} multiline value={description()} onValue={setDescription} error={submission.issue("description")} />
          <CheckboxField id="theme-not-doing" label={t("themes.notDoingLabel")} hint={t("themes.notDoingHint")} checked={notDoing()} onValue={setNotDoing} />
        </>
      )}
    </AddForm>
  );
}

function EditTheme(props: { theme: Theme; themes: SettingCollection<"themes">; close: () => void }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const submission = createSubmission();
  const [name, setName] = createSignal(props.theme.name);
  const [description, setDescription] = createSignal(props.theme.description);
  const [notDoing, setNotDoing] = createSignal(props.theme.notDoing);
  const id = `theme-${props.theme.id}`;
  return (
    <EditForm
      label={t("settings.editLabel", { name: props.theme.name })}
      submission={submission}
      name={name()}
      save={() => props.themes.update(props.theme.id, { name: name(), description: description(), notDoing: notDoing() })}
      close={props.close}
    >
      <TextField id={`${id}-name`} label={t("field.name")} required value={name()} onValue={setName} error={submission.issue("name")} />
      <TextField id={`${id}-description`} label={t("themes.description")} multiline value={description()} onValue={setDescription} error={submission.issue("description")} />
      <CheckboxField id={`${id}-not-doing`} label={t("themes.notDoingLabel")} checked={notDoing()} onValue={setNotDoing} />
    </EditForm>
  );
}
