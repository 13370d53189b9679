import { createMemo, Show } from "solid-js";
import type { KpiResult } from "../../../../shared/schemas/experiment";
import type { Comparison } from "../../../../shared/stats";
import { useApp } from "../../context";
import {
  armSizes,
  armValues,
  expectedSplitFor,
  formatChance,
  formatPValue,
  liftFormat,
  readResult,
  sampleRatioApplies,
  type KpiSlot,
  type KpiTraits,
} from "./results";
import { formatNumber } from "../../format";
import { ResultReading } from "./ResultReading";
import type { ExperimentDesign } from "../../../../shared/enums";

/** What a comparison means: the sample-ratio warning, the verdict, the lifts as charts and numbers, chance and p-value. */
export function Outcome(props: { compared: Comparison; result: KpiResult; traits: KpiTraits; role: KpiSlot["role"]; kpiName: string; design: ExperimentDesign | null; treatmentShare: number | null }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = i18n.language;
  const reading = createMemo(() => readResult(props.compared, props.traits, language()));
  const format = createMemo(() => liftFormat(props.compared, props.traits, language(), { points: (n, shown) => i18n.plural("results.points", n, undefined, shown) }));
  const values = () => armValues(props.result);
  const srmCounts = () => {
    const count = (n: number) => formatNumber(n, language(), { maximumFractionDigits: 0 });
    const sizes = armSizes(props.result);
    const split = expectedSplitFor(props.design, props.treatmentShare);
    const total = sizes.control + sizes.treatment;
    return {
      control: count(sizes.control),
      treatment: count(sizes.treatment),
      expectedControl: count((total * split[0]) / (split[0] + split[1])),
      expectedTreatment: count((total * split[1]) / (split[0] + split[1])),
    };
  };

  const lifts = () => {
    const { relativeLift, ciRelative } = props.compared;
    const absolute = { what: t("results.absoluteLift"), estimate: props.compared.absoluteLift, interval: props.compared.ciAbsolute, show: format().absolute };
    // A control at 0 has no relative lift; the note below says so instead of a chart.
    if (relativeLift === null || ciRelative === null) return [absolute];
    return [absolute, { what: t("results.relativeLift"), estimate: relativeLift, interval: ciRelative, show: format().relative }];
  };

  return (
    <div class="result-read">
      {/* Before the verdict: it says whether to trust the verdict at all. */}
      <Show when={sampleRatioApplies(props.design) && props.compared.srm.mismatch}>
        <div class="notice notice-warning">
          <p>
            <strong>{t("results.srm")}</strong>
          </p>
          <p>{t("results.srmDetail", srmCounts())}</p>
        </div>
      </Show>

      <ResultReading reading={reading()} traits={props.traits} role={props.role} kpiName={props.kpiName} lifts={lifts()} charts>
        <Show when={props.compared.relativeLift === null}>
          <p class="hint result-no-relative">{t(props.traits.kind === "proportion" ? "results.noRelativeLift.proportion" : "results.noRelativeLift.mean")}</p>
        </Show>
      </ResultReading>

      <dl class="facts result-facts">
        <dt>{t("results.groupValues")}</dt>
        <dd>{t("results.groups", { control: format().value(values().control), treatment: format().value(values().treatment) })}</dd>
        <dt>{t("results.chanceBetter")}</dt>
        <dd>{formatChance(reading().description.chanceBetter, language())}</dd>
        <dt>{t("results.pValue")}</dt>
        <dd>
          {formatPValue(props.compared.pValue, language())}
          <span class="hint result-p-hint">{t("results.pValueHint")}</span>
        </dd>
      </dl>
      <Show when={!sampleRatioApplies(props.design)}>
        <p class="hint">{t("results.srmNotChecked")}</p>
      </Show>
    </div>
  );
}
