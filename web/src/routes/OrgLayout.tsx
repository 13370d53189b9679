import { Navigate, useLocation, useParams, type RouteSectionProps } from "@solidjs/router";
import { createEffect, Match, Switch } from "solid-js";
import { Loading } from "../components/Status";
import { useApp } from "../context";

/**
 * `/o/:orgId/…`: the organisation in the URL is the current one. Only its members get past
 * here; the choice is remembered so "/" reopens it next time.
 */
export default function OrgLayout(props: RouteSectionProps) {
  const { session } = useApp();
  const params = useParams<{ orgId: string }>();
  const location = useLocation();
  const member = () => session.membership(params.orgId);

  createEffect(() => {
    const membership = member();
    if (membership) session.rememberOrg(membership.orgId);
  });

  return (
    <Switch fallback={<Loading />}>
      <Match when={session.status() === "anonymous"}>
        <Navigate href={`/login?next=${encodeURIComponent(location.pathname)}`} />
      </Match>
      <Match when={session.status() === "authenticated" && !member()}>
        <Navigate href="/" />
      </Match>
      <Match when={session.status() === "authenticated"}>{props.children}</Match>
    </Switch>
  );
}
