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
