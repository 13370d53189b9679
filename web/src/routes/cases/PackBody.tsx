import { createMemo, For, Show } from "solid-js";
import type { CaseSnapshot } from "../../../../shared/business-cases/snapshot";
import type { PilotRecords } from "../../../../shared/experiments/pilot-result";
import { formatDateTime, formatNumber, formatPercent } from "../../format";
import { useApp } from "../../context";
import type { Entity } from "../../data/local/types";
import type { I18n } from "../../i18n";
import type { Language } from "../experiments/results";
import { CaseHistory, CaseStatusBadge } from "./CaseDecisions";
import { beyondMeasured, caseEvidence, caseStatusOf, formatLift, formatMoney, historyOf, liftFromExperiment, nameOf, primaryExperiment, riskScore, type BusinessCase, type CaseDecision } from "./model";
import { versionOfDecisions, type PackView } from "./pack-view";
import { PackChanges } from "./PackChanges";
import { PackExperiments, PackFindings, type FindingNumbers } from "./PackEvidence";
import { PackQuality } from "./PackQuality";
import { PackResolution } from "./PackResolution";
import { findingGroups, numberFindings } from "./evidence";
import { OptionTable } from "./OptionTable";
import { BeyondMeasuredWarning, LossWarning, NpvChart, ScenarioTable } from "./Scenarios";

/** What a pack needs from the device, loaded once by the pack screen (one case or a whole meeting). */
export interface PackRecords {
  experiments: readonly Entity<"experiment">[];
  findings: readonly Entity<"finding">[];
  kpis: readonly Entity<"kpi">[];
  decisions: readonly CaseDecision[];
  /** Every submission of every case, as the server froze it. */
  snapshots: readonly CaseSnapshot[];
  locations: readonly Entity<"location">[];
  stages: readonly Entity<"journey_stage">[];
  themes: readonly Entity<"theme">[];
  /** What a store pilot's measured result is read from. */
  pilot: PilotRecords;
  memberName: (userId: string | null | undefined) => string | undefined;
}

/** What the board is asked for in figures: the one-off and yearly money and the horizon, as the case holds them now. */
export function askFigures(view: Pick<PackView, "fields">, i18n: Pick<I18n, "t" | "plural">, language: Language): string {
  const { investment, runningCostPerYear, horizonYears } = view.fields;
  if (investment === null || runningCostPerYear === null || !horizonYears) return i18n.t("pack.askFiguresNone");
  return i18n.t("pack.askFigures", {
    investment: formatMoney(investment, language),
    running: formatMoney(runningCostPerYear, language),
    years: i18n.plural("case.years", horizonYears, { n: horizonYears }),
  });
}

/**
 * One business case as the board reads it, on paper and on its decision page: the version it
 * decides on and what changed since the one before, the ask with its figures and the
 * recommendation, what it is worth, the guardrails and statistical quality of its evidence,
 * options and risks, the evidence from the floor, the resolution and the decisions so far.
 * A meeting pack numbers the findings of all its cases once (`findingNumbers`) and prints them
 * after the cases; a case's own pack prints them in place.
 */
export function PackBody(props: { record: BusinessCase; view: PackView; records: PackRecords; findingNumbers?: FindingNumbers; scenariosId?: string; showTitle?: boolean }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const view = () => props.view;
  const fields = () => view().fields;
  const status = () => caseStatusOf(props.record);
  const kpi = () => props.records.kpis.find((k) => k.id === fields().kpiId);
  const findings = createMemo(() => caseEvidence(fields(), view().experiments, props.records.findings));
  const numbers = () => props.findingNumbers ?? numberFindings([findings()]);
  const history = createMemo(() => historyOf(props.records.decisions, props.record.id));
  const own = createMemo(() => props.records.snapshots.filter((s) => s.businessCaseId === props.record.id));
  const versions = createMemo(() => versionOfDecisions(history(), own()));
  const decision = () => (status() === "draft" || status() === "submitted" ? undefined : history().findLast((d) => d.to === status()));
  const lift = (value: number) => formatLift(value, kpi()?.kind, kpi()?.unit, language(), (n, shown) => i18n.plural("results.points", n, undefined, shown));
  const titleId = `pack-title-${props.record.id}`;
  /** What the primary experiment measured, as the case screen reads it: scenarios beyond it are flagged. */
  const measured = () => {
    const kpiOf = (id: string | null | undefined) => props.records.kpis.find((k) => k.id === id);
    const primary = primaryExperiment(fields().experimentIds, props.records.experiments);
    return liftFromExperiment(primary, kpiOf(primary?.primaryKpiId)?.direction, { records: props.records.pilot, kpiOf });
  };
  const beyond = () => beyondMeasured(fields().lift, measured());

  return (
    <article class="pack-case" aria-labelledby={titleId}>
      <header class="pack-head">
        <p class="pack-kicker">
          {t("pack.kicker")} · <CaseStatusBadge status={status()} />
        </p>
        {/* On the decision page the screen's own heading shows the title; this one keeps the outline (h1, h2, h3). */}
        <h2 id={titleId} class="pack-title" classList={{ "visually-hidden": props.showTitle === false }}>
          {fields().title}
        </h2>
        <p class="pack-meta muted">
          <Show
            when={view().submission}
            fallback={
              <span>
                {t("pack.asItStands")} · {t("pack.updated", { when: formatDateTime(props.record.updatedAt, language()) })}
              </span>
            }
          >
            {(s) => <span class="pack-version">{t("pack.version", { version: s().version, when: formatDateTime(s().submittedAt, language()), name: s().submittedBy.name })}</span>}
          </Show>
          <Show when={props.records.memberName(fields().ownerId)}>{(owner) => <span> · {t("pack.owner", { name: owner() })}</span>}</Show>
          <Show when={nameOf(props.records.themes, fields().themeId)}>{(theme) => <span> · {t("pack.theme", { name: theme() })}</span>}</Show>
        </p>
      </header>

      <PackChanges view={view()} decided={status() !== "submitted" && status() !== "draft"} kpis={props.records.kpis} previous={own().flatMap((s) => s.experiments)} />

      {/* What the case is about, what the board is asked, and what its author recommends, before the figures. */}
      <section class="pack-section">
        <Show when={fields().summary}>
          <h3>{t("case.summary")}</h3>
          <p class="pack-text">{fields().summary}</p>
        </Show>
        <h3>{t("case.ask")}</h3>
        <p class="pack-ask">{fields().ask || t("pack.noAsk")}</p>
        <p class="pack-ask-figures">{askFigures(view(), i18n, language())}</p>
        <h3>{t("case.recommendation")}</h3>
        <p class="pack-text">{fields().recommendation || t("pack.noRecommendation")}</p>
      </section>

      <section class="pack-section pack-figures">
        <h3>{t("case.resultHeading")}</h3>
        <Show when={view().scenarios} fallback={<p class="empty">{t("case.resultMissing")}</p>}>
          {(s) => (
            <>
              <LossWarning scenarios={s()} />
              <p class="pack-basis muted">
                {t("pack.basis", {
                  low: lift(fields().lift!.low),
                  base: lift(fields().lift!.base),
                  high: lift(fields().lift!.high),
                  kpi: kpi()?.name ?? t("pack.theKpi"),
                  volume: formatNumber(fields().annualVolume ?? 0, language()),
                  label: fields().volumeLabel || t("case.volumeLabelDefault"),
                  value: formatMoney(fields().valuePerUnit ?? 0, language()),
                  investment: formatMoney(fields().investment ?? 0, language()),
                  running: formatMoney(fields().runningCostPerYear ?? 0, language()),
                  years: i18n.plural("case.years", fields().horizonYears ?? 0, { n: fields().horizonYears ?? 0 }),
                  rate: formatPercent(fields().discountRate ?? 0, language(), { maximumFractionDigits: 2 }),
                })}
              </p>
              <BeyondMeasuredWarning beyond={beyond()} measured={measured()} show={lift} reason={fields().liftOverrideReason} />
              <Show when={fields().liftOverridden && fields().liftOverrideReason && beyond().length === 0}>
                <p class="pack-text">
                  <strong>{t("pack.overridden")}</strong> {fields().liftOverrideReason}
                </p>
              </Show>
              <ScenarioTable scenarios={s()} id={props.scenariosId} />
              <NpvChart scenarios={s()} />
            </>
          )}
        </Show>
      </section>

      <PackQuality experiments={view().experiments} />

      <section class="pack-section">
        <h3>{t("case.optionsHeading")}</h3>
        <Show when={fields().options.length > 0} fallback={<p class="empty">{t("case.noOptions")}</p>}>
          <OptionTable fields={fields()} described />
        </Show>
      </section>

      <section class="pack-section">
        <h3>{t("case.risksHeading")}</h3>
        <Show when={fields().risks.length > 0} fallback={<p class="empty">{t("case.noRisks")}</p>}>
          <div class="table-scroll">
            <table class="scenario-table pack-risks">
              <thead>
                <tr>
                  <th scope="col">{t("pack.risk")}</th>
                  <th scope="col" class="number">
                    {t("case.likelihood")}
                  </th>
                  <th scope="col" class="number">
                    {t("case.impact")}
                  </th>
                  <th scope="col">{t("case.mitigation")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={[...fields().risks].sort((a, b) => riskScore(b) - riskScore(a))}>
                  {(risk) => (
                    <tr>
                      <th scope="row">{risk.title}</th>
                      <td class="number">{risk.likelihood}</td>
                      <td class="number">{risk.impact}</td>
                      <td>{risk.mitigation}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>

      <section class="pack-section pack-evidence">
        <h3>{t("pack.evidenceHeading")}</h3>
        <PackExperiments experiments={view().experiments} />
        <Show when={findings().length > 0} fallback={<p class="empty">{t("pack.noFindings")}</p>}>
          <Show
            when={props.findingNumbers}
            fallback={<PackFindings findings={findings()} numbers={numbers()} records={props.records} />}
          >
            <p class="pack-finding-refs">{t("pack.findingRefs", { refs: findingGroups(findings(), numbers()).map((g) => t("pack.findingNumber", { n: g.number })).join(", ") })}</p>
          </Show>
        </Show>
      </section>

      <PackResolution view={view()} status={status()} decision={decision()} version={decision() ? versions().get(decision()!) : undefined} />

      <CaseHistory decisions={history()} headingLevel={3} detail={(d) => (versions().has(d) && d.to === "submitted" ? t("history.version", { version: versions().get(d)! }) : undefined)} />
    </article>
  );
}
