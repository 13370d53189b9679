import { createSignal, For } from "solid-js";
import type { JourneyStage } from "../../../../shared/schemas/settings";
import { FormMessage, SubmitButton, TextField } from "../../fields/Fields";
import { createSubmission, describeError, localIssues } from "../../fields/form";
import { Page } from "../../components/Page";
import { SettingList } from "../../components/SettingList";
import { EditForm, SettingRow } from "../../components/SettingRow";
import { useApp } from "../../context";
import { createSettingCollection, rowControlId, type SettingCollection } from "../../data/settings";

export default function JourneyStages() {
  const { api, i18n, toaster } = useApp();
  const { t } = i18n;
  const stages = createSettingCollection<JourneyStage>("journey-stages", { alwaysIncludeArchived: true });

  /**
   * Swaps a stage with its visible neighbour. The order endpoint wants every stage (archived
   * ones too), so the swap happens in the full list; the change shows at once and is undone
   * if the server refuses it.
   */
  async function move(stage: JourneyStage, step: -1 | 1) {
    const shown = stages.visible();
    const neighbour = shown[shown.indexOf(stage) + step];
    if (!neighbour) return;
    const before = stages.all();
    const after = [...before];
    const from = after.indexOf(stage);
    const to = after.indexOf(neighbour);
    after[from] = neighbour;
    after[to] = stage;
    stages.setAll(after);
    // Keep focus on the moved stage; at the top or bottom its button in that direction is disabled.
    const nowShown = stages.visible();
    const index = nowShown.indexOf(stage);
    const canGoOn = step < 0 ? index > 0 : index < nowShown.length - 1;
    const direction = step < 0 ? "up" : "down";
    const focusId = rowControlId(stage.id, canGoOn ? direction : direction === "up" ? "down" : "up");
    queueMicrotask(() => document.getElementById(focusId)?.focus());
    try {
      await api.put(`${stages.base()}/order`, { ids: after.map((s) => s.id) });
      toaster.show(t(step < 0 ? "stages.movedUp" : "stages.movedDown", { name: stage.name, position: index + 1 }));
    } catch (error) {
      stages.setAll(before);
      toaster.show(describeError(i18n, error), { tone: "error" });
    }
  }

  return (
    <Page title={t("admin.journeyStages")}>
      <p class="muted">{t("stages.intro")}</p>
      <SettingList collection={stages} headingId="stages-list-heading" heading={t("stages.listHeading")} empty={t("stages.empty")}>
        <For each={stages.visible()}>
          {(stage, index) => (
            <SettingRow
              item={stage}
              details={<p class="row-meta">{t("stages.position", { position: index() + 1 })}</p>}
              actions={
                <span class="move-buttons">
                  <button
                    type="button"
                    class="button button-small button-secondary button-icon"
                    id={rowControlId(stage.id, "up")}
                    disabled={index() === 0}
                    onClick={() => void move(stage, -1)}
                  >
                    <span aria-hidden="true">↑</span>
                    <span class="visually-hidden">{t("stages.moveUp", { name: stage.name })}</span>
                  </button>
                  <button
                    type="button"
                    class="button button-small button-secondary button-icon"
                    id={rowControlId(stage.id, "down")}
                    disabled={index() === stages.visible().length - 1}
                    onClick={() => void move(stage, 1)}
                  >
                    <span aria-hidden="true">↓</span>
                    <span class="visually-hidden">{t("stages.moveDown", { name: stage.name })}</span>
                  </button>
                </span>
              }
              editor={(close) => <EditStage stage={stage} stages={stages} close={close} />}
              onArchive={() => void stages.archive(stage, "stages-list-heading")}
              onRestore={() => void stages.restore(stage)}
            />
          )}
        </For>
      </SettingList>
      <section class="card">
        <h2 id="stages-add-heading">{t("stages.addHeading")}</h2>
        <CreateStage stages={stages} />
      </section>
    </Page>
  );
}

function CreateStage(props: { stages: SettingCollection<JourneyStage> }) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const submission = createSubmission();
  const [name, setName] = createSignal("");
  let form: HTMLFormElement | undefined;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const created = await submission.run(() => props.stages.create({ name: name() }), {
      form,
      local: localIssues(i18n, { name: !name().trim() && "issue.required" }),
    });
    if (!created) return;
    toaster.show(t("settings.added", { name: created.name }));
    setName("");
    form?.querySelector<HTMLElement>("input")?.focus();
  }

  return (
    <form ref={form} class="stack" novalidate onSubmit={submit}>
      <TextField id="stage-name" label={t("field.name")} hint={t("stages.addHint")} required value={name()} onValue={setName} error={submission.issue("name")} />
      <FormMessage message={submission.message()} />
      <SubmitButton busy={submission.busy()} label={t("stages.add")} busyLabel={t("common.saving")} />
    </form>
  );
}

function EditStage(props: { stage: JourneyStage; stages: SettingCollection<JourneyStage>; close: () => void }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const submission = createSubmission();
  const [name, setName] = createSignal(props.stage.name);
  return (
    <EditForm
      label={t("settings.editLabel", { name: props.stage.name })}
      submission={submission}
      save={() => props.stages.update(props.stage.id, { name: name() })}
      local={() => localIssues(i18n, { name: !name().trim() && "issue.required" })}
      close={props.close}
    >
      <TextField id={`stage-${props.stage.id}-name`} label={t("field.name")} required value={name()} onValue={setName} error={submission.issue("name")} />
    </EditForm>
  );
}
