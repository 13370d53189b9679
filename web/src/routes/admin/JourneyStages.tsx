import { createSignal, For } from "solid-js";
import type { JourneyStage } from "../../../../shared/schemas/settings";
import { TextField } from "../../fields/Fields";
import { createSubmission, describeError } from "../../fields/form";
import { MoveButtons } from "../../components/MoveButtons";
import { Page } from "../../components/Page";
import { SettingList } from "../../components/SettingList";
import { AddForm, EditForm, SettingRow } from "../../components/SettingRow";
import { useApp, useOrg } from "../../context";
import { createSettingCollection, rowControlId, type SettingCollection } from "../../data/settings";

export default function JourneyStages() {
  const { api, i18n, toaster } = useApp();
  const org = useOrg();
  const { t } = i18n;
  const stages = createSettingCollection("journey-stages", { alwaysIncludeArchived: true });

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
      await api.call("put", "/orgs/:orgId/journey-stages/order", { param: { orgId: org().orgId }, json: { ids: after.map((s) => s.id) } });
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
              collection={stages}
              listHeadingId="stages-list-heading"
              details={<p class="row-meta">{t("stages.position", { position: index() + 1 })}</p>}
              actions={
                <MoveButtons
                  // The ids rowControlId gives, so focus can follow a moved stage.
                  id={`setting-${stage.id}`}
                  index={index()}
                  count={stages.visible().length}
                  upLabel={t("stages.moveUp", { name: stage.name })}
                  downLabel={t("stages.moveDown", { name: stage.name })}
                  onMove={(step) => void move(stage, step)}
                />
              }
              editor={(close) => <EditStage stage={stage} stages={stages} close={close} />}
            />
          )}
        </For>
      </SettingList>
      <CreateStage stages={stages} />
    </Page>
  );
}

function CreateStage(props: { stages: SettingCollection<"journey-stages"> }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const [name, setName] = createSignal("");

  return (
    <AddForm
      headingId="stages-add-heading"
      heading={t("stages.addHeading")}
      submitLabel={t("stages.add")}
      name={name()}
      create={() => props.stages.create({ name: name() })}
      reset={() => setName("")}
    >
      {(submission) => (
        <TextField id="stage-name" label={t("field.name")} hint={t("stages.addHint")} required value={name()} onValue={setName} error={submission.issue("name")} />
      )}
    </AddForm>
  );
}

function EditStage(props: { stage: JourneyStage; stages: SettingCollection<"journey-stages">; close: () => void }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const submission = createSubmission();
  const [name, setName] = createSignal(props.stage.name);
  return (
    <EditForm
      label={t("settings.editLabel", { name: props.stage.name })}
      submission={submission}
      name={name()}
      save={() => props.stages.update(props.stage.id, { name: name() })}
      close={props.close}
    >
      <TextField id={`stage-${props.stage.id}-name`} label={t("field.name")} required value={name()} onValue={setName} error={submission.issue("name")} />
    </EditForm>
  );
}
