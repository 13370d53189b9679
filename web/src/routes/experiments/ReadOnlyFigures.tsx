import { For, Show } from "solid-js";
import type { KpiResult } from "../../../../shared/schemas/experiment";
import { useApp } from "../../context";
import { ARMS, fieldsOf } from "./results";
import { formatNumber } from "../../format";
import type { KpiKind } from "../../../../shared/enums";

/** The figures as a table, for people who may read but not change them. */
export function ReadOnlyFigures(props: { kind: KpiKind; kpiName: string; result: KpiResult | null }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const number = (n: number) => formatNumber(n, i18n.language(), { maximumFractionDigits: 4 });
  return (
    <Show when={props.result} fallback={<p class="empty">{t("results.notEntered")}</p>}>
      {(result) => (
        <>
          <p class="hint">{t("results.readOnly")}</p>
          <div class="result-table-wrap">
            <table class="result-table">
              <caption class="visually-hidden">{t("results.figuresCaption", { kpi: props.kpiName })}</caption>
              <thead>
                <tr>
                  <td />
                  <For each={ARMS}>{(arm) => <th scope="col">{t(`results.${arm}`)}</th>}</For>
                </tr>
              </thead>
              <tbody>
                <For each={fieldsOf(props.kind)}>
                  {(field) => (
                    <tr>
                      <th scope="row">{t(`results.field.${field}`)}</th>
                      <For each={ARMS}>{(arm) => <td>{number((result()[arm] as Record<string, number>)[field] ?? 0)}</td>}</For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </>
      )}
    </Show>
  );
}
