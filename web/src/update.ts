import { createSignal } from "solid-js";

/** Holds "a new service worker is waiting" and how to switch to it when the user agrees. */
export function createUpdatePrompt() {
  const [apply, setApply] = createSignal<(() => void) | null>(null);
  return {
    available: () => apply() !== null,
    offer(applyUpdate: () => void) {
      setApply(() => applyUpdate);
    },
    accept() {
      apply()?.();
    },
  };
}

export type UpdatePrompt = ReturnType<typeof createUpdatePrompt>;

/**
 * Registers the Workbox service worker (production builds only). A new version waits until the
 * user presses Reload in the banner; then it takes over and the page reloads once it controls it.
 */
export async function registerServiceWorker(prompt: UpdatePrompt) {
  if (!("serviceWorker" in navigator)) return;
  const { Workbox } = await import("workbox-window");
  const wb = new Workbox("/sw.js");
  wb.addEventListener("waiting", () => {
    prompt.offer(() => {
      wb.addEventListener("controlling", () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  await wb.register();
  document.documentElement.dataset.sw = "registered";
}
