import { For, Show } from "solid-js";
import { losesMoney, SCENARIOS, type ScenarioName } from "../../../../shared/finance";
import { Icon } from "../../components/Icon";
import { useApp } from "../../context";
import type { Language } from "../experiments/results";
import { formatMonths, formatMoney, formatPercent, npvBars, type BeyondMeasured, type LiftPrefill, type NpvChartBox } from "./model";
import type { Scenario } from "../../../../shared/finance/schemas";

type Scenarios = Record<ScenarioName, Scenario>;

// Room above for the highest value, below for the lowest value and then the scenario names.
const BOX: NpvChartBox = { width: 320, height: 190, top: 18, bottom: 36, left: 8, right: 8 };

/** NPV, ROI, payback and the yearly benefit per scenario, as the board reads them. */
export function ScenarioTable(props: { scenarios: Scenarios; id?: string }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  return (
    <div class="table-scroll">
      <table class="scenario-table" id={props.id}>
        <caption class="visually-hidden">{t("case.scenariosCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("case.scenario")}</th>
            {/* Right-aligned like the figures below them, so each heading stands over its own column. */}
            <For each={SCENARIOS}>
              {(name) => (
                <th scope="col" class="number">
                  {t(`case.scenario.${name}`)}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t("case.npv")}</th>
            <For each={SCENARIOS}>
              {(name) => (
                <td class="number" classList={{ "loses-money": losesMoney(props.scenarios[name]) }} data-scenario={name} data-figure="npv">
                  {formatMoney(props.scenarios[name].npv, language())}
                </td>
              )}
            </For>
          </tr>
          <tr>
            <th scope="row">{t("case.roi")}</th>
            <For each={SCENARIOS}>{(name) => <td class="number">{formatPercent(props.scenarios[name].roi, language())}</td>}</For>
          </tr>
          <tr>
            <th scope="row">{t("case.payback")}</th>
            <For each={SCENARIOS}>
              {(name) => {
                const months = () => props.scenarios[name].paybackMonths;
                return <td class="number">{months() === null ? t("case.noPayback") : formatMonths(months()!, language(), "short")}</td>;
              }}
            </For>
          </tr>
          <tr>
            <th scope="row">{t("case.annualBenefit")}</th>
            <For each={SCENARIOS}>{(name) => <td class="number">{formatMoney(props.scenarios[name].annualBenefit, language())}</td>}</For>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Bars of NPV per scenario around a zero line; one image for screen readers, with every figure in its label. */
export function NpvChart(props: { scenarios: Scenarios }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const geometry = () => npvBars(props.scenarios, BOX);
  const label = () =>
    t("case.chartLabel", {
      low: formatMoney(props.scenarios.low.npv, language()),
      base: formatMoney(props.scenarios.base.npv, language()),
      high: formatMoney(props.scenarios.high.npv, language()),
    });
  return (
    <figure class="npv-chart">
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={label()} preserveAspectRatio="xMidYMid meet">
        <For each={geometry().bars}>
          {(bar) => (
            <g>
              <rect class="npv-bar" classList={{ "npv-bar-loss": bar.negative }} x={bar.x} y={bar.y} width={bar.width} height={Math.max(bar.height, 1)} rx={2} />
              <text class="npv-value" x={bar.x + bar.width / 2} y={bar.negative ? bar.y + bar.height + 12 : bar.y - 5} text-anchor="middle">
                {formatMoney(bar.npv, language())}
              </text>
              <text class="npv-name" x={bar.x + bar.width / 2} y={BOX.height - 6} text-anchor="middle">
                {t(`case.scenario.${bar.scenario}`)}
              </text>
            </g>
          )}
        </For>
        <line class="npv-zero" x1={BOX.left} x2={BOX.width - BOX.right} y1={geometry().zeroY} y2={geometry().zeroY} />
      </svg>
      <figcaption class="hint">{t("case.chartCaption")}</figcaption>
    </figure>
  );
}

/** The warning a board must not miss: even the cautious scenario should not lose money. */
export function LossWarning(props: { scenarios: Scenarios }) {
  const { i18n } = useApp();
  return (
    <Show when={losesMoney(props.scenarios.low)}>
      <p class="notice notice-warning loss-warning" role="note">
        <Icon name="warning" class="icon icon-small" />{" "}
        {i18n.t(losesMoney(props.scenarios.base) ? "case.lossBase" : "case.lossLow", { npv: formatMoney(props.scenarios.low.npv, i18n.language() as Language) })}
      </p>
    </Show>
  );
}

/**
 * Scenarios the case counts on outside the interval its experiment measured: a warning the board
 * cannot miss, on the case screen and in the pack, with the author's reason when there is one.
 */
export function BeyondMeasuredWarning(props: { beyond: readonly BeyondMeasured[]; measured: LiftPrefill | null; show: (lift: number) => string; reason?: string | undefined }) {
  const { t } = useApp().i18n;
  return (
    <Show when={props.measured && props.beyond.length > 0}>
      <div class="notice notice-warning beyond-measured" role="note">
        <p>
          <Icon name="warning" class="icon icon-small" /> <strong>{t("case.beyondHeading")}</strong>
        </p>
        <ul>
          <For each={props.beyond}>
            {(b) => (
              <li>
                {t(b.side === "above" ? "case.beyondAbove" : "case.beyondBelow", {
                  scenario: t(`case.scenario.${b.scenario}`),
                  value: props.show(b.value),
                  low: props.show(props.measured!.lift.low),
                  high: props.show(props.measured!.lift.high),
                })}
              </li>
            )}
          </For>
        </ul>
        <p>{t("case.beyondEstimate")}</p>
        <Show when={props.reason?.trim()}>{(reason) => <p>{t("case.beyondReason", { reason: reason() })}</p>}</Show>
      </div>
    </Show>
  );
}
