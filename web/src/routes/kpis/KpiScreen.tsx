import { ConflictNotice } from "../../components/ConflictNotice";
import { DeleteRecord } from "../../components/DeleteRecord";
import { RecordHistory } from "../../components/RecordHistory";
import { A } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { DESCRIPTION_MAX, TITLE_MAX } from "../../../../shared/limits";
import type { KpiFields } from "../../../../shared/schemas/kpi";
import { createDraftRecord } from "../../data/draft";
import { factsOf, useApprovedCaseDependencies, useList, useMe } from "../../data/records";
import { useFilterParams } from "../../capture/Filters";
import { AutoSaveText, PendingBadge, RadioChips } from "../../capture/ui";
import { CheckboxField } from "../../fields/Fields";
import { Page } from "../../components/Page";
import { LoadError, Loading } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import { CsvImport } from "./CsvImport";
import { Measurements } from "./Measurements";
import { canEditKpis, KPI_DIRECTIONS, KPI_KINDS, KPI_UNITS, measurementsOf, NEW_KPI } from "./model";
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
  const [nameMissing, setNameMissing] = createSignal(false);

  const value = <K extends keyof KpiFields>(name: K): KpiFields[K] => (kpi()?.[name] ?? draft()[name]) as KpiFields[K];

  const saveName = (text: string) => {
    const name = text.trim();
    setNameMissing(name === "" && (Boolean(kpi()) || text !== ""));
    return name === "" ? Promise.resolve() : save({ name });
  };

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
  const definition = () => (
    <section class="stack kpi-form" aria-label={t("kpi.title")}>
      <AutoSaveText
        id="kpi-name"
        label={t("kpi.field.name")}
        hint={t("kpi.field.nameHint")}
        multiline={false}
        limit={TITLE_MAX}
        value={value("name")}
        save={saveName}
      />
      <Show when={nameMissing()}>
        <p class="field-error" role="alert">
          {t("kpi.field.nameMissing")}
        </p>
      </Show>
      <RadioChips
        name="kpi-unit"
        legend={t("kpi.field.unit")}
        hint={t("kpi.field.unitHint")}
        value={value("unit")}
        onValue={(unit) => void save({ unit })}
        choices={KPI_UNITS.map((unit) => ({ value: unit, label: t(`kpi.unit.${unit}`) }))}
      />
      <RadioChips
        name="kpi-direction"
        legend={t("kpi.field.direction")}
        value={value("direction")}
        onValue={(direction) => void save({ direction })}
        choices={KPI_DIRECTIONS.map((direction) => ({ value: direction, label: t(`kpi.direction.${direction}`) }))}
      />
      <fieldset class="kind-options">
        <legend>{t("kpi.field.kind")}</legend>
        <For each={KPI_KINDS}>
          {(kind) => (
            <label class="kind-option">
              <input type="radio" name="kpi-kind" value={kind} checked={value("kind") === kind} onChange={() => void save({ kind })} aria-describedby={`kpi-kind-${kind}-hint`} />
              <span>
                <span class="kind-title">{t(`kpi.kind.${kind}`)}</span>
                <span id={`kpi-kind-${kind}-hint`} class="hint">
                  {t(`kpi.kind.${kind}Hint`)}
                </span>
              </span>
            </label>
          )}
        </For>
      </fieldset>
      <CheckboxField id="kpi-hard" label={t("kpi.field.hard")} hint={t("kpi.field.hardHint")} checked={value("hard")} onValue={(hard) => void save({ hard })} />
      <AutoSaveText
        id="kpi-description"
        label={t("kpi.field.description")}
        hint={t("kpi.field.descriptionHint")}
        rows={3}
        limit={DESCRIPTION_MAX}
        value={value("description")}
        save={(description) => save({ description })}
      />
      <p class="hint">{kpi() ? t("kpi.savedHere") : t("kpi.savedOnceNamed")}</p>
      <div role="alert">
        <Show when={failed()}>
          <p class="notice notice-error">{t("kpi.saveFailed")}</p>
        </Show>
      </div>
      <div class="button-row">
        <A class="button" href={orgHref(org().orgId, "kpis")}>
          {t("kpi.done")}
        </A>
        <Show when={kpi()}>
          <button type="button" class="button button-quiet" onClick={() => void setArchived(!value("archived"))}>
            {value("archived") ? t("kpi.unarchive") : t("kpi.archive")}
          </button>
        </Show>
      </div>
    </section>
  );

  const title = () => (kpi()?.name?.trim() ? kpi()!.name! : isDraft() ? t("kpi.newTitle") : t("kpi.title"));

  return (
    <Page title={title()}>
      <p class="kpi-crumbs">
        <A href={orgHref(org().orgId, "kpis")}>← {t("kpi.back")}</A>
        <A href={orgHref(org().orgId, "experiments")}>{t("kpi.toExperiments")}</A>
      </p>
      <Show when={kpis.error()}>{(error) => <LoadError error={error()} retry={() => location.reload()} />}</Show>
      <Show when={kpis.loaded()} fallback={<Loading />}>
        <Show
          when={kpi() || (isDraft() && editor())}
          fallback={
            <>
              <p class="notice">{isDraft() ? t("kpi.readOnly") : t("kpi.notFound")}</p>
              <p>
                <A href={orgHref(org().orgId, "kpis")}>{t("kpi.back")}</A>
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

/** The definition at a glance (for those who may not change it, the only view of it). */
function KpiFacts(props: { fields: KpiFields; readOnly: boolean }) {
  const { i18n } = useApp();
  const { t } = i18n;
  return (
    <section class="card">
      <Show when={props.fields.description.trim()}>
        <p class="kpi-description">{props.fields.description}</p>
      </Show>
      <dl class="facts">
        <dt>{t("kpi.facts.unit")}</dt>
        <dd>{t(`kpi.unit.${props.fields.unit}`)}</dd>
        <dt>{t("kpi.facts.direction")}</dt>
        <dd>{t(`kpi.direction.${props.fields.direction}`)}</dd>
        <dt>{t("kpi.facts.kind")}</dt>
        <dd>
          {t(`kpi.kind.${props.fields.kind}`)}
          <span class="hint kpi-kind-hint">{t(`kpi.kind.${props.fields.kind}Hint`)}</span>
        </dd>
        <dt>{t("kpi.facts.hard")}</dt>
        <dd>{props.fields.hard ? t("kpi.facts.yes") : t("kpi.facts.no")}</dd>
      </dl>
      <Show when={props.readOnly}>
        <p class="muted">{t("kpi.readOnly")}</p>
      </Show>
    </section>
  );
}
