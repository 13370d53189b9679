import { createMemo, For, Show } from "solid-js";
import { localeOf } from "../../format";
import { OPEN } from "../../capture/model";
import { useApp } from "../../context";
import { formatCount } from "../../format";
import { Later } from "../../components/stages";
import { Heatmap } from "./Heatmap";
import { barFill, boardLinks, type BoardSummary } from "./model";
import { Figure, OrgLink, Section } from "./Section";
import { FIX_LEVELS, type FixLevel } from "../../../../shared/enums";

/**
 * How many findings there are, where in the journey they hurt most, and at which level they get
 * fixed. The heatmap and the levels follow the totals once `detail` says so (a task later).
 */
export function Findings(props: { findings: BoardSummary["findings"]; detail: boolean }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const locale = () => localeOf(i18n.language());

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
        <Figure path={boardLinks.findings()} value={formatCount(props.findings.total, locale())} label={t("board.findings.total")} />
        <Figure path={boardLinks.findings(OPEN)} value={formatCount(props.findings.open, locale())} label={t("board.findings.open")} />
      </p>

      <Show when={props.detail}>
        <Heatmap cells={props.findings.heatmap} />

        <Later>
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
        </Later>
      </Show>
    </Section>
  );
}
