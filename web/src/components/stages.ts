import { createComponent, createComputed, createMemo, createSignal, onCleanup, Show, type Accessor, type JSX } from "solid-js";

/**
 * How long the page draws later parts of a screen before it lets the browser answer a tap or
 * draw a frame. Measured on the device itself, so a slow phone draws fewer parts per task; a
 * task that holds the thread past 50 ms is one a person feels (a tap that waits).
 */
export const SLICE_BUDGET_MS = 5;

/**
 * The parts waiting to be drawn, in the order they will be. One queue for the page, so the budget
 * holds for all parts together, whichever screen or section set them off.
 */
const waiting: (() => void)[] = [];
/** While a part draws, the parts it sets off go right after it, not after every part already waiting. */
let insertAt: number | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function drawSome(): void {
  timer = undefined;
  const start = performance.now();
  try {
    while (waiting.length > 0) {
      const part = waiting.shift()!;
      insertAt = 0;
      try {
        part();
      } finally {
        insertAt = null;
      }
      if (performance.now() - start >= SLICE_BUDGET_MS) break;
    }
  } finally {
    // A part that failed does not stop the ones after it.
    if (waiting.length > 0) timer ??= setTimeout(drawSome, 0);
  }
}

/** Draws `part` in a later task, within the budget; the returned function takes it back if it has not drawn yet. */
function later(part: () => void): () => void {
  if (insertAt === null) waiting.push(part);
  else waiting.splice(insertAt++, 0, part);
  timer ??= setTimeout(drawSome, 0);
  return () => {
    const at = waiting.indexOf(part);
    if (at < 0) return;
    waiting.splice(at, 1);
    if (insertAt !== null && at < insertAt) insertAt--;
    if (waiting.length === 0 && timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

/**
 * Lets a long screen draw in parts, in the order given: `shown(n)` turns true once the n-th
 * part's turn has come (part 0 at once), later parts in later tasks, as many per task as fit in
 * `SLICE_BUDGET_MS`. Drawn in one go, the board's first render held a phone's screen thread for
 * a few hundred milliseconds, during which a tap waited. Parts only ever add below what is drawn
 * when each part is the rest of its section (nothing already on screen moves). Call inside the
 * component that shows the parts.
 */
export function createStages(parts: number): (part: number) => boolean {
  const [reached, setReached] = createSignal(0);
  const cancels: (() => void)[] = [];
  for (let part = 1; part < parts; part++) cancels.push(later(() => setReached(part)));
  onCleanup(() => cancels.forEach((cancel) => cancel()));
  return (part) => reached() >= part;
}

/**
 * A long list drawn in parts: the first `first` items at once, `step` more per part after
 * (see createStages for the budget), until every item is shown (and again when the list grows,
 * after a sync). Drawn in one go, the findings list's rows held a phone's screen thread for a few
 * hundred milliseconds after the first sync. Rows keep their identity, so a growing list only
 * adds rows below those drawn.
 */
export function createProgressive<T>(items: Accessor<readonly T[]>, first = 8, step = Math.max(first, 1)): Accessor<readonly T[]> {
  const [count, setCount] = createSignal(first);
  let cancel: (() => void) | undefined;
  // At once, not as an effect after the render: the list's next part goes before the parts of
  // what is drawn below it, which are made in the same render.
  createComputed(() => {
    if (count() >= items().length || cancel) return;
    cancel = later(() => {
      cancel = undefined;
      setCount((n) => n + step);
    });
  });
  onCleanup(() => cancel?.());
  return createMemo(() => {
    const all = items();
    return count() >= all.length ? all : all.slice(0, count());
  });
}

/**
 * Its children drawn in a later part of the screen's drawing (see createStages). Give it the rest
 * of a section, not a piece in the middle, so what is drawn above it stays where it is. Written
 * without JSX so it lives here, with the parts, in the code every screen loads: in a file of its
 * own it became a chunk of its own, one more request for each screen that uses it.
 */
export function Later(props: { children: JSX.Element }): JSX.Element {
  const shown = createStages(2);
  return createComponent(Show as (props: { when: boolean; children: JSX.Element }) => JSX.Element, {
    get when() {
      return shown(1);
    },
    get children() {
      return props.children;
    },
  });
}
