/** Moves focus to the element with `id` once Solid has drawn it (it may not exist yet). */
export const focusSoon = (id: string) => queueMicrotask(() => document.getElementById(id)?.focus());
