import { For, Show } from "solid-js";
import type { ComparedField, EvidenceChange, FieldChange, FrozenComparison, FrozenExperiment, FrozenKpi } from "../../../../shared/business-cases/snapshot";
import type { OptionChange } from "../../../../shared/business-cases/options";
import type { CaseLift } from "../../../../shared/schemas/business-case";
import { SCENARIOS } from "../../../../shared/finance";
import { Icon } from "../../components/Icon";
import { useApp } from "../../context";
import type { Entity } from "../../data/local/types";
import { formatDateTime, formatNumber, formatPercent } from "../../format";
import type { MessageKey } from "../../i18n";
import type { Language } from "../experiments/results";
import { kpiFormat } from "./evidence";
import { formatLift, formatMoney } from "./model";
import { hasChanges, type PackView } from "./pack-view";

const LABELS: Record<ComparedField, MessageKey> = {
  title: "changes.field.title",
  ask: "case.ask",
  investment: "case.investment",
  runningCostPerYear: "case.runningCost",
  lift: "case.liftHeading",
  annualVolume: "changes.field.annualVolume",
  valuePerUnit: "case.valuePerUnit",
  horizonYears: "case.horizon",
  discountRate: "case.discountRate",
  summary: "case.summary",
  recommendation: "case.recommendation",
  options: "case.optionsHeading",
  risks: "case.risksHeading",
  experimentIds: "case.experimentsHeading",
  liftOverrideReason: "changes.field.liftOverrideReason",
};
const TEXTS = new Set<ComparedField>(["title", "ask", "summary", "recommendation", "liftOverrideReason"]);
const LISTS = new Set<ComparedField>(["options", "risks", "experimentIds"]);

/**
 * What a reader must know before reading a case's figures: that its evidence is no longer what
 * was submitted (or decided on), that it came back to draft because of that, and what this
 * version changed since the one before — the ask, the money, the scenarios, the evidence.
 */
export function PackChanges(props: { view: PackView; decided: boolean; kpis: readonly Entity<"kpi">[]; previous: readonly FrozenExperiment[]; headingLevel?: 2 | 3 }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const when = (iso: string) => formatDateTime(iso, i18n.language());
  const language = () => i18n.language() as Language;
  const money = (amount: number | null) => (amount === null ? t("changes.none") : formatMoney(amount, language()));
  const optionChangeText = (option: OptionChange) =>
    option.change === "amount" ? t(`changes.option.${option.amount}`, { title: option.title, from: money(option.from), to: money(option.to) }) : t(`changes.option.${option.change}`, { title: option.title, from: option.change === "renamed" ? option.from : "" });
  const kpiOf = (experimentId: string, kpiId: string) =>
    [...props.view.experiments, ...props.previous].find((x) => x.id === experimentId)?.kpis.find((k) => k.kpiId === kpiId);
  return (
    <>
      <Show when={props.view.sentBack}>
        {(back) => (
          <div class="notice notice-warning pack-changed" role="note">
            <p>
              <Icon name="warning" class="icon icon-small" /> {t("changes.sentBack", { when: when(back().at), name: back().by.name, version: back().version })}
            </p>
            <EvidenceChanges changes={back().changes} kpiOf={kpiOf} />
          </div>
        )}
      </Show>
      <Show when={props.view.changedSinceSubmission.length > 0}>
        <div class="notice notice-warning pack-changed" role="note">
          <p>
            <Icon name="warning" class="icon icon-small" /> {t(props.decided ? "changes.sinceDecision" : "changes.sinceSubmission")}
          </p>
          <EvidenceChanges changes={props.view.changedSinceSubmission} kpiOf={kpiOf} />
        </div>
      </Show>
      <Show when={hasChanges(props.view.sincePrevious) && props.view.sincePrevious}>
        {(changes) => (
          <section class="pack-section pack-version-changes" classList={{ card: props.headingLevel === 2 }}>
            <Show when={props.headingLevel === 2} fallback={<h3>{t("changes.heading", { version: changes().since })}</h3>}>
              <h2>{t("changes.heading", { version: changes().since })}</h2>
            </Show>
            <Show when={changes().askMayBeStale}>
              <p class="notice notice-warning" role="note">
                <Icon name="warning" class="icon icon-small" /> {t("changes.askStale", { version: changes().since })}
              </p>
            </Show>
            <ul class="change-list">
              <For each={changes().fields}>
                {(change) => (
                  // Options are told option by option (what each costs, what was added or dropped) when the comparison found which.
                  <Show when={change.field === "options" && changes().options.length > 0} fallback={<li>{<FieldChangeText change={change} kpis={props.kpis} kpiId={props.view.fields.kpiId} />}</li>}>
                    <For each={changes().options}>{(option) => <li>{optionChangeText(option)}</li>}</For>
                  </Show>
                )}
              </For>
              <Show when={changes().npv}>
                {(npv) => {
                  const list = (values: Record<string, number> | null) => (values ? SCENARIOS.map((name) => formatMoney(values[name]!, language())).join(" / ") : t("changes.none"));
                  return <li>{t("changes.npv", { from: list(npv().from), to: list(npv().to) })}</li>;
                }}
              </Show>
            </ul>
            <EvidenceChanges changes={changes().evidence} kpiOf={kpiOf} />
          </section>
        )}
      </Show>
    </>
  );
}

function FieldChangeText(props: { change: FieldChange; kpis: readonly Entity<"kpi">[]; kpiId: string | null }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const field = () => t(LABELS[props.change.field]);
  const kpi = () => props.kpis.find((k) => k.id === props.kpiId);
  const value = (v: unknown): string => {
    if (v === null || v === undefined) return t("changes.none");
    switch (props.change.field) {
      case "investment":
      case "runningCostPerYear":
      case "valuePerUnit":
        return formatMoney(v as number, language());
      case "annualVolume":
        return formatNumber(v as number, language());
      case "horizonYears":
        return i18n.plural("case.years", v as number, { n: v as number });
      case "discountRate":
        return formatPercent(v as number, language(), { maximumFractionDigits: 2 });
      case "lift": {
        const lift = v as CaseLift;
        const one = (n: number) => formatLift(n, kpi()?.kind, kpi()?.unit, language(), (count, shown) => i18n.plural("results.points", count, undefined, shown));
        return `${one(lift.low)} / ${one(lift.base)} / ${one(lift.high)}`;
      }
      default:
        return String(v);
    }
  };
  if (TEXTS.has(props.change.field)) return <>{t("changes.text", { field: field(), to: String(props.change.to ?? "") })}</>;
  if (LISTS.has(props.change.field)) return <>{t("changes.list", { field: field() })}</>;
  return <>{t("changes.field", { field: field(), from: value(props.change.from), to: value(props.change.to) })}</>;
}

/** Each experiment whose evidence changed, and how, in the reader's language. */
export function EvidenceChanges(props: { changes: readonly EvidenceChange[]; kpiOf: (experimentId: string, kpiId: string) => FrozenKpi | undefined }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const result = (kpi: FrozenKpi | undefined, c: FrozenComparison | null) => {
    if (!kpi || !c) return t("changes.noResult");
    const { format } = kpiFormat(kpi, language(), (n, shown) => i18n.plural("results.points", n, undefined, shown), c);
    return `${format.absolute(c.absoluteLift)} (${format.absolute(c.ciAbsolute[0])} – ${format.absolute(c.ciAbsolute[1])})`;
  };
  const status = (s: string) => t(`experimentStatus.${s}` as MessageKey);
  return (
    <Show when={props.changes.length > 0}>
      <ul class="change-list">
        <For each={props.changes.flatMap((change) => change.parts.map((part) => ({ change, part })))}>
          {({ change, part }) => {
            const title = change.title;
            switch (part.part) {
              case "status":
                return <li>{t("changes.evidence.status", { title, from: status(part.from), to: status(part.to) })}</li>;
              case "result": {
                const kpi = props.kpiOf(change.experimentId, part.kpiId);
                const key = part.role === "primary" ? "changes.evidence.result" : "changes.evidence.guardrail";
                return <li>{t(key, { title, kpi: kpi?.name ?? "", from: result(kpi, part.from), to: result(kpi, part.to) })}</li>;
              }
              default:
                return <li>{t(`changes.evidence.${part.part}`, { title })}</li>;
            }
          }}
        </For>
      </ul>
    </Show>
  );
}
