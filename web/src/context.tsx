import { useParams } from "@solidjs/router";
import { createContext, createEffect, onCleanup, useContext, type Accessor, type JSX } from "solid-js";
import type { Membership } from "../../shared/schemas/auth";
import { createApi } from "./data/api";
import { createI18n } from "./i18n";
import { createSessionStore } from "./session";
import { browserStore, type KeyValueStore } from "./data/storage";
import { createToaster } from "./toaster";
import { createUpdatePrompt } from "./update";

/** Builds everything the screens share; tests pass their own storage and fetch. */
export function createAppState(options: { storage?: KeyValueStore; fetch?: typeof fetch; browserLanguage?: string } = {}) {
  const storage = options.storage ?? browserStore();
  // The API reports reachability and lost sessions to the session store, which needs the API: tie the knot late.
  let session: ReturnType<typeof createSessionStore> | undefined;
  const api = createApi({
    ...(options.fetch ? { fetch: options.fetch } : {}),
    onReachable: (reachable) => session?.reachable(reachable),
    onUnauthenticated: () => session?.expired(),
  });
  session = createSessionStore({ api, storage, deviceOnline: () => typeof navigator === "undefined" || navigator.onLine });
  const i18n = createI18n({ storage, browserLanguage: options.browserLanguage ?? (typeof navigator === "undefined" ? undefined : navigator.language) });
  return { api, session, i18n, toaster: createToaster(), update: createUpdatePrompt() };
}

export type AppState = ReturnType<typeof createAppState>;

const AppContext = createContext<AppState>();

export function AppProvider(props: { state: AppState; children: JSX.Element }) {
  createEffect(() => {
    document.documentElement.lang = props.state.i18n.language();
  });
  const onOnline = () => props.state.session.reachable(true);
  const onOffline = () => props.state.session.reachable(false);
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", onOffline);
  onCleanup(() => {
    window.removeEventListener("online", onOnline);
    window.removeEventListener("offline", onOffline);
  });
  return <AppContext.Provider value={props.state}>{props.children}</AppContext.Provider>;
}

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error("useApp() needs an <AppProvider> above it");
  return state;
}

/**
 * The membership of the organisation in the URL (`/o/:orgId/…`). Only screens under the
 * organisation layout use it, and that layout renders them only for a member.
 */
export function useOrg(): Accessor<Membership> {
  const params = useParams<{ orgId: string }>();
  const { session } = useApp();
  // Keeps the last known membership while the layout is swapping a screen out (after leaving an org, say).
  let last: Membership | undefined;
  return () => {
    last = session.membership(params.orgId) ?? last;
    if (!last) throw new Error(`Not a member of organisation ${params.orgId}`);
    return last;
  };
}
