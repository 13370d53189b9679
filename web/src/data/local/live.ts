import { parseCursor } from "../../../../shared/sync/cursor";
import { LIVE_EVENTS, type LiveChange } from "../../../../shared/sync/live";

/** What the live stream needs of the browser's EventSource (a test hands in its own). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export interface LiveOptions {
  /** The stream's URL (`/api/orgs/:orgId/sync/events`). */
  url: string;
  /** Names this device's lock and channel (the store's name: one person in one organisation). */
  name: string;
  /** The device's cursor: an event at or before it needs no pull. */
  cursor(): string;
  /** Pull now (the engine coalesces). */
  pull(): void;
  /** Opens an event source; default the browser's, and without one there is no live stream (the periodic sync remains). */
  open?: (url: string) => EventSourceLike;
  random?: () => number;
}

/** After a failed connection: wait about this long, doubling with every failure, up to the cap, with jitter. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 60_000;

/**
 * "Pull now" from the server while the device is online and the app visible: one event stream per
 * device, held by the tab that holds the device's live lock (`navigator.locks`), which tells the
 * other tabs over a BroadcastChannel. The tab holding it pulls; the others see the records change
 * through the store's own channel. Closed when offline or hidden, opened again on return (then
 * the engine syncs anyway), reconnected with jittered backoff after errors.
 */
export function createLive(options: LiveOptions) {
  const open = options.open ?? (typeof EventSource === "undefined" ? undefined : (url: string) => new EventSource(url));
  const random = options.random ?? Math.random;
  const listeners = new Set<() => void>();
  const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(`${options.name}:live`);
  let source: EventSourceLike | undefined;
  let failures = 0;
  let reconnect: ReturnType<typeof setTimeout> | undefined;
  /** Set while this tab holds the lock or waits for it: ends both. */
  let letGo: (() => void) | undefined;
  /** Replaced by a newer stream of the same person: stay closed until the app is shown or online again. */
  let replaced = false;

  const tell = () => {
    for (const listener of listeners) listener();
  };
  if (channel) channel.onmessage = tell;

  function changed(event: Event) {
    let cursor: number | null = null;
    try {
      cursor = parseCursor((JSON.parse((event as MessageEvent<string>).data) as LiveChange).cursor);
    } catch {
      // Not what this version expects: pull, to be safe.
    }
    const mine = parseCursor(options.cursor());
    if (cursor === null || mine === null || cursor > mine) options.pull();
    tell();
    channel?.postMessage(null);
  }

  function connect() {
    if (!open || source) return;
    const current = open(options.url);
    source = current;
    current.addEventListener(LIVE_EVENTS.change, changed);
    current.addEventListener("open", () => {
      // Back after an error: a change may have passed meanwhile.
      if (failures > 0) options.pull();
      failures = 0;
    });
    current.addEventListener(LIVE_EVENTS.replaced, () => {
      replaced = true;
      disconnect();
    });
    // The browser's own reconnecting is quick and forever; ours backs off, and an answer that is
    // not a stream (401, 404) would end its tries for good.
    current.addEventListener("error", () => {
      if (source !== current) return;
      disconnect();
      failures += 1;
      const delay = Math.min(RETRY_FIRST_MS * 2 ** (failures - 1), RETRY_MAX_MS);
      reconnect = setTimeout(connect, delay / 2 + (random() * delay) / 2);
    });
  }

  function disconnect() {
    clearTimeout(reconnect);
    reconnect = undefined;
    source?.close();
    source = undefined;
  }

  /** Holds the device's live lock (when the browser has locks) and the stream with it. */
  function hold() {
    if (letGo || replaced) return;
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    if (!locks) {
      connect();
      letGo = disconnect;
      return;
    }
    const waiting = new AbortController();
    let release: (() => void) | undefined;
    letGo = () => {
      waiting.abort();
      disconnect();
      release?.();
    };
    locks
      .request(`${options.name}:live`, { signal: waiting.signal }, () => {
        connect();
        return new Promise<void>((resolve) => (release = resolve));
      })
      .catch(() => {
        // Let go before the lock came: nothing to undo.
      });
  }

  function stop() {
    letGo?.();
    letGo = undefined;
  }

  return {
    /** Opens or closes the stream as the app's state says; a return (shown, online) tries again after a replacement. */
    update(wanted: { online: boolean; visible: boolean }) {
      if (wanted.online && wanted.visible) hold();
      else {
        replaced = false;
        stop();
      }
    },
    /** Calls `listener` when a change of the organisation was announced (in any tab of this device). */
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      stop();
      channel?.close();
      listeners.clear();
    },
  };
}

export type Live = ReturnType<typeof createLive>;
