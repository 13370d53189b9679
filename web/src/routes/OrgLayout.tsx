import { Navigate, useLocation, useParams, usePreloadRoute, type RouteSectionProps } from "@solidjs/router";
import { createEffect, createSignal, ErrorBoundary, lazy, Match, Suspense, Switch } from "solid-js";
import { useApp } from "../context";
import { afterFirstPaint } from "../first-screen";
import { nextTask } from "../tasks";
import { RouteSkeleton } from "./RouteSkeleton";

const OrgLocal = lazy(() => import("./OrgLocal"));

/**
 * `/o/:orgId/…`: the organisation in the URL is the current one. Only its members get past
 * here; the choice is remembered so "/" reopens it next time. Inside, the device's store for
 * this person and organisation is open and syncing, and the header shows its sync indicator.
 */
export default function OrgLayout(props: RouteSectionProps) {
  const { session, i18n } = useApp();
  const params = useParams<{ orgId: string }>();
  const location = useLocation();
  const member = () => session.membership(params.orgId);
  // Another person or organisation is another database: rebuild everything below, never reuse it.
  const storeKey = () => {
    const userId = session.session()?.user.id;
    return userId && member() ? `${userId} ${params.orgId}` : undefined;
  };

  // The device store's code and the screen's start loading once the skeleton is on screen, beside
  // the session check when the page did not bring the session, rather than after its answer
  // (each is a round trip on a phone's network).
  const [painted, setPainted] = createSignal(false);
  const preloadRoute = usePreloadRoute();
  // Asking for each set of files and drawing are tasks of their own: together they were one long stretch.
  void afterFirstPaint()
    .then(() => void OrgLocal.preload())
    .then(nextTask)
    .then(() => preloadRoute(location.pathname))
    .then(nextTask)
    .then(() => setPainted(true));

  createEffect(() => {
    const membership = member();
    if (membership) session.rememberOrg(membership.orgId);
  });

  // One skeleton for the whole wait (session, first frame, the store's and the screen's code):
  // the same nodes stay on screen until the screen replaces them, rather than being drawn anew
  // at each step, which cost a phone a render and a layout each time.
  const skeleton = <RouteSkeleton />;

  return (
    <Switch fallback={skeleton}>
      <Match when={session.status() === "anonymous"}>
        <Navigate href={`/login?next=${encodeURIComponent(location.pathname)}`} />
      </Match>
      <Match when={session.status() === "authenticated" && !member()}>
        <Navigate href="/" />
      </Match>
      <Match when={session.status() === "authenticated" && painted() && storeKey()} keyed>
        {(key) => (
          <ErrorBoundary
            fallback={(error, reset) => (
              <div class="notice notice-error" role="alert">
                <p>{i18n.t("sync.storeFailed")}</p>
                <p class="muted">{String(error instanceof Error ? error.message : error)}</p>
                <button type="button" class="button button-secondary" onClick={reset}>
                  {i18n.t("common.retry")}
                </button>
              </div>
            )}
          >
            <Suspense fallback={skeleton}>
              <OrgLocal userId={key.split(" ")[0]!} orgId={key.split(" ")[1]!} skeleton={skeleton}>
                {props.children}
              </OrgLocal>
            </Suspense>
          </ErrorBoundary>
        )}
      </Match>
    </Switch>
  );
}
