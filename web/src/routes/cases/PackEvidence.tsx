import { For, Show } from "solid-js";
import { PhotoThumb } from "../../capture/PhotoField";
import { LiftChart } from "../../components/LiftChart";
import { useApp } from "../../context";
import type { Entity } from "../../data/local/types";
import { betterSide, intervalSide, liftFormat, readResult, type Language } from "../experiments/results";
import { nameOf, primaryComparison } from "./model";
import type { PackRecords } from "./PackBody";
import { PilotChartFigure } from "../experiments/PilotChart";
import { isMeasuredDesign, measuredFor, pilotChart, type MeasuredResult, type PilotRecords } from "../../../../shared/experiments/pilot-result";

/** The evidence from the floor: the experiments' results as charts, then the findings with their photos. */
export function PackEvidence(props: { experiments: readonly Entity<"experiment">[]; findings: readonly Entity<"finding">[]; records: PackRecords }) {
  const { t } = useApp().i18n;
  return (
    <section class="pack-section pack-evidence">
      <h3>{t("pack.evidenceHeading")}</h3>
      <For each={props.experiments}>{(x) => <PackExperiment experiment={x} kpis={props.records.kpis} pilot={props.records.pilot} />}</For>
      <Show when={props.findings.length > 0} fallback={<p class="empty">{t("pack.noFindings")}</p>}>
        <ul class="pack-findings">
          <For each={props.findings}>{(finding) => <PackFinding finding={finding} records={props.records} />}</For>
        </ul>
      </Show>
    </section>
  );
}

/** One experiment: what it changed, and its primary-KPI result read out and drawn. */
function PackExperiment(props: { experiment: Entity<"experiment">; kpis: readonly Entity<"kpi">[]; pilot: PilotRecords }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const x = props.experiment;
  const xKpi = () => props.kpis.find((k) => k.id === x.primaryKpiId);
  // A store pilot's result is measured: it is drawn with the KPI over time instead.
  const measured = () => (isMeasuredDesign(x.design) && x.primaryKpiId ? measuredFor(x, x.primaryKpiId, props.pilot) : null);
  const compared = () => (isMeasuredDesign(x.design) ? null : primaryComparison(x));
  return (
    <div class="pack-experiment">
      <h4>
        {x.title} <span class="status-badge" data-status={x.status ?? "idea"}>{t(`experimentStatus.${x.status ?? "idea"}`)}</span>
      </h4>
      <Show when={x.change}>
        <p class="pack-text">{t("pack.change", { change: x.change ?? "" })}</p>
      </Show>
      <Show when={compared() && xKpi()}>
        {(_) => {
          const c = compared()!;
          const k = xKpi()!;
          const traits = { kind: k.kind ?? "proportion", unit: k.unit ?? "percent", direction: k.direction ?? "higher" } as const;
          const format = liftFormat(c, traits, language(), { points: t("case.points") });
          const reading = readResult(c, traits, language());
          const side = intervalSide(c.ciAbsolute, traits.direction);
          return (
            <>
              <p class="pack-text">{reading.description.text}</p>
              <LiftChart
                estimate={c.absoluteLift}
                low={c.ciAbsolute[0]}
                high={c.ciAbsolute[1]}
                tone={reading.tone}
                betterSide={betterSide(traits.direction)}
                betterWord={t("results.chart.better")}
                worseWord={t("results.chart.worse")}
                label={t("results.chart.label", {
                  what: k.name ?? "",
                  estimate: format.absolute(c.absoluteLift),
                  low: format.absolute(c.ciAbsolute[0]),
                  high: format.absolute(c.ciAbsolute[1]),
                  side: t(side === "better" ? "results.chart.sideBetter" : side === "worse" ? "results.chart.sideWorse" : "results.chart.sideEither"),
                })}
              />
            </>
          );
        }}
      </Show>
      <Show when={measured()?.state === "ready" && xKpi() && (measured() as Extract<MeasuredResult, { state: "ready" }>)}>
        {(ready) => <PackPilot result={ready()} experiment={x} kpi={xKpi()!} pilot={props.pilot} />}
      </Show>
    </div>
  );
}

/** A store pilot as measured: its effect in words and as an interval, and the pilot against the control stores over time. */
function PackPilot(props: { result: Extract<MeasuredResult, { state: "ready" }>; experiment: Entity<"experiment">; kpi: Entity<"kpi">; pilot: PilotRecords }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const traits = () => ({ kind: "mean", unit: props.kpi.unit ?? "count", direction: props.kpi.direction ?? "higher" }) as const;
  const c = () => props.result.comparison;
  const format = () => liftFormat(c(), traits(), language(), { points: t("case.points") });
  const reading = () => readResult(c(), traits(), language());
  const side = () => intervalSide(c().ciAbsolute, traits().direction);
  const chart = () =>
    pilotChart({
      pilotIds: props.experiment.pilotLocationIds ?? [],
      controlIds: props.result.design === "pilot_control" ? (props.experiment.controlLocationIds ?? []) : [],
      measurements: props.pilot.measurements.filter((m) => m.kpiId === props.kpi.id),
      window: props.result.window,
    });
  return (
    <>
      <p class="pack-text">{reading().description.text}</p>
      <Show when={props.result.design === "before_after"}>
        <p class="pack-text">
          <strong>{t("pilot.seasonWarning")}</strong>
        </p>
      </Show>
      <LiftChart
        estimate={c().absoluteLift}
        low={c().ciAbsolute[0]}
        high={c().ciAbsolute[1]}
        tone={reading().tone}
        betterSide={betterSide(traits().direction)}
        betterWord={t("results.chart.better")}
        worseWord={t("results.chart.worse")}
        label={t("results.chart.label", {
          what: props.kpi.name ?? "",
          estimate: format().absolute(c().absoluteLift),
          low: format().absolute(c().ciAbsolute[0]),
          high: format().absolute(c().ciAbsolute[1]),
          side: t(side() === "better" ? "results.chart.sideBetter" : side() === "worse" ? "results.chart.sideWorse" : "results.chart.sideEither"),
        })}
      />
      <PilotChartFigure chart={chart()} kpiName={props.kpi.name ?? ""} locations={props.result.locations} value={format().value} difference={format().absolute} />
    </>
  );
}

/** One finding as it was written down on the floor, where it was, with its photos. */
function PackFinding(props: { finding: Entity<"finding">; records: PackRecords }) {
  const { t } = useApp().i18n;
  const finding = props.finding;
  return (
    <li class="pack-finding">
      <p class="pack-finding-meta">
        <span class="severity" data-severity={finding.severity}>
          {t("finding.severityBadge", { n: finding.severity ?? "?" })}
        </span>
        <Show when={nameOf(props.records.stages, finding.journeyStageId)}>{(stage) => <span> · {stage()}</span>}</Show>
        <Show when={nameOf(props.records.locations, finding.locationId)}>{(place) => <span> · {place()}</span>}</Show>
      </p>
      <Show when={finding.saw}>
        <p>
          <strong>{t("pack.saw")}</strong> {finding.saw}
        </p>
      </Show>
      <Show when={finding.felt}>
        <p>
          <strong>{t("pack.felt")}</strong> {finding.felt}
        </p>
      </Show>
      <Show when={finding.expectation}>
        <p>
          <strong>{t("pack.expectation")}</strong> {finding.expectation}
        </p>
      </Show>
      <Show when={(finding.photos ?? []).length > 0}>
        <ul class="photo-grid pack-photos">
          <For each={finding.photos ?? []}>
            {(sha, index) => (
              <li>
                <PhotoThumb sha256={sha} alt={t("pack.photoAlt", { n: index() + 1, saw: finding.saw ?? "" })} />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </li>
  );
}
