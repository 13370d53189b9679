import { createSignal } from "solid-js";

/**
 * What a toast says: `() => t(…)`, which follows a switch of the interface language while it
 * shows, or a text fixed as given (a server's own words).
 */
export type ToastText = string | (() => string);
export const toastText = (text: ToastText) => (typeof text === "function" ? text() : text);

export interface ToastAction {
  label: ToastText;
  run: () => void;
}

export interface Toast {
  id: number;
  message: ToastText;
  tone: "success" | "error" | "info";
  action?: ToastAction;
  /** Focus goes to the action as it shows (an undo with a short moment: reachable at once from the keyboard). */
  focus?: boolean;
}

/** Short confirmations shown in the shell's live region; a toast with an action stays longer. */
export function createToaster(options: { plainMs?: number; actionMs?: number } = {}) {
  const plainMs = options.plainMs ?? 5000;
  const actionMs = options.actionMs ?? 12000;
  const [toasts, setToasts] = createSignal<Toast[]>([]);
  let nextId = 1;

  function dismiss(id: number) {
    setToasts((list) => list.filter((toast) => toast.id !== id));
  }

  /** Shows a toast; `ms` sets how long it stays (an undo toast as long as the undo lasts). */
  function show(message: ToastText, extra: { tone?: Toast["tone"]; action?: ToastAction; ms?: number; focus?: boolean } = {}) {
    const toast: Toast = { id: nextId++, message, tone: extra.tone ?? "success", ...(extra.action ? { action: extra.action } : {}), ...(extra.focus ? { focus: true } : {}) };
    setToasts((list) => [...list.slice(-2), toast]);
    setTimeout(() => dismiss(toast.id), extra.ms ?? (toast.action ? actionMs : plainMs));
    return toast.id;
  }

  return { toasts, show, dismiss };
}

