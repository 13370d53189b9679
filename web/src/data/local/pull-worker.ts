import { ApiError } from "../api";
import type { PullMessage, PullRequest } from "./pull.worker";

/** The worker could not run a pull (it failed to load, or threw outside the pull): pull here instead. */
export class PullWorkerFailed extends Error {
  override readonly name = "PullWorkerFailed";
}

export interface PullWorker {
  /** Pulls everything new; `onPage` runs for each merged page, in order, before the promise settles. */
  pull(onPage: (touched: Set<string>) => Promise<void>): Promise<void>;
  close(): void;
}

/**
 * Runs the device's pulls in a worker, so fetching, parsing and merging thousands of records
 * (a first sync) leaves the screen's thread free to draw and answer taps. Null where the
 * browser has no module workers (tests in Node, old browsers): the page pulls itself then.
 */
export function startPullWorker(request: PullRequest): PullWorker | null {
  if (typeof Worker === "undefined") return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL("./pull.worker.ts", import.meta.url), { type: "module", name: "pull" });
  } catch {
    return null;
  }
  let current: { onPage: (touched: Set<string>) => Promise<void>; chain: Promise<void>; resolve: () => void; reject: (error: Error) => void } | null = null;
  const settle = (outcome: Error | null) => {
    const run = current;
    if (!run) return;
    current = null;
    // Pages still being taken in by the page finish first: the caller sees them all.
    void run.chain.then(() => (outcome ? run.reject(outcome) : run.resolve()), run.reject);
  };
  worker.onmessage = (event: MessageEvent<PullMessage>) => {
    const message = event.data;
    if (message.type === "page" && current) {
      const { onPage } = current;
      current.chain = current.chain.then(() => onPage(new Set(message.touched)));
    } else if (message.type === "done") settle(null);
    else if (message.type === "error") settle(message.code === "pull_worker" ? new PullWorkerFailed(message.message) : new ApiError(message.status, message.code, message.message));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    settle(new PullWorkerFailed(event.message || "the pull worker failed"));
  };
  return {
    pull(onPage) {
      if (current) return Promise.reject(new Error("a pull is already running"));
      return new Promise<void>((resolve, reject) => {
        current = { onPage, chain: Promise.resolve(), resolve, reject };
        worker.postMessage(request);
      });
    },
    close() {
      worker.terminate();
      settle(new PullWorkerFailed("closed"));
    },
  };
}
