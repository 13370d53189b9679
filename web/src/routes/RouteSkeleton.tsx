import { useLocation, useParams } from "@solidjs/router";
import { Match, Switch } from "solid-js";
import { Loading } from "../components/Status";
import { useApp } from "../context";
import { BoardSkeleton } from "./board/BoardSkeleton";
import { FindingsSkeleton } from "./findings/FindingsSkeleton";
import { HomeSkeleton } from "./Home";

/**
 * What an organisation's screen shows while who is logged in is still being asked, or its code
 * and the device's store are still loading (a first visit on a slow network): the screen's
 * heading and opening words, which need none of that, instead of a bare "Loading". The screen
 * then draws the same words in the same place, so nothing moves and they are read sooner.
 */
export function RouteSkeleton() {
  const { session } = useApp();
  const location = useLocation();
  const params = useParams<{ orgId: string }>();
  const inOrg = () => location.pathname.slice(`/o/${params.orgId}`.length).replace(/\/$/, "");
  return (
    <Switch fallback={<Loading />}>
      {/* Home greets the person in their role, and the findings list links inside the organisation: both once the session is known. */}
      <Match when={inOrg() === "" && session.membership(params.orgId)}>
        <HomeSkeleton />
      </Match>
      <Match when={inOrg() === "/board"}>
        <BoardSkeleton />
      </Match>
      <Match when={inOrg() === "/findings" && session.membership(params.orgId)}>
        <FindingsSkeleton />
      </Match>
    </Switch>
  );
}
