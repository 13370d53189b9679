import { useParams } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { SelectField } from "../../fields/Fields";
import { Page } from "../../components/Page";
import { EmptyState, LoadError, Loading } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import { useFormat, useShopRecords } from "./records";
import { locationTrend, scoreCompletedShops, templatesUsed, trendSections } from "./results-model";
import { TrendChart } from "./TrendChart";

const ALL = "all";

/** `/o/:orgId/mystery/results/:locationId`: one location's scores over time, overall and per section. */
export default function LocationResults() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const format = useFormat();
  const params = useParams<{ locationId: string }>();
  const { templates, locations, shops } = useShopRecords();
  const [chosen, setChosen] = createSignal<string | null>(null);

  const name = () => locations.items().find((l) => l.id === params.locationId)?.name ?? t("mystery.unknownLocation");
  const scored = createMemo(() => scoreCompletedShops(shops.items(), templates.items()).filter((s) => s.locationId === params.locationId));
  const usedTemplates = () => templatesUsed(scored(), templates.items()).sort(format.byName);
  // Sections can only be compared within one template: by default the one of the latest shop.
  const templateId = () => chosen() ?? scored()[scored().length - 1]?.templateId ?? ALL;
  const template = () => templates.items().find((tpl) => tpl.id === templateId());
  const trend = createMemo(() => locationTrend(scored(), params.locationId, templateId() === ALL ? null : templateId()));
  // Each shop keeps the sections it was run with, so the columns come from the shops, not the template as it is now.
  const sections = createMemo(() => (templateId() === ALL ? [] : trendSections(scored().filter((s) => s.templateId === templateId()))));
  const overallTitle = () => t("mystery.trend.overall");

  return (
    <Page title={t("mystery.trend.title", { location: name() })} heading={name()}>
      <p>
        <a href={orgHref(org().orgId, "mystery/results")}>{t("mystery.trend.backToLeague")}</a>
      </p>
      <Show when={shops.error() ?? templates.error()}>{(error) => <LoadError error={error()} retry={() => location.reload()} />}</Show>
      <Show when={!shops.loading() && !templates.loading()} fallback={<Loading />}>
        <Show when={scored().length > 0} fallback={<EmptyState text={t("mystery.trend.empty")} />}>
          <Show when={usedTemplates().length > 1}>
            <SelectField
              id="trend-template"
              label={t("mystery.results.template")}
              hint={t("mystery.trend.templateHint")}
              value={templateId()}
              onValue={setChosen}
              class="field filter-field"
              choices={[{ value: ALL, label: t("mystery.results.allTemplates") }, ...usedTemplates().map((tpl) => ({ value: tpl.id, label: tpl.name ?? "" }))]}
            />
          </Show>
          <Show when={usedTemplates().length === 1 && template()}>
            {(only) => <p class="muted">{t("mystery.trend.templateIs", { name: only().name ?? "" })}</p>}
          </Show>

          <section aria-labelledby="trend-overall-heading">
            <h2 id="trend-overall-heading">{overallTitle()}</h2>
            <TrendChart title={overallTitle()} points={trend().map((p) => ({ at: p.at, value: p.percent, failed: p.failed }))} />
          </section>

          <Show when={sections().length > 0}>
            <section aria-labelledby="trend-sections-heading">
              <h2 id="trend-sections-heading">{t("mystery.trend.perSection")}</h2>
              <div class="section-charts">
                <For each={sections()}>
                  {(section) => (
                    <div class="section-chart">
                      <h3 id={`trend-section-${section.id}`}>{section.title}</h3>
                      <TrendChart
                        compact
                        title={section.title}
                        points={trend().map((p) => ({ at: p.at, value: p.sections[section.id] ?? null, failed: false }))}
                      />
                    </div>
                  )}
                </For>
              </div>
            </section>
          </Show>

          <section aria-labelledby="trend-table-heading">
            <h2 id="trend-table-heading">{t("mystery.trend.tableHeading")}</h2>
            <div class="table-scroll" role="region" aria-labelledby="trend-table-heading" tabindex="0">
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t("mystery.trend.date")}</th>
                    <th scope="col" class="num">
                      {t("mystery.trend.overall")}
                    </th>
                    <For each={sections()}>
                      {(section) => (
                        <th scope="col" class="num">
                          {section.title}
                        </th>
                      )}
                    </For>
                    <th scope="col">{t("mystery.trend.result")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={[...trend()].reverse()}>
                    {(point) => (
                      <tr>
                        <th scope="row">
                          <a href={orgHref(org().orgId, `mystery/shops/${point.shopId}`)}>{format.dateTime(point.at)}</a>
                        </th>
                        <td class="num">{format.percent(point.percent)}</td>
                        <For each={sections()}>{(section) => <td class="num">{format.percent(point.sections[section.id])}</td>}</For>
                        <td>
                          <Show when={point.failed} fallback={t("mystery.trend.passed")}>
                            <span class="badge badge-danger">{t("mystery.score.failedBadge")}</span>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </section>
        </Show>
      </Show>
    </Page>
  );
}
