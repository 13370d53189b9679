import { createMemo, For, Show } from "solid-js";
import { byId, useList, useMe, useNow } from "../../data/records";
import { memberName, useMembers } from "../../data/members";
import { FilterPanel, periodChoices, useFilterParams } from "../../capture/Filters";
import { formatDateTime } from "../../format";
import { filterVisits, minutesBetween, type Visit } from "../../capture/model";
import { ListState } from "../../capture/ui";
import { PendingBadge } from "../../components/Badges";
import { SelectField } from "../../fields/Fields";
import { Icon } from "../../components/Icon";
import { Page } from "../../components/Page";
import { createProgressive } from "../../components/stages";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import { VISIT_KINDS } from "../../../../shared/enums";

const FILTERS = ["person", "location", "kind", "period"] as const;

/** Past and running visits, newest first, with filters by person, location, kind and period. */
export default function VisitList() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const me = useMe();
  const visits = useList("visit");
  const findings = useList("finding");
  const locations = useList("location");
  const locationOf = byId(locations.all);
  const members = useMembers();
  const now = useNow(60_000);
  const filters = useFilterParams(FILTERS);

  const findingCounts = createMemo(() => {
    const counts = new Map<string, number>();
    for (const f of findings.all()) if (f.visitId) counts.set(f.visitId, (counts.get(f.visitId) ?? 0) + 1);
    return counts;
  });
  const running = createMemo(() => visits.all().filter((v) => v.authorId === me.id() && !v.endedAt));
  const shown = createMemo(() =>
    filterVisits(visits.all(), { person: filters.value("person"), location: filters.value("location"), kind: filters.value("kind"), period: filters.value("period") }, now()),
  );
  // A long list draws its rows a slice per task.
  const drawn = createProgressive(shown);
  // Everyone who made a visit, plus the members known here, so old authors stay selectable.
  const people = createMemo(() => {
    const ids = new Set([...members().map((m) => m.userId), ...visits.all().map((v) => v.authorId)]);
    ids.delete(me.id());
    return [...ids]
      .map((id) => ({ value: id, label: memberName(members(), id) ?? t("visit.someone") }))
      .sort((a, b) => a.label.localeCompare(b.label));
  });
  const authorName = (visit: Visit) => (visit.authorId === me.id() ? t("visit.you") : (memberName(members(), visit.authorId) ?? t("visit.someone")));

  const VisitRow = (props: { visit: Visit }) => {
    const v = () => props.visit;
    const minutes = () => minutesBetween(v().startedAt, v().endedAt);
    return (
      <li class="item">
        <a class="item-link" href={orgHref(org().orgId, `visits/${v().id}`)}>
          <span class="item-title">
            {v().kind ? t(`visitKind.${v().kind!}`) : t("visit.title")} · {locationOf(v().locationId)?.name ?? t("visit.unknownLocation")}
          </span>
          <span class="item-meta">
            <span>{formatDateTime(v().startedAt, i18n.language())}</span>
            <span>{authorName(v())}</span>
            <Show when={v().endedAt} fallback={<span class="badge">{t("visit.inProgress")}</span>}>
              <Show when={minutes() !== null}>
                <span>{t("visit.minutes", { count: minutes()! })}</span>
              </Show>
            </Show>
            <span>{t("visit.findingCount", { count: findingCounts().get(v().id) ?? 0 })}</span>
            <PendingBadge pending={v().pending} />
          </span>
        </a>
      </li>
    );
  };

  return (
    <Page title={t("visits.title")}>
      <p>
        <a class="button button-wide" href={orgHref(org().orgId, "visits/new")}>
          <Icon name="plus" />
          {t("visits.start")}
        </a>
      </p>

      <Show when={running().length > 0}>
        <section aria-labelledby="visits-running-heading">
          <h2 id="visits-running-heading">{t("visits.running")}</h2>
          <ul class="items">
            <For each={running()}>{(visit) => <VisitRow visit={visit} />}</For>
          </ul>
        </section>
      </Show>

      <section aria-labelledby="visits-all-heading">
        <h2 id="visits-all-heading">{t("visits.all")}</h2>
        <FilterPanel active={filters.active()} onClear={filters.clear}>
          <SelectField
            id="visits-filter-person"
            label={t("filter.person")}
            value={filters.value("person")}
            onValue={(v) => filters.set("person", v)}
            choices={[{ value: "", label: t("filter.everyone") }, { value: me.id(), label: t("filter.me") }, ...people()]}
          />
          <SelectField
            id="visits-filter-location"
            label={t("filter.location")}
            value={filters.value("location")}
            onValue={(v) => filters.set("location", v)}
            choices={[{ value: "", label: t("filter.anyLocation") }, ...locations.all().map((l) => ({ value: l.id, label: l.name ?? "" })).sort((a, b) => a.label.localeCompare(b.label))]}
          />
          <SelectField
            id="visits-filter-kind"
            label={t("filter.kind")}
            value={filters.value("kind")}
            onValue={(v) => filters.set("kind", v)}
            choices={[{ value: "", label: t("filter.anyKind") }, ...VISIT_KINDS.map((kind) => ({ value: kind, label: t(`visitKind.${kind}`) }))]}
          />
          <SelectField id="visits-filter-period" label={t("filter.period")} value={filters.value("period")} onValue={(v) => filters.set("period", v)} choices={periodChoices(i18n)} />
        </FilterPanel>
        <Show when={visits.loaded()}>
          <p class="muted" role="status">
            {t("visits.count", { count: shown().length })}
          </p>
        </Show>
        <ListState loaded={visits.loaded()} count={shown().length} empty={visits.all().length === 0 ? t("visits.empty") : t("visits.noMatch")}>
          <ul class="items">
            <For each={drawn()}>{(visit) => <VisitRow visit={visit} />}</For>
          </ul>
        </ListState>
      </section>
    </Page>
  );
}
