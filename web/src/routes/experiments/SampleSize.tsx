import { For, Show } from "solid-js";
import type { KpiResult } from "../../../../shared/schemas/experiment";
import { useApp } from "../../context";
import { sampleProgress } from "./results";
import { formatNumber } from "../../format";

/** Each group against the sample size the experiment needs, as progress bars. */
export function SampleSize(props: { result: KpiResult; required: number | null }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const count = (n: number) => formatNumber(n, i18n.language());
  const progress = () => sampleProgress(props.result, props.required);
  return (
    <div class="result-sample">
      <h4>{t("results.sample")}</h4>
      <Show when={progress()} fallback={<p class="hint">{t("results.sampleUnknown")}</p>}>
        {(p) => (
          <>
            <For each={p().arms}>
              {(arm) => {
                const label = () => t("results.sampleArm", { group: t(`results.${arm.arm}`), count: count(arm.count), required: count(p().required) });
                return (
                  <div class="sample-arm">
                    <p id={`sample-${arm.arm}-${props.result.kpiId}`} class="sample-label">
                      {label()}
                    </p>
                    <div
                      class="sample-bar"
                      classList={{ "sample-reached": arm.reached }}
                      role="progressbar"
                      aria-labelledby={`sample-${arm.arm}-${props.result.kpiId}`}
                      aria-valuemin={0}
                      aria-valuemax={p().required}
                      aria-valuenow={Math.min(arm.count, p().required)}
                      aria-valuetext={label()}
                    >
                      <span class="sample-fill" style={{ width: `${Math.round(arm.share * 1000) / 10}%` }} />
                    </div>
                  </div>
                );
              }}
            </For>
            <p class={p().reached ? "sample-done" : "sample-short"}>
              {t(p().reached ? "results.sampleReached" : "results.sampleNotReached", { required: count(p().required) })}
            </p>
          </>
        )}
      </Show>
    </div>
  );
}
