import "../../capture/capture.css";
import "./board.css";
import { useSearchParams } from "@solidjs/router";
import { createEffect, on, onCleanup, Show, type JSX } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import { canDo } from "../../../../shared/abilities";
import { orgHref } from "../../nav";
import { ApiError } from "../../data/api";
import { formatDateTime } from "../../format";
import { Loading, LoadError } from "../../components/Status";
import { createStages } from "../../components/stages";
import { Icon } from "../../components/Icon";
import { Page } from "../../components/Page";
import { useApp, useOrg } from "../../context";
import { useLocal } from "../../data/local/context";
import { createRemote } from "../../data/remote";
import { Cases } from "./Cases";
import { Experiments } from "./Experiments";
import { Findings } from "./Findings";
import { Immersion } from "./Immersion";
import { Kpis } from "./Kpis";
import { boardCache, boardFiguresOf, type BoardSummary } from "./model";

/** A burst of changes (a device pushing a visit's findings) refreshes the figures once, this long after the first. */
const LIVE_REFRESH_MS = 1_000;

/**
 * The board's one view of the chain floor → finding → experiment → business case → KPI. The
 * figures are aggregates only the server can compute, so the last answer is kept on the device
 * and shown (with its time) when offline or when a refresh fails.
 */
export default function BoardView(props: { children?: JSX.Element }) {
  const { i18n } = useApp();
  const org = useOrg();
  // Only roles that may read the figures ask for them (the server would answer 403).
  return (
    <Show
      when={canDo({ role: org().role }, "board_view")}
      fallback={
        <Page title={i18n.t("board.title")}>
          <p class="notice" role="alert">
            {i18n.t("error.forbidden")}
          </p>
          <p>
            <a href={orgHref(org().orgId)}>{i18n.t("notFound.home")}</a>
          </p>
        </Page>
      }
    >
      <Board>{props.children}</Board>
    </Show>
  );
}

function Board(props: { children?: JSX.Element }) {
  const { api, session, i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const orgId = () => org().orgId;
  const summary = createRemote(orgId, (id) => api.call("get", "/orgs/:orgId/board/summary", { param: { orgId: id }, query: {} }), { cache: boardCache });
  // Back online after showing the kept figures: fetch fresh ones without being asked.
  createEffect(on(session.online, (online, wasOnline) => online && wasOnline === false && void summary.reload(), { defer: true }));
  // Live: the organisation changed somewhere, so the figures may have too.
  let liveRefresh: ReturnType<typeof setTimeout> | undefined;
  onCleanup(
    useLocal().sync.onLiveChange(() => {
      liveRefresh ??= setTimeout(() => {
        liveRefresh = undefined;
        void summary.reload();
      }, LIVE_REFRESH_MS);
    }),
  );
  onCleanup(() => clearTimeout(liveRefresh));

  // Merged into what is shown rather than replacing it: a live refresh that changed one figure
  // updates that figure, not every section's elements (a whole board rebuilt on a phone is a
  // third of a second of frozen screen).
  const [board, setBoard] = createStore<{ summary?: BoardSummary }>({});
  createEffect(() => {
    const next = summary.value();
    if (next) setBoard("summary", reconcile(next));
  });
  const shown = () => board.summary;
  // A tile's figures opened in place (`?open=cases`, `?open=outcomes`): they come from the same summary, offline too.
  const [search] = useSearchParams<{ open?: string }>();
  const open = () => boardFiguresOf(search.open);
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
        {(data) => {
          // Top of the board first; the rest follows a section per task (see createStages).
          // Slices only ever add below what is drawn, so nothing already on screen moves.
          const stage = createStages(7);
          return (
            <div class="board">
              <Immersion immersion={data().immersion} detail={stage(1)} />
              <Show when={stage(2)}>
                <Findings findings={data().findings} detail={stage(3)} />
              </Show>
              <Show when={stage(4)}>
                <Experiments experiments={data().experiments} open={open() === "outcomes"} />
              </Show>
              <Show when={stage(5)}>
                <Cases cases={data().cases} open={open() === "cases"} />
              </Show>
              <Show when={stage(6)}>
                <Kpis kpis={data().kpis} />
              </Show>
            </div>
          );
        }}
      </Show>
      {props.children}
    </Page>
  );
}
