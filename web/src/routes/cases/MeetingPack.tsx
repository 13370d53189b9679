import "../../capture/capture.css";
import "../experiments/experiments.css";
import "./cases.css";
import "./print.css";
import { useSearchParams } from "@solidjs/router";
import { createMemo, For, Show } from "solid-js";
import { SCENARIOS } from "../../../../shared/finance";
import { useList } from "../../data/records";
import { Icon } from "../../components/Icon";
import { Page } from "../../components/Page";
import { useApp, useOrg } from "../../context";
import { formatDay, LONG_DAY } from "../../format";
import { DateField, TextField } from "../../fields/Fields";
import { localDate } from "../../capture/model";
import { TITLE_MAX } from "../../../../shared/limits";
import { orgHref } from "../../nav";
import type { Language } from "../experiments/results";
import { caseQualityFlags, numberFindings } from "./evidence";
import { caseEvidence, formatMoney, meetingAgenda, meetingOf, type BusinessCase } from "./model";
import { askFigures, PackBody } from "./PackBody";
import { PackFindings } from "./PackEvidence";
import { hasChanges, packViewOf, type PackView } from "./pack-view";
import { usePackRecords } from "./pack-records";
import { PrintButton } from "./PrintButton";
import { PrintFooter } from "./PrintFooter";

/**
 * The pack for a board meeting. Its first page is a cover: the organisation, the meeting's name
 * and date (set on the screen by whoever prepares it, kept in the address: `?date=2026-12-10&
 * meeting=…`, today and "Board meeting" until set). Then the summary a board signs off from:
 * every case for decision with its ask, the money it asks, its NPV range and what to watch in its
 * evidence. Then each case on its own pages, and the findings from the floor at the end, each
 * once, numbered, so cases that share evidence refer to it instead of repeating it. Every page's
 * footer names the organisation, the meeting and its date.
 */
export default function MeetingPack() {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const org = useOrg();
  const cases = useList("business_case");
  const { records, loaded } = usePackRecords();
  const agenda = createMemo(() => (loaded() ? meetingAgenda(cases.all()).map((record) => ({ record, view: packViewOf(record, records) })) : []));
  const findingsOf = (item: { view: PackView }) => caseEvidence(item.view.fields, item.view.experiments, records.findings);
  const findings = createMemo(() => [...new Map(agenda().flatMap((item) => findingsOf(item)).map((f) => [f.id, f])).values()]);
  const numbers = createMemo(() => numberFindings(agenda().map(findingsOf)));
  const [search, setSearch] = useSearchParams<{ date?: string; meeting?: string }>();
  const meeting = createMemo(() => meetingOf(search, localDate(new Date()), t("meeting.defaultName")));
  const date = () => formatDay(meeting().date, language(), LONG_DAY);
  // Replaced, not pushed: the back button leaves the pack rather than stepping through each keystroke.
  const set = (changes: { date?: string; meeting?: string }) => setSearch(changes, { replace: true, scroll: false });
  return (
    <Page title={t("meeting.title")} heading={t("meeting.cover")} class="page pack-page meeting-pack">
      <div class="pack-tools no-print">
        <a href={orgHref(org().orgId, "cases")}>{t("meeting.backToCases")}</a>
        <PrintButton />
      </div>
      <div class="meeting-settings no-print">
        <DateField id="meeting-date" label={t("meeting.date")} value={meeting().date} onCommit={(value) => set({ date: value || undefined })} />
        <TextField id="meeting-name" label={t("meeting.name")} limit={TITLE_MAX} value={search.meeting ?? meeting().meeting} onValue={(value) => set({ meeting: value })} />
      </div>
      <PrintFooter org={org().orgName} date={date()} meeting={meeting().meeting} />
      <section class="meeting-cover" aria-label={t("meeting.coverLabel")}>
        <p class="cover-org">{org().orgName}</p>
        <p class="cover-meeting">{meeting().meeting}</p>
        <p class="cover-date">{date()}</p>
      </section>
      <Show when={cases.loaded() && loaded()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <section class="pack-agenda" aria-labelledby="agenda-heading">
          <h2 id="agenda-heading">{i18n.plural("meeting.for", agenda().length, { count: agenda().length })}</h2>
          <Show when={agenda().length > 0} fallback={<p class="empty">{t("meeting.empty")}</p>}>
            <div class="table-scroll">
              <table class="scenario-table meeting-summary">
                <thead>
                  <tr>
                    <th scope="col">{t("meeting.col.case")}</th>
                    <th scope="col">{t("meeting.col.ask")}</th>
                    <th scope="col" class="number">
                      {t("meeting.col.npv")}
                    </th>
                    <th scope="col">{t("meeting.col.evidence")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={agenda()}>{(item, index) => <SummaryRow n={index() + 1} record={item.record} view={item.view} />}</For>
                </tbody>
              </table>
            </div>
          </Show>
        </section>
        <For each={agenda()}>{(item) => <PackBody record={item.record} view={item.view} records={records} findingNumbers={numbers()} />}</For>
        <Show when={findings().length > 0}>
          <section class="pack-appendix" aria-labelledby="meeting-findings">
            <h2 id="meeting-findings">{t("meeting.findingsHeading")}</h2>
            <PackFindings findings={findings()} numbers={numbers()} records={records} />
          </section>
        </Show>
      </Show>
    </Page>
  );
}

/** One case on the summary page: what it is, what it asks, what it is worth, what to watch. */
function SummaryRow(props: { n: number; record: BusinessCase; view: PackView }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const flags = () => caseQualityFlags(props.view.experiments);
  const npv = (name: (typeof SCENARIOS)[number]) => formatMoney(props.view.scenarios![name].npv, language());
  return (
    <tr class="agenda-item">
      <th scope="row">
        <span class="muted">{t("meeting.caseNumber", { n: props.n })}</span>
        <br />
        <a class="agenda-title" href={`#pack-title-${props.record.id}`}>
          {props.view.fields.title}
        </a>
        <Show when={props.view.submission}>{(s) => <span class="muted"> · {t("history.version", { version: s().version })}</span>}</Show>
        <Show when={props.view.fields.recommendation}>
          <span class="agenda-recommendation">{props.view.fields.recommendation}</span>
        </Show>
      </th>
      <td>
        <span class="agenda-ask">{props.view.fields.ask || t("pack.noAsk")}</span>
        <span class="agenda-figures">{askFigures(props.view, i18n, language())}</span>
      </td>
      <td class="number">
        <Show when={props.view.scenarios} fallback={t("case.noFigures")}>
          <For each={SCENARIOS}>
            {(name) => (
              <span class="agenda-npv" classList={{ "loses-money": props.view.scenarios![name].npv < 0 }}>
                {t(`case.scenario.${name}`)} {npv(name)}
              </span>
            )}
          </For>
        </Show>
      </td>
      <td>
        <ul class="quality-flags">
          <Show when={flags().length === 0}>
            <li>{t("quality.flag.ok")}</li>
          </Show>
          <For each={flags()}>
            {(flag) => (
              <li class="quality-warn">
                <Icon name="warning" class="icon icon-small" /> {t(`quality.flag.${flag}`)}
              </li>
            )}
          </For>
          <Show when={hasChanges(props.view.sincePrevious) && props.view.sincePrevious}>{(c) => <li>{t("changes.heading", { version: c().since })}</li>}</Show>
          <Show when={props.view.changedSinceSubmission.length > 0}>
            <li class="quality-warn">
              <Icon name="warning" class="icon icon-small" /> {t("changes.sinceSubmission")}
            </li>
          </Show>
        </ul>
      </td>
    </tr>
  );
}
