import "./benefits.css";
import { For, Show, type JSX } from "solid-js";
import { useApp } from "../../context";
import { localeOf, numberFormat } from "../../format";
import { quarterLabel } from "../cases/benefit-tracking";
import { formatEuros } from "./model";

export interface BenefitRow {
  quarter: string;
  /** The current quarter, counted up to today. */
  toDate: boolean;
  target: number;
  actual: number | null;
  /** Read under the row: where the actual comes from, how many cases reported. */
  note?: string | undefined;
  /** The owner's buttons for the quarter (the case screen). */
  actions?: JSX.Element;
}

/** The actual as a share of the target; none without an actual or a target to compare with. */
export const shareOfTarget = (actual: number | null, target: number) => (actual === null || !(target > 0) ? null : actual / target);

/**
 * Target against actual per quarter, one way everywhere it is shown: the case screen, the
 * board's cards and its drill-down. Four narrow columns (money never wraps, the table scrolls
 * within its card at 320 px rather than clip), with what stands behind each actual on a line
 * of its own below the quarter.
 */
export function BenefitTable(props: {
  caption: JSX.Element;
  rows: readonly BenefitRow[];
  /** The columns added up; its share is over the quarters that have an actual (an unreported quarter is no shortfall yet). */
  total?: { target: number; actual: number | null; share: number | null } | undefined;
  captionHidden?: boolean;
}) {
  const { i18n } = useApp();
  const { t } = i18n;
  const locale = () => localeOf(i18n.language());
  const percent = (share: number | null) => (share === null ? "–" : numberFormat(locale(), { style: "percent", maximumFractionDigits: 0 }).format(share));
  const actual = (value: number | null) => (value === null ? t("benefits.noActual") : formatEuros(value, locale()));
  return (
    <div class="table-scroll benefit-table-wrap">
      <table class="benefit-table">
        <caption classList={{ "visually-hidden": props.captionHidden === true }}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("benefits.colQuarter")}</th>
            <th scope="col" class="number">
              {t("benefits.colTarget")}
            </th>
            <th scope="col" class="number">
              {t("benefits.colActual")}
            </th>
            <th scope="col" class="number">
              {t("benefits.colShare")}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <>
                <tr classList={{ "benefit-row": true, "benefit-row-noted": Boolean(row.note || row.actions) }}>
                  <th scope="row">{quarterLabel(t, row.quarter, row.toDate)}</th>
                  <td class="number money">{formatEuros(row.target, locale())}</td>
                  <td class="number money" classList={{ muted: row.actual === null }}>
                    {actual(row.actual)}
                  </td>
                  <td class="number">{percent(shareOfTarget(row.actual, row.target))}</td>
                </tr>
                <Show when={row.note || row.actions}>
                  <tr class="benefit-note">
                    <td colSpan={4}>
                      <Show when={row.note}>
                        <p>{row.note}</p>
                      </Show>
                      {row.actions}
                    </td>
                  </tr>
                </Show>
              </>
            )}
          </For>
        </tbody>
        <Show when={props.total}>
          {(total) => (
            <tfoot>
              <tr>
                <th scope="row">{t("benefits.total")}</th>
                <td class="number money">{formatEuros(total().target, locale())}</td>
                <td class="number money">{actual(total().actual)}</td>
                <td class="number">{percent(total().share)}</td>
              </tr>
            </tfoot>
          )}
        </Show>
      </table>
    </div>
  );
}
