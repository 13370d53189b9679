import "../../capture/capture.css";
import "../experiments/experiments.css";
import "./cases.css";
import { createMemo, For, Show } from "solid-js";
import { useList, useMe } from "../../data/records";
import { useFilterParams } from "../../capture/Filters";
import { Icon } from "../../components/Icon";
import { Page } from "../../components/Page";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import type { Language } from "../experiments/results";
import { CaseStatusBadge } from "./CaseDecisions";
import { losesMoney } from "../../../../shared/finance";
import { canEditCases, caseStatusFilter, caseStatusOf, casesByStatus, fieldsOf, formatMoney, scenariosOf, type BusinessCase } from "./model";
import { BUSINESS_CASE_STATUSES } from "../../../../shared/enums";

const FILTERS = ["status"] as const;

/**
 * Every business case by where it stands, with its base NPV; the start of a new one for those
 * who write them. `?status=` (the board view links with it) shows that one group only.
 */
export default function CaseList() {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const org = useOrg();
  const me = useMe();
  const cases = useList("business_case");
  const filters = useFilterParams(FILTERS);
  const status = () => caseStatusFilter(filters.value("status"));
  const all = createMemo(() => casesByStatus(cases.all()));
  const groups = createMemo(() => all().filter((g) => g.cases.length > 0 && (status() === null || g.status === status())));
  const countOf = (s: (typeof BUSINESS_CASE_STATUSES)[number]) => all().find((g) => g.status === s)?.cases.length ?? 0;

  return (
    <Page title={t("cases.title")}>
      <p class="muted">{t("cases.intro")}</p>
      <div class="button-row list-actions">
        <Show when={canEditCases(me.role())}>
          <a class="button button-primary" href={orgHref(org().orgId, "cases/new")}>
            <Icon name="plus" />
            {t("cases.new")}
          </a>
        </Show>
        <a class="button button-secondary" href={orgHref(org().orgId, "board/pack")}>
          {t("cases.meetingPack")}
        </a>
      </div>
      <div class="status-filter" role="group" aria-label={t("cases.statusFilter")}>
        <ul class="chips status-chips">
          <li>
            <button type="button" class="chip" aria-pressed={status() === null} onClick={() => filters.set("status", "")}>
              {t("cases.all")} <span class="chip-count">{cases.all().length}</span>
            </button>
          </li>
          <For each={BUSINESS_CASE_STATUSES}>
            {(s) => (
              <li>
                <button
                  type="button"
                  class="chip"
                  classList={{ "chip-empty": countOf(s) === 0 }}
                  aria-pressed={status() === s}
                  onClick={() => filters.set("status", status() === s ? "" : s)}
                >
                  {t(`caseStatus.${s}`)} <span class="chip-count">{countOf(s)}</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </div>
      <Show when={cases.loaded()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <Show
          when={groups().length > 0}
          fallback={
            <Show when={status() !== null && cases.all().length > 0} fallback={<p class="empty">{t(canEditCases(me.role()) ? "cases.empty" : "cases.emptyReader")}</p>}>
              <p class="empty">
                {t("cases.noneWithStatus", { status: t(`caseStatus.${status()!}`) })}{" "}
                <button type="button" class="button button-small button-secondary" onClick={() => filters.set("status", "")}>
                  {t("cases.showAll")}
                </button>
              </p>
            </Show>
          }
        >
          <For each={groups()}>
            {(group) => (
              <section class="case-group" aria-labelledby={`cases-${group.status}`}>
                <h2 id={`cases-${group.status}`}>
                  {t(`caseStatus.${group.status}`)} <span class="muted">({group.cases.length})</span>
                </h2>
                <ul class="items">
                  <For each={group.cases}>{(record) => <CaseRow record={record} language={language()} />}</For>
                </ul>
              </section>
            )}
          </For>
        </Show>
      </Show>
    </Page>
  );
}

function CaseRow(props: { record: BusinessCase; language: Language }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const scenarios = () => scenariosOf(fieldsOf(props.record));
  return (
    <li class="item">
      <a class="item-link" href={orgHref(org().orgId, `cases/${props.record.id}`)}>
        <span class="item-title">{props.record.title || t("case.untitled")}</span>
        <span class="item-meta">
          <CaseStatusBadge status={caseStatusOf(props.record)} />
          <Show when={scenarios()} fallback={<span>{t("case.noFigures")}</span>}>
            {(s) => (
              <span classList={{ "loses-money": losesMoney(s().base) }}>
                {t("cases.baseNpv", { npv: formatMoney(s().base.npv, props.language) })}
                <Show when={losesMoney(s().low)}>
                  {" "}
                  <span class="badge badge-warning">{t("cases.lowLoses")}</span>
                </Show>
              </span>
            )}
          </Show>
          <Show when={props.record.pending}>
            <span class="badge badge-pending">{t("capture.notSent")}</span>
          </Show>
        </span>
      </a>
    </li>
  );
}
