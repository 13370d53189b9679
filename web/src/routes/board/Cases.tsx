import { For, Show } from "solid-js";
import { localeOf, numberFormat } from "../../format";
import { useApp } from "../../context";
import { formatCount } from "../kpis/model";
import { barFill, boardLinks, deliveredShareOf, formatEuros, type BoardSummary } from "./model";
import { TargetAgainstActual } from "./TargetAgainstActual";
import { Figure, OrgLink, Section } from "./Section";
import { BUSINESS_CASE_STATUSES } from "../../../../shared/enums";

export function Cases(props: { cases: BoardSummary["cases"] }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const locale = () => localeOf(i18n.language());
  // A summary kept by an older app has neither: then no figures are better than ones against a year's benefit.
  const promisedToDate = () => (typeof props.cases.promisedToDate === "number" ? props.cases.promisedToDate : null);
  const benefits = () => (props.cases.benefits as BoardSummary["cases"]["benefits"] | undefined) ?? null;
  // Delivered against the targets of the quarters that have an actual: a quarter nobody has
  // reported yet is not a shortfall, and the tables say which ones those are.
  const deliveredShare = () => deliveredShareOf(props.cases.delivered, benefits()?.promisedWithActuals ?? null);
  const share = () => deliveredShare() ?? 0;
  const percent = (share: number) => numberFormat(locale(), { style: "percent", maximumFractionDigits: 0 }).format(share);
  return (
    <Section id="board-cases" title={t("board.cases.heading")}>
      <div class="figures">
        <Figure path={boardLinks.cases("approved")} value={formatCount(props.cases.approvedCount, locale())} label={t("board.cases.approved")} />
        <Figure path={boardLinks.cases("approved")} value={formatEuros(props.cases.promised, locale())} label={t("board.cases.promised")} />
        <Figure path={boardLinks.cases("approved")} value={formatEuros(props.cases.annualBenefitPromised, locale())} label={t("board.cases.annualPromised")} />
        <Figure path={boardLinks.delivered()} value={formatEuros(promisedToDate(), locale())} label={t("board.cases.promisedToDate")} />
        <Figure path={boardLinks.delivered()} value={formatEuros(props.cases.delivered, locale())} label={t("board.cases.delivered")} />
      </div>
      <Show when={deliveredShare() !== null}>
        <div class="delivered">
          <span class="meter-track" aria-hidden="true">
            <span class="meter-fill" classList={{ "meter-fill-met": share() >= 1 }} style={{ width: `${barFill(share(), 1) * 100}%` }} />
          </span>
          <p class="muted">{t("benefits.deliveredShare", { share: percent(share()) })}</p>
        </div>
      </Show>
      <Show when={benefits()}>{(b) => <TargetAgainstActual benefits={b()} />}</Show>
      <ul class="chips chips-static case-statuses">
        <For each={BUSINESS_CASE_STATUSES}>
          {(status) => (
            <li>
              <OrgLink path={boardLinks.cases(status)} class="chip" aria-label={t("board.cases.status", { count: props.cases.byStatus[status] ?? 0, status: t(`board.caseStatus.${status}`) })}>
                {t(`board.caseStatus.${status}`)} <span class="chip-count">{props.cases.byStatus[status] ?? 0}</span>
              </OrgLink>
            </li>
          )}
        </For>
      </ul>
      <h3>{t("board.cases.awaiting")}</h3>
      <Show when={props.cases.submitted.length > 0} fallback={<p class="muted">{t("board.cases.noneAwaiting")}</p>}>
        <ul class="items">
          <For each={props.cases.submitted}>
            {(c) => (
              <li class="item">
                <OrgLink path={boardLinks.case(c.id)} class="item-link">
                  <span class="item-title">{c.title || t("board.cases.untitled")}</span>
                </OrgLink>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p class="button-row">
        <OrgLink path={boardLinks.pack()} class="button button-primary">
          {t("board.cases.pack")}
        </OrgLink>
        <OrgLink path={boardLinks.cases()} class="button button-secondary">
          {t("board.cases.all")}
        </OrgLink>
      </p>
    </Section>
  );
}
