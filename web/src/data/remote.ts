import { createEffect, createSignal, on } from "solid-js";

/**
 * Server data for a screen: loads whenever `key` changes, keeps showing the previous value while
 * reloading, and ignores answers that arrive after a newer request was made.
 */
export function createRemote<T>(key: () => string, load: (key: string) => Promise<T>) {
  const [value, setValue] = createSignal<T>();
  const [error, setError] = createSignal<unknown>(null);
  const [loading, setLoading] = createSignal(true);
  let ticket = 0;

  async function reload() {
    const mine = ++ticket;
    setLoading(true);
    try {
      const next = await load(key());
      if (mine !== ticket) return;
      setValue(() => next);
      setError(null);
    } catch (failure) {
      if (mine === ticket) setError(failure);
    } finally {
      if (mine === ticket) setLoading(false);
    }
  }

  createEffect(on(key, () => void reload()));

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
