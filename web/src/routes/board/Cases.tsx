import { For, onMount, Show } from "solid-js";
import { localeOf, numberFormat } from "../../format";
import { useApp } from "../../context";
import { focusSoon } from "../../focus";
import { formatCount } from "../../format";
import { barFill, boardLinks, deliveredShareOf, formatEuros, type BoardSummary } from "./model";
import { Later } from "../../components/stages";
import { TargetAgainstActual } from "./TargetAgainstActual";
import { Figure, OrgLink, Section } from "./Section";
import { BUSINESS_CASE_STATUSES } from "../../../../shared/enums";

/**
 * The business cases: how many are approved, what they promised and delivered, where the rest
 * stand. The money tiles open the figures per approved case below them (`?open=cases`).
 */
export function Cases(props: { cases: BoardSummary["cases"]; open: boolean }) {
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
  const figures = boardLinks.figures("cases");
  return (
    <Section id="board-cases" title={t("board.cases.heading")}>
      <div class="figures">
        <Figure path={boardLinks.cases("approved")} value={formatCount(props.cases.approvedCount, locale())} label={i18n.plural("board.cases.approved", props.cases.approvedCount)} />
        <Figure path={figures} value={formatEuros(props.cases.promised, locale())} label={t("board.cases.promised")} />
        <Figure path={figures} value={formatEuros(props.cases.annualBenefitPromised, locale())} label={t("board.cases.annualPromised")} />
        <Figure path={boardLinks.delivered()} value={formatEuros(promisedToDate(), locale())} label={t("board.cases.promisedToDate")} />
        <Figure path={boardLinks.delivered()} value={formatEuros(props.cases.delivered, locale())} label={t("board.cases.delivered")} />
      </div>
      {/* The share, tables and lists below the tiles: a part of the drawing each. */}
      <Later>
        <Show when={deliveredShare() !== null}>
          <div class="delivered">
            <span class="meter-track" aria-hidden="true">
              <span class="meter-fill" classList={{ "meter-fill-met": share() >= 1 }} style={{ width: `${barFill(share(), 1) * 100}%` }} />
            </span>
            <p class="muted">{t("benefits.deliveredShare", { share: percent(share()) })}</p>
          </div>
        </Show>
        <Show when={benefits()}>{(b) => <TargetAgainstActual benefits={b()} />}</Show>
        <Later>
          <Show when={props.open}>
            <CaseFigures cases={props.cases} />
          </Show>
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
          <Later>
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
          </Later>
        </Later>
      </Later>
    </Section>
  );
}

/** The figures behind the money tiles, per approved case, with their totals (what the tiles show). */
function CaseFigures(props: { cases: BoardSummary["cases"] }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const locale = () => localeOf(i18n.language());
  const money = (value: number | null) => formatEuros(value, locale());
  // Opened from a money tile, the figures take the focus: a screen reader reads them next.
  onMount(() => focusSoon("board-case-figures"));
  // A summary kept by an older app has the totals only.
  const perCase = () => (Array.isArray(props.cases.approved) ? props.cases.approved : null);
  return (
    <div class="case-figures" id="board-case-figures" tabindex="-1">
      <Show when={perCase()} fallback={<p class="muted">{t("drill.older")}</p>}>
        {(rows) => (
          <Show when={rows().length > 0} fallback={<p class="muted">{t("drill.none")}</p>}>
            <div class="table-scroll">
              <table class="figure-table">
                <caption>{t("drill.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("board.cases.heading")}</th>
                    <th scope="col" class="number">
                      {t("drill.npv")}
                    </th>
                    <th scope="col" class="number">
                      {t("drill.annual")}
                    </th>
                    <th scope="col" class="number">
                      {t("drill.toDate")}
                    </th>
                    <th scope="col" class="number">
                      {t("drill.delivered")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(c) => (
                      <tr>
                        <th scope="row">
                          <OrgLink path={boardLinks.case(c.id)}>{c.title || t("board.cases.untitled")}</OrgLink>
                        </th>
                        <td class="number">{money(c.npv)}</td>
                        <td class="number">{money(c.annualBenefit)}</td>
                        <td class="number">{money(c.promisedToDate)}</td>
                        <td class="number">{money(c.delivered)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t("drill.total")}</th>
                    <td class="number">{money(props.cases.promised)}</td>
                    <td class="number">{money(props.cases.annualBenefitPromised)}</td>
                    <td class="number">{money(props.cases.promisedToDate)}</td>
                    <td class="number">{money(props.cases.delivered)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </div>
  );
}
