import { For, Show } from "solid-js";
import type { FrozenExperiment, FrozenKpi } from "../../../../shared/business-cases/snapshot";
import { PhotoThumb } from "../../capture/PhotoField";
import { LiftChart } from "../../components/LiftChart";
import { useApp } from "../../context";
import type { Entity } from "../../data/local/types";
import { betterSide, intervalSide, readResult, type Language } from "../experiments/results";
import { VerdictGates } from "../experiments/VerdictGates";
import { PilotChartFigure } from "../experiments/PilotChart";
import { findingGroups, kpiFormat } from "./evidence";
import { nameOf } from "./model";
import type { PackRecords } from "./PackBody";

/** The experiments' results as the board was shown them: each primary result read out and drawn, a store pilot with its chart. */
export function PackExperiments(props: { experiments: readonly FrozenExperiment[] }) {
  return <For each={props.experiments}>{(x) => <PackExperiment experiment={x} />}</For>;
}

function PackExperiment(props: { experiment: FrozenExperiment }) {
  const { t } = useApp().i18n;
  const x = props.experiment;
  const primary = () => x.kpis.find((k) => k.role === "primary" && k.comparison !== null);
  return (
    <div class="pack-experiment">
      <h4>
        {x.title} <span class="status-badge" data-status={x.status}>{t(`experimentStatus.${x.status}`)}</span>
      </h4>
      <Show when={x.change}>
        <p class="pack-text">{t("pack.change", { change: x.change })}</p>
      </Show>
      <VerdictGates experiment={x} kpiName={(id) => x.kpis.find((k) => k.kpiId === id)?.name ?? ""} />
      <Show when={primary()}>{(kpi) => <PackResult kpi={kpi()} />}</Show>
    </div>
  );
}

/** One KPI's result: the verdict in words, the interval drawn, and a store pilot's line chart. */
function PackResult(props: { kpi: FrozenKpi }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const k = props.kpi;
  const c = k.comparison!;
  const f = () => kpiFormat(k, language(), (n, shown) => i18n.plural("results.points", n, undefined, shown));
  // A sample-ratio mismatch (frozen only where it applies) withholds the verdict here too.
  const reading = () => readResult(c, f().traits, language(), { withheld: k.srm?.mismatch === true });
  const side = () => intervalSide(c.ciAbsolute, k.direction);
  return (
    <>
      <p class="pack-text">{reading().withheld ? <strong>{t("results.withheld")}</strong> : reading().description.text}</p>
      <Show when={k.pilot?.design === "before_after"}>
        <p class="pack-text">
          <strong>{t("pilot.seasonWarning")}</strong>
        </p>
      </Show>
      <LiftChart
        estimate={c.absoluteLift}
        low={c.ciAbsolute[0]}
        high={c.ciAbsolute[1]}
        tone={reading().tone}
        betterSide={betterSide(k.direction)}
        betterWord={t("results.chart.better")}
        worseWord={t("results.chart.worse")}
        label={t("results.chart.label", {
          what: k.name,
          estimate: f().format.absolute(c.absoluteLift),
          low: f().format.absolute(c.ciAbsolute[0]),
          high: f().format.absolute(c.ciAbsolute[1]),
          side: t(side() === "better" ? "results.chart.sideBetter" : side() === "worse" ? "results.chart.sideWorse" : "results.chart.sideEither"),
        })}
      />
      <Show when={k.pilot}>
        {(pilot) => <PilotChartFigure chart={pilot().chart} kpiName={k.name} locations={pilot().locations} value={f().format.value} difference={f().format.absolute} />}
      </Show>
    </>
  );
}

/** Findings numbered once for a pack (evidence.ts `numberFindings`): a meeting pack prints each at its end and the cases refer to them. */
export type FindingNumbers = ReadonlyMap<string, number>;

/**
 * The floor evidence, each finding once with its number: what was seen and felt, the places and
 * stages it was seen at (a finding recorded word for word at several stores is printed once),
 * and its photos.
 */
export function PackFindings(props: { findings: readonly Entity<"finding">[]; numbers: FindingNumbers; records: PackRecords }) {
  return (
    <ul class="pack-findings">
      <For each={findingGroups(props.findings, props.numbers)}>{(group) => <PackFinding findings={group.findings} number={group.number} records={props.records} />}</For>
    </ul>
  );
}

function PackFinding(props: { findings: readonly Entity<"finding">[]; number: number; records: PackRecords }) {
  const { t } = useApp().i18n;
  const finding = props.findings[0]!;
  const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];
  const severity = () => Math.max(...props.findings.map((f) => f.severity ?? 0));
  const places = () => unique(props.findings.map((f) => nameOf(props.records.locations, f.locationId)));
  const stages = () => unique(props.findings.map((f) => nameOf(props.records.stages, f.journeyStageId)));
  const photos = () => [...new Set(props.findings.flatMap((f) => f.photos ?? []))];
  return (
    <li class="pack-finding" id={`pack-finding-${finding.id}`}>
      <p class="pack-finding-meta">
        <strong class="finding-number">{t("pack.findingNumber", { n: props.number })}</strong>{" "}
        {/* Only a pain has a severity; a delight says what it is instead. */}
        <Show when={severity() > 0} fallback={<Show when={finding.sentiment}>{(sentiment) => <span>{t(`sentiment.${sentiment()}`)}</span>}</Show>}>
          <span class="severity" data-severity={severity()}>
            {t("finding.severityBadge", { n: severity() })}
          </span>
        </Show>
        <Show when={stages().length > 0}>
          <span> · {stages().join(", ")}</span>
        </Show>
        <Show when={places().length > 0}>
          <span> · {places().join(", ")}</span>
        </Show>
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
      <Show when={photos().length > 0}>
        <ul class="photo-grid pack-photos">
          <For each={photos()}>
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
