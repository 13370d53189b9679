import { batch, createSignal } from "solid-js";
import type { LoginResponse, Membership } from "../../shared/schemas/auth";
import { ApiError, type Api } from "./data/api";
import { STORAGE_KEYS, type KeyValueStore } from "./data/storage";
import type { Language } from "./i18n";
import { SESSION_ELEMENT_ID } from "../../shared/session-page";

export type SessionStatus = "loading" | "anonymous" | "authenticated";

export interface SetupOrganisation {
  orgName: string;
  name: string;
  email: string;
  password: string;
  setupCode?: string;
  /** The interface language: the organisation's starting data (journey stages) is written in it. */
  language?: Language;
}

function readCachedSession(storage: KeyValueStore): LoginResponse | null {
  return readSession(storage.get(STORAGE_KEYS.session));
}

/**
 * The session the server wrote into the page it sent (server/http/shell-page.ts), as fresh as
 * GET /api/me would answer; null when the page came from the service worker's cache or nobody
 * is logged in.
 */
export function readSessionInPage(doc: { getElementById(id: string): { textContent: string | null } | null }): LoginResponse | null {
  return readSession(doc.getElementById(SESSION_ELEMENT_ID)?.textContent ?? null);
}

function readSession(raw: string | null): LoginResponse | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<LoginResponse>;
    if (parsed.user && typeof parsed.user.id === "string" && Array.isArray(parsed.memberships)) return parsed as LoginResponse;
  } catch {
    // A damaged cache is the same as none.
  }
  return null;
}

/**
 * Who is logged in, in which organisations, and whether the server is reachable.
 * Offline, the last confirmed session (kept in storage) stands in, so the shell still shows
 * the user's navigation; it is checked again as soon as the network is back.
 */
export function createSessionStore(deps: {
  api: Api;
  storage: KeyValueStore;
  /** Whether the device has a network at all (`navigator.onLine`): only its "no" is sure. */
  deviceOnline?: () => boolean;
}) {
  const { api, storage } = deps;
  const deviceOnline = deps.deviceOnline ?? (() => true);
  const [status, setStatus] = createSignal<SessionStatus>("loading");
  const [current, setCurrent] = createSignal<LoginResponse | null>(null);
  const [setupNeeded, setSetupNeeded] = createSignal(false);
  /** Setting up from this device needs the code from the server's log (it is not the server's own machine). */
  const [setupCodeRequired, setSetupCodeRequired] = createSignal(false);
  const [online, setOnline] = createSignal(deviceOnline());
  /** False while the session shown comes from the offline cache and the server has not confirmed it. */
  let confirmed = false;

  function adopt(session: LoginResponse) {
    storage.set(STORAGE_KEYS.session, JSON.stringify(session));
    confirmed = true;
    batch(() => {
      setCurrent(session);
      setSetupNeeded(false);
      setStatus("authenticated");
    });
    return session;
  }

  function forget() {
    storage.remove(STORAGE_KEYS.session);
    confirmed = false;
    batch(() => {
      setCurrent(null);
      setStatus("anonymous");
    });
  }

  async function checkSetup() {
    try {
      const { needed, codeRequired } = await api.call("get", "/setup");
      batch(() => {
        setSetupNeeded(needed);
        setSetupCodeRequired(codeRequired === true);
      });
    } catch {
      setSetupNeeded(false);
    }
  }

  /**
   * GET /api/me; on 401 asks whether the installation still needs setting up. On the login
   * screen of a device that remembers no session the answer is known: nobody is asked (the
   * browser would log the 401 as an error). A session the page arrived with (`inPage`) is the
   * server's answer already: nobody is asked, and the screen draws at once.
   */
  async function start(options: { onLoginScreen?: boolean; inPage?: LoginResponse | null } = {}) {
    if (options.inPage) {
      adopt(options.inPage);
      return;
    }
    if (options.onLoginScreen && !readCachedSession(storage)) {
      await checkSetup();
      setStatus("anonymous");
      return;
    }
    try {
      adopt(await api.call("get", "/me"));
    } catch (error) {
      const cached = readCachedSession(storage);
      if (error instanceof ApiError && error.status === 401) {
        storage.remove(STORAGE_KEYS.session);
        confirmed = false;
        await checkSetup();
        batch(() => {
          setCurrent(null);
          setStatus("anonymous");
        });
      } else if (cached) {
        // Offline or a server hiccup: keep working with what we knew.
        confirmed = false;
        batch(() => {
          setCurrent(cached);
          setStatus("authenticated");
        });
      } else {
        setStatus("anonymous");
      }
    }
  }

  /** Asks the server again (after coming back online, or after a change to one's own membership). */
  async function refresh() {
    try {
      adopt(await api.call("get", "/me"));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        forget();
        await checkSetup();
      }
    }
  }

  function reachable(answered: boolean) {
    // A reply to a request sent before the network went away can land after the browser said
    // "offline": it says nothing about now, and must not re-enable what needs a connection.
    const isReachable = answered && deviceOnline();
    const wasOffline = !online();
    setOnline(isReachable);
    if (isReachable && wasOffline && status() === "authenticated" && !confirmed) void refresh();
  }

  return {
    status,
    session: current,
    setupNeeded,
    setupCodeRequired,
    online,
    start,
    refresh,
    reachable,
    /** The server ended the session while the app was open. */
    expired() {
      if (status() === "authenticated") forget();
    },
    async login(email: string, password: string) {
      return adopt(await api.call("post", "/auth/login", { json: { email, password } }));
    },
    /** The demo, its records in `language` (the interface's, so a Dutch browser gets a Dutch demo). */
    async setupDemo(setupCode?: string, language?: Language) {
      return adopt(await api.call("post", "/setup", { json: { mode: "demo", setupCode, language } }));
    },
    async setupOrganisation(body: SetupOrganisation) {
      return adopt(await api.call("post", "/setup", { json: { mode: "org", ...body } }));
    },
    async acceptInvite(token: string, body: { name?: string; password: string }) {
      return adopt(await api.call("post", "/invites/:token/accept", { param: { token }, json: body }));
    },
    async logout() {
      await api.call("post", "/auth/logout");
      forget();
    },
    /** Ends every session of this person, this one included. */
    async logoutEverywhere() {
      await api.call("post", "/auth/logout-all");
      forget();
    },
    /** Sets a new password with a reset link: the server ends every other session and logs in here. */
    async resetPassword(token: string, password: string) {
      return adopt(await api.call("post", "/password-resets/:token", { param: { token }, json: { password } }));
    },
    membership(orgId: string | undefined): Membership | undefined {
      return orgId ? current()?.memberships.find((m) => m.orgId === orgId) : undefined;
    },
    /** The organisation to open at "/": the one used last, else the first. */
    preferredOrgId(): string | undefined {
      const memberships = current()?.memberships ?? [];
      const last = storage.get(STORAGE_KEYS.lastOrg);
      return memberships.find((m) => m.orgId === last)?.orgId ?? memberships[0]?.orgId;
    },
    rememberOrg(orgId: string) {
      storage.set(STORAGE_KEYS.lastOrg, orgId);
    },
  };
}

