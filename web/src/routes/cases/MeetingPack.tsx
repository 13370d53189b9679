import "../../capture/capture.css";
import "../experiments/experiments.css";
import "./cases.css";
import "./print.css";
import { A } from "@solidjs/router";
import { createMemo, For, Show } from "solid-js";
import { useList } from "../../data/records";
import { Page } from "../../components/Page";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import type { Language } from "../experiments/results";
import { fieldsOf, formatMoney, meetingAgenda, scenariosOf } from "./model";
import { PackBody } from "./PackBody";
import { usePackRecords } from "./pack-records";
import { PrintButton } from "./PrintButton";
import { dateFormat, localeOf } from "../../format";

/** The pack for a board meeting: an agenda of every submitted case, then each case's pack on its own pages. */
export default function MeetingPack() {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const org = useOrg();
  const cases = useList("business_case");
  const { records, loaded } = usePackRecords();
  const agenda = createMemo(() => meetingAgenda(cases.all()));
  const today = () => dateFormat(localeOf(language()), { dateStyle: "long" }).format(new Date());
  return (
    <Page title={t("meeting.title")} class="page pack-page">
      <div class="pack-tools no-print">
        <A href={orgHref(org().orgId, "cases")}>{t("meeting.backToCases")}</A>
        <PrintButton />
      </div>
      <Show when={cases.loaded() && loaded()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <section class="pack-agenda" aria-labelledby="agenda-heading">
          <p class="pack-org muted">
            {org().orgName} · {today()}
          </p>
          <h2 id="agenda-heading">{t("meeting.agenda")}</h2>
          <Show when={agenda().length > 0} fallback={<p class="empty">{t("meeting.empty")}</p>}>
            <ol class="agenda-list">
              <For each={agenda()}>
                {(record) => {
                  const base = () => scenariosOf(fieldsOf(record))?.base.npv;
                  return (
                    <li class="agenda-item">
                      <p class="agenda-title">
                        <a href={`#pack-title-${record.id}`}>{record.title}</a>
                      </p>
                      <p class="agenda-ask">{record.ask || t("pack.noAsk")}</p>
                      <p class="agenda-npv">
                        {t("meeting.baseNpv")} <strong>{base() === undefined ? t("case.noFigures") : formatMoney(base()!, language())}</strong>
                      </p>
                    </li>
                  );
                }}
              </For>
            </ol>
          </Show>
        </section>
        <For each={agenda()}>{(record) => <PackBody record={record} records={records} />}</For>
      </Show>
    </Page>
  );
}
