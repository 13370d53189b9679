import { createMemo, For, Match, Show, Switch } from "solid-js";
import { useApp } from "../../context";
import { usePilotRecords } from "./pilot-records";
import type { Entity } from "../../data/local/types";
import { formatNumber } from "../../format";
import { planPilot } from "../../../../shared/stats/pilot-plan";
import { DEFAULT_ALPHA, DEFAULT_POWER } from "../../../../shared/stats/defaults";
import { pilotPlanInput, type PilotExperiment } from "../../../../shared/experiments/pilot-result";
import { liftFormat, type Language } from "./results";

const PERIOD_WORDS = { day: "pilot.period.day", week: "pilot.period.week", month: "pilot.period.month" } as const;

/**
 * Before a store pilot starts: the smallest effect its stores can detect (80 % power), from the
 * primary KPI's history with placebo pilots, and how it shrinks with two or three times as many
 * stores. Worked out on this device.
 */
export default function PilotPlan(props: { experiment: PilotExperiment; kpi: Entity<"kpi"> | undefined }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const pilot = usePilotRecords();
  const input = createMemo(() => (props.kpi ? pilotPlanInput(props.experiment, pilot.records().measurements, props.kpi.id, pilot.records().today) : null));
  const plan = createMemo(() => {
    const i = input();
    return i?.ok ? planPilot({ pilot: i.pilot, control: i.control, prePeriods: i.prePeriods, postPeriods: i.postPeriods, alpha: DEFAULT_ALPHA, power: DEFAULT_POWER }) : null;
  });
  /** Why there is no plan yet, in words. */
  const problem = () => {
    const i = input();
    const p = plan();
    if (!props.kpi || !i) return "pilot.plan.needsKpi" as const;
    if (!i.ok) return i.reason === "no_locations" ? ("pilot.plan.needsLocations" as const) : ("pilot.plan.noHistory" as const);
    if (p && !p.ok) return p.reason === "too_few_locations" ? ("pilot.plan.tooFew" as const) : ("pilot.plan.tooShort" as const);
    return null;
  };
  // Effects in the KPI's stored unit (a rate in percent reads in points).
  const format = (width: number) =>
    liftFormat({ ciAbsolute: [0, width], ciRelative: [0, 0.01] }, { kind: "mean", unit: props.kpi?.unit ?? "count", direction: "higher" }, language(), { points: (n, shown) => i18n.plural("results.points", n, undefined, shown) });

  return (
    <section class="pilot-plan" aria-labelledby="pilot-plan-heading">
      <h3 id="pilot-plan-heading">{t("pilot.plan.heading")}</h3>
      <Switch>
        <Match when={problem()}>{(key) => <p class="hint">{t(key(), { kpi: props.kpi?.name ?? "" })}</p>}</Match>
        <Match when={plan()?.ok && input()?.ok && { plan: plan() as Extract<ReturnType<typeof planPilot>, { ok: true }>, input: input() as Extract<ReturnType<typeof pilotPlanInput>, { ok: true }> }}>
          {(ready) => {
            const periods = () => t(PERIOD_WORDS[ready().input.period]);
            const show = (mde: number) => format(ready().plan.rows[0]!.mde).absolute(mde).replace(/^\+/, "");
            return (
              <>
                <p class="hint">
                  {t("pilot.plan.intro", {
                    kpi: props.kpi?.name ?? "",
                    history: ready().input.historyPeriods,
                    post: ready().input.postPeriods,
                    pre: ready().input.prePeriods,
                    periods: periods(),
                    placebos: ready().plan.placebos,
                  })}
                </p>
                <div class="table-scroll">
                  <table class="scenario-table">
                    <caption class="visually-hidden">{t("pilot.plan.heading")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("pilot.plan.stores")}</th>
                        <th scope="col" class="num">
                          {t("pilot.plan.mde")}
                        </th>
                        <th scope="col" class="num">
                          {t("pilot.plan.relative")}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={ready().plan.rows}>
                        {(row) => (
                          <tr>
                            <th scope="row">
                              {t(row.multiplier === 1 ? "pilot.plan.chosen" : "pilot.plan.times", {
                                times: row.multiplier,
                                pilot: row.pilot,
                                control: row.control,
                              })}
                            </th>
                            <td class="num">{show(row.mde)}</td>
                            <td class="num">{row.relativeMde === null ? "–" : `${formatNumber(row.relativeMde * 100, language(), { maximumFractionDigits: 1 })} %`}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
                <Show when={props.experiment.design === "before_after"}>
                  <p class="hint">{t("pilot.plan.beforeAfter")}</p>
                </Show>
              </>
            );
          }}
        </Match>
      </Switch>
    </section>
  );
}
