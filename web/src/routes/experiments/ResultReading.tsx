import { For, Show, type JSX } from "solid-js";
import { LiftChart } from "../../components/LiftChart";
import { useApp } from "../../context";
import { betterSide, intervalSide, type KpiSlot, type KpiTraits, type Reading } from "./results";

export interface Lift {
  what: string;
  estimate: number;
  interval: readonly [number, number];
  show: (value: number) => string;
}

/**
 * The verdict in words, whether a guardrail held, and each lift with its interval (as a chart
 * when `charts`): the same reading for an A/B result and a measured pilot. `children` go under
 * the lifts (a note on a lift that does not exist).
 */
export function ResultReading(props: { reading: Reading; traits: KpiTraits; role: KpiSlot["role"]; kpiName: string; lifts: Lift[]; charts: boolean; children?: JSX.Element }) {
  const { t } = useApp().i18n;
  const sideText = (interval: readonly [number, number]) => {
    const side = intervalSide(interval, props.traits.direction);
    return t(side === "better" ? "results.chart.sideBetter" : side === "worse" ? "results.chart.sideWorse" : "results.chart.sideEither");
  };
  return (
    <>
      {/* Announced when a committed change alters the verdict, not on every keystroke. */}
      <p class={`verdict verdict-${props.reading.withheld ? "withheld" : props.reading.tone}`} aria-live="polite">
        <strong>{props.reading.withheld ? t("results.withheld") : props.reading.description.text}</strong>
      </p>
      <Show when={props.role === "guardrail" && !props.reading.withheld}>
        <p class={`guardrail guardrail-${props.reading.guardrail}`}>
          <span aria-hidden="true">{props.reading.guardrail === "hurt" ? "✕ " : "✓ "}</span>
          {t(props.reading.guardrail === "hurt" ? "results.guardrailHurt" : "results.guardrailHeld", { kpi: props.kpiName })}
        </p>
      </Show>
      <div class="result-lifts">
        <For each={props.lifts}>
          {(lift) => {
            const [low, high] = lift.interval;
            return (
              <div class="result-lift">
                <h4 class="result-lift-title">
                  {lift.what} <span class="result-lift-value">{lift.show(lift.estimate)}</span>
                </h4>
                <Show when={props.charts}>
                  <LiftChart
                    estimate={lift.estimate}
                    low={low}
                    high={high}
                    tone={props.reading.tone}
                    betterSide={betterSide(props.traits.direction)}
                    betterWord={t("results.chart.better")}
                    worseWord={t("results.chart.worse")}
                    label={t("results.chart.label", { what: lift.what, estimate: lift.show(lift.estimate), low: lift.show(low), high: lift.show(high), side: sideText(lift.interval) })}
                  />
                </Show>
                <p class="result-interval">{t("results.interval", { low: lift.show(low), high: lift.show(high) })}</p>
              </div>
            );
          }}
        </For>
        {props.children}
      </div>
    </>
  );
}
