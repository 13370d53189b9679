import { createEffect, createMemo, createSignal, onCleanup, type Accessor } from "solid-js";

/**
 * Lets a long screen draw in slices, one task each, in the order given: `shown(n)` turns true
 * once the n-th slice's turn has come (slice 0 at once). Drawn in one go, the board's first
 * render held a phone's screen thread for a few hundred milliseconds, during which a tap waited;
 * between slices the browser answers it. Call inside the component that shows the slices.
 */
export function createStages(slices: number): (slice: number) => boolean {
  const [reached, setReached] = createSignal(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const next = () => {
    timer = setTimeout(() => {
      setReached((n) => n + 1);
      if (reached() < slices - 1) next();
    }, 0);
  };
  if (slices > 1) next();
  onCleanup(() => clearTimeout(timer));
  return (slice) => reached() >= slice;
}

/**
 * A long list drawn a slice per task: the first `step` items at once, `step` more each task after,
 * until every item is shown (and again when the list grows, after a sync). Drawn in one go, the
 * findings list's rows held a phone's screen thread for a few hundred milliseconds after the first
 * sync. Rows keep their identity, so a growing list only adds rows below those drawn.
 */
export function createProgressive<T>(items: Accessor<readonly T[]>, step = 8): Accessor<readonly T[]> {
  const [count, setCount] = createSignal(step);
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    if (count() >= items().length) return;
    clearTimeout(timer);
    timer = setTimeout(() => setCount((n) => n + step), 0);
  });
  onCleanup(() => clearTimeout(timer));
  return createMemo(() => {
    const all = items();
    return count() >= all.length ? all : all.slice(0, count());
  });
}
