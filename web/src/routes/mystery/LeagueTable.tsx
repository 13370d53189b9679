import { createSignal, For, Show } from "solid-js";
import { useApp, useOrg } from "../../context";
import type { MessageKey } from "../../i18n";
import { orgHref } from "../../nav";
import { useFormat } from "./records";
import type { LeagueRow, LeagueSortKey, SortDirection } from "./results-model";

interface Column {
  key: LeagueSortKey;
  label: MessageKey;
  first: SortDirection;
  /** Shown as a column only where there is room; on a phone it sits in the row's details. */
  wide?: true;
}

const COLUMNS: Column[] = [
  { key: "name", label: "mystery.league.location", first: "ascending" },
  { key: "latest", label: "mystery.league.latest", first: "descending" },
  { key: "average", label: "mystery.league.average", first: "descending", wide: true },
  { key: "shops", label: "mystery.league.shops", first: "descending", wide: true },
  { key: "failedCritical", label: "mystery.league.failed", first: "descending", wide: true },
];

export interface LeagueSort {
  key: LeagueSortKey;
  direction: SortDirection;
}

/**
 * The league: rank, location and latest score always; the wave, average, number of shops and
 * failed ones as columns on a wide screen, and on a phone behind each row's "More" (in the score's
 * cell), so nothing sits off-screen, even at 320 px in Dutch.
 */
export function LeagueTable(props: { rows: LeagueRow[]; sort: LeagueSort; onSort: (sort: LeagueSort) => void }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const format = useFormat();
  const [open, setOpen] = createSignal<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = createSignal("");

  function sortBy(column: Column) {
    const current = props.sort;
    const direction: SortDirection = current.key === column.key ? (current.direction === "ascending" ? "descending" : "ascending") : column.first;
    props.onSort({ key: column.key, direction });
    setAnnouncement(t("mystery.league.sortedBy", { column: t(column.label), direction: t(direction === "ascending" ? "mystery.league.ascending" : "mystery.league.descending") }));
  }
  const toggle = (locationId: string) =>
    setOpen((ids) => {
      const next = new Set(ids);
      if (!next.delete(locationId)) next.add(locationId);
      return next;
    });

  const SortHeader = (column: Column) => (
    <th scope="col" classList={{ num: column.key !== "name", "league-wide": column.wide === true }} aria-sort={props.sort.key === column.key ? props.sort.direction : undefined}>
      <button type="button" class="sort-button" onClick={() => sortBy(column)}>
        {t(column.label)}
        <span class="sort-mark" aria-hidden="true">
          {props.sort.key === column.key ? (props.sort.direction === "ascending" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );

  return (
    <div class="league">
      <table class="data-table league-table" aria-labelledby="league-heading" aria-describedby="league-hint">
        <thead>
          <tr>
            <th scope="col" class="num">
              <span class="visually-hidden">{t("mystery.league.rank")}</span>
              <span aria-hidden="true">#</span>
            </th>
            {SortHeader(COLUMNS[0]!)}
            {SortHeader(COLUMNS[1]!)}
            <th scope="col" class="league-wide">
              {t("mystery.league.wave")}
            </th>
            <For each={COLUMNS.slice(2)}>{(column) => SortHeader(column)}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row, index) => {
              const detailId = `league-detail-${row.locationId}`;
              const expanded = () => open().has(row.locationId);
              return (
                <>
                  <tr classList={{ "league-failed": row.latestFailed }}>
                    <td class="num">{index() + 1}</td>
                    <th scope="row">
                      <a href={orgHref(org().orgId, `mystery/results/${row.locationId}`)}>{row.name}</a>
                    </th>
                    <td class="num league-latest">
                      <span class="league-score">{format.percent(row.latest)}</span>
                      <Show when={row.latestFailed}>
                        {" "}
                        <span class="badge badge-danger">{t("mystery.score.failedBadge")}</span>
                      </Show>
                      {/* On a phone the rest of the row is behind this; a column of its own would not fit 320 px. */}
                      <button
                        type="button"
                        class="button button-small button-quiet league-more league-narrow"
                        aria-expanded={expanded()}
                        aria-controls={detailId}
                        onClick={() => toggle(row.locationId)}
                      >
                        {t("mystery.league.more")}
                        <span class="visually-hidden">: {row.name}</span>
                      </button>
                    </td>
                    <td class="league-wide">{format.wave(row.wave)}</td>
                    <td class="num league-wide">{format.percent(row.average)}</td>
                    <td class="num league-wide">{row.shops}</td>
                    <td class="num league-wide">{row.failedCritical}</td>
                  </tr>
                  <tr id={detailId} class="league-detail" hidden={!expanded()}>
                    <td colSpan={3}>
                      <dl class="league-facts">
                        <div>
                          <dt>{t("mystery.league.wave")}</dt>
                          <dd>{format.wave(row.wave)}</dd>
                        </div>
                        <div>
                          <dt>{t("mystery.league.average")}</dt>
                          <dd>{format.percent(row.average)}</dd>
                        </div>
                        <div>
                          <dt>{t("mystery.league.shops")}</dt>
                          <dd>{row.shops}</dd>
                        </div>
                        <div>
                          <dt>{t("mystery.league.failed")}</dt>
                          <dd>{row.failedCritical}</dd>
                        </div>
                      </dl>
                    </td>
                  </tr>
                </>
              );
            }}
          </For>
        </tbody>
      </table>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement()}
      </p>
    </div>
  );
}
