import { For, Show } from "solid-js";
import type { FrozenExperiment, FrozenKpi } from "../../../../shared/business-cases/snapshot";
import { Icon } from "../../components/Icon";
import { useApp } from "../../context";
import { formatNumber } from "../../format";
import { formatPValue, type Language } from "../experiments/results";
import { guardrailHurt, kpiFormat } from "./evidence";

/**
 * What the board must weigh beside each result: did the guardrails hold, were the groups what
 * was planned (the sample-ratio check, with its p-value), was the sample reached, and for a
 * store pilot how many stores and periods it rests on. A line that should stop a decision is
 * marked, in words and with an icon.
 */
export function PackQuality(props: { experiments: readonly FrozenExperiment[] }) {
  const { t } = useApp().i18n;
  return (
    <Show when={props.experiments.length > 0}>
      <section class="pack-section pack-quality">
        <h3>{t("quality.heading")}</h3>
        <For each={props.experiments}>
          {(x) => (
            <div class="pack-quality-experiment">
              <p class="pack-quality-title">
                <strong>{x.title}</strong>
              </p>
              <ul class="quality-lines">
                <For each={x.kpis}>{(kpi) => <KpiQuality kpi={kpi} />}</For>
              </ul>
            </div>
          )}
        </For>
      </section>
    </Show>
  );
}

function Line(props: { warn: boolean; text: string }) {
  return (
    <li classList={{ "quality-warn": props.warn }} data-warn={props.warn ? "true" : undefined}>
      <Show when={props.warn}>
        <Icon name="warning" class="icon icon-small" />{" "}
      </Show>
      {props.text}
    </li>
  );
}

function KpiQuality(props: { kpi: FrozenKpi }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const k = props.kpi;
  const count = (n: number) => formatNumber(n, language());
  /** "= 0.480" or "< 0.001": the p-value with its relation, so a tiny one never reads "p = < 0.001". */
  const p = (value: number) => (value < 0.001 ? formatPValue(value, language()) : `= ${formatPValue(value, language())}`);
  const f = () => kpiFormat(k, language(), (n, shown) => i18n.plural("results.points", n, undefined, shown));
  const bounds = () => ({ kpi: k.name, low: f().format.absolute(k.comparison!.ciAbsolute[0]), high: f().format.absolute(k.comparison!.ciAbsolute[1]) });
  return (
    <>
      <Show when={k.comparison === null}>
        <Line warn={k.role === "primary"} text={t("quality.noResult", { kpi: k.name })} />
      </Show>
      <Show when={k.role === "guardrail" && k.comparison !== null}>
        <Line warn={guardrailHurt(k)} text={t(guardrailHurt(k) ? "quality.guardrailHurt" : "quality.guardrailHeld", bounds())} />
      </Show>
      <Show when={k.srm}>
        {(srm) => <Line warn={srm().mismatch} text={t(srm().mismatch ? "quality.srmMismatch" : "quality.srmOk", { p: p(srm().pValue) })} />}
      </Show>
      <Show when={k.sample}>
        {(sample) => (
          <Line
            warn={!sample().reached}
            text={t(sample().reached ? "quality.sampleReached" : "quality.sampleShort", { control: count(sample().control), treatment: count(sample().treatment), required: count(sample().required) })}
          />
        )}
      </Show>
      <Show when={k.role === "primary" && k.source === "typed" && k.comparison !== null && !k.sample}>
        <Line warn={false} text={t("quality.sampleUnknown")} />
      </Show>
      <Show when={k.role === "primary" && k.pilot}>
        {(pilot) =>
          pilot().design === "pilot_control" ? (
            <Line
              warn={false}
              text={t("quality.pilot", {
                pilot: count(pilot().locations.pilot),
                control: count(pilot().locations.control),
                pre: count(pilot().periods.pre),
                post: count(pilot().periods.post),
                p: pilot().permutationPValue === null ? "–" : p(pilot().permutationPValue!),
              })}
            />
          ) : (
            <Line warn text={t("quality.beforeAfter", { pilot: count(pilot().locations.pilot) })} />
          )
        }
      </Show>
    </>
  );
}
