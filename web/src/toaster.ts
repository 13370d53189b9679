import { createSignal } from "solid-js";

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  message: string;
  tone: "success" | "error" | "info";
  action?: ToastAction;
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

  function show(message: string, extra: { tone?: Toast["tone"]; action?: ToastAction } = {}) {
    const toast: Toast = { id: nextId++, message, tone: extra.tone ?? "success", ...(extra.action ? { action: extra.action } : {}) };
    setToasts((list) => [...list.slice(-2), toast]);
    setTimeout(() => dismiss(toast.id), toast.action ? actionMs : plainMs);
    return toast.id;
  }

  return { toasts, show, dismiss };
}

