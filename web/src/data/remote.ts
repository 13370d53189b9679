import { createEffect, createSignal, on, untrack } from "solid-js";
import { browserStore, type KeyValueStore } from "./storage";

/**
 * The last answer kept on this device (localStorage), so a screen shows it at once and offline.
 * The storage keys are what devices already hold: changing one forgets every device's copy.
 */
export interface DeviceCache<T> {
  /** The kept answer for `key`; undefined when there is none or it is damaged. */
  read(storage: KeyValueStore, key: string): T | undefined;
  write(storage: KeyValueStore, key: string, value: T): void;
}

/** A device copy kept as one text per key: `parse` gets null when nothing is kept. */
export function textCache<T>(storageKey: (key: string) => string, parse: (stored: string | null) => T | undefined, format: (value: T) => string): DeviceCache<T> {
  return {
    read: (storage, key) => parse(storage.get(storageKey(key))),
    write: (storage, key, value) => storage.set(storageKey(key), format(value)),
  };
}

export interface RemoteOptions<T> {
  cache?: DeviceCache<T>;
  /** Whether to ask the server when the key is set (say, only online); when not, the kept copy stands. */
  ask?: () => boolean;
  storage?: KeyValueStore;
}

/**
 * Server data for a screen: loads whenever `key` changes, keeps showing the previous value while
 * reloading (or, with a device cache, the copy kept for the new key), and ignores answers that
 * arrive after a newer request was made. Every answer is kept in the device cache, a late one too
 * (it is still the right copy for its own key).
 */
export function createRemote<T>(key: () => string, load: (key: string) => Promise<T>, options: RemoteOptions<T> = {}) {
  const { cache, ask } = options;
  const storage = options.storage ?? browserStore();
  const kept = (forKey: string) => cache?.read(storage, forKey);
  let shownKey = untrack(key);
  const [value, setValue] = createSignal<T | undefined>(kept(shownKey));
  const [error, setError] = createSignal<unknown>(null);
  const [loading, setLoading] = createSignal(true);
  let ticket = 0;

  async function reload() {
    const mine = ++ticket;
    const forKey = key();
    setLoading(true);
    try {
      const next = await load(forKey);
      cache?.write(storage, forKey, next);
      if (mine !== ticket) return;
      setValue(() => next);
      setError(null);
    } catch (failure) {
      if (mine === ticket) setError(failure);
    } finally {
      if (mine === ticket) setLoading(false);
    }
  }

  createEffect(
    on(key, (next) => {
      if (cache && next !== shownKey) setValue(() => kept(next));
      shownKey = next;
      if (!ask || untrack(ask)) return void reload();
      ticket++;
      setLoading(false);
    }),
  );

  return {
    value,
    error,
    loading,
    reload,
    /** Replaces the value locally after a successful write, without a round trip. */
    update(change: (current: T) => T) {
      const current = value();
      if (current !== undefined) setValue(() => change(current));
    },
  };
}

export type Remote<T> = ReturnType<typeof createRemote<T>>;

const requests = new Map<string, { at: number; settled: boolean; answer: Promise<unknown> }>();

/**
 * One request for `key` shared by everyone who asks while it is under way, or within `freshFor`
 * ms after it (several screens or pickers opening together ask once). A failure is forgotten,
 * so the next one to ask tries again. Only for answers that depend on the key alone (a GET).
 */
export function sharedRequest<T>(key: string, request: () => Promise<T>, freshFor = 0): Promise<T> {
  const known = requests.get(key);
  if (known && (!known.settled || Date.now() - known.at < freshFor)) return known.answer as Promise<T>;
  const entry = { at: Date.now(), settled: false, answer: request() as Promise<unknown> };
  requests.set(key, entry);
  entry.answer.then(
    () => {
      entry.settled = true;
      if (freshFor <= 0 && requests.get(key) === entry) requests.delete(key);
    },
    () => {
      if (requests.get(key) === entry) requests.delete(key);
    },
  );
  return entry.answer as Promise<T>;
}
