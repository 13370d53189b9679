import { For, type JSX } from "solid-js";
import { useApp } from "../../context";
import type { MessageKey } from "../../i18n";
import { formatCount } from "../../format";
import { useKpiWords } from "./words";
import type { KpiUnit } from "../../../../shared/enums";

/** The columns a measurement shows wherever it is listed: the stored table and an import's preview. */
const COLUMNS: readonly [MessageKey, boolean][] = [
  ["kpi.col.start", false],
  ["kpi.col.location", false],
  ["kpi.col.segment", false],
  ["kpi.col.value", true],
  ["kpi.col.sampleSize", true],
  ["kpi.col.note", false],
];

export function MeasurementHeads() {
  const { t } = useApp().i18n;
  return (
    <For each={COLUMNS}>
      {([label, numeric]) => (
        <th scope="col" role="columnheader" class={numeric ? "num" : undefined}>
          {t(label)}
        </th>
      )}
    </For>
  );
}

/** One measurement's cells under `MeasurementHeads`; `noteExtra` follows the note (a "not sent" badge). */
export function MeasurementCells(props: {
  fields: { periodStart: string; value: number; sampleSize: number | null; note?: string | null | undefined; segmentId: string | null };
  unit: KpiUnit | undefined;
  location: string;
  segment: string;
  noteExtra?: JSX.Element;
}) {
  const { t } = useApp().i18n;
  const words = useKpiWords();
  return (
    <>
      <th scope="row" role="rowheader" class="cell-start">
        {words.day(props.fields.periodStart)}
      </th>
      <td role="cell" class="cell-location">
        {props.location}
      </td>
      <td role="cell" class="cell-segment" classList={{ "cell-segment-none": !props.fields.segmentId }}>
        {props.segment}
      </td>
      <td role="cell" class="num cell-value">
        {words.value(props.fields.value, props.unit)}
      </td>
      <td role="cell" class="num cell-labelled" data-label={t("kpi.col.sampleSize")}>
        {props.fields.sampleSize === null ? "" : formatCount(props.fields.sampleSize, words.locale())}
      </td>
      <td role="cell" class="kpi-note cell-labelled" data-label={t("kpi.col.note")}>
        {props.fields.note ?? ""}
        {props.noteExtra}
      </td>
    </>
  );
}
