import { nextTask } from "./tasks";

/**
 * When the first screen has what it came for. Work that can wait — the service worker's download
 * of every screen for offline use (about a hundred files) — waits for it, so on a phone's weak
 * signal it does not take bandwidth and processor from the screen's own code and first sync.
 */

/** Long enough for a first sync on slow 4G; a device that cannot sync (offline) waits no longer. */
export const FIRST_SCREEN_CAP_MS = 10_000;

let settle: () => void = () => undefined;
const settled = new Promise<void>((resolve) => {
  settle = resolve;
});

/** The screen has its data (the device's first sync of this visit has landed). */
export function firstScreenSettled(): void {
  settle();
}

/** Resolves once the first screen has settled, or after `FIRST_SCREEN_CAP_MS`, whichever is first. */
export function whenFirstScreenSettled(capMs = FIRST_SCREEN_CAP_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cap = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, capMs);
  });
  return Promise.race([settled, cap]).finally(() => clearTimeout(timer));
}

/**
 * After the first screen has its data, it still draws: its later sections and rows, a task at a
 * time (components/stages.ts), for a second or two on a slow phone.
 */
export const FIRST_SCREEN_DRAWING_MS = 3_000;

/**
 * Resolves once the first screen has settled and has had the time to draw the rest of itself:
 * work that can wait longest (the offline copies, whose download and storage take a phone's
 * processor too) does not compete with that either.
 */
export async function whenFirstScreenDone(capMs = FIRST_SCREEN_CAP_MS, drawingMs = FIRST_SCREEN_DRAWING_MS): Promise<void> {
  await whenFirstScreenSettled(capMs);
  await new Promise((resolve) => setTimeout(resolve, drawingMs));
}

/** A page in a background tab draws nothing: it goes on after this long anyway. */
const PAINT_CAP_MS = 1_000;
let painted: Promise<void> | undefined;

/**
 * Resolves once the browser has shown the page's first contentful frame (the header and the
 * screen's skeleton) and said so. The screen's code and the device's store are fetched and
 * opened after it:
 * - started in the same task, their requests and script work held that first frame back on a
 *   slow phone;
 * - the skeleton then gives way to the screen, which draws the same words anew. Replaced before
 *   the browser has reported its first frame, the skeleton would not count as what the person
 *   saw first: the largest contentful paint would be the screen's, later.
 */
export function afterFirstPaint(): Promise<void> {
  painted ??= new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(cap);
      observer?.disconnect();
      resolve();
    };
    // Without paint timing (an old browser, a test's DOM) there is nothing to wait for.
    const reported = typeof PerformanceObserver !== "undefined" && PerformanceObserver.supportedEntryTypes?.includes("paint");
    const cap = setTimeout(done, reported ? PAINT_CAP_MS : 0);
    let observer: PerformanceObserver | undefined;
    if (reported) {
      observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName("first-contentful-paint").length > 0) done();
      });
      observer.observe({ type: "paint", buffered: true });
    }
  });
  // Each waiter goes on in a task of its own: the store's code, the screen's and the formatters'
  // warm-up, started in one task, held a phone's thread for their sum.
  return painted.then(nextTask);
}
