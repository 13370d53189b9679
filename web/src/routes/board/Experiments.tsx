import { For, onMount, Show } from "solid-js";
import { focusSoon } from "../../focus";
import { localeOf, numberFormat } from "../../format";
import { useApp } from "../../context";
import { formatCount } from "../../format";
import { boardLinks, type BoardSummary } from "./model";
import { Later } from "../../components/stages";
import { Figure, OrgLink, Section } from "./Section";
import { EXPERIMENT_STATUSES } from "../../../../shared/enums";

/** The experiment pipeline and the win rate; the win rate opens its outcomes below it (`?open=outcomes`). */
export function Experiments(props: { experiments: BoardSummary["experiments"]; open: boolean }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const locale = () => localeOf(i18n.language());
  const total = () => EXPERIMENT_STATUSES.reduce((sum, s) => sum + (props.experiments.byStatus[s] ?? 0), 0);
  const percent = (share: number) => numberFormat(locale(), { style: "percent", maximumFractionDigits: 0 }).format(share);
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
      <Later>
        <div class="win-rate">
          <h3>{t("board.experiments.winRate")}</h3>
          <Show when={props.experiments.winRate !== null} fallback={<p class="muted">{t("board.experiments.noOutcome")}</p>}>
            <p class="figures">
              <Figure
                path={boardLinks.figures("outcomes")}
                value={percent(props.experiments.winRate ?? 0)}
                label={t("board.experiments.outcomes", { won: props.experiments.won, lost: props.experiments.lost, inconclusive: props.experiments.inconclusive })}
                aria-label={t("board.experiments.winRateLink", {
                  rate: percent(props.experiments.winRate ?? 0),
                  won: props.experiments.won,
                  lost: props.experiments.lost,
                  inconclusive: props.experiments.inconclusive,
                })}
              />
            </p>
          </Show>
          <Show when={props.open && props.experiments.winRate !== null}>
            <Outcomes experiments={props.experiments} rate={percent(props.experiments.winRate ?? 0)} />
          </Show>
        </div>
      </Later>
    </Section>
  );
}

/** What the win rate is made of: each outcome with its count, opening its experiments, and the sum. */
function Outcomes(props: { experiments: BoardSummary["experiments"]; rate: string }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const locale = () => localeOf(i18n.language());
  const x = () => props.experiments;
  // Opened from the win rate, the outcomes take the focus: a screen reader reads them next.
  onMount(() => focusSoon("board-outcomes"));
  const outcomes = () =>
    [
      { status: "won", count: x().byStatus.won ?? 0 },
      { status: "scaled", count: x().byStatus.scaled ?? 0 },
      { status: "lost", count: x().lost },
      { status: "inconclusive", count: x().inconclusive },
    ] as const;
  return (
    <div class="outcomes" id="board-outcomes" tabindex="-1">
      <h4>{t("drill.outcomes")}</h4>
      <ul class="items">
        <For each={outcomes()}>
          {(o) => (
            <li class="item">
              <OrgLink path={boardLinks.experiments(o.status)} class="item-link">
                {t("drill.outcome", { status: t(`experimentStatus.${o.status}`), count: formatCount(o.count, locale()) })}
              </OrgLink>
            </li>
          )}
        </For>
      </ul>
      <p class="muted">{t("drill.winRate", { rate: props.rate, won: x().won, decided: x().won + x().lost + x().inconclusive })}</p>
    </div>
  );
}
