import { TEXT_MAX } from "../../../../shared/limits";
import type { FindingFields } from "../../../../shared/schemas/finding";
import { Show } from "solid-js";
import { asksSeverity, pickable, sentimentChange, SEVERITIES } from "../../capture/model";
import { PhotoField } from "../../capture/PhotoField";
import { AutoSaveText } from "../../fields/AutoSaveText";
import { RadioChips } from "../../fields/RadioChips";
import { TagsField } from "../../fields/TagsField";
import { useApp } from "../../context";
import { SelectField } from "../../fields/Fields";
import { FIX_LEVELS, SENTIMENTS } from "../../../../shared/enums";

type Setting = { id: string; name?: string | undefined; archived?: boolean | undefined; position?: number | undefined };

/**
 * What the finding form shares with its screen: the current value of each field (the stored
 * one, or what a new finding starts with), a save that writes to this device, and what the
 * rule book lets this person change: what the finding describes, and how it is triaged.
 */
export interface FindingEditor {
  value<K extends keyof FindingFields>(name: K): FindingFields[K];
  save(fields: Partial<FindingFields>): Promise<void>;
  canEdit(): boolean;
  canTriageFields(): boolean;
}

/**
 * Photo first, then one sentence, then pain or delight — and how bad, for a pain only: what a
 * director fills in on the floor. The rest (feeling, expectation, where it belongs) waits behind
 * "More", taken over from the previous finding of the visit; it starts open for a finding that
 * is looked at again rather than captured (`moreOpen`).
 */
export function FindingForm(props: {
  editor: FindingEditor;
  stages: readonly Setting[];
  locations: readonly Setting[];
  segments: readonly Setting[];
  themes: readonly (Setting & { notDoing?: boolean | undefined })[];
  moreOpen: boolean;
  /** Whether the "More" fields came from the previous finding of the visit (then it says so). */
  remembered: boolean;
}) {
  const { t } = useApp().i18n;
  const e = props.editor;
  const none = () => ({ value: "", label: t("finding.none") });
  const settingChoices = (list: readonly Setting[], chosen: string | null) => [none(), ...pickable(list, chosen).map((s) => ({ value: s.id, label: s.name ?? "" }))];
  return (
    <>
      <PhotoField id="finding-photos" photos={e.value("photos")} readOnly={!e.canEdit()} onChange={(photos) => e.save({ photos })} />
      <AutoSaveText id="finding-saw" label={t("finding.saw")} hint={t("finding.sawHint")} rows={3} limit={TEXT_MAX} readOnly={!e.canEdit()} value={e.value("saw")} save={(saw) => e.save({ saw })} />
      <RadioChips
        name="finding-sentiment"
        legend={t("finding.sentimentQuestion")}
        value={e.value("sentiment")}
        disabled={!e.canEdit()}
        onValue={(sentiment) => void e.save(sentimentChange(sentiment))}
        choices={SENTIMENTS.map((s) => ({ value: s, label: t(`sentiment.${s}`) }))}
      />
      <Show when={asksSeverity(e.value("sentiment"))}>
        <RadioChips
          name="finding-severity"
          legend={t("finding.severityQuestion")}
          hint={t("finding.severityHint")}
          value={e.value("severity")}
          disabled={!e.canEdit()}
          onValue={(severity) => void e.save({ severity })}
          choices={SEVERITIES.map((n) => ({ value: n, label: String(n) }))}
        />
      </Show>
      <details class="finding-more" open={props.moreOpen}>
        <summary>{t("finding.more")}</summary>
        <div class="stack">
          <Show when={props.remembered}>
            <p class="hint">{t("finding.moreRemembered")}</p>
          </Show>
          <AutoSaveText id="finding-felt" label={t("finding.felt")} rows={3} limit={TEXT_MAX} readOnly={!e.canEdit()} value={e.value("felt")} save={(felt) => e.save({ felt })} />
          <AutoSaveText
            id="finding-expectation"
            label={t("finding.expectation")}
            rows={3}
            limit={TEXT_MAX}
            readOnly={!e.canEdit()}
            value={e.value("expectation")}
            save={(expectation) => e.save({ expectation })}
          />
          <SelectField
            id="finding-stage"
            label={t("finding.stage")}
            value={e.value("journeyStageId") ?? ""}
            disabled={!e.canTriageFields()}
            onValue={(v) => void e.save({ journeyStageId: v || null })}
            choices={settingChoices(props.stages, e.value("journeyStageId"))}
          />
          <SelectField
            id="finding-location"
            label={t("filter.location")}
            value={e.value("locationId") ?? ""}
            disabled={!e.canEdit()}
            onValue={(v) => void e.save({ locationId: v || null })}
            choices={settingChoices(props.locations, e.value("locationId"))}
          />
          <SelectField
            id="finding-segment"
            label={t("finding.segment")}
            value={e.value("segmentId") ?? ""}
            disabled={!e.canTriageFields()}
            onValue={(v) => void e.save({ segmentId: v || null })}
            choices={settingChoices(props.segments, e.value("segmentId"))}
          />
          <RadioChips
            name="finding-level"
            legend={t("finding.level")}
            hint={t("finding.levelHint")}
            value={e.value("level") ?? ""}
            disabled={!e.canTriageFields()}
            onValue={(level) => void e.save({ level: level === "" ? null : level })}
            choices={[...FIX_LEVELS.map((l) => ({ value: l as (typeof FIX_LEVELS)[number] | "", label: t(`level.${l}`) })), { value: "", label: t("level.unsure") }]}
          />
          <SelectField
            id="finding-theme"
            label={t("finding.theme")}
            value={e.value("themeId") ?? ""}
            disabled={!e.canTriageFields()}
            onValue={(v) => void e.save({ themeId: v || null })}
            // Themes on the "we will not do" list are no home for a finding.
            choices={settingChoices(
              props.themes.filter((theme) => !theme.notDoing || theme.id === e.value("themeId")),
              e.value("themeId"),
            )}
          />
          <TagsField id="finding-tags" label={t("finding.tags")} readOnly={!e.canTriageFields()} tags={e.value("tags")} save={(tags) => e.save({ tags })} />
        </div>
      </details>
    </>
  );
}
