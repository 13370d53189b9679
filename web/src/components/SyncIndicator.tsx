import "./sync.css";
import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from "solid-js";
import { formatDateTime, formatNumber, relativeTime } from "../format";
import { useApp, useOrg } from "../context";
import { useLocal } from "../data/local/context";
import { useFirstSync } from "../data/records";
import type { RejectedEntry } from "../data/local/outbox";
import { orgHref } from "../nav";
import { Icon } from "./Icon";
import { refusalText } from "./refusal";

/** Where a rejected change can be looked at again, when its record has a screen. */
function recordPath(entry: RejectedEntry): string | undefined {
  const { entity, entityId, fields } = entry.mutation;
  if (entity === "visit") return `visits/${entityId}`;
  if (entity === "finding") return `findings/${entityId}`;
  if (entity === "action" && typeof fields.findingId === "string") return `findings/${fields.findingId}`;
  return undefined;
}

/** A few words that identify what the change was about. */
function snippet(entry: RejectedEntry): string {
  const fields = entry.mutation.fields;
  for (const name of ["saw", "title", "name", "notes", "peopleMet"]) {
    const value = fields[name];
    if (typeof value === "string" && value.trim()) return value.trim().length > 60 ? `${value.trim().slice(0, 57)}…` : value.trim();
  }
  return Object.keys(fields).join(", ");
}

/**
 * The header's sync indicator: a dot for the state and the count of what waits to be sent (the
 * words beside them on a wide screen, and always for screen readers), a "Sync now" button, and
 * behind the status button the details in words, including changes the server refused, with
 * its reason, to dismiss.
 */
export function SyncIndicator() {
  const { i18n, session, toaster } = useApp();
  const { t } = i18n;

  const org = useOrg();
  const { sync, store, revision } = useLocal();
  const status = sync.status;
  const firstSync = useFirstSync();
  const [open, setOpen] = createSignal(false);
  // What "Sync now" led to, read out; kept as a function of the language, so it follows a switch.
  const [announcement, setAnnouncement] = createSignal<() => string>(() => "");
  const [now, setNow] = createSignal(new Date());
  const timer = setInterval(() => setNow(new Date()), 15_000);
  onCleanup(() => clearInterval(timer));
  let toggle: HTMLButtonElement | undefined;

  const offline = () => !session.online() || status().error === "offline";
  const waiting = () => status().pending + status().photosPending;
  const lastSync = () => {
    const at = status().lastSyncAt;
    if (!at) return t("sync.never");
    const time = relativeTime(at, now(), i18n.language());
    return time ? t("sync.ago", { time }) : t("sync.justNow");
  };
  const problem = () => status().error === "failed" || status().error === "clock" || status().rejected > 0 || status().photoStorageFull !== null;
  const state = () => (status().syncing ? "syncing" : offline() ? "offline" : problem() ? "problem" : waiting() > 0 ? "waiting" : "ok");
  const headline = () => {
    if (status().syncing) return firstSync() ? t("sync.firstShort") : t("sync.syncing");
    if (offline()) return t("sync.offline");
    if (status().error === "failed") return t("sync.failed");
    if (status().error === "clock") return t("sync.clockAhead");
    if (status().photoStorageFull) return t("sync.photosFull");
    return waiting() > 0 ? t("sync.waiting", { count: waiting() }) : t("sync.allSent");
  };
  // The time of the last successful sync is always there: it matters most when something waits.
  const detail = () => {
    if (status().rejected > 0) return `${t("sync.refusedCount", { count: status().rejected })} · ${lastSync()}`;
    if (waiting() > 0 && (offline() || status().syncing || status().error || status().photoStorageFull)) return `${t("sync.waiting", { count: waiting() })} · ${lastSync()}`;
    return lastSync();
  };

  /** The organisation's photo storage is full: what waits, and who can help. */
  const photosFullNote = () => {
    const quotaMb = status().photoStorageFull?.quotaMb;
    return quotaMb ? t("sync.photosFullNote", { size: `${formatNumber(quotaMb, i18n.language())} MB` }) : t("sync.photosFullNoteUnsized");
  };

  const [rejected] = createResource(
    () => open() && revision("rejected") + 1,
    () => store.rejected(),
  );

  // A change the server refused is undone on this device: say so at once, not only in the panel.
  createEffect(
    on(
      () => status().rejected,
      (count, previous) => {
        if (previous !== undefined && count > previous) {
          toaster.show(() => t("sync.refusedToast"), { tone: "error", action: { label: () => t("sync.show"), run: () => setOpen(true) } });
        }
      },
    ),
  );

  async function syncNow() {
    setAnnouncement(() => () => t("sync.syncing"));
    await sync.syncNow();
    const s = status();
    const left = s.pending + s.photosPending;
    const offlineNow = s.error === "offline" || !session.online();
    setAnnouncement(() => () =>
      offlineNow
        ? t("sync.offlineNote")
        : s.error === "failed"
          ? t("sync.failedNote")
          : s.error === "clock"
            ? t("sync.clockNote")
            : s.photoStorageFull
              ? photosFullNote()
              : left > 0 ? t("sync.stillWaiting", { count: left }) : t("sync.allSentNote"),
    );
  }

  const close = () => {
    setOpen(false);
    toggle?.focus();
  };

  return (
    <div
      class="sync"
      data-state={state()}
      data-pending={waiting()}
      onKeyDown={(event) => {
        if (event.key === "Escape" && open()) {
          event.preventDefault();
          close();
        }
      }}
    >
      <button ref={toggle} type="button" class="sync-status" aria-expanded={open() ? "true" : "false"} aria-controls="sync-panel" onClick={() => setOpen(!open())}>
        <span class="sync-dot" aria-hidden="true" />
        <Show when={waiting() > 0}>
          <span class="sync-count" aria-hidden="true">
            {waiting()}
          </span>
        </Show>
        <span class="sync-lines">
          <span class="visually-hidden">{t("sync.statusLabel")}: </span>
          <span class="sync-headline">{headline()}</span>
          <span class="visually-hidden">, </span>
          <span class="sync-detail">{detail()}</span>
        </span>
      </button>
      <button type="button" class="sync-now" aria-label={t("sync.now")} title={t("sync.now")} aria-busy={status().syncing ? "true" : undefined} onClick={() => void syncNow()}>
        <Icon name="sync" class={status().syncing ? "icon icon-spin" : "icon"} />
      </button>
      <span class="visually-hidden" role="status">
        {announcement()()}
      </span>
      <Show when={open()}>
        <div id="sync-panel" class="sync-panel" role="region" aria-label={t("sync.panelLabel")}>
          <p class="sync-panel-state">
            <strong>{headline()}</strong> · {detail()}
          </p>
          <ul class="sync-facts">
            <li>{t("sync.pendingChanges", { count: status().pending })}</li>
            <Show when={status().photosPending > 0}>
              <li>{t("sync.pendingPhotos", { count: status().photosPending })}</li>
            </Show>
            <li>
              {status().lastSyncAt ? t("sync.lastSync", { time: formatDateTime(status().lastSyncAt, i18n.language()) }) : t("sync.lastNever")}
            </li>
          </ul>
          <Show when={offline()}>
            <p class="notice">{t("sync.offlineNote")}</p>
          </Show>
          <Show when={!offline() && status().error === "failed"}>
            <p class="notice notice-error">{t("sync.failedNote")}</p>
          </Show>
          <Show when={!offline() && status().error === "clock"}>
            <p class="notice notice-error">{t("sync.clockNote")}</p>
          </Show>
          <Show when={status().photoStorageFull}>
            <p class="notice notice-error">{photosFullNote()}</p>
          </Show>
          <Show when={(rejected.latest ?? []).length > 0}>
            <h2 class="sync-panel-heading">{t("sync.refusedHeading")}</h2>
            <p class="muted">{t("sync.refusedIntro")}</p>
            <ul class="sync-refused">
              <For each={rejected.latest}>
                {(entry) => (
                  <li>
                    <p>
                      <strong>{t(`entity.${entry.mutation.entity}`)}</strong>
                      {entry.mutation.op === "delete" ? ` · ${t("sync.deleted")}` : ` · ${snippet(entry)}`}
                    </p>
                    <p class="field-error">{refusalText(i18n, entry.error)}</p>
                    <div class="button-row">
                      <Show when={recordPath(entry)}>
                        {(path) => (
                          <a class="button button-small button-secondary" href={orgHref(org().orgId, path())} onClick={() => setOpen(false)}>
                            {t("sync.openRecord")}
                          </a>
                        )}
                      </Show>
                      <button type="button" class="button button-small button-quiet" onClick={() => void store.dismissRejected(entry.id)}>
                        {t("sync.dismiss")}
                        <span class="visually-hidden"> {snippet(entry)}</span>
                      </button>
                    </div>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <button type="button" class="button button-small button-secondary" onClick={close}>
            {t("sync.close")}
          </button>
        </div>
      </Show>
    </div>
  );
}
