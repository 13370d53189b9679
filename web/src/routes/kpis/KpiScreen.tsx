import { ConflictNotice } from "../../components/ConflictNotice";
import { DeleteRecord } from "../../components/DeleteRecord";
import { RecordHistory } from "../../components/RecordHistory";
import { createMemo, createSignal, Show } from "solid-js";
import type { KpiFields } from "../../../../shared/schemas/kpi";
import { createDraftRecord } from "../../data/draft";
import { factsOf, useApprovedCaseDependencies, useList, useMe } from "../../data/records";
import { useFilterParams } from "../../capture/Filters";
import { PendingBadge } from "../../components/Badges";
import { Page } from "../../components/Page";
import { LoadError, Loading } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import { CsvImport } from "./CsvImport";
import { Measurements } from "./Measurements";
import { KpiDefinition, KpiFacts } from "./KpiDefinition";
import { canEditKpis, measurementsOf, NEW_KPI } from "./model";
import { KpiTrend, TREND_FILTERS } from "./Trend";
import "./kpis.css";

/**
 * `/o/:orgId/kpis/:id` — one KPI, new (`kpis/new`) or existing: its definition, its trend and
 * its measurements (by hand, or imported from CSV). Everything but the import works offline:
 * edits go to the device's store and are sent when there is a connection. A new KPI comes
 * into being once it has a name; the address then becomes `kpis/<id>` without leaving the screen.
 */
export default function KpiScreen() {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const kpis = useList("kpi");
  const allMeasurements = useList("kpi_measurement");
  const locations = useList("location");
  const segments = useList("segment");
  const filters = useFilterParams(TREND_FILTERS);

  const [draft, setDraft] = createSignal<KpiFields>({ ...NEW_KPI });
  const { id, isDraft, record: kpi, failed, save } = createDraftRecord({
    entity: "kpi",
    list: kpis.all,
    path: "kpis",
    // The server refuses a KPI without a name, so choices made before it wait here.
    first: (fields) => {
      const next = { ...draft(), ...fields };
      setDraft(next);
      return next.name.trim() ? next : null;
    },
  });
  const measurements = createMemo(() => measurementsOf(id(), allMeasurements.all()));
  const editor = () => canEditKpis(org().role);
  const me = useMe();
  const dependencies = useApprovedCaseDependencies();

  const value = <K extends keyof KpiFields>(name: K): KpiFields[K] => (kpi()?.[name] ?? draft()[name]) as KpiFields[K];

  async function setArchived(archived: boolean, undo = true) {
    const name = value("name");
    await save({ archived });
    if (failed() || !undo) return;
    toaster.show(t(archived ? "kpi.archived" : "kpi.restored", { name }), {
      ...(archived ? { action: { label: t("common.undo"), run: () => void setArchived(false, false) } } : {}),
    });
  }

  const locationName = (locationId: string) => locations.all().find((l) => l.id === locationId)?.name ?? t("kpi.unknownLocation");
  const segmentName = (segmentId: string) => segments.all().find((s) => s.id === segmentId)?.name ?? t("kpi.unknownSegment");
  const lookups = () => ({
    locations: locations.all().map((l) => ({ id: l.id, name: l.name ?? "" })),
    segments: segments.all().map((s) => ({ id: s.id, name: s.name ?? "" })),
  });
  // The form sits open on a new KPI (also once it exists, so focus stays while typing its name);
  // on an existing one it folds away under the facts, below which the trend and figures follow.
  const definition = () => <KpiDefinition editor={{ value, save }} saved={kpi() !== undefined} failed={failed()} onArchive={() => void setArchived(!value("archived"))} />;

  const title = () => (kpi()?.name?.trim() ? kpi()!.name! : isDraft() ? t("kpi.newTitle") : t("kpi.title"));

  return (
    <Page title={title()}>
      <p class="kpi-crumbs">
        <a href={orgHref(org().orgId, "kpis")}>← {t("kpi.back")}</a>
        <a href={orgHref(org().orgId, "experiments")}>{t("kpi.toExperiments")}</a>
      </p>
      <Show when={kpis.error()}>{(error) => <LoadError error={error()} retry={() => location.reload()} />}</Show>
      <Show when={kpis.loaded()} fallback={<Loading />}>
        <Show
          when={kpi() || (isDraft() && editor())}
          fallback={
            <>
              <p class="notice">{isDraft() ? t("kpi.readOnly") : t("kpi.notFound")}</p>
              <p>
                <a href={orgHref(org().orgId, "kpis")}>{t("kpi.back")}</a>
              </p>
            </>
          }
        >
          <Show when={kpi()}>
            {(k) => (
              <p class="item-meta kpi-meta">
                <Show when={k().hard}>
                  <span class="badge badge-hard">{t("kpi.hardBadge")}</span>
                </Show>
                <Show when={k().archived}>
                  <span class="badge">{t("kpi.archivedBadge")}</span>
                </Show>
                <PendingBadge pending={k().pending} />
              </p>
            )}
          </Show>
          <Show when={value("archived")}>
            <p class="notice">{t("kpi.archivedNotice")}</p>
          </Show>

          <Show
            when={isDraft() && editor()}
            fallback={
              <>
                <KpiFacts fields={{ ...NEW_KPI, ...kpi() }} readOnly={!editor()} />
                <Show when={editor()}>
                  <details class="kpi-edit">
                    <summary>{t("kpi.editDefinition")}</summary>
                    {definition()}
                  </details>
                </Show>
              </>
            }
          >
            {definition()}
          </Show>

          <Show when={kpi()}>
            {(k) => (
              <>
                <KpiTrend kpi={k()} measurements={measurements()} filters={filters} locationName={locationName} segmentName={segmentName} />
                <Measurements
                  kpi={k()}
                  measurements={measurements()}
                  loaded={allMeasurements.loaded()}
                  location={filters.value("location")}
                  editor={editor()}
                  locations={locations.all()}
                  segments={segments.all()}
                  locationName={locationName}
                  segmentName={segmentName}
                  lookups={lookups()}
                />
                <Show when={editor()}>
                  <CsvImport kpi={k()} measurements={measurements()} lookups={lookups()} />
                </Show>
                <ConflictNotice entity="kpi" id={k().id} conflicts={k().conflicts} labels={{ name: t("kpi.field.name"), description: t("kpi.field.description") }} mayEdit={(field) => me.mayEdit("kpi", factsOf(k()), field)} />
                <RecordHistory entity="kpi" id={k().id} version={k().updatedAt} />
                <Show when={me.mayDelete("kpi", factsOf(k(), dependencies().kpis.has(k().id)))}>
                  <p>
                    <DeleteRecord entity="kpi" id={k().id} afterHref={orgHref(org().orgId, "kpis")} />
                  </p>
                </Show>
              </>
            )}
          </Show>
        </Show>
      </Show>
    </Page>
  );
}
