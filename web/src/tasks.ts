/**
 * Resolves in a task of its own, after whatever the browser has waiting (a tap, a frame to draw).
 * Work split with it never holds a phone's thread for the sum of its parts.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
