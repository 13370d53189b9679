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
  verdictWithheld,
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
  const withheld = () => verdictWithheld(props.compared, props.design);
  const reading = createMemo(() => readResult(props.compared, props.traits, language(), { withheld: withheld() }));
  const format = createMemo(() => liftFormat(props.compared, props.traits, language(), { points: (n, shown) => i18n.plural("results.points", n, undefined, shown) }));
  const values = () => armValues(props.result);
  const srmCounts = () => {
    const count = (n: number) => formatNumber(n, language(), { maximumFractionDigits: 0 });
    const sizes = armSizes(props.result);
    const split = expectedSplitFor(props.design, props.treatmentShare);
    const total = sizes.control + sizes.treatment;
    const p = formatPValue(props.compared.srm.pValue, language());
    return {
      control: count(sizes.control),
      treatment: count(sizes.treatment),
      expectedControl: count((total * split[0]) / (split[0] + split[1])),
      expectedTreatment: count((total * split[1]) / (split[0] + split[1])),
      p: p.startsWith("<") ? p : `= ${p}`,
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

      <ResultReading reading={reading()} traits={props.traits} role={props.role} kpiName={props.kpiName} lifts={lifts()} charts>
        <Show when={props.compared.relativeLift === null}>
          <p class="hint result-no-relative">{t(props.traits.kind === "proportion" ? "results.noRelativeLift.proportion" : "results.noRelativeLift.mean")}</p>
        </Show>
      </ResultReading>

      {/* Why there is no verdict: the groups' sizes against the split, with the check's p-value. */}
      <Show when={withheld()}>
        <p class="notice notice-warning result-srm">{t("results.srmDetail", srmCounts())}</p>
      </Show>

      <dl class="facts result-facts">
        <dt>{t("results.groupValues")}</dt>
        <dd>{t("results.groups", { control: format().value(values().control), treatment: format().value(values().treatment) })}</dd>
        {/* The chance and the p-value are the verdict in numbers: withheld with it. */}
        <Show when={!withheld()}>
          <dt>{t("results.chanceBetter")}</dt>
          <dd>{formatChance(reading().description.chanceBetter, language())}</dd>
          <dt>{t("results.pValue")}</dt>
          <dd>
            {formatPValue(props.compared.pValue, language())}
            <span class="hint result-p-hint">{t("results.pValueHint")}</span>
          </dd>
        </Show>
      </dl>
      <Show when={!sampleRatioApplies(props.design)}>
        <p class="hint">{t("results.srmNotChecked")}</p>
      </Show>
    </div>
  );
}
