import { createMemo, For, Index, Show } from "solid-js";
import { useList } from "../../data/records";
import { localeOf } from "../../format";
import { useApp } from "../../context";
import { createProgressive } from "../../components/stages";
import { formatCount } from "../../format";
import { boardLinks, HEAT_SEVERITIES, heatLevel, heatRows, type BoardSummary } from "./model";
import { OrgLink } from "./Section";

/** A count of findings linking to them; a zero links nowhere. */
function HeatCount(props: { count: number; path: string; label: string }) {
  const { i18n } = useApp();
  return (
    <Show when={props.count > 0} fallback={<span class="heat-zero">0</span>}>
      <OrgLink path={props.path} aria-label={props.label}>
        {formatCount(props.count, localeOf(i18n.language()))}
      </OrgLink>
    </Show>
  );
}

/** Findings by journey stage and severity; every count links to the findings behind it. */
export function Heatmap(props: { cells: BoardSummary["findings"]["heatmap"] }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const locale = () => localeOf(i18n.language());
  const stages = useList("journey_stage");
  const heat = createMemo(() => heatRows(props.cells, stages.all()));
  const stageName = (row: { stageId: string | null; name: string | undefined }) =>
    row.stageId === null ? t("board.heatmap.noStage") : (row.name ?? t("board.heatmap.unknownStage"));
  const columnTotals = createMemo(() => HEAT_SEVERITIES.map((_, i) => heat().rows.reduce((sum, row) => sum + row.counts[i]!, 0)));
  const mapped = () => columnTotals().reduce((a, b) => a + b, 0);
  // Every cell is a link with a label of its own: the table's head and totals first, then a stage
  // per part of the drawing, not the whole table in one.
  const rows = createProgressive(() => heat().rows, 0, 1);

  return (
    <Show when={mapped() > 0} fallback={<p class="empty">{t("board.heatmap.empty")}</p>}>
      <div class="heatmap-scroll">
        <table class="heatmap">
          <caption>{t("board.heatmap.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("board.heatmap.stage")}</th>
              <For each={HEAT_SEVERITIES}>
                {(n) => (
                  <th scope="col" class="heat-col">
                    <span aria-hidden="true">{n}</span>
                    <span class="visually-hidden">{t("board.heatmap.severity", { n })}</span>
                  </th>
                )}
              </For>
              <th scope="col" class="heat-col">
                {t("board.heatmap.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {/* By position, not by row object: when the stage names arrive with the first sync, or a
                refresh brings new counts, the rows' cells update in place instead of being rebuilt. */}
            <Index each={rows()}>
              {(row) => (
                <tr>
                  <th scope="row" class="heat-stage">
                    {stageName(row())}
                  </th>
                  <Index each={row().counts}>
                    {(count, i) => (
                      <td class="heat" data-level={heatLevel(count(), heat().max)}>
                        <HeatCount
                          count={count()}
                          path={boardLinks.findingsCell(row().stageId, HEAT_SEVERITIES[i]!)}
                          label={t("board.heatmap.cell", { count: count(), stage: stageName(row()), n: HEAT_SEVERITIES[i]! })}
                        />
                      </td>
                    )}
                  </Index>
                  <td class="heat-total">
                    <HeatCount count={row().total} path={boardLinks.findingsStage(row().stageId)} label={t("board.heatmap.row", { count: row().total, stage: stageName(row()) })} />
                  </td>
                </tr>
              )}
            </Index>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("board.heatmap.total")}</th>
              <Index each={columnTotals()}>
                {(count, i) => (
                  <td class="heat-total">
                    <HeatCount count={count()} path={boardLinks.findingsSeverity(HEAT_SEVERITIES[i]!)} label={t("board.heatmap.column", { count: count(), n: HEAT_SEVERITIES[i]! })} />
                  </td>
                )}
              </Index>
              <td class="heat-total">
                <OrgLink path={boardLinks.findings()}>{formatCount(mapped(), locale())}</OrgLink>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </Show>
  );
}
