import { createSignal, onCleanup } from "solid-js";

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
