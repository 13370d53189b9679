import { createSignal, For, Show } from "solid-js";
import { LABEL_MAX, TEXT_MAX } from "../../../../shared/limits";
import { iceScore } from "../../../../shared/experiments/lifecycle";
import { useMe } from "../../data/records";
import { type Member } from "../../data/members";
import { pickable } from "../../capture/model";
import { AutoSaveText } from "../../fields/AutoSaveText";
import { SelectField } from "../../fields/Fields";
import { LimitNote, limitDescribedBy, textFit, tooLong } from "../../components/TextLimit";
import { useApp } from "../../context";
import type { MessageKey } from "../../i18n";
import type { ExperimentEditor } from "./editor";
import { toggleTeam } from "./model";
import { ownerChoices } from "../../data/members";
import { Later } from "../../components/stages";

type Theme = { id: string; name?: string | undefined; archived?: boolean | undefined; notDoing?: boolean | undefined };

const SCORES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const ICE = ["impact", "confidence", "ease"] as const;
/** The functions an experiment usually needs across the organisation (seed 004: cross-functional). */
const TEAM_SUGGESTIONS: readonly MessageKey[] = ["team.it", "team.storeOps", "team.marketing", "team.service", "team.ecommerce", "team.logistics", "team.finance"];

/** Priority (ICE), who owns it and who works on it, the strategic theme and notes. */
export function Details(props: { editor: ExperimentEditor; members: readonly Member[]; themes: readonly Theme[] }) {
  const { i18n, session } = useApp();
  const { t } = i18n;
  const me = useMe();
  const e = props.editor;
  const [teamDraft, setTeamDraft] = createSignal("");
  const teamFit = () => textFit(i18n, teamDraft(), LABEL_MAX);
  const ice = () => iceScore({ impact: e.value("impact"), confidence: e.value("confidence"), ease: e.value("ease") });
  const suggestions = () => TEAM_SUGGESTIONS.map((key) => t(key)).filter((name) => !e.value("team").some((member) => member.toLowerCase() === name.toLowerCase()));

  function addTeam(name: string) {
    const clean = name.trim();
    if (!clean || tooLong(clean, LABEL_MAX) || e.value("team").some((m) => m.toLowerCase() === clean.toLowerCase())) return;
    void e.save({ team: toggleTeam(e.value("team"), clean) });
  }

  return (
    <section class="card" aria-labelledby="details-heading">
      <h2 id="details-heading">{t("details.heading")}</h2>
      <div class="stack">
        <fieldset class="ice" aria-describedby="ice-hint">
          <legend>{t("ice.legend")}</legend>
          <p id="ice-hint" class="hint">
            {t("ice.hint")}
          </p>
          <div class="ice-grid">
            <For each={ICE}>
              {(part) => (
                <SelectField
                  id={`experiment-${part}`}
                  label={t(`ice.${part}`)}
                  value={e.value(part) === null ? "" : String(e.value(part))}
                  disabled={!e.canEdit()}
                  onValue={(v) => void e.save({ [part]: v ? Number(v) : null })}
                  choices={[{ value: "", label: "–" }, ...SCORES.map((n) => ({ value: String(n), label: String(n) }))]}
                />
              )}
            </For>
          </div>
          <p class="ice-score" role="status">
            <Show when={ice()} fallback={t("ice.incomplete")}>
              {(score) => t("ice.product", { impact: e.value("impact") ?? 0, confidence: e.value("confidence") ?? 0, ease: e.value("ease") ?? 0, score: score() })}
            </Show>
          </p>
        </fieldset>

        <SelectField
          id="experiment-owner"
          label={t("details.owner")}
          hint={t("details.ownerHint")}
          value={e.value("ownerId") ?? ""}
          disabled={!e.canEdit()}
          onValue={(v) => void e.save({ ownerId: v || null })}
          choices={ownerChoices(props.members, { id: me.id(), name: session.session()?.user.name ?? t("plan.me") }, t("details.noOwner"))}
        />

        {/* The team, theme and notes are a part of their own (see Later). */}
        <Later>
          <fieldset class="team" aria-describedby="team-hint">
            <legend>{t("team.legend")}</legend>
            <p id="team-hint" class="hint">
              {t("team.hint")}
            </p>
            <Show when={e.value("team").length > 0} fallback={<p class="muted">{t("team.none")}</p>}>
              <ul class="chips team-members">
                <For each={e.value("team")}>
                  {(name) => (
                    <li class="chip team-chip">
                      <span>{name}</span>
                      <Show when={e.canEdit()}>
                        <button type="button" class="chip-remove" onClick={() => void e.save({ team: toggleTeam(e.value("team"), name) })}>
                          <span aria-hidden="true">×</span>
                          <span class="visually-hidden">{t("team.remove", { name })}</span>
                        </button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={e.canEdit()}>
              <Show when={suggestions().length > 0}>
                <ul class="chips team-suggestions" aria-label={t("team.suggestions")}>
                  <For each={suggestions()}>
                    {(name) => (
                      <li>
                        <button type="button" class="chip" onClick={() => addTeam(name)}>
                          <span aria-hidden="true">+{"\u00a0"}</span>
                          <span class="visually-hidden">{t("team.add")}: </span>
                          {name}
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <form
                class="field team-other"
                onSubmit={(event) => {
                  event.preventDefault();
                  // Too long: the name stays in the field, with the reason beside it.
                  if (tooLong(teamDraft(), LABEL_MAX)) return;
                  addTeam(teamDraft());
                  setTeamDraft("");
                }}
              >
                <label for="experiment-team-other">{t("team.other")}</label>
                <div class="input-with-suffix">
                  <input
                    id="experiment-team-other"
                    type="text"
                    value={teamDraft()}
                    aria-describedby={limitDescribedBy("experiment-team-other", teamFit()).join(" ") || undefined}
                    onInput={(event) => setTeamDraft(event.currentTarget.value)}
                  />
                  <button type="submit" class="button button-secondary">
                    {t("team.add")}
                  </button>
                </div>
                <LimitNote id="experiment-team-other" fit={teamFit()} />
              </form>
            </Show>
          </fieldset>

          <SelectField
            id="experiment-theme"
            label={t("details.theme")}
            value={e.value("themeId") ?? ""}
            disabled={!e.canEdit()}
            onValue={(v) => void e.save({ themeId: v || null })}
            // A theme on the "we will not do" list is no home for an experiment.
            choices={[
              { value: "", label: t("details.noTheme") },
              ...pickable(
                props.themes.filter((theme) => !theme.notDoing || theme.id === e.value("themeId")),
                e.value("themeId"),
              ).map((theme) => ({ value: theme.id, label: theme.name ?? "" })),
            ]}
          />
          <AutoSaveText id="experiment-notes" label={t("details.notes")} rows={4} limit={TEXT_MAX} readOnly={!e.canEdit()} value={e.value("notes")} save={(notes) => e.save({ notes })} />
        </Later>
      </div>
    </section>
  );
}
