import { For, Show } from "solid-js";
import { createProgressive } from "../../components/stages";
import { useApp } from "../../context";
import { BenefitTable, type BenefitRow } from "./BenefitTable";
import { boardLinks, type BoardSummary } from "./model";
import { OrgLink } from "./Section";

type Benefits = BoardSummary["cases"]["benefits"];

/** The quarters a board card shows: the last four (the drill-down has them all). */
export const RECENT_QUARTERS = 4;

/** Every approved case's quarters added up, with how many of the cases reported each quarter. */
export function totalRows(benefits: Benefits, t: (key: "benefits.casesReported", vars: Record<string, number>) => string): BenefitRow[] {
  return benefits.quarters.map((q) => ({
    quarter: q.quarter,
    toDate: benefits.cases.some((c) => c.quarters.some((x) => x.quarter === q.quarter && x.toDate)),
    target: q.target,
    actual: q.actual,
    note: q.withActual < q.cases ? t("benefits.casesReported", { count: q.withActual, total: q.cases }) : undefined,
  }));
}

/** The board card's target against actual: in total, then a small table per approved case, the last four quarters each. */
export function TargetAgainstActual(props: { benefits: Benefits }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const recent = <T,>(rows: readonly T[]) => rows.slice(-RECENT_QUARTERS);
  // The total first, then a case's table per part of the drawing.
  const reported = createProgressive(() => props.benefits.cases.filter((c) => c.quarters.length > 0), 0, 1);
  return (
    <div class="target-actual">
      <h3>{t("benefits.board.heading")}</h3>
      <Show when={props.benefits.quarters.length > 0} fallback={<p class="muted">{t("benefits.board.none")}</p>}>
        <BenefitTable caption={t("benefits.board.total")} rows={recent(totalRows(props.benefits, t))} />
        <For each={reported()}>
          {(c) => (
            <BenefitTable
              caption={<OrgLink path={boardLinks.case(c.caseId)}>{c.title || t("board.cases.untitled")}</OrgLink>}
              rows={recent(c.quarters).map((q) => ({ quarter: q.quarter, toDate: q.toDate, target: q.target, actual: q.actual }))}
            />
          )}
        </For>
        <p>
          <OrgLink path={boardLinks.delivered()}>{t("benefits.board.details")}</OrgLink>
        </p>
      </Show>
    </div>
  );
}
