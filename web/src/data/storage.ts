/** A small key-value view of localStorage that never throws: remembering preferences is best effort. */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export const STORAGE_KEYS = {
  /** The last successful GET /api/me, so the shell still knows the user when offline. */
  session: "chefsache.session",
  language: "chefsache.language",
  /** The organisation opened last, used when the app starts at "/". */
  lastOrg: "chefsache.lastOrg",
} as const;

/** localStorage can be missing or refuse writes (private mode, quota); then nothing is remembered. */
export function browserStore(): KeyValueStore {
  const attempt = <T>(action: (storage: Storage) => T, fallback: T): T => {
    try {
      return action(globalThis.localStorage);
    } catch {
      return fallback;
    }
  };
  return {
    get: (key) => attempt((s) => s.getItem(key), null),
    set: (key, value) => attempt((s) => s.setItem(key, value), undefined),
    remove: (key) => attempt((s) => s.removeItem(key), undefined),
  };
}

export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const values = new Map(Object.entries(initial));
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
  };
}
