import { createSignal } from "solid-js";
import { PHOTO_QUOTA_EXCEEDED, PHOTO_QUOTA_HEADER } from "../../../../shared/limits";
import type { Mutation } from "../../../../shared/sync/protocol";
import { ApiError, apiPath, type Api } from "../api";
import { createLive, type EventSourceLike, type Live } from "./live";
import type { OutboxEntry } from "./outbox";
import { PullWorkerFailed, startPullWorker, type PullWorker } from "./pull-worker";
import type { LocalStore } from "./store";

const PUSH_BATCH = 200;
const PERIOD_MS = 60_000;
const EDIT_DELAY_MS = 1_500;
/** After a failed attempt: retry soon, then less often, never waiting longer than the cap. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 15_000;
/** A photo no finding names is dropped after this long (stored moments before its finding is saved, it is spared). */
const UNNAMED_PHOTO_MS = 24 * 60 * 60 * 1000;

export interface SyncStatus {
  /** Changes on the device the server has not acknowledged yet. */
  pending: number;
  /** Photos on the device the server does not have yet. */
  photosPending: number;
  syncing: boolean;
  lastSyncAt: string | null;
  /** Why the last attempt stopped, when it did not finish ("clock": the device's time is ahead of the server's). */
  error: "offline" | "failed" | "clock" | null;
  rejected: number;
  /**
   * Set when the server refused a photo because the organisation's photo storage is full: the
   * quota in MB (null when the answer did not say). The photo stays on the device and the changes
   * naming it wait, until an admin frees space or raises the quota.
   */
  photoStorageFull: { quotaMb: number | null } | null;
}

/** Whether a refused upload is the full-storage one, and the quota it states. */
async function storageFull(response: Response): Promise<SyncStatus["photoStorageFull"]> {
  if (response.status !== 413) return null;
  const body = (await response.json().catch(() => null)) as { error?: { code?: unknown } } | null;
  if (body?.error?.code !== PHOTO_QUOTA_EXCEEDED) return null;
  const quotaMb = Number(response.headers.get(PHOTO_QUOTA_HEADER) ?? Number.NaN);
  return { quotaMb: Number.isFinite(quotaMb) && quotaMb > 0 ? quotaMb : null };
}

/** Whether a mutation names a photo by hash (findings do, in `photos`). */
function photosOf(mutation: Mutation): string[] {
  const photos = mutation.fields.photos;
  return Array.isArray(photos) ? photos.filter((p): p is string => typeof p === "string") : [];
}

export interface SyncEngineOptions {
  upload?: typeof fetch;
  /** Opens the live stream (default: the browser's EventSource). */
  events?: (url: string) => EventSourceLike;
}

/**
 * Moves changes between the device and the server: photos first, then the outbox in order
 * (a change leaves it only once the server answered applied or duplicate), then every
 * change since the last cursor. Runs when asked, when the network returns, when the app
 * opens or comes back to the foreground, every minute, and, while online and visible, when the
 * server's live stream says the organisation changed (live.ts).
 */
export function createSyncEngine(store: LocalStore, api: Api, orgId: string, options: SyncEngineOptions = {}) {
  const [status, setStatus] = createSignal<SyncStatus>({
    pending: 0,
    photosPending: 0,
    syncing: false,
    lastSyncAt: store.lastSyncAt,
    error: null,
    rejected: 0,
    photoStorageFull: null,
  });
  let running: Promise<void> | null = null;
  let again = false;
  let started = false;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const liveListeners = new Set<() => void>();

  /**
   * `navigator.onLine` and its "online" event are not to be trusted (a page loaded while offline
   * may say online and never hear the event; a phone on a captive Wi-Fi says online too), so a
   * failed attempt is retried on a timer whatever the browser claims.
   */
  function scheduleRetry() {
    clearTimeout(retry);
    if (!started) return;
    // A clock that is ahead is not fixed by trying again soon: the periodic sync will do.
    if (!status().error || status().error === "clock") {
      failures = 0;
      return;
    }
    failures += 1;
    retry = setTimeout(() => void syncNow(), Math.min(RETRY_FIRST_MS * 2 ** (failures - 1), RETRY_MAX_MS));
  }

  async function refreshCounts() {
    try {
      const [pending, photos, rejected] = await Promise.all([store.pendingCount(), store.photosToUpload(), store.rejected()]);
      setStatus((s) => ({ ...s, pending, photosPending: photos.length, rejected: rejected.length, lastSyncAt: store.lastSyncAt }));
    } catch {
      // The store was closed meanwhile (logged out, switched organisation): nothing left to count.
    }
  }

  /**
   * Uploads the photos the server lacks; says which still wait, whether a retry could help (a
   * 5xx), and whether the organisation's photo storage is full.
   */
  async function uploadPhotos(): Promise<{ waiting: Set<string>; transient: boolean; full: SyncStatus["photoStorageFull"] }> {
    const upload = options.upload ?? globalThis.fetch.bind(globalThis);
    const waiting = new Set<string>();
    let transient = false;
    let full: SyncStatus["photoStorageFull"] = null;
    // Only photos a finding on the device names are sent; one no finding has named for a day goes.
    await store.forgetPhotos({ olderThanMs: UNNAMED_PHOTO_MS });
    for (const photo of await store.photosToUpload()) {
      // Storage full: the rest wait too, rather than each costing the phone an upload to be refused.
      if (full) {
        waiting.add(photo.sha256);
        continue;
      }
      let response: Response;
      try {
        response = await upload(apiPath("/orgs/:orgId/attachments/:sha256", { orgId, sha256: photo.sha256 }), {
          method: "PUT",
          credentials: "same-origin",
          headers: { "content-type": photo.type },
          body: photo.blob,
        });
      } catch {
        throw new ApiError(0, "offline", "The server cannot be reached");
      }
      if (response.ok) await store.markPhotoUploaded(photo.sha256);
      else if (response.status === 401) throw new ApiError(401, "unauthenticated", "Log in again");
      else {
        // Refused (too large, say): changes naming it wait, visibly. A server error may pass.
        waiting.add(photo.sha256);
        if (response.status >= 500) transient = true;
        full = await storageFull(response);
      }
    }
    return { waiting, transient, full };
  }

  /** The outbox up to (not including) the first change that names a photo the server lacks. */
  function sendable(entries: OutboxEntry[], photosWaiting: Set<string>): OutboxEntry[] {
    const ready: OutboxEntry[] = [];
    for (const entry of entries) {
      if (photosOf(entry.mutation).some((sha) => photosWaiting.has(sha))) break;
      ready.push(entry);
    }
    return ready;
  }

  /** Sends the outbox; false when changes wait because the device's clock is ahead of the server's. */
  async function push(photosWaiting: Set<string>): Promise<boolean> {
    for (;;) {
      const batch = sendable(await store.outbox(PUSH_BATCH), photosWaiting);
      if (batch.length === 0) return true;
      const response = await api.call("post", "/orgs/:orgId/sync/push", {
        param: { orgId },
        json: { clientId: store.clientId, mutations: batch.map((entry) => entry.mutation) },
      });
      const { clockAhead } = await store.acknowledge(batch, response.results);
      // Those changes stay at the head of the outbox: sending the next batch would send them again.
      if (clockAhead > 0) return false;
      if (batch.length < PUSH_BATCH) return true;
    }
  }

  let worker: PullWorker | null | undefined;

  /** Starts the pull worker once; null where the browser has no module workers (Node in tests). */
  function startWorker() {
    if (worker === undefined) worker = startPullWorker({ name: store.name, orgId });
  }

  /** Everything new from the server: in the pull worker where there is one, else here (the page pulls itself). */
  async function pull() {
    startWorker();
    if (worker) {
      try {
        await worker.pull((touched) => store.pulled(touched));
        api.report(null);
        return;
      } catch (err) {
        if (!(err instanceof PullWorkerFailed)) {
          if (err instanceof ApiError) api.report(err);
          throw err;
        }
        if (!started) throw err;
        // The worker could not run (failed to load, say): this device pulls on its own thread now.
        worker.close();
        worker = null;
      }
    }
    await store.pullFrom(api, orgId);
  }

  async function runOnce() {
    setStatus((s) => ({ ...s, syncing: true }));
    try {
      // The pull begun as the page loaded (pullAhead) is a run of its own: the screens read the
      // device's records as soon as it has landed, and a full run follows it.
      if (worker?.ahead) {
        again = true;
        await pull();
        await store.markSynced();
        setStatus((s) => ({ ...s, error: null }));
        return;
      }
      await store.rebaseFutureChanges();
      const photos = await uploadPhotos();
      setStatus((s) => ({ ...s, photoStorageFull: photos.full }));
      const clockOk = await push(photos.waiting);
      await pull();
      await store.markSynced();
      // A photo the server failed to take (a 5xx) makes this a failed run, so it is retried soon.
      setStatus((s) => ({ ...s, error: !clockOk ? "clock" : photos.transient ? "failed" : null }));
    } catch (err) {
      setStatus((s) => ({ ...s, error: err instanceof ApiError && err.offline ? "offline" : "failed" }));
    } finally {
      // A run asked for meanwhile follows at once: the header goes on saying so rather than
      // flashing "done" in between.
      setStatus((s) => ({ ...s, syncing: again }));
      await refreshCounts();
    }
  }

  /** Syncs now; a request during a run starts one more run after it, never two at once. */
  function syncNow(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          // One tab at a time per person and organisation, where the browser can tell tabs apart.
          if (typeof navigator !== "undefined" && navigator.locks) await navigator.locks.request(`${store.name}:sync`, runOnce);
          else await runOnce();
        } while (again);
      } finally {
        running = null;
        // However the runs ended (a lock refused, say), none is running now.
        if (status().syncing) setStatus((s) => ({ ...s, syncing: false }));
        scheduleRetry();
      }
    })();
    return running;
  }

  /** Starts the automatic triggers; returns the function that stops them. */
  function start(): () => void {
    started = true;
    // The worker's script loads while the first run checks the outbox and photos.
    startWorker();
    let soon: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((_entities, origin) => {
      void refreshCounts();
      // A fresh edit goes out shortly after it is made, batching a burst of typing.
      if (origin === "edit" && navigator.onLine) {
        clearTimeout(soon);
        soon = setTimeout(() => void syncNow(), EDIT_DELAY_MS);
      }
    });
    // The live stream opens once the first run has ended: the pull brings what there is, the
    // stream tells of what comes after (it also pulls when its cursor is ahead of the device's).
    // Opened as the store opened, its channel, lock and stream made one long task with the
    // counts' first reads on a phone, each the first use of its browser interface.
    let live: Live | undefined;
    const openLive = () => {
      if (!started || live) return;
      live = createLive({
        url: apiPath("/orgs/:orgId/sync/events", { orgId }),
        name: store.name,
        cursor: () => store.cursor,
        pull: () => void syncNow(),
        ...(options.events ? { open: options.events } : {}),
      });
      live.onChange(() => {
        for (const listener of liveListeners) listener();
      });
      updateLive();
    };
    const updateLive = () => live?.update({ online: navigator.onLine, visible: document.visibilityState === "visible" });
    const onOnline = () => {
      updateLive();
      void syncNow();
    };
    const onVisible = () => {
      updateLive();
      if (document.visibilityState === "visible") void syncNow();
    };
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", updateLive);
    document.addEventListener("visibilitychange", onVisible);
    const timer = setInterval(() => {
      if (navigator.onLine) void syncNow();
    }, PERIOD_MS);
    // What waits to be sent, shown before the first run ends (a long first pull), in a task of its own.
    const counting = setTimeout(() => void refreshCounts(), 0);
    void syncNow().finally(openLive);
    return () => {
      unsubscribe();
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", updateLive);
      document.removeEventListener("visibilitychange", onVisible);
      live?.close();
      clearInterval(timer);
      clearTimeout(counting);
      clearTimeout(soon);
      clearTimeout(retry);
      worker?.close();
      worker = undefined;
      started = false;
    };
  }

  /**
   * Calls `listener` whenever the live stream announces a change of the organisation (in any tab
   * of this device), for screens that show what only the server computes (the board's figures).
   */
  function onLiveChange(listener: () => void): () => void {
    liveListeners.add(listener);
    return () => liveListeners.delete(listener);
  }

  return { status, syncNow, start, refreshCounts, onLiveChange };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
