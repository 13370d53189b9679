import { createMemo, For, Match, Show, Switch } from "solid-js";
import type { MeasurementPeriod } from "../../../../shared/enums";
import type { ExperimentFields } from "../../../../shared/schemas/experiment";
import { useApp } from "../../context";
import { byId, useList } from "../../data/records";
import type { Entity } from "../../data/local/types";
import { DateField } from "../../fields/Fields";
import { formatDay } from "../../format";
import { LocationChanges, PilotChartFigure } from "./PilotChart";
import { usePilotRecords } from "./pilot-records";
import { measuredFor, pilotChart, pilotPeriod, pilotWindow, runningSince, type MeasuredResult, type PilotRecords } from "../../../../shared/experiments/pilot-result";
import { formatChance, formatPValue, kpiSlots, liftFormat, readResult, type KpiSlot, type KpiTraits, type Language } from "./results";
import { ResultReading } from "./ResultReading";
import "./pilot.css";

type Experiment = Entity<"experiment">;
type Kpi = Entity<"kpi">;

export interface PilotResultProps {
  experiment: Experiment;
  kpis: Kpi[];
  /** Whether this person may set the pilot's window (locked with the results once a verdict is given). */
  canEditWindow: boolean;
  onSave: (fields: Partial<ExperimentFields>) => void;
}

/**
 * A store pilot's result, measured rather than typed: the window it is read in, then per KPI
 * (the primary in full, the guardrails compact) the effect worked out on this device from the
 * KPI's values per location and period.
 */
export default function PilotResult(props: PilotResultProps) {
  const { i18n } = useApp();
  const { t } = i18n;
  const pilot = usePilotRecords();
  const records = pilot.records;
  const locations = useList("location");
  const locationOf = byId(locations.all);
  const slots = createMemo(() => kpiSlots(props.experiment));
  const primaryPeriod = createMemo((): MeasurementPeriod => {
    const primary = props.experiment.primaryKpiId;
    return pilotPeriod(records().measurements.filter((m) => m.kpiId === primary)) ?? "week";
  });

  return (
    <Show when={pilot.loaded()} fallback={<p class="loading">{t("common.loading")}</p>}>
      <p class="hint">{t(props.experiment.design === "before_after" ? "pilot.introBeforeAfter" : "pilot.intro")}</p>
      <PilotWindowFields experiment={props.experiment} records={records()} period={primaryPeriod()} canEdit={props.canEditWindow} onSave={props.onSave} />
      <For each={slots()}>
        {(slot) => (
          <PilotKpi
            slot={slot}
            kpi={props.kpis.find((k) => k.id === slot.kpiId)}
            result={measuredFor(props.experiment, slot.kpiId, records())}
            experiment={props.experiment}
            records={records()}
            locationName={(id) => locationOf(id)?.name ?? id}
          />
        )}
      </For>
    </Show>
  );
}

/** The pilot's first and last day and the start of the comparison period, each with what it is when left empty. */
function PilotWindowFields(props: { experiment: Experiment; records: PilotRecords; period: MeasurementPeriod; canEdit: boolean; onSave: (fields: Partial<ExperimentFields>) => void }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const day = (iso: string) => formatDay(iso, i18n.language());
  const moves = () => props.records.decisions.filter((d) => d.experimentId === props.experiment.id);
  const window = () => pilotWindow(props.experiment, moves(), props.period, props.records.today);
  const startHint = () => {
    const logged = runningSince(moves());
    return logged ? t("pilot.window.startFromLog", { day: day(logged) }) : t("pilot.window.startHint");
  };
  const endHint = () => {
    const w = window();
    if (!w || w.untilFrom === "set") return t("pilot.window.endHint");
    return t(w.untilFrom === "stopped" ? "pilot.window.endStopped" : "pilot.window.endToday", { day: day(w.until) });
  };
  const preHint = () => {
    const w = window();
    return w ? t("pilot.window.preFromDefault", { day: day(w.preFrom) }) : t("pilot.window.preFromHint");
  };
  const save = (field: "pilotStart" | "pilotEnd" | "preFrom", value: string) => props.onSave({ [field]: value === "" ? null : value });
  return (
    <fieldset class="pilot-window">
      <legend>{t("pilot.window.heading")}</legend>
      <DateField
        id="pilot-start"
        label={t("pilot.window.start")}
        hint={startHint()}
        value={props.experiment.pilotStart ?? ""}
        disabled={!props.canEdit}
        onCommit={(v) => save("pilotStart", v)}
      />
      <DateField id="pilot-end" label={t("pilot.window.end")} hint={endHint()} value={props.experiment.pilotEnd ?? ""} disabled={!props.canEdit} min={window()?.start} onCommit={(v) => save("pilotEnd", v)} />
      <DateField id="pilot-pre-from" label={t("pilot.window.preFrom")} hint={preHint()} value={props.experiment.preFrom ?? ""} disabled={!props.canEdit} max={window()?.start} onCommit={(v) => save("preFrom", v)} />
    </fieldset>
  );
}

const PERIOD_WORDS = { day: "pilot.period.day", week: "pilot.period.week", month: "pilot.period.month" } as const;

/** One KPI's measured result: in full for the primary KPI (chart and dots), compact for a guardrail. */
function PilotKpi(props: { slot: KpiSlot; kpi: Kpi | undefined; result: MeasuredResult | null; experiment: Experiment; records: PilotRecords; locationName: (id: string) => string }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const headingId = () => `pilot-${props.slot.kpiId}-heading`;
  const kpiName = () => props.kpi?.name ?? t("entity.kpi");
  const full = () => props.slot.role === "primary";
  // Measurements are in the KPI's own unit (a rate in percent): differences read in that unit.
  const traits = (): KpiTraits => ({ kind: "mean", unit: props.kpi?.unit ?? "count", direction: props.kpi?.direction ?? "higher" });

  return (
    <article class="card result-kpi" classList={{ "pilot-compact": !full() }} aria-labelledby={headingId()}>
      <div class="result-kpi-head">
        <h3 id={headingId()}>{kpiName()}</h3>
        <span class="badge" classList={{ "badge-guardrail": !full() }}>
          {t(full() ? "results.primary" : "results.guardrail")}
        </span>
      </div>
      <Show when={props.result} fallback={<p class="notice">{t("results.kpiMissing")}</p>}>
        {(result) => (
          <Switch>
            <Match when={result().state === "no_measurements"}>
              <p class="notice">{t("pilot.noMeasurements", { kpi: kpiName() })}</p>
            </Match>
            <Match when={result().state === "no_start"}>
              <p class="notice">{t("pilot.noStart")}</p>
            </Match>
            <Match when={result().state === "no_locations"}>
              <p class="notice">{t(props.experiment.design === "before_after" ? "pilot.noLocationsBeforeAfter" : "pilot.noLocations")}</p>
            </Match>
            <Match when={result().state === "too_few" && result()}>
              {(few) => {
                const r = few() as Extract<MeasuredResult, { state: "too_few" }>;
                return (
                  <p class="notice">
                    {t(r.needsControl ? "pilot.tooFew" : "pilot.tooFewBeforeAfter", { pilot: r.usable.pilot, control: r.usable.control })}
                  </p>
                );
              }}
            </Match>
            <Match when={result().state === "ready" && (result() as Extract<MeasuredResult, { state: "ready" }>)}>
              {(ready) => <PilotReading result={ready()} full={full()} traits={traits()} kpiName={kpiName()} role={props.slot.role} experiment={props.experiment} records={props.records} kpiId={props.slot.kpiId} locationName={props.locationName} language={language()} />}
            </Match>
          </Switch>
        )}
      </Show>
    </article>
  );
}

function PilotReading(props: {
  result: Extract<MeasuredResult, { state: "ready" }>;
  full: boolean;
  traits: KpiTraits;
  kpiName: string;
  role: KpiSlot["role"];
  experiment: Experiment;
  records: PilotRecords;
  kpiId: string;
  locationName: (id: string) => string;
  language: Language;
}) {
  const { i18n } = useApp();
  const { t } = i18n;
  const c = () => props.result.comparison;
  const reading = createMemo(() => readResult(c(), props.traits, props.language));
  const format = createMemo(() => liftFormat(c(), props.traits, props.language, { points: (n, shown) => i18n.plural("results.points", n, undefined, shown) }));
  const day = (iso: string) => formatDay(iso, props.language);
  const lifts = () => {
    const absolute = { what: t("pilot.effect"), estimate: c().absoluteLift, interval: c().ciAbsolute, show: format().absolute };
    if (c().relativeLift === null || c().ciRelative === null) return [absolute];
    return [absolute, { what: t("pilot.relativeEffect"), estimate: c().relativeLift!, interval: c().ciRelative!, show: format().relative }];
  };
  const shown = () => (props.full ? lifts() : lifts().slice(0, 1));
  const chart = createMemo(() =>
    props.full
      ? pilotChart({
          pilotIds: props.experiment.pilotLocationIds ?? [],
          controlIds: props.result.design === "pilot_control" ? (props.experiment.controlLocationIds ?? []) : [],
          measurements: props.records.measurements.filter((m) => m.kpiId === props.kpiId),
          window: props.result.window,
        })
      : null,
  );
  const periods = () => t(PERIOD_WORDS[props.result.window.period]);

  return (
    <div class="result-read">
      <Show when={props.result.design === "before_after"}>
        <div class="notice notice-warning" role="note">
          <p>
            <strong>{t("pilot.seasonWarning")}</strong>
          </p>
          <Show when={props.full}>
            <p>{t("pilot.seasonWarningDetail")}</p>
          </Show>
        </div>
      </Show>
      <ResultReading reading={reading()} traits={props.traits} role={props.role} kpiName={props.kpiName} lifts={shown()} charts={props.full} />
      <dl class="facts result-facts">
        <Show when={props.full}>
          <dt>{t("results.chanceBetter")}</dt>
          <dd>{formatChance(reading().description.chanceBetter, props.language)}</dd>
        </Show>
        <dt>{t("pilot.pValue")}</dt>
        <dd>
          {formatPValue(c().pValue, props.language)}
          <Show when={props.full}>
            <span class="hint result-p-hint">{t(props.result.design === "pilot_control" ? "pilot.pValueHint" : "pilot.pValueHintBeforeAfter")}</span>
          </Show>
        </dd>
        <Show when={c().permutationPValue !== null}>
          <dt>{t("pilot.permutationPValue")}</dt>
          <dd>
            {formatPValue(c().permutationPValue!, props.language)}
            <Show when={props.full}>
              <span class="hint result-p-hint">{t(c().permutationExact ? "pilot.permutationHint" : "pilot.permutationHintSampled", { pilot: props.result.locations.pilot, total: props.result.locations.pilot + props.result.locations.control })}</span>
            </Show>
          </dd>
        </Show>
      </dl>
      <p class="pilot-used muted">
        {t(props.result.design === "pilot_control" ? "pilot.used" : "pilot.usedBeforeAfter", {
          pre: props.result.periods.pre,
          post: props.result.periods.post,
          periods: periods(),
          pilot: props.result.locations.pilot,
          control: props.result.locations.control,
          from: day(props.result.window.preFrom),
          start: day(props.result.window.start),
          until: day(props.result.window.until),
        })}
      </p>
      <Show when={props.result.gaps.length > 0}>
        <div class="notice notice-warning">
          <p>
            <strong>{t("pilot.gapsHeading")}</strong>
          </p>
          <ul>
            <For each={props.result.gaps}>
              {(gap) => (
                <li>
                  {gap.pre === 0 || gap.post === 0
                    ? t("pilot.gapLeftOut", { location: props.locationName(gap.locationId), group: t(gap.group === "pilot" ? "pilot.dots.pilot" : "pilot.dots.control") })
                    : t("pilot.gap", { location: props.locationName(gap.locationId), pre: gap.missingPre, post: gap.missingPost, periods: periods() })}
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
      <Show when={chart()}>
        {(data) => (
          <>
            <PilotChartFigure chart={data()} kpiName={props.kpiName} locations={props.result.locations} value={format().value} difference={format().absolute} />
            <LocationChanges changes={props.result.changes.map((change) => ({ ...change, name: props.locationName(change.locationId) }))} kpiName={props.kpiName} difference={format().absolute} />
          </>
        )}
      </Show>
    </div>
  );
}
