import { createSignal, For, Show } from "solid-js";
import type { Segment } from "../../../../shared/schemas/settings";
import { TextField } from "../../fields/Fields";
import { createSubmission } from "../../fields/form";
import { Page } from "../../components/Page";
import { SettingList } from "../../components/SettingList";
import { AddForm, EditForm, SettingRow } from "../../components/SettingRow";
import { useApp } from "../../context";
import type { MessageKey } from "../../i18n";
import { createSettingCollection, type SettingCollection } from "../../data/settings";

/** "risk, trust , , urgency" → ["risk", "trust", "urgency"], without repeats. */
export function parseMotives(text: string): string[] {
  const seen = new Set<string>();
  const motives: string[] = [];
  for (const part of text.split(",")) {
    const motive = part.trim();
    if (motive && !seen.has(motive.toLowerCase())) {
      seen.add(motive.toLowerCase());
      motives.push(motive);
    }
  }
  return motives;
}

const SUGGESTED: readonly MessageKey[] = ["motive.risk", "motive.trust", "motive.urgency", "motive.priority", "motive.price", "motive.convenience"];

/** Motives as comma-separated text, with the usual buying motives one tap away. */
function MotivesField(props: { id: string; value: string; onValue: (value: string) => void; error?: string | undefined }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const has = (motive: string) => parseMotives(props.value).some((m) => m.toLowerCase() === motive.toLowerCase());
  const toggle = (motive: string) => {
    const current = parseMotives(props.value);
    const next = has(motive) ? current.filter((m) => m.toLowerCase() !== motive.toLowerCase()) : [...current, motive];
    props.onValue(next.join(", "));
  };
  return (
    <div class="stack-tight">
      <TextField id={props.id} label={t("segments.motives")} hint={t("segments.motivesHint")} value={props.value} onValue={props.onValue} error={props.error} />
      <div class="chips" role="group" aria-label={t("segments.suggestions")}>
        <For each={SUGGESTED}>
          {(key) => (
            <button type="button" class="chip" aria-pressed={has(t(key)) ? "true" : "false"} onClick={() => toggle(t(key))}>
              {t(key)}
            </button>
          )}
        </For>
      </div>
    </div>
  );
}

export default function Segments() {
  const { i18n } = useApp();
  const { t } = i18n;
  const segments = createSettingCollection("segments");

  return (
    <Page title={t("admin.segments")}>
      <p class="muted">{t("segments.intro")}</p>
      <CreateSegment segments={segments} />
      <SettingList collection={segments} headingId="segments-list-heading" heading={t("segments.listHeading")} empty={t("segments.empty")}>
        <For each={segments.visible()}>
          {(segment) => (
            <SettingRow
              item={segment}
              collection={segments}
              listHeadingId="segments-list-heading"
              details={
                <Show when={segment.motives.length > 0} fallback={<p class="row-meta">{t("segments.noMotives")}</p>}>
                  <ul class="chips chips-static" aria-label={t("segments.motivesOf", { name: segment.name })}>
                    <For each={segment.motives}>{(motive) => <li class="chip">{motive}</li>}</For>
                  </ul>
                </Show>
              }
              editor={(close) => <EditSegment segment={segment} segments={segments} close={close} />}
            />
          )}
        </For>
      </SettingList>
    </Page>
  );
}

function CreateSegment(props: { segments: SettingCollection<"segments"> }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const [name, setName] = createSignal("");
  const [motives, setMotives] = createSignal("");

  return (
    <AddForm
      headingId="segments-add-heading"
      heading={t("segments.addHeading")}
      submitLabel={t("segments.add")}
      name={name()}
      create={() => props.segments.create({ name: name(), motives: parseMotives(motives()) })}
      reset={() => {
        setName("");
        setMotives("");
      }}
    >
      {(submission) => (
        <>
          <TextField id="segment-name" label={t("field.name")} required value={name()} onValue={setName} error={submission.issue("name")} />
          <MotivesField id="segment-motives" value={motives()} onValue={setMotives} error={submission.issue("motives")} />
        </>
      )}
    </AddForm>
  );
}

function EditSegment(props: { segment: Segment; segments: SettingCollection<"segments">; close: () => void }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const submission = createSubmission();
  const [name, setName] = createSignal(props.segment.name);
  const [motives, setMotives] = createSignal(props.segment.motives.join(", "));
  const id = `segment-${props.segment.id}`;
  return (
    <EditForm
      label={t("settings.editLabel", { name: props.segment.name })}
      submission={submission}
      name={name()}
      save={() => props.segments.update(props.segment.id, { name: name(), motives: parseMotives(motives()) })}
      close={props.close}
    >
      <TextField id={`${id}-name`} label={t("field.name")} required value={name()} onValue={setName} error={submission.issue("name")} />
      <MotivesField id={`${id}-motives`} value={motives()} onValue={setMotives} error={submission.issue("motives")} />
    </EditForm>
  );
}
