import { createMemo, For, Show } from "solid-js";
import { byId, useList, useMe, useNow } from "../../data/records";
import { usePersonName } from "../../data/members";
import { FilterPanel, periodChoices, useFilterParams } from "../../capture/Filters";
import { filterFindings, NOT_SET, OPEN, pickable } from "../../capture/model";
import { FindingRow, ListState } from "../../capture/ui";
import { SelectField } from "../../fields/Fields";
import { Page } from "../../components/Page";
import { createProgressive } from "../../components/stages";
import { createSearchQuery, SearchField } from "../../components/SearchField";
import { useApp } from "../../context";
import { FINDING_STATUSES, FIX_LEVELS } from "../../../../shared/enums";
import { NewFindingLink } from "./FindingsSkeleton";

const FILTERS = ["q", "status", "stage", "severity", "level", "location", "period"] as const;

/** Every finding on the device: search, filter, and (for CX operations) the triage queue. */
export default function FindingList() {
  const { i18n } = useApp();
  const { t } = i18n;
  const me = useMe();
  const findings = useList("finding");
  const locations = useList("location");
  const stages = useList("journey_stage");
  const locationOf = byId(locations.all);
  const stageOf = byId(stages.all);
  const now = useNow(60_000);
  // Triage reads what directors saw when they looked again ("fixed per …").
  const nameOf = usePersonName(() => t("recheck.someone"));
  const filters = useFilterParams(FILTERS);
  const search = createSearchQuery(filters);

  const shown = createMemo(() =>
    filterFindings(
      findings.all(),
      {
        text: search.query(),
        status: filters.value("status"),
        stage: filters.value("stage"),
        severity: filters.value("severity"),
        level: filters.value("level"),
        location: filters.value("location"),
        period: filters.value("period"),
      },
      now(),
    ),
  );
  // A long list draws its rows a slice per task (the count above is of them all).
  const drawn = createProgressive(shown);

  const toTriage = () => findings.all().filter((f) => f.status === "new").length;
  const panelFilters = () => filters.active() - (filters.value("q") ? 1 : 0);

  return (
    <Page title={t("findings.title")}>
      <NewFindingLink />
      <Show when={me.canTriage() && toTriage() > 0 && filters.value("status") !== "new"}>
        <p class="notice">
          {t("findings.toTriage", { count: toTriage() })}{" "}
          <button type="button" class="button button-small button-secondary" onClick={() => filters.set("status", "new")}>
            {t("findings.showNew")}
          </button>
        </p>
      </Show>
      <SearchField id="findings-search" label={t("findings.search")} hint={t("findings.searchHint")} search={search} />
      <FilterPanel
        active={panelFilters()}
        onClear={() => {
          const text = filters.value("q");
          filters.clear();
          if (text) filters.set("q", text);
        }}
      >
        <SelectField
          id="findings-filter-status"
          label={t("finding.status")}
          value={filters.value("status")}
          onValue={(v) => filters.set("status", v)}
          choices={[{ value: "", label: t("filter.anyStatus") }, { value: OPEN, label: t("filter.open") }, ...FINDING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
        />
        <SelectField
          id="findings-filter-stage"
          label={t("finding.stage")}
          value={filters.value("stage")}
          onValue={(v) => filters.set("stage", v)}
          choices={[{ value: "", label: t("filter.anyStage") }, ...pickable(stages.all(), filters.value("stage")).map((s) => ({ value: s.id, label: s.name ?? "" })), { value: NOT_SET, label: t("filter.noStage") }]}
        />
        <SelectField
          id="findings-filter-severity"
          label={t("finding.severity")}
          value={filters.value("severity")}
          onValue={(v) => filters.set("severity", v)}
          choices={[
            { value: "", label: t("filter.anySeverity") },
            ...[5, 4, 3, 2].map((n) => ({ value: String(n), label: n === 5 ? "5" : t("filter.severityAtLeast", { n }) })),
            // Exact severities: what a cell of the board's heat map opens.
            ...[4, 3, 2, 1].map((n) => ({ value: `${n}-${n}`, label: t("filter.severityExactly", { n }) })),
          ]}
        />
        <SelectField
          id="findings-filter-level"
          label={t("finding.level")}
          value={filters.value("level")}
          onValue={(v) => filters.set("level", v)}
          choices={[{ value: "", label: t("filter.anyLevel") }, ...FIX_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) })), { value: NOT_SET, label: t("level.unsure") }]}
        />
        <SelectField
          id="findings-filter-location"
          label={t("filter.location")}
          value={filters.value("location")}
          onValue={(v) => filters.set("location", v)}
          choices={[{ value: "", label: t("filter.anyLocation") }, ...pickable(locations.all()).map((l) => ({ value: l.id, label: l.name ?? "" }))]}
        />
        <SelectField id="findings-filter-period" label={t("filter.period")} value={filters.value("period")} onValue={(v) => filters.set("period", v)} choices={periodChoices(i18n)} />
      </FilterPanel>
      <Show when={findings.loaded()}>
        <p class="muted" role="status">
          {t("findings.count", { count: shown().length })}
        </p>
      </Show>
      <ListState loaded={findings.loaded()} count={shown().length} empty={findings.all().length === 0 ? t("findings.empty") : t("findings.noMatch")}>
        <ul class="items">
          <For each={drawn()}>
            {(finding) => <FindingRow finding={finding} locationName={locationOf(finding.locationId)?.name} stageName={stageOf(finding.journeyStageId)?.name} nameOf={nameOf} />}
          </For>
        </ul>
      </ListState>
    </Page>
  );
}
