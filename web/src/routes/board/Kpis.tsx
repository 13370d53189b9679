import { createMemo, For, Show } from "solid-js";
import { formatDay, localeOf } from "../../format";
import { useApp } from "../../context";
import { formatKpiValue } from "../../format";
import { boardLinks, kpiChange, sparklinePoints, type BoardSummary } from "./model";
import { createProgressive } from "../../components/stages";
import { OrgLink, Section } from "./Section";

export function Kpis(props: { kpis: BoardSummary["kpis"] }) {
  const { t } = useApp().i18n;
  // Each tile formats its figures and draws its trend: the section first, then a tile per part of the drawing.
  const tiles = createProgressive(() => props.kpis, 0, 1);
  return (
    <Section id="board-kpis" title={t("board.kpis.heading")} wide>
      <Show when={props.kpis.length > 0} fallback={<p class="empty">{t("board.kpis.empty")}</p>}>
        <p class="hint">{t("board.kpis.rule")}</p>
        <ul class="kpi-tiles">
          <For each={tiles()}>{(kpi) => <KpiTile kpi={kpi} />}</For>
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
  /** A change of a percentage, in points: "+1 point", "+0.3 points" (as the number is shown). */
  const inPoints = (delta: number) => {
    const value = formatKpiValue(delta, "score", locale(), { signed: true });
    return i18n.plural("board.kpis.points", delta, { value }, { maximumFractionDigits: 2 });
  };
  const changeText = () => {
    const c = change();
    if (!c) return t("board.kpis.first");
    if (c.verdict === "same") return t("board.kpis.same");
    // A percentage moves by points, not by percent.
    const amount =
      k().unit === "percent" ? inPoints(c.delta) : formatKpiValue(c.delta, k().unit, locale(), { signed: true });
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
