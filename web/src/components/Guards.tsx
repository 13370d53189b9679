import { Navigate, useSearchParams } from "@solidjs/router";
import { Match, Switch, type JSX } from "solid-js";
import { useApp } from "../context";
import { Loading } from "./Status";

/** Only an organisation path of our own is a safe place to return to after logging in. */
export function safeNext(next: string | string[] | undefined): string | undefined {
  const value = Array.isArray(next) ? next[0] : next;
  return value && /^\/o\/[\w-]+(\/[\w-]*)*$/.test(value) ? value : undefined;
}

/** For login and setup: someone already logged in goes on to the app. */
export function AnonymousOnly(props: { children: JSX.Element }) {
  const { session } = useApp();
  const [search] = useSearchParams();
  return (
    <Switch>
      <Match when={session.status() === "loading"}>
        <Loading />
      </Match>
      <Match when={session.status() === "authenticated"}>
        <Navigate href={safeNext(search.next) ?? "/"} />
      </Match>
      <Match when={session.status() === "anonymous"}>{props.children}</Match>
    </Switch>
  );
}
