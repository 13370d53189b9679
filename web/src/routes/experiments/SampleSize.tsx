import { For, Show } from "solid-js";
import type { SampleSizeCheck } from "../../../../shared/experiments/sample-size";
import type { KpiResult } from "../../../../shared/schemas/experiment";
import { useApp } from "../../context";
import { sampleProgress } from "./results";
import { formatNumber } from "../../format";

/**
 * Each group against the sample size the experiment needs, as progress bars. Needed is what the
 * baseline and MDE now give when that is more than the size set (shared/experiments/sample-size.ts):
 * a size left from earlier inputs is said to be stale, and never reads as reached.
 */
export function SampleSize(props: { result: KpiResult; check: SampleSizeCheck }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const count = (n: number) => formatNumber(n, i18n.language());
  const progress = () => sampleProgress(props.result, props.check.required);
  return (
    <div class="result-sample">
      <h4>{t("results.sample")}</h4>
      <Show when={props.check.stale}>
        <p class="notice notice-warning">{t("results.sampleStale", { stored: count(props.check.stored ?? 0), computed: count(props.check.computed ?? 0), required: count(props.check.required ?? 0) })}</p>
      </Show>
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
