import { createMemo, createSignal, For, Show } from "solid-js";
import type { CaseBenefits, CaseQuarter } from "../../../../shared/business-cases/benefits";
import { canTrackBenefits } from "../../../../shared/permissions";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useApp, useOrg } from "../../context";
import type { Member } from "../../data/members";
import { useLocal } from "../../data/local/context";
import type { Entity } from "../../data/local/types";
import { useList, useMe } from "../../data/records";
import { describeError } from "../../fields/form";
import { focusSoon } from "../../focus";
import { formatDay, localeOf, numberFormat } from "../../format";
import type { Language } from "../experiments/results";
import { BenefitTable, type BenefitRow } from "../board/BenefitTable";
import { BenefitActualForm } from "./BenefitActualForm";
import { BenefitPlan } from "./BenefitPlan";
import { benefitsOnDevice, casesOnSameKpi, quarterLabel, sourceOf, todayUtc } from "./benefit-tracking";
import { benefitBars, formatMoney, type NpvChartBox } from "./model";

type BusinessCase = Entity<"business_case">;
type Kpi = Entity<"kpi">;

const BOX: NpvChartBox = { width: 320, height: 160, top: 10, bottom: 24, left: 6, right: 6 };

/**
 * After approval: the target of each quarter from go-live along the ramp-up, against the actual
 * the owner recorded or the KPI measured over the chosen scope. Worked out on this device from
 * the synced cases and measurements (the board's figures come from the same maths), so it
 * reads offline; the owner's changes go to the server, which checks them, and come back by sync.
 */
export function Benefits(props: { record: BusinessCase; cases: readonly BusinessCase[]; kpis: readonly Kpi[]; members: readonly Member[] }) {
  const { i18n, api, session, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const me = useMe();
  const local = useLocal();
  const measurements = useList("kpi_measurement");
  const language = () => i18n.language() as Language;
  const result = createMemo((): CaseBenefits | undefined => benefitsOnDevice(props.cases, props.kpis, measurements.all(), todayUtc()).get(props.record.id));
  const kpi = () => props.kpis.find((k) => k.id === props.record.kpiId);
  const mayTrack = () => canTrackBenefits(me.person(), { authorId: props.record.authorId, status: props.record.status ?? null, ownerId: props.record.ownerId ?? null }).ok;
  const titleOf = (id: string) => props.cases.find((c) => c.id === id)?.title || t("board.cases.untitled");
  const [recording, setRecording] = createSignal<string | null>(null);
  const [refusal, setRefusal] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const note = (q: CaseQuarter) =>
    sourceOf(q, { t, language: language(), unit: kpi()?.unit, titleOf, date: (iso) => formatDay(iso.slice(0, 10), language()), money: (amount) => formatMoney(amount, language()) });

  async function remove(quarter: string) {
    if (busy()) return false;
    setBusy(true);
    setRefusal(null);
    try {
      await api.call("delete", "/orgs/:orgId/business-cases/:id/benefit-actuals/:quarter", { param: { orgId: org().orgId, id: props.record.id, quarter } });
      toaster.show(t("benefits.saved"));
      await local.sync.syncNow();
      focusSoon(`benefit-record-${quarter}`);
      return true;
    } catch (error) {
      setRefusal(describeError(i18n, error));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const actions = (q: CaseQuarter) => (
    <Show when={mayTrack() && session.online()}>
      <Show
        when={recording() === q.quarter}
        fallback={
          <div class="button-row benefit-actions">
            <button type="button" id={`benefit-record-${q.quarter}`} class="button button-small button-secondary" onClick={() => setRecording(q.quarter)}>
              {q.recorded ? t("benefits.change") : t("benefits.record")}{" "}
              <span class="visually-hidden">{quarterLabel(t, q.quarter)}</span>
            </button>
            <Show when={q.recorded}>
              <ConfirmButton
                id={`benefit-remove-${q.quarter}`}
                class="button button-small button-secondary"
                question={t("benefits.removeQuestion", { quarter: quarterLabel(t, q.quarter) })}
                yes={t("benefits.remove")}
                busy={busy()}
                onConfirm={() => remove(q.quarter)}
              >
                {t("benefits.remove")}{" "}
                <span class="visually-hidden">{quarterLabel(t, q.quarter)}</span>
              </ConfirmButton>
            </Show>
          </div>
        }
      >
        <BenefitActualForm caseId={props.record.id} quarter={q} onDone={() => setRecording(null)} />
      </Show>
    </Show>
  );

  const rows = (): BenefitRow[] => (result()?.quarters ?? []).map((q) => ({ quarter: q.quarter, toDate: q.toDate, target: q.target, actual: q.actual, note: note(q), actions: actions(q) }));
  const geometry = () => benefitBars(result()?.quarters ?? [], BOX);
  const share = () => {
    const r = result();
    return r && r.promisedWithActuals > 0 ? r.delivered / r.promisedWithActuals : null;
  };
  const shared = () => casesOnSameKpi(props.record, props.cases);

  return (
    <section class="card case-benefits" aria-labelledby="case-benefits-heading">
      <h2 id="case-benefits-heading">{t("benefits.heading")}</h2>
      <p class="muted">{t("benefits.intro")}</p>
      <BenefitPlan record={props.record} kpi={kpi()} result={result()} members={props.members} mayTrack={mayTrack()} />
      <Show when={shared().length > 0}>
        <p class="notice">{t("benefits.sharedKpi", { kpi: kpi()?.name ?? "", cases: shared().map((c) => c.title || t("board.cases.untitled")).join(", ") })}</p>
      </Show>
      <Show when={mayTrack() && !session.online()}>
        <p class="notice">{t("benefits.onlineOnly")}</p>
      </Show>
      <div role="alert">
        <Show when={refusal()}>
          <p class="notice notice-error">{refusal()}</p>
        </Show>
      </div>
      <Show when={result()}>
        {(r) => (
          <>
            <dl class="facts benefit-totals">
              <div>
                <dt>{t("benefits.promised")}</dt>
                <dd>{formatMoney(r().promised, language())}</dd>
              </div>
              <div>
                <dt>{t("benefits.delivered")}</dt>
                <dd>{formatMoney(r().delivered, language())}</dd>
              </div>
            </dl>
            <Show when={share() !== null}>
              <p class="muted">{t("benefits.deliveredShare", { share: numberFormat(localeOf(language()), { style: "percent", maximumFractionDigits: 0 }).format(share()!) })}</p>
            </Show>
            <Show when={r().quarters.length > 0} fallback={<p class="empty">{t("benefits.empty")}</p>}>
              <figure class="benefit-chart">
                <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={t("benefits.chartLabel", { promised: formatMoney(r().promised, language()), delivered: formatMoney(r().delivered, language()) })}>
                  <For each={geometry().bars}>{(bar) => <rect class={`benefit-bar benefit-${bar.kind}`} x={bar.x} y={bar.y} width={bar.width} height={Math.max(1, bar.height)} />}</For>
                  <line class="npv-zero" x1={BOX.left} x2={BOX.width - BOX.right} y1={geometry().zeroY} y2={geometry().zeroY} />
                  <For each={geometry().labels}>
                    {(l) => (
                      <text class="npv-name" x={l.x} y={BOX.height - 6} text-anchor="middle">
                        {quarterLabel(t, l.quarter)}
                      </text>
                    )}
                  </For>
                </svg>
                <figcaption class="benefit-legend">
                  <span class="legend-target">{t("benefits.legendTarget")}</span> <span class="legend-actual">{t("benefits.legendActual")}</span>
                </figcaption>
              </figure>
              <BenefitTable caption={t("benefits.heading")} captionHidden rows={rows()} total={{ target: r().promised, actual: r().quarters.some((q) => q.actual !== null) ? r().delivered : null, share: share() }} />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
