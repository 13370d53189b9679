import type { Language } from "./i18n";

/**
 * Has a worker load the formatting data of the interface language (see intl-warmup.worker.ts),
 * so the first screen that shows a number or a date does not load it on the screen's thread.
 * Best effort: without module workers the page simply loads it itself, as before.
 */
export function warmUpIntl(language: Language): void {
  if (typeof Worker === "undefined") return;
  try {
    // The language goes in the worker's name: a message to a worker still starting held the page's
    // thread until it could take it (20–30 ms on a phone).
    new Worker(new URL("./intl-warmup.worker.ts", import.meta.url), { type: "module", name: language });
  } catch {
    // No worker: nothing is lost but the head start.
  }
}
