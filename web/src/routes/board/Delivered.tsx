import "../cases/cases.css";
import "./board.css";
import { For, Show } from "solid-js";
import { canDo } from "../../../../shared/abilities";
import { ApiError } from "../../data/api";
import { useApp, useOrg } from "../../context";
import { createRemote } from "../../data/remote";
import { formatDay, localeOf, numberFormat } from "../../format";
import { LoadError, Loading } from "../../components/Status";
import { Page } from "../../components/Page";
import { rampUpText, sourceOf } from "../cases/benefit-tracking";
import { BenefitTable } from "./BenefitTable";
import { boardCache, boardLinks, deliveredShareOf, formatEuros, type BoardSummary } from "./model";
import { OrgLink } from "./Section";
import { totalRows } from "./TargetAgainstActual";

type CaseBenefits = BoardSummary["cases"]["benefits"]["cases"][number];

/**
 * The board's "Delivered" drill-down: every approved case's target and actual per quarter, and
 * where each actual comes from (the owner's figure and how it was measured, or the KPI's movement
 * and the share booked to the case). The board's figures kept on this device, so it opens offline.
 */
export default function Delivered() {
  const { i18n, api } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const allowed = () => canDo({ role: org().role }, "board_view");
  const summary = createRemote(
    () => (allowed() ? org().orgId : ""),
    (orgId) => api.call("get", "/orgs/:orgId/board/summary", { param: { orgId }, query: {} }),
    { cache: boardCache, ask: allowed },
  );
  const benefits = () => (summary.value()?.cases.benefits as BoardSummary["cases"]["benefits"] | undefined) ?? null;
  const offline = () => summary.error() instanceof ApiError && (summary.error() as ApiError).offline;

  return (
    <Page title={t("benefits.delivered.title")}>
      <p class="back-link">
        <OrgLink path="board">{t("benefits.delivered.back")}</OrgLink>
      </p>
      <Show when={allowed()} fallback={<p class="notice" role="alert">{t("error.forbidden")}</p>}>
        <p class="lead">{t("benefits.delivered.intro")}</p>
        <Show
          when={benefits()}
          fallback={
            <Show when={summary.error()} fallback={<Loading />}>
              {(error) => (offline() ? <p class="notice" role="alert">{t("board.offlineEmpty")}</p> : <LoadError error={error()} retry={() => void summary.reload()} />)}
            </Show>
          }
        >
          {(b) => (
            <div class="delivered-page">
              <section class="card" aria-labelledby="delivered-total">
                <h2 id="delivered-total">{t("benefits.board.total")}</h2>
                <Show when={b().quarters.length > 0} fallback={<p class="muted">{t("benefits.board.none")}</p>}>
                  <BenefitTable
                    caption={t("benefits.board.total")}
                    captionHidden
                    rows={totalRows(b(), t)}
                    total={{ target: summary.value()!.cases.promisedToDate, actual: summary.value()!.cases.delivered, share: deliveredShareOf(summary.value()!.cases.delivered, b().promisedWithActuals) }}
                  />
                </Show>
              </section>
              <For each={b().cases}>{(c) => <CaseCard benefits={c} all={b().cases} />}</For>
            </div>
          )}
        </Show>
      </Show>
    </Page>
  );
}

function CaseCard(props: { benefits: CaseBenefits; all: readonly CaseBenefits[] }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language();
  const c = () => props.benefits;
  const titleOf = (id: string) => props.all.find((x) => x.caseId === id)?.title || t("board.cases.untitled");
  const headingId = () => `delivered-${c().caseId}`;
  const share = () => deliveredShareOf(c().delivered, c().promisedWithActuals);
  const percent = (value: number) => numberFormat(localeOf(language()), { style: "percent", maximumFractionDigits: 0 }).format(value);
  const plan = () =>
    [
      c().goLiveSet ? `${t("benefits.goLive")}: ${formatDay(c().start, language())}` : `${t("benefits.goLive")}: ${t("benefits.goLiveUnset", { date: formatDay(c().start, language()) })}`,
      `${t("benefits.rampUp")}: ${rampUpText(t, c().rampUpMonths)}`,
    ].join(" · ");
  return (
    <section class="card" aria-labelledby={headingId()}>
      <h2 id={headingId()}>{c().title || t("board.cases.untitled")}</h2>
      <p class="muted">{plan()}</p>
      <Show when={share() !== null}>
        <p>{t("benefits.deliveredShare", { share: percent(share()!) })}</p>
      </Show>
      <Show when={c().quarters.length > 0} fallback={<p class="muted">{t("benefits.empty")}</p>}>
        <BenefitTable
          caption={c().title || t("board.cases.untitled")}
          captionHidden
          rows={c().quarters.map((q) => ({
            quarter: q.quarter,
            toDate: q.toDate,
            target: q.target,
            actual: q.actual,
            note: sourceOf(q, { t, language: language(), unit: c().kpi?.unit, titleOf, date: (iso) => formatDay(iso.slice(0, 10), language()), money: (amount) => formatEuros(amount, localeOf(language())) }),
          }))}
          total={{ target: c().promised, actual: c().quarters.some((q) => q.actual !== null) ? c().delivered : null, share: share() }}
        />
      </Show>
      <p>
        <OrgLink path={boardLinks.case(c().caseId)}>
          {t("benefits.delivered.caseLink")}
          <span class="visually-hidden">: {c().title}</span>
        </OrgLink>
      </p>
    </section>
  );
}

