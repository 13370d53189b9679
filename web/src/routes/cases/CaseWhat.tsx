import { createSignal, Show } from "solid-js";
import { DESCRIPTION_MAX, TEXT_MAX, TITLE_MAX } from "../../../../shared/limits";
import { AutoSaveText } from "../../fields/AutoSaveText";
import { useApp } from "../../context";
import { useMe } from "../../data/records";
import { type Member } from "../../data/members";
import { SelectField } from "../../fields/Fields";
import { ownerChoices } from "../../data/members";
import type { CaseEditor } from "./editor";
import { Alert } from "../../components/Alert";

type Theme = { id: string; name?: string | undefined; archived?: boolean | undefined; notDoing?: boolean | undefined };

/** What the case is about: its title (for those who change it), summary and ask. */
export function CaseWhat(props: { editor: CaseEditor; title: string | undefined; saved: boolean }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const e = props.editor;
  const [titleError, setTitleError] = createSignal<string | null>(null);
  return (
    <section class="card" aria-labelledby="case-what-heading">
      <h2 id="case-what-heading">{t("case.whatHeading")}</h2>
      <Show when={e.canEdit()}>
        <AutoSaveText
          id="case-title"
          label={t("case.fieldTitle")}
          multiline={false}
          limit={TITLE_MAX}
          value={props.title ?? ""}
          save={async (text) => {
            const title = text.trim();
            setTitleError(title || !props.saved ? null : t("case.titleRequired"));
            if (title) await e.save({ title });
          }}
        />
        <Alert class="field-error" message={titleError()} />
      </Show>
      <AutoSaveText id="case-summary" label={t("case.summary")} hint={t("case.summaryHint")} rows={4} limit={TEXT_MAX} readOnly={!e.canEdit()} value={e.value("summary")} save={(summary) => e.save({ summary })} />
      <AutoSaveText id="case-ask" label={t("case.ask")} hint={t("case.askHint")} rows={3} limit={DESCRIPTION_MAX} readOnly={!e.canEdit()} value={e.value("ask")} save={(ask) => e.save({ ask })} />
    </section>
  );
}

/** What the author recommends, under which strategic theme, and who owns the case. */
export function CaseRecommendation(props: { editor: CaseEditor; themes: readonly Theme[]; members: readonly Member[] }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const me = useMe();
  const e = props.editor;
  return (
    <section class="card" aria-labelledby="case-recommendation-heading">
      <h2 id="case-recommendation-heading">{t("case.recommendationHeading")}</h2>
      <SelectField
        id="case-theme"
        label={t("case.theme")}
        value={e.value("themeId") ?? ""}
        disabled={!e.canEdit()}
        onValue={(v) => void e.save({ themeId: v || null })}
        choices={[
          { value: "", label: t("case.noTheme") },
          ...props.themes
            .filter((theme) => (!theme.archived && !theme.notDoing) || theme.id === e.value("themeId"))
            .map((theme) => ({ value: theme.id, label: theme.name ?? "" })),
        ]}
      />
      <AutoSaveText id="case-recommendation" label={t("case.recommendation")} hint={t("case.recommendationHint")} rows={4} limit={TEXT_MAX} readOnly={!e.canEdit()} value={e.value("recommendation")} save={(recommendation) => e.save({ recommendation })} />
      <SelectField
        id="case-owner"
        label={t("case.owner")}
        value={e.value("ownerId") ?? ""}
        disabled={!e.canEdit()}
        onValue={(v) => void e.save({ ownerId: v || null })}
        choices={ownerChoices(props.members, { id: me.id(), name: t("case.me") }, t("case.noOwner"))}
      />
    </section>
  );
}
