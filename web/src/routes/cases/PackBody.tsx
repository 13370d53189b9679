import { For, Show } from "solid-js";
import { formatDateTime, formatNumber, formatPercent } from "../../format";
import { useApp } from "../../context";
import type { Entity } from "../../data/local/types";
import type { Language } from "../experiments/results";
import { CaseHistory, CaseStatusBadge } from "./CaseDecisions";
import { caseEvidence, caseStatusOf, fieldsOf, formatLift, formatMoney, historyOf, nameOf, riskScore, scenariosOf, type BusinessCase, type CaseDecision } from "./model";
import { PackEvidence } from "./PackEvidence";
import type { PilotRecords } from "../../../../shared/experiments/pilot-result";
import { LossWarning, NpvChart, ScenarioTable } from "./Scenarios";

/** What a pack needs from the device, loaded once by the pack screen (one case or a whole meeting). */
export interface PackRecords {
  experiments: readonly Entity<"experiment">[];
  findings: readonly Entity<"finding">[];
  kpis: readonly Entity<"kpi">[];
  decisions: readonly CaseDecision[];
  locations: readonly Entity<"location">[];
  stages: readonly Entity<"journey_stage">[];
  themes: readonly Entity<"theme">[];
  /** What a store pilot's measured result is read from. */
  pilot: PilotRecords;
  memberName: (userId: string | null | undefined) => string | undefined;
}

/**
 * One business case as the board reads it on paper: the case and its ask, the figures, the
 * evidence from the floor (findings with their photos, the experiments' result charts), risks,
 * recommendation and the decisions so far. The same markup on screen and in print.
 */
export function PackBody(props: { record: BusinessCase; records: PackRecords }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const fields = () => fieldsOf(props.record);
  const scenarios = () => scenariosOf(fields());
  const kpi = () => props.records.kpis.find((k) => k.id === fields().kpiId);
  const evidence = () => caseEvidence(fields(), props.records.experiments, props.records.findings);
  const experiments = () => fields().experimentIds.map((id) => props.records.experiments.find((x) => x.id === id)).filter((x) => x !== undefined);
  const lift = (value: number) => formatLift(value, kpi()?.kind, kpi()?.unit, language(), t("case.points"));

  return (
    <article class="pack-case" aria-labelledby={`pack-title-${props.record.id}`}>
      <header class="pack-head">
        <p class="pack-kicker">
          {t("pack.kicker")} · <CaseStatusBadge status={caseStatusOf(props.record)} />
        </p>
        <h2 id={`pack-title-${props.record.id}`} class="pack-title">
          {fields().title}
        </h2>
        <p class="pack-meta muted">
          <Show when={props.records.memberName(fields().ownerId)}>{(owner) => <span>{t("pack.owner", { name: owner() })} · </span>}</Show>
          <Show when={nameOf(props.records.themes, fields().themeId)}>{(theme) => <span>{t("pack.theme", { name: theme() })} · </span>}</Show>
          <span>{t("pack.updated", { when: formatDateTime(props.record.updatedAt, language()) })}</span>
        </p>
      </header>

      {/* The board reads what the case is about before what it is asked to decide. */}
      <section class="pack-section">
        <Show when={fields().summary}>
          <h3>{t("case.summary")}</h3>
          <p class="pack-text">{fields().summary}</p>
        </Show>
        <h3>{t("case.ask")}</h3>
        <p class="pack-ask">{fields().ask || t("pack.noAsk")}</p>
      </section>

      <section class="pack-section pack-figures">
        <h3>{t("case.resultHeading")}</h3>
        <Show when={scenarios()} fallback={<p class="empty">{t("case.resultMissing")}</p>}>
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
                  years: fields().horizonYears ?? 0,
                  rate: formatPercent(fields().discountRate ?? 0, language(), { maximumFractionDigits: 2 }),
                })}
              </p>
              <Show when={fields().liftOverridden && fields().liftOverrideReason}>
                <p class="pack-text">
                  <strong>{t("pack.overridden")}</strong> {fields().liftOverrideReason}
                </p>
              </Show>
              <ScenarioTable scenarios={s()} />
              <NpvChart scenarios={s()} />
            </>
          )}
        </Show>
      </section>

      <PackEvidence experiments={experiments()} findings={evidence()} records={props.records} />

      <section class="pack-section">
        <h3>{t("case.optionsHeading")}</h3>
        <ul class="pack-options">
          <For each={fields().options}>
            {(option) => (
              <li>
                <strong>{option.title}</strong>
                <Show when={option.description}> — {option.description}</Show>
              </li>
            )}
          </For>
        </ul>
      </section>

      <section class="pack-section">
        <h3>{t("case.risksHeading")}</h3>
        <Show when={fields().risks.length > 0} fallback={<p class="empty">{t("case.noRisks")}</p>}>
          <div class="table-scroll">
            <table class="scenario-table pack-risks">
              <thead>
                <tr>
                  <th scope="col">{t("pack.risk")}</th>
                  <th scope="col">{t("case.likelihood")}</th>
                  <th scope="col">{t("case.impact")}</th>
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

      <section class="pack-section">
        <h3>{t("case.recommendation")}</h3>
        <p class="pack-text">{fields().recommendation || t("pack.noRecommendation")}</p>
      </section>

      <CaseHistory decisions={historyOf(props.records.decisions, props.record.id)} headingLevel={3} />
    </article>
  );
}
