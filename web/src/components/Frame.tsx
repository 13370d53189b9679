import { useLocation, useMatch, type RouteSectionProps } from "@solidjs/router";
import { createContext, createEffect, createSignal, For, on, onCleanup, Show, useContext, type Accessor } from "solid-js";
import { useApp } from "../context";
import { navFor, orgHref, type NavEntry } from "../nav";
import { Icon } from "./Icon";
import { toastText } from "../toaster";

interface HeaderSlotApi {
  element: Accessor<HTMLElement | undefined>;
  /** Says the slot now shows the network state (the sync indicator does); returns the release. */
  claim(): () => void;
}
const HeaderSlot = createContext<HeaderSlotApi>({ element: () => undefined, claim: () => () => undefined });

/**
 * A place in the header that screens below may fill through a `<Portal>`: the organisation
 * layout puts its sync indicator there, so it shows beside the brand on every screen.
 */
export const useHeaderSlot = () => useContext(HeaderSlot);

/**
 * The shell around every screen: header (always, also offline), the role's navigation when
 * inside an organisation, the main landmark, and the live regions for toasts and updates.
 */
export function Frame(props: RouteSectionProps) {
  const { session, i18n, toaster, update } = useApp();
  const { t } = i18n;
  const location = useLocation();
  const orgMatch = useMatch(() => "/o/:orgId/*rest");
  const membership = () => (session.status() === "authenticated" ? session.membership(orgMatch()?.params.orgId) : undefined);
  let main: HTMLElement | undefined;
  const [slot, setSlot] = createSignal<HTMLElement>();
  const [slotClaims, setSlotClaims] = createSignal(0);
  const headerSlot: HeaderSlotApi = {
    element: slot,
    claim() {
      setSlotClaims((n) => n + 1);
      return () => setSlotClaims((n) => n - 1);
    },
  };

  // After client-side navigation, focus goes to the new screen's heading so screen readers announce it,
  // or to the next logical place the link names (`state: { focus: id }`: after "Done" on a finding, the
  // visit's "Add a finding"). Redirects during start-up (before the user did anything) leave focus
  // where the browser put it.
  let interacted = false;
  const noteInteraction = () => (interacted = true);
  document.addEventListener("pointerdown", noteInteraction, true);
  document.addEventListener("keydown", noteInteraction, true);
  onCleanup(() => {
    document.removeEventListener("pointerdown", noteInteraction, true);
    document.removeEventListener("keydown", noteInteraction, true);
  });
  createEffect(
    on(
      () => location.pathname,
      (_path, previous) => {
        // A screen that only renames its own address (a new finding getting its id) keeps focus where it is.
        const state = location.state as { keepFocus?: boolean; focus?: string } | null | undefined;
        if (previous === undefined || !interacted || state?.keepFocus === true) return;
        const heading = () => (main?.querySelector<HTMLElement>("h1") ?? main)?.focus({ preventScroll: false });
        // The named place may wait for the screen's code and records: a second at most, then the heading.
        const target = state?.focus;
        const attempt = (frames: number) => {
          const element = target ? document.getElementById(target) : null;
          if (element) element.focus();
          else if (target && frames > 0) requestAnimationFrame(() => attempt(frames - 1));
          else heading();
        };
        requestAnimationFrame(() => attempt(60));
      },
    ),
  );

  const isCurrent = (orgId: string, entry: NavEntry): "page" | "true" | undefined => {
    const href = orgHref(orgId, entry.path);
    const path = location.pathname.replace(/\/$/, "");
    if (path === href) return "page";
    return entry.path !== "" && path.startsWith(`${href}/`) ? "true" : undefined;
  };

  return (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main?.focus();
        }}
      >
        {t("shell.skip")}
      </a>
      <header class="app-header">
        <div class="app-header-inner">
          <a class="brand" href={membership() ? orgHref(membership()!.orgId) : "/"}>
            <span class="logo-mark">
              <Icon name="logo" />
            </span>
            <span class="brand-name">Chefsache</span>
          </a>
          <Show when={membership()}>{(m) => <span class="header-org">{m().orgName}</span>}</Show>
          <span class="net-status" role="status">
            {/* Once the sync indicator is in the header, it says "offline", with what is waiting. */}
            <Show when={!session.online() && slotClaims() === 0}>
              <span class="offline-badge">{t("shell.offline")}</span>
            </Show>
          </span>
          <div class="header-slot" ref={setSlot} />
        </div>
      </header>
      <Show when={membership()}>
        {(m) => (
          <nav class="tabbar" aria-label={t("nav.label")}>
            <ul>
              <For each={navFor(m().role)}>
                {(entry) => (
                  <li>
                    <a class="tab" href={orgHref(m().orgId, entry.path)} aria-current={isCurrent(m().orgId, entry)}>
                      <Icon name={entry.icon} />
                      <span>{t(entry.label)}</span>
                    </a>
                  </li>
                )}
              </For>
            </ul>
          </nav>
        )}
      </Show>
      <div class="update-region" role="status">
        <Show when={update.available()}>
          <div class="update-banner">
            <p>{t("update.available")}</p>
            <button type="button" class="button" onClick={() => update.accept()}>
              {t("update.reload")}
            </button>
          </div>
        </Show>
      </div>
      <main id="main" tabindex="-1" ref={main} classList={{ "with-tabbar": Boolean(membership()) }}>
        <HeaderSlot.Provider value={headerSlot}>{props.children}</HeaderSlot.Provider>
      </main>
      <div class="toasts" role="status" aria-live="polite">
        <For each={toaster.toasts()}>
          {(toast) => (
            <div class={`toast toast-${toast.tone}`}>
              <p>{toastText(toast.message)}</p>
              <Show when={toast.action}>
                {(action) => (
                  <button
                    type="button"
                    class="button button-small"
                    ref={(button) => {
                      if (!toast.focus) return;
                      // After the next screen's heading took focus (one frame after navigating).
                      requestAnimationFrame(() => requestAnimationFrame(() => button.isConnected && button.focus()));
                      // Gone with focus on it: focus returns to the screen rather than to nowhere.
                      onCleanup(() => {
                        if (document.activeElement === button) requestAnimationFrame(() => (main?.querySelector<HTMLElement>("h1") ?? main)?.focus());
                      });
                    }}
                    onClick={() => {
                      toaster.dismiss(toast.id);
                      action().run();
                    }}
                  >
                    {toastText(action().label)}
                  </button>
                )}
              </Show>
              <button type="button" class="toast-close" aria-label={t("common.dismiss")} onClick={() => toaster.dismiss(toast.id)}>
                <span aria-hidden="true">×</span>
              </button>
            </div>
          )}
        </For>
      </div>
    </>
  );
}
