import "./experiments.css";
import { createMemo, For, Show } from "solid-js";
import { iceScore } from "../../../../shared/experiments/lifecycle";
import { byId, useList, useMe } from "../../data/records";
import { memberName, useMembers } from "../../data/members";
import { useFilterParams } from "../../capture/Filters";
import { ListState } from "../../capture/ui";
import { PendingBadge } from "../../components/Badges";
import { Icon } from "../../components/Icon";
import { Page } from "../../components/Page";
import { createProgressive } from "../../components/stages";
import { createSearchQuery, SearchField } from "../../components/SearchField";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import { canEditExperiments, filterExperiments, matchesTitle, statusCounts, statusOf, type Experiment } from "./model";
import { EXPERIMENT_STATUSES } from "../../../../shared/enums";

const FILTERS = ["q", "status"] as const;

/** The ideas list: every experiment on the device, the most promising (highest ICE) first. */
export default function ExperimentList() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const me = useMe();
  const experiments = useList("experiment");
  const kpis = useList("kpi");
  const members = useMembers();
  const kpiOf = byId(kpis.all);
  const filters = useFilterParams(FILTERS);
  const search = createSearchQuery(filters);

  const titled = createMemo(() => experiments.all().filter((x) => matchesTitle(x, search.query())));
  const counts = createMemo(() => statusCounts(titled()));
  const shown = createMemo(() => filterExperiments(experiments.all(), { status: filters.value("status"), text: search.query() }));
  // A long list draws its rows a slice per task.
  const drawn = createProgressive(shown);
  const canCreate = () => canEditExperiments(me.role());

  return (
    <Page title={t("experiments.title")}>
      <p class="muted">{t("experiments.intro")}</p>
      <div class="button-row list-actions">
        <Show when={canCreate()}>
          <a class="button button-primary" href={orgHref(org().orgId, "experiments/new")}>
            <Icon name="plus" />
            {t("experiments.new")}
          </a>
        </Show>
        <a class="button button-secondary" href={orgHref(org().orgId, "kpis")}>
          {t("experiments.kpis")}
        </a>
        <a class="button button-secondary" href={orgHref(org().orgId, "cases")}>
          {t("experiments.cases")}
        </a>
      </div>
      <SearchField id="experiments-search" label={t("experiments.search")} search={search} />
      <div class="status-filter" role="group" aria-label={t("experiments.statusFilter")}>
        <ul class="chips status-chips">
          <li>
            <button type="button" class="chip" aria-pressed={filters.value("status") === ""} onClick={() => filters.set("status", "")}>
              {t("experiments.all")} <span class="chip-count">{titled().length}</span>
            </button>
          </li>
          <For each={EXPERIMENT_STATUSES}>
            {(status) => (
              <li>
                <button
                  type="button"
                  class="chip"
                  classList={{ "chip-empty": counts()[status] === 0 }}
                  aria-pressed={filters.value("status") === status}
                  onClick={() => filters.set("status", filters.value("status") === status ? "" : status)}
                >
                  {t(`experimentStatus.${status}`)} <span class="chip-count">{counts()[status]}</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </div>
      <Show when={experiments.loaded()}>
        <p class="muted" role="status">
          {t("experiments.count", { count: shown().length })}
        </p>
      </Show>
      <ListState
        loaded={experiments.loaded()}
        count={shown().length}
        empty={experiments.all().length === 0 ? (canCreate() ? t("experiments.empty") : t("experiments.emptyReader")) : t("experiments.noMatch")}
      >
        <ul class="items">
          <For each={drawn()}>{(experiment) => <ExperimentRow experiment={experiment} kpiName={kpiOf(experiment.primaryKpiId)?.name} ownerName={memberName(members(), experiment.ownerId)} />}</For>
        </ul>
      </ListState>
    </Page>
  );
}

/** One experiment in the list: title, status, primary KPI, ICE and owner. */
function ExperimentRow(props: { experiment: Experiment; kpiName: string | undefined; ownerName: string | undefined }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const x = () => props.experiment;
  const ice = () => iceScore(x());
  return (
    <li class="item">
      <a class="item-link" href={orgHref(org().orgId, `experiments/${x().id}`)}>
        <span class="item-title">{x().title || t("experiment.untitled")}</span>
        <span class="item-meta">
          <span class="status-badge" data-status={statusOf(x())}>
            {t(`experimentStatus.${statusOf(x())}`)}
          </span>
          <span class="ice-badge">{ice() === null ? t("experiments.noIce") : t("experiments.ice", { score: ice()! })}</span>
          <span>{props.kpiName ? t("experiments.kpi", { name: props.kpiName }) : t("experiments.noKpi")}</span>
          <span>{x().ownerId ? t("experiments.owner", { name: props.ownerName ?? t("plan.someone") }) : t("experiments.noOwner")}</span>
          <PendingBadge pending={x().pending} />
        </span>
      </a>
    </li>
  );
}
