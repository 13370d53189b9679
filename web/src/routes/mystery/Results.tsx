import { createMemo, createSignal, Show } from "solid-js";
import { SelectField } from "../../fields/Fields";
import { Page } from "../../components/Page";
import { EmptyState, LoadError, Loading } from "../../components/Status";
import { useApp } from "../../context";
import { LeagueTable, type LeagueSort } from "./LeagueTable";
import { useFormat, useShopRecords } from "./records";
import { leagueTable, scoreCompletedShops, sortLeague, templatesUsed, wavesOf } from "./results-model";

const ALL_WAVES = "all";

/** `/o/:orgId/mystery/results`: the league table of locations by their mystery-shop scores, per wave. */
export default function Results() {
  const { i18n } = useApp();
  const { t } = i18n;
  const format = useFormat();
  const { templates, locations, shops } = useShopRecords();
  const [templateId, setTemplateId] = createSignal("");
  // Unchosen, the league is the latest wave's: the one being shopped now.
  const [chosenWave, setChosenWave] = createSignal<string>();
  const [sort, setSort] = createSignal<LeagueSort>({ key: "latest", direction: "descending" });

  const scored = createMemo(() => scoreCompletedShops(shops.items(), templates.items()));
  const waves = createMemo(() => wavesOf(scored()));
  const wave = () => chosenWave() ?? waves()[0] ?? ALL_WAVES;
  const usedTemplates = () => templatesUsed(scored(), templates.items()).sort(format.byName);
  const rows = createMemo(() =>
    sortLeague(
      leagueTable(scored(), locations.items(), { templateId: templateId() || null, wave: wave() === ALL_WAVES ? null : wave() }, t("mystery.unknownLocation")),
      sort().key,
      sort().direction,
      format.locale(),
    ),
  );

  return (
    <Page title={t("mystery.results.title")}>
      <p class="muted">{t("mystery.results.intro")}</p>
      <Show when={shops.error() ?? templates.error()}>{(error) => <LoadError error={error()} retry={() => location.reload()} />}</Show>
      <Show when={!shops.loading() && !templates.loading() && !locations.loading()} fallback={<Loading />}>
        <Show when={scored().length > 0} fallback={<EmptyState text={t("mystery.results.empty")} />}>
          <div class="filter-row">
            <SelectField
              id="league-wave"
              label={t("mystery.results.wave")}
              value={wave()}
              onValue={setChosenWave}
              class="field filter-field"
              choices={[...waves().map((w) => ({ value: w, label: format.wave(w) })), { value: ALL_WAVES, label: t("mystery.results.allWaves") }]}
            />
            <Show when={usedTemplates().length > 1}>
              <SelectField
                id="league-template"
                label={t("mystery.results.template")}
                value={templateId()}
                onValue={setTemplateId}
                class="field filter-field"
                choices={[{ value: "", label: t("mystery.results.allTemplates") }, ...usedTemplates().map((tpl) => ({ value: tpl.id, label: tpl.name ?? "" }))]}
              />
            </Show>
          </div>
          <section aria-labelledby="league-heading">
            <h2 id="league-heading">{t("mystery.league.heading")}</h2>
            <p class="hint" id="league-hint">
              {t("mystery.league.hint")}
            </p>
            <Show when={rows().length > 0} fallback={<EmptyState text={t("mystery.results.emptyForFilter")} />}>
              <LeagueTable rows={rows()} sort={sort()} onSort={setSort} />
            </Show>
          </section>
        </Show>
      </Show>
    </Page>
  );
}
