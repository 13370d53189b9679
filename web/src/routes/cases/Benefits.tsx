import { For, Show } from "solid-js";
import { describeError } from "../../fields/form";
import { useApp, useOrg } from "../../context";
import type { Language } from "../experiments/results";
import { benefitBars, formatMoney, type NpvChartBox } from "./model";
import { createRemote } from "../../data/remote";

const BOX: NpvChartBox = { width: 320, height: 160, top: 10, bottom: 24, left: 6, right: 6 };

/**
 * After approval: the value promised (the base scenario) against what the KPI's measurements
 * say arrived, per quarter. Computed by the server from every measurement, so it needs a
 * connection; offline the screen says so rather than showing old figures as new.
 */
export function Benefits(props: { caseId: string }) {
  const { i18n, api, session } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const language = () => i18n.language() as Language;
  const answer = createRemote(
    () => (session.online() ? props.caseId : ""),
    (id) => api.call("get", "/orgs/:orgId/business-cases/:id/benefits", { param: { orgId: org().orgId, id } }),
    { ask: session.online },
  );
  const latest = () => (answer.error() ? undefined : answer.value());
  const geometry = () => benefitBars(latest()?.quarters ?? [], BOX);
  const label = () => {
    const a = latest();
    return a ? t("case.benefitsChartLabel", { promised: formatMoney(a.promised, language()), delivered: formatMoney(a.delivered, language()) }) : "";
  };

  return (
    <section class="card case-benefits" aria-labelledby="case-benefits-heading">
      <h2 id="case-benefits-heading">{t("case.benefitsHeading")}</h2>
      <p class="muted">{t("case.benefitsIntro")}</p>
      <Show when={session.online()} fallback={<p class="notice">{t("case.benefitsOffline")}</p>}>
        <Show when={!answer.error()} fallback={
          <div class="notice notice-error">
            <p>{describeError(i18n, answer.error())}</p>
            <button type="button" class="button button-small" onClick={() => void answer.reload()}>{t("common.retry")}</button>
          </div>
        }>
          <Show when={latest()} fallback={<p class="loading">{t("common.loading")}</p>}>
            {(a) => (
              <>
                <dl class="facts benefit-totals">
                  <div>
                    <dt>{t("case.promised")}</dt>
                    <dd>{formatMoney(a().promised, language())}</dd>
                  </div>
                  <div>
                    <dt>{t("case.delivered")}</dt>
                    <dd>{formatMoney(a().delivered, language())}</dd>
                  </div>
                </dl>
                <Show when={a().quarters.length > 0} fallback={<p class="empty">{t("case.benefitsEmpty")}</p>}>
                  <figure class="benefit-chart">
                    <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={label()}>
                      <For each={geometry().bars}>
                        {(bar) => <rect class={`benefit-bar benefit-${bar.kind}`} x={bar.x} y={bar.y} width={bar.width} height={Math.max(1, bar.height)} />}
                      </For>
                      <line class="npv-zero" x1={BOX.left} x2={BOX.width - BOX.right} y1={geometry().zeroY} y2={geometry().zeroY} />
                      <For each={geometry().labels}>
                        {(l) => (
                          <text class="npv-name" x={l.x} y={BOX.height - 6} text-anchor="middle">
                            {l.quarter}
                          </text>
                        )}
                      </For>
                    </svg>
                    <figcaption class="benefit-legend">
                      <span class="legend-target">{t("case.target")}</span> <span class="legend-actual">{t("case.actual")}</span>
                    </figcaption>
                  </figure>
                  <div class="table-scroll">
                    <table class="scenario-table">
                      <caption class="visually-hidden">{t("case.benefitsHeading")}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t("case.quarter")}</th>
                          <th scope="col">{t("case.target")}</th>
                          <th scope="col">{t("case.actual")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={a().quarters}>
                          {(q) => (
                            <tr>
                              <th scope="row">{q.quarter}</th>
                              <td class="number">{formatMoney(q.target, language())}</td>
                              <td class="number">{q.actual === null ? t("case.noActualYet") : formatMoney(q.actual, language())}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </Show>
              </>
            )}
          </Show>
        </Show>
      </Show>
    </section>
  );
}
