import "../../capture/capture.css";
import "./board.css";
import { A } from "@solidjs/router";
import { createEffect, createMemo, createSignal, For, Index, on, Show, type JSX } from "solid-js";
import type { BusinessCaseStatus } from "../../../../shared/schemas/business-case";
import type { FixLevel } from "../../../../shared/schemas/finding";
import { ApiError, orgPath } from "../../data/api";
import { useList } from "../../data/records";
import { formatDateTime, formatDay, localeOf } from "../../format";
import { FIX_LEVELS, OPEN } from "../../capture/model";
import { Loading, LoadError } from "../../components/Status";
import { Icon } from "../../components/Icon";
import { Page } from "../../components/Page";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import { createRemote } from "../../data/remote";
import { browserStore } from "../../data/storage";
import { EXPERIMENT_STATUSES } from "../experiments/model";
import { formatCount, formatKpiValue } from "../kpis/model";
import {
  barFill,
  boardLinks,
  cadenceStatus,
  cadenceTargets,
  deliveredShareOf,
  formatEuros,
  HEAT_SEVERITIES,
  heatLevel,
  heatRows,
  kpiChange,
  readCachedSummary,
  sortPeople,
  sparklinePoints,
  writeCachedSummary,
  type BoardSummary,
  type CachedSummary,
  type ImmersionPerson,
} from "./model";

const CASE_STATUSES: readonly BusinessCaseStatus[] = ["draft", "submitted", "approved", "rejected", "deferred"];

/**
 * The board's one view of the chain floor → finding → experiment → business case → KPI. The
 * figures are aggregates only the server can compute, so the last answer is kept on the device
 * and shown (with its time) when offline or when a refresh fails.
 */
export default function BoardView(props: { children?: JSX.Element }) {
  const { api, session, i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const orgId = () => org().orgId;
  const storage = browserStore();
  const [cached, setCached] = createSignal<CachedSummary | null>(readCachedSummary(storage, orgId()));
  createEffect(on(orgId, (id) => setCached(readCachedSummary(storage, id)), { defer: true }));

  const summary = createRemote(
    () => orgPath(orgId(), "/board/summary"),
    async (url) => {
      const forOrg = orgId();
      const answer = await api.get<BoardSummary>(url);
      const kept = writeCachedSummary(storage, forOrg, answer, new Date());
      if (forOrg === orgId()) setCached(kept);
      return answer;
    },
  );
  // Back online after showing the kept figures: fetch fresh ones without being asked.
  createEffect(on(session.online, (online, wasOnline) => online && wasOnline === false && void summary.reload(), { defer: true }));

  const shown = () => cached()?.summary;
  const offline = () => !session.online() || (summary.error() instanceof ApiError && (summary.error() as ApiError).offline);
  const asOf = () => formatDateTime(shown()?.generatedAt, i18n.language());

  return (
    <Page title={t("board.title")}>
      <p class="lead">{t("board.intro")}</p>
      <div class="board-status">
        <p class="muted" role="status">
          <Show when={shown()}>
            {summary.error() ? (offline() ? t("board.offlineCached", { time: asOf() }) : t("board.refreshFailed", { time: asOf() })) : t("board.asOf", { time: asOf() })}
          </Show>
        </p>
        <Show when={shown() || summary.error()}>
          <button type="button" class="button button-small button-secondary" disabled={summary.loading()} onClick={() => void summary.reload()}>
            <Icon name="sync" />
            {summary.loading() ? t("board.refreshing") : t("board.refresh")}
          </button>
        </Show>
      </div>

      <Show
        when={shown()}
        fallback={
          <Show when={summary.error()} fallback={<Loading />}>
            {(error) =>
              offline() ? (
                <p class="notice" role="alert">
                  {t("board.offlineEmpty")}
                </p>
              ) : (
                <LoadError error={error()} retry={() => void summary.reload()} />
              )
            }
          </Show>
        }
      >
        {(data) => (
          <div class="board">
            <Immersion immersion={data().immersion} />
            <Findings findings={data().findings} />
            <Experiments experiments={data().experiments} />
            <Cases cases={data().cases} />
            <Kpis kpis={data().kpis} />
          </div>
        )}
      </Show>
      {props.children}
    </Page>
  );
}

/** A link inside the organisation. */
function OrgLink(props: { path: string; class?: string; "aria-label"?: string; children: JSX.Element }) {
  const org = useOrg();
  return (
    <A href={orgHref(org().orgId, props.path)} class={props.class} aria-label={props["aria-label"]}>
      {props.children}
    </A>
  );
}

function Section(props: { id: string; title: string; wide?: boolean; tall?: boolean; children: JSX.Element }) {
  return (
    <section class="board-section card" classList={{ "board-section-wide": props.wide === true, "board-section-tall": props.tall === true }} aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

function Immersion(props: { immersion: BoardSummary["immersion"] }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const targets = () => cadenceTargets(props.immersion.targetPerMonth);
  const people = createMemo(() => sortPeople(props.immersion.people, localeOf(i18n.language())));
  const notOnFloor = createMemo(() => {
    const ids = new Set(props.immersion.notOnFloor);
    return people().filter((p) => ids.has(p.userId));
  });
  const lastVisit = (p: ImmersionPerson) => (p.lastVisitAt ? t("board.immersion.lastVisit", { date: i18n.formatDate(p.lastVisitAt) }) : t("board.immersion.never"));

  return (
    <Section id="board-immersion" title={t("board.immersion.heading")} wide>
      <p class="muted">{t("board.immersion.target", { perMonth: targets().days30, per90: targets().days90 })}</p>
      <Show when={people().length > 0} fallback={<p class="empty">{t("board.immersion.nobody")}</p>}>
        <div class="not-on-floor" classList={{ "not-on-floor-clear": notOnFloor().length === 0 }}>
          <h3>{t("board.immersion.notOnFloor")}</h3>
          <Show when={notOnFloor().length > 0} fallback={<p>{t("board.immersion.allOnFloor")}</p>}>
            <ul>
              <For each={notOnFloor()}>
                {(p) => (
                  <li>
                    <OrgLink path={boardLinks.visitsOf(p.userId)}>{p.name}</OrgLink> <span class="muted">· {lastVisit(p)}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
        <h3>{t("board.immersion.people")}</h3>
        <ul class="cadence-list">
          <For each={people()}>
            {(p) => {
              const status = () => cadenceStatus(p, props.immersion.targetPerMonth);
              return (
                <li class="cadence-person">
                  <p class="cadence-head">
                    <span class="cadence-name">{p.name}</span>
                    <span class="muted">{p.role ? t(`role.${p.role}`) : t("board.immersion.formerMember")}</span>
                    <span class="cadence-badge" data-status={status()}>
                      {t(`board.cadence.${status()}`)}
                    </span>
                  </p>
                  <CadenceBar person={p} days={30} target={targets().days30} />
                  <CadenceBar person={p} days={90} target={targets().days90} />
                  <p class="cadence-last muted">{lastVisit(p)}</p>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </Section>
  );
}

function CadenceBar(props: { person: ImmersionPerson; days: 30 | 90; target: number }) {
  const { t } = useApp().i18n;
  const count = () => (props.days === 30 ? props.person.visits30 : props.person.visits90);
  return (
    <OrgLink
      path={boardLinks.visits(props.person.userId, props.days)}
      class="meter"
      aria-label={t("board.immersion.visitsLabel", { name: props.person.name, count: count(), days: props.days, target: props.target })}
    >
      <span class="meter-label">{props.days === 30 ? t("board.immersion.days30") : t("board.immersion.days90")}</span>
      <span class="meter-track" aria-hidden="true">
        <span class="meter-fill" classList={{ "meter-fill-met": count() >= props.target }} style={{ width: `${barFill(count(), props.target) * 100}%` }} />
      </span>
      <span class="meter-count">{t("board.immersion.ofTarget", { count: count(), target: props.target })}</span>
    </OrgLink>
  );
}

// ---------------------------------------------------------------------------------------------

function Findings(props: { findings: BoardSummary["findings"] }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const locale = () => localeOf(i18n.language());
  const stages = useList("journey_stage");
  const heat = createMemo(() => heatRows(props.findings.heatmap, stages.all()));
  const stageName = (row: { stageId: string | null; name: string | undefined }) =>
    row.stageId === null ? t("board.heatmap.noStage") : (row.name ?? t("board.heatmap.unknownStage"));
  const columnTotals = createMemo(() => HEAT_SEVERITIES.map((_, i) => heat().rows.reduce((sum, row) => sum + row.counts[i]!, 0)));
  const mapped = () => columnTotals().reduce((a, b) => a + b, 0);

  const levels = createMemo(() => {
    const counts = new Map<FixLevel | null, number>();
    for (const entry of props.findings.byLevel) counts.set(entry.level, (counts.get(entry.level) ?? 0) + entry.count);
    const rows: { level: FixLevel | null; count: number }[] = FIX_LEVELS.map((level) => ({ level, count: counts.get(level) ?? 0 }));
    if ((counts.get(null) ?? 0) > 0) rows.push({ level: null, count: counts.get(null)! });
    return rows;
  });
  const levelMax = () => Math.max(0, ...levels().map((l) => l.count));
  const levelName = (level: FixLevel | null) => (level ? t(`level.${level}`) : t("board.levels.none"));

  return (
    <Section id="board-findings" title={t("board.findings.heading")} tall>
      <p class="figures">
        <OrgLink path={boardLinks.findings()} class="figure">
          <span class="figure-value">{formatCount(props.findings.total, locale())}</span>
          <span class="figure-label">{t("board.findings.total")}</span>
        </OrgLink>
        <OrgLink path={boardLinks.findings(OPEN)} class="figure">
          <span class="figure-value">{formatCount(props.findings.open, locale())}</span>
          <span class="figure-label">{t("board.findings.open")}</span>
        </OrgLink>
      </p>

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
              <For each={heat().rows}>
                {(row) => (
                  <tr>
                    <th scope="row" class="heat-stage">
                      {stageName(row)}
                    </th>
                    <Index each={row.counts}>
                      {(count, i) => (
                        <td class="heat" data-level={heatLevel(count(), heat().max)}>
                          <Show when={count() > 0} fallback={<span class="heat-zero">0</span>}>
                            <OrgLink
                              path={boardLinks.findingsCell(row.stageId, HEAT_SEVERITIES[i]!)}
                              aria-label={t("board.heatmap.cell", { count: count(), stage: stageName(row), n: HEAT_SEVERITIES[i]! })}
                            >
                              {formatCount(count(), locale())}
                            </OrgLink>
                          </Show>
                        </td>
                      )}
                    </Index>
                    <td class="heat-total">
                      <Show when={row.total > 0} fallback={<span class="heat-zero">0</span>}>
                        <OrgLink path={boardLinks.findingsStage(row.stageId)} aria-label={t("board.heatmap.row", { count: row.total, stage: stageName(row) })}>
                          {formatCount(row.total, locale())}
                        </OrgLink>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("board.heatmap.total")}</th>
                <Index each={columnTotals()}>
                  {(count, i) => (
                    <td class="heat-total">
                      <Show when={count() > 0} fallback={<span class="heat-zero">0</span>}>
                        <OrgLink path={boardLinks.findingsSeverity(HEAT_SEVERITIES[i]!)} aria-label={t("board.heatmap.column", { count: count(), n: HEAT_SEVERITIES[i]! })}>
                          {formatCount(count(), locale())}
                        </OrgLink>
                      </Show>
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

      <h3>{t("board.levels.heading")}</h3>
      <ul class="meters">
        <For each={levels()}>
          {(row) => (
            <li>
              <OrgLink path={boardLinks.findingsLevel(row.level)} class="meter" aria-label={t("board.levels.bar", { count: row.count, level: levelName(row.level) })}>
                <span class="meter-label">{levelName(row.level)}</span>
                <span class="meter-track" aria-hidden="true">
                  <span class="meter-fill" style={{ width: `${barFill(row.count, levelMax()) * 100}%` }} />
                </span>
                <span class="meter-count">{formatCount(row.count, locale())}</span>
              </OrgLink>
            </li>
          )}
        </For>
      </ul>
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------

function Experiments(props: { experiments: BoardSummary["experiments"] }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const locale = () => localeOf(i18n.language());
  const total = () => EXPERIMENT_STATUSES.reduce((sum, s) => sum + (props.experiments.byStatus[s] ?? 0), 0);
  const percent = (share: number) => new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 0 }).format(share);
  return (
    <Section id="board-experiments" title={t("board.experiments.heading")}>
      <Show when={total() > 0} fallback={<p class="empty">{t("board.experiments.empty")}</p>}>
        <ol class="pipeline">
          <For each={EXPERIMENT_STATUSES}>
            {(status) => {
              const count = () => props.experiments.byStatus[status] ?? 0;
              return (
                <li classList={{ "pipeline-empty": count() === 0 }}>
                  <OrgLink path={boardLinks.experiments(status)} class="pipeline-step" aria-label={t("board.experiments.status", { count: count(), status: t(`experimentStatus.${status}`) })}>
                    <span class="pipeline-count">{formatCount(count(), locale())}</span>
                    <span class="pipeline-label">{t(`experimentStatus.${status}`)}</span>
                  </OrgLink>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
      <div class="win-rate">
        <h3>{t("board.experiments.winRate")}</h3>
        <Show when={props.experiments.winRate !== null} fallback={<p class="muted">{t("board.experiments.noOutcome")}</p>}>
          <p class="figures">
            <OrgLink
              path={boardLinks.experiments("won")}
              class="figure"
              aria-label={t("board.experiments.winRateLink", {
                rate: percent(props.experiments.winRate ?? 0),
                won: props.experiments.won,
                lost: props.experiments.lost,
                inconclusive: props.experiments.inconclusive,
              })}
            >
              <span class="figure-value">{percent(props.experiments.winRate ?? 0)}</span>
              <span class="figure-label">{t("board.experiments.outcomes", { won: props.experiments.won, lost: props.experiments.lost, inconclusive: props.experiments.inconclusive })}</span>
            </OrgLink>
          </p>
        </Show>
      </div>
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------

function Cases(props: { cases: BoardSummary["cases"] }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const locale = () => localeOf(i18n.language());
  // Delivered against the targets of the same quarters; a summary kept by an older app has no
  // promisedToDate, and then no share is better than one against a year's benefit.
  const promisedToDate = () => (typeof props.cases.promisedToDate === "number" ? props.cases.promisedToDate : null);
  const deliveredShare = () => deliveredShareOf(props.cases.delivered, promisedToDate());
  const share = () => deliveredShare() ?? 0;
  const percent = (share: number) => new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 0 }).format(share);
  return (
    <Section id="board-cases" title={t("board.cases.heading")}>
      <div class="figures">
        <OrgLink path={boardLinks.cases("approved")} class="figure">
          <span class="figure-value">{formatCount(props.cases.approvedCount, locale())}</span>
          <span class="figure-label">{t("board.cases.approved")}</span>
        </OrgLink>
        <OrgLink path={boardLinks.cases("approved")} class="figure">
          <span class="figure-value">{formatEuros(props.cases.promised, locale())}</span>
          <span class="figure-label">{t("board.cases.promised")}</span>
        </OrgLink>
        <OrgLink path={boardLinks.cases("approved")} class="figure">
          <span class="figure-value">{formatEuros(props.cases.annualBenefitPromised, locale())}</span>
          <span class="figure-label">{t("board.cases.annualPromised")}</span>
        </OrgLink>
        <OrgLink path={boardLinks.cases("approved")} class="figure">
          <span class="figure-value">{formatEuros(promisedToDate(), locale())}</span>
          <span class="figure-label">{t("board.cases.promisedToDate")}</span>
        </OrgLink>
        <OrgLink path={boardLinks.cases("approved")} class="figure">
          <span class="figure-value">{formatEuros(props.cases.delivered, locale())}</span>
          <span class="figure-label">{t("board.cases.delivered")}</span>
        </OrgLink>
      </div>
      <Show when={deliveredShare() !== null}>
        <div class="delivered">
          <span class="meter-track" aria-hidden="true">
            <span class="meter-fill" classList={{ "meter-fill-met": share() >= 1 }} style={{ width: `${barFill(share(), 1) * 100}%` }} />
          </span>
          <p class="muted">{t("board.cases.deliveredShare", { share: percent(share()) })}</p>
        </div>
      </Show>
      <ul class="chips chips-static case-statuses">
        <For each={CASE_STATUSES}>
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

// ---------------------------------------------------------------------------------------------

function Kpis(props: { kpis: BoardSummary["kpis"] }) {
  const { t } = useApp().i18n;
  return (
    <Section id="board-kpis" title={t("board.kpis.heading")} wide>
      <Show when={props.kpis.length > 0} fallback={<p class="empty">{t("board.kpis.empty")}</p>}>
        <ul class="kpi-tiles">
          <For each={props.kpis}>{(kpi) => <KpiTile kpi={kpi} />}</For>
        </ul>
      </Show>
    </Section>
  );
}

const SPARK_W = 120;
const SPARK_H = 32;
const ARROWS = { up: "▲", down: "▼", flat: "▬" } as const;

function KpiTile(props: { kpi: BoardSummary["kpis"][number] }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const locale = () => localeOf(i18n.language());
  const k = () => props.kpi;
  const value = (n: number | null | undefined) => formatKpiValue(n, k().unit, locale());
  const change = createMemo(() => kpiChange(k().latest?.value, k().previous?.value, k().direction));
  const changeText = () => {
    const c = change();
    if (!c) return t("board.kpis.first");
    if (c.verdict === "same") return t("board.kpis.same");
    // A percentage moves by points, not by percent.
    const amount =
      k().unit === "percent" ? t("board.kpis.points", { value: formatKpiValue(c.delta, "score", locale(), { signed: true }) }) : formatKpiValue(c.delta, k().unit, locale(), { signed: true });
    return t(c.verdict === "better" ? "board.kpis.better" : "board.kpis.worse", { change: amount });
  };
  const points = () => sparklinePoints(k().trend.map((p) => p.value), SPARK_W, SPARK_H);
  return (
    <li>
      <OrgLink path={boardLinks.kpi(k().kpiId)} class="kpi-tile">
        <span class="kpi-name">{k().name}</span>
        <Show when={k().latest} fallback={<span class="muted">{t("board.kpis.noValue")}</span>}>
          {(latest) => (
            <>
              <span class="kpi-value">{value(latest().value)}</span>
              <span class="kpi-period muted">{t("board.kpis.period", { date: formatDay(latest().periodStart.slice(0, 10), i18n.language()) })}</span>
              <span class="kpi-change" data-verdict={change()?.verdict ?? "same"}>
                <Show when={change()}>{(c) => <span aria-hidden="true">{ARROWS[c().arrow]} </span>}</Show>
                {changeText()}
              </span>
            </>
          )}
        </Show>
        <Show when={k().trend.length > 1}>
          <svg
            class="sparkline"
            viewBox={`0 0 ${SPARK_W} ${SPARK_H}`}
            role="img"
            aria-label={t("board.kpis.sparkline", { name: k().name, count: k().trend.length, first: value(k().trend[0]!.value), last: value(k().trend[k().trend.length - 1]!.value) })}
          >
            <polyline points={points()} fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round" />
          </svg>
        </Show>
      </OrgLink>
    </li>
  );
}
