import { createSignal, For } from "solid-js";
import type { Location } from "../../../../shared/schemas/settings";
import { SelectField, TextField } from "../../fields/Fields";
import { createSubmission } from "../../fields/form";
import { Page } from "../../components/Page";
import { AddForm, EditForm, SettingRow } from "../../components/SettingRow";
import { SettingList } from "../../components/SettingList";
import { useApp } from "../../context";
import { createSettingCollection, type SettingCollection } from "../../data/settings";
import { LOCATION_KINDS, type LocationKind } from "../../../../shared/enums";

function useKindChoices() {
  const { i18n } = useApp();
  return () => LOCATION_KINDS.map((kind) => ({ value: kind, label: i18n.t(`kind.${kind}`) }));
}

export default function Locations() {
  const { i18n } = useApp();
  const { t } = i18n;
  const locations = createSettingCollection("locations");

  return (
    <Page title={t("admin.locations")}>
      <p class="muted">{t("locations.intro")}</p>
      <CreateLocation locations={locations} />
      <SettingList collection={locations} headingId="locations-list-heading" heading={t("locations.listHeading")} empty={t("locations.empty")}>
        <For each={locations.visible()}>
          {(location) => (
            <SettingRow
              item={location}
              collection={locations}
              listHeadingId="locations-list-heading"
              details={<p class="row-meta">{t(`kind.${location.kind}`)}</p>}
              editor={(close) => <EditLocation location={location} locations={locations} close={close} />}
            />
          )}
        </For>
      </SettingList>
    </Page>
  );
}

function CreateLocation(props: { locations: SettingCollection<"locations"> }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const kinds = useKindChoices();
  const [name, setName] = createSignal("");
  const [kind, setKind] = createSignal<LocationKind>("store");

  return (
    <AddForm
      headingId="locations-add-heading"
      heading={t("locations.addHeading")}
      submitLabel={t("locations.add")}
      name={name()}
      create={() => props.locations.create({ name: name(), kind: kind() })}
      reset={() => setName("")}
    >
      {(submission) => (
        <>
          <TextField id="location-name" label={t("field.name")} required value={name()} onValue={setName} error={submission.issue("name")} />
          <SelectField id="location-kind" label={t("locations.kind")} value={kind()} onValue={(value) => setKind(value as LocationKind)} choices={kinds()} error={submission.issue("kind")} />
        </>
      )}
    </AddForm>
  );
}

function EditLocation(props: { location: Location; locations: SettingCollection<"locations">; close: () => void }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const kinds = useKindChoices();
  const submission = createSubmission();
  const [name, setName] = createSignal(props.location.name);
  const [kind, setKind] = createSignal<LocationKind>(props.location.kind);
  const id = `location-${props.location.id}`;

  return (
    <EditForm
      label={t("settings.editLabel", { name: props.location.name })}
      submission={submission}
      name={name()}
      save={() => props.locations.update(props.location.id, { name: name(), kind: kind() })}
      close={props.close}
    >
      <TextField id={`${id}-name`} label={t("field.name")} required value={name()} onValue={setName} error={submission.issue("name")} />
      <SelectField id={`${id}-kind`} label={t("locations.kind")} value={kind()} onValue={(value) => setKind(value as LocationKind)} choices={kinds()} />
    </EditForm>
  );
}
