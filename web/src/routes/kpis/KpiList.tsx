import { createMemo, createSignal, For, Show } from "solid-js";
import { useList } from "../../data/records";
import { localeOf } from "../../format";
import { CheckboxField } from "../../fields/Fields";
import { Icon } from "../../components/Icon";
import { Sparkline } from "../../components/LineChart";
import { Page } from "../../components/Page";
import { LoadError, Loading } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import { canEditKpis, measurementsOf, overallTrend, sortKpis, type Kpi } from "./model";
import { useKpiWords, type KpiWords } from "./words";
import "../../capture/capture.css";
import "./kpis.css";

/** `/o/:orgId/kpis`: the KPI catalogue, with each KPI's latest value and its recent trend. */
export default function KpiList() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const words = useKpiWords();
  const kpis = useList("kpi");
  const measurements = useList("kpi_measurement");
  const [showArchived, setShowArchived] = createSignal(false);
  const editor = () => canEditKpis(org().role);
  const locale = () => localeOf(i18n.language());

  const shown = createMemo(() => sortKpis(kpis.all().filter((kpi) => showArchived() || !kpi.archived), locale()));
  const archivedCount = () => kpis.all().filter((kpi) => kpi.archived).length;

  return (
    <Page title={t("kpi.list.title")}>
      <p class="muted">{t("kpi.list.intro")}</p>
      <div class="button-row kpi-top-actions">
        <Show when={editor() && kpis.all().length > 0}>
          <a class="button button-primary" href={orgHref(org().orgId, "kpis/new")}>
            <Icon name="plus" />
            {t("kpi.list.add")}
          </a>
        </Show>
        <a class="button button-secondary" href={orgHref(org().orgId, "experiments")}>
          <Icon name="experiments" />
          {t("kpi.list.toExperiments")}
        </a>
      </div>
      <Show when={kpis.error()}>{(error) => <LoadError error={error()} retry={() => location.reload()} />}</Show>
      <Show when={kpis.loaded()} fallback={<Loading />}>
        <Show
          when={kpis.all().length > 0}
          fallback={
            <section class="card kpi-empty" aria-labelledby="kpi-empty-heading">
              <h2 id="kpi-empty-heading">{t("kpi.list.emptyTitle")}</h2>
              <p>{t("kpi.list.emptyText")}</p>
              <Show when={editor()} fallback={<p class="muted">{t("kpi.list.emptyReadOnly")}</p>}>
                <a class="button button-primary" href={orgHref(org().orgId, "kpis/new")}>
                  <Icon name="plus" />
                  {t("kpi.list.add")}
                </a>
              </Show>
            </section>
          }
        >
          <section aria-labelledby="kpi-list-heading">
            <div class="list-head">
              <h2 id="kpi-list-heading">{t("kpi.list.heading")}</h2>
              <Show when={archivedCount() > 0}>
                <CheckboxField id="kpis-archived" label={t("settings.showArchived")} checked={showArchived()} onValue={setShowArchived} />
              </Show>
            </div>
            <p class="muted" role="status">
              {t("kpi.list.count", { count: shown().length })}
            </p>
            <p class="hint kpi-rule">{t("kpi.list.rule")}</p>
            <Show when={shown().length > 0} fallback={<p class="empty">{t("kpi.list.allArchived")}</p>}>
              <ul class="items kpi-items">
                <For each={shown()}>{(kpi) => <KpiRow kpi={kpi} measurements={measurementsOf(kpi.id, measurements.all())} words={words} />}</For>
              </ul>
            </Show>
          </section>
        </Show>
      </Show>
    </Page>
  );
}

function KpiRow(props: { kpi: Kpi; measurements: ReturnType<typeof measurementsOf>; words: KpiWords }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const trend = createMemo(() => overallTrend(props.measurements, props.kpi.unit));
  const latest = () => trend()?.points.at(-1);
  const previous = () => trend()?.points.at(-2);

  return (
    <li class="item" classList={{ "row-archived": Boolean(props.kpi.archived) }}>
      <a class="item-link kpi-link" href={orgHref(org().orgId, `kpis/${props.kpi.id}`)}>
        <span class="kpi-row-head">
          <span class="item-title">{props.kpi.name?.trim() || t("kpi.newTitle")}</span>
          <Show when={trend() && trend()!.points.length > 1}>
            <Sparkline values={trend()!.points.map((p) => p.value)} />
          </Show>
        </span>
        <span class="item-meta">
          <Show when={props.kpi.hard}>
            <span class="badge badge-hard">{t("kpi.hardBadge")}</span>
          </Show>
          <Show when={props.kpi.archived}>
            <span class="badge">{t("kpi.archivedBadge")}</span>
          </Show>
          <Show when={props.kpi.unit}>{(unit) => <span>{t(`kpi.unit.${unit()}`)}</span>}</Show>
          <Show when={props.kpi.direction}>{(direction) => <span>{t(`kpi.direction.${direction()}`)}</span>}</Show>
          <Show when={props.kpi.kind}>{(kind) => <span>{t(`kpi.kind.${kind()}`)}</span>}</Show>
          <Show when={props.kpi.pending}>
            <span class="badge badge-pending">{t("capture.notSent")}</span>
          </Show>
        </span>
        <span class="kpi-latest">
          <Show when={latest()} fallback={<span class="muted">{t("kpi.list.noMeasurements")}</span>}>
            {(point) => (
              <>
                <strong>{t("kpi.latest", { period: t(`kpi.periodWord.${trend()!.period}`), value: props.words.value(point().value, props.kpi.unit) })}</strong>
                <Show when={trend()!.combined}>{(combined) => <span class="muted"> ({t(`kpi.combined.${combined().how}`, { count: combined().locations })})</span>}</Show>
                <Show when={previous()}>
                  {(before) => (
                    <span class="kpi-change" data-verdict={props.words.verdict(point().value, before().value, props.kpi.direction)}>
                      {props.words.change(point().value, before().value, props.kpi.unit, props.kpi.direction, trend()!.period)}
                    </span>
                  )}
                </Show>
              </>
            )}
          </Show>
        </span>
      </a>
    </li>
  );
}
