import { A } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { SelectField } from "../../fields/Fields";
import { Page } from "../../components/Page";
import { EmptyState, LoadError, Loading } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import type { MessageKey } from "../../i18n";
import { orgHref } from "../../nav";
import { useFormat, useShopRecords } from "./records";
import { leagueTable, scoreCompletedShops, sortLeague, templatesUsed, type LeagueSortKey, type SortDirection } from "./results-model";

const COLUMNS: { key: LeagueSortKey; label: MessageKey; first: SortDirection }[] = [
  { key: "name", label: "mystery.league.location", first: "ascending" },
  { key: "latest", label: "mystery.league.latest", first: "descending" },
  { key: "average", label: "mystery.league.average", first: "descending" },
  { key: "shops", label: "mystery.league.shops", first: "descending" },
  { key: "failedCritical", label: "mystery.league.failed", first: "descending" },
];

/** `/o/:orgId/mystery/results`: the league table of locations by their mystery-shop scores. */
export default function Results() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const format = useFormat();
  const { templates, locations, shops } = useShopRecords();
  const [templateId, setTemplateId] = createSignal("");
  const [sort, setSort] = createSignal<{ key: LeagueSortKey; direction: SortDirection }>({ key: "latest", direction: "descending" });
  const [announcement, setAnnouncement] = createSignal("");

  const scored = createMemo(() => scoreCompletedShops(shops.items(), templates.items()));
  const usedTemplates = () => templatesUsed(scored(), templates.items()).sort(format.byName);
  const rows = createMemo(() =>
    sortLeague(leagueTable(scored(), locations.items(), templateId() || null, t("mystery.unknownLocation")), sort().key, sort().direction, format.locale()),
  );

  function sortBy(key: LeagueSortKey) {
    const column = COLUMNS.find((c) => c.key === key)!;
    const current = sort();
    const direction: SortDirection = current.key === key ? (current.direction === "ascending" ? "descending" : "ascending") : column.first;
    setSort({ key, direction });
    setAnnouncement(t("mystery.league.sortedBy", { column: t(column.label), direction: t(direction === "ascending" ? "mystery.league.ascending" : "mystery.league.descending") }));
  }

  return (
    <Page title={t("mystery.results.title")}>
      <p class="muted">{t("mystery.results.intro")}</p>
      <Show when={shops.error() ?? templates.error()}>{(error) => <LoadError error={error()} retry={() => location.reload()} />}</Show>
      <Show when={!shops.loading() && !templates.loading() && !locations.loading()} fallback={<Loading />}>
        <Show when={rows().length > 0 || templateId()} fallback={<EmptyState text={t("mystery.results.empty")} />}>
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
          <section aria-labelledby="league-heading">
            <h2 id="league-heading">{t("mystery.league.heading")}</h2>
            <p class="hint" id="league-hint">
              {t("mystery.league.hint")}
            </p>
            <div class="table-scroll" role="region" aria-labelledby="league-heading" tabindex="0">
              <table class="data-table league-table" aria-describedby="league-hint">
                <thead>
                  <tr>
                    <th scope="col" class="num">
                      <span class="visually-hidden">{t("mystery.league.rank")}</span>
                      <span aria-hidden="true">#</span>
                    </th>
                    <For each={COLUMNS}>
                      {(column) => (
                        <th scope="col" classList={{ num: column.key !== "name" }} aria-sort={sort().key === column.key ? sort().direction : undefined}>
                          <button type="button" class="sort-button" onClick={() => sortBy(column.key)}>
                            {t(column.label)}
                            <span class="sort-mark" aria-hidden="true">
                              {sort().key === column.key ? (sort().direction === "ascending" ? "▲" : "▼") : "↕"}
                            </span>
                          </button>
                        </th>
                      )}
                    </For>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(row, index) => (
                      <tr>
                        <td class="num">{index() + 1}</td>
                        <th scope="row">
                          <A href={orgHref(org().orgId, `mystery/results/${row.locationId}`)}>{row.name}</A>
                        </th>
                        <td class="num">
                          {format.percent(row.latest)}
                          <Show when={row.latestFailed}>
                            {" "}
                            <span class="badge badge-danger">{t("mystery.score.failedBadge")}</span>
                          </Show>
                        </td>
                        <td class="num">{format.percent(row.average)}</td>
                        <td class="num">{row.shops}</td>
                        <td class="num">{row.failedCritical}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={rows().length === 0}>
              <EmptyState text={t("mystery.results.emptyForTemplate")} />
            </Show>
            <p class="visually-hidden" role="status" aria-live="polite">
              {announcement()}
            </p>
          </section>
        </Show>
      </Show>
    </Page>
  );
}
