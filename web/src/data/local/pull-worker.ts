import { ApiError } from "../api";
import type { PullMessage, PullRequest } from "./pull.worker";

/** The worker could not run a pull (it failed to load, or threw outside the pull): pull here instead. */
export class PullWorkerFailed extends Error {
  override readonly name = "PullWorkerFailed";
}

export interface PullWorker {
  /** Pulls everything new; `onPage` runs for each merged page, in order, before the promise settles. */
  pull(onPage: (touched: Set<string>) => Promise<void>): Promise<void>;
  /** Whether the next pull is the one begun as the page loaded (pullAhead). */
  readonly ahead: boolean;
  close(): void;
}

/** What a worker said: its messages, and its failures to run as a message of their own. */
type Heard = PullMessage | { type: "failed"; message: string };

function createWorker(): Worker | null {
  if (typeof Worker === "undefined") return null;
  try {
    return new Worker(new URL("./pull.worker.ts", import.meta.url), { type: "module", name: "pull" });
  } catch {
    return null;
  }
}

function listen(worker: Worker, hear: (heard: Heard) => void) {
  worker.onmessage = (event: MessageEvent<PullMessage>) => hear(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    hear({ type: "failed", message: event.message || "the pull worker failed" });
  };
}

/** A pull started as the page loaded (pullAhead), and what its worker said before the sync engine took it over. */
let ahead: { request: PullRequest; worker: Worker; heard: Heard[] } | null = null;

/**
 * Starts the device's pull as the page loads, for the person and organisation the server sent
 * the page for: the worker's script, the request and the merge run while the screen's code and
 * the device's store load, instead of after them, so on a first visit the screen has its
 * records when it draws. The sync engine's first pull is this one (startPullWorker). The worker
 * also loads the formatting data of `request.language` while its request is on the way. Says
 * whether the pull is under way (not where the browser has no module workers).
 */
export function pullAhead(request: PullRequest): boolean {
  if (ahead) return true;
  const worker = createWorker();
  if (!worker) return false;
  const heard: Heard[] = [];
  listen(worker, (message) => heard.push(message));
  worker.postMessage(request);
  ahead = { request, worker, heard };
  return true;
}

/** The pull started ahead for this database, if any; one for another is stopped. */
function takeAhead(request: PullRequest) {
  const taken = ahead;
  ahead = null;
  if (taken && (taken.request.name !== request.name || taken.request.orgId !== request.orgId)) {
    taken.worker.terminate();
    return null;
  }
  return taken;
}

/**
 * Runs the device's pulls in a worker, so fetching, parsing and merging thousands of records
 * (a first sync) leaves the screen's thread free to draw and answer taps. Null where the
 * browser has no module workers (tests in Node, old browsers): the page pulls itself then.
 */
export function startPullWorker(request: PullRequest): PullWorker | null {
  const taken = takeAhead(request);
  const worker = taken?.worker ?? createWorker();
  if (!worker) return null;
  let current: {
    onPage: (touched: Set<string>) => Promise<void>;
    chain: Promise<void>;
    resolve: () => void;
    reject: (error: Error) => void;
    /** The pull started ahead: should it fail, this run asks for a pull of its own. */
    ahead: boolean;
  } | null = null;
  /** What the pull started ahead said before the first pull was asked for; null once that has. */
  let early: Heard[] | null = taken ? taken.heard : null;
  const settle = (outcome: Error | null) => {
    const run = current;
    if (!run) return;
    current = null;
    // Pages still being taken in by the page finish first: the caller sees them all.
    void run.chain.then(() => (outcome ? run.reject(outcome) : run.resolve()), run.reject);
  };
  const hear = (message: Heard) => {
    if (early) return void early.push(message);
    const run = current;
    if (!run) return;
    if (message.type === "page") {
      const { onPage } = run;
      run.chain = run.chain.then(() => onPage(new Set(message.touched)));
    } else if (message.type === "done") settle(null);
    else if (message.type === "failed") settle(new PullWorkerFailed(message.message));
    else if (run.ahead) {
      // Started before anyone could hear its errors (offline, logged out meanwhile): pull again,
      // and that pull's answer is the one reported.
      run.ahead = false;
      worker.postMessage(request);
    } else settle(message.code === "pull_worker" ? new PullWorkerFailed(message.message) : new ApiError(message.status, message.code, message.message));
  };
  listen(worker, hear);
  return {
    pull(onPage) {
      if (current) return Promise.reject(new Error("a pull is already running"));
      return new Promise<void>((resolve, reject) => {
        current = { onPage, chain: Promise.resolve(), resolve, reject, ahead: early !== null };
        if (early) {
          const heard = early;
          early = null;
          heard.forEach(hear);
        } else worker.postMessage(request);
      });
    },
    get ahead() {
      return early !== null;
    },
    close() {
      worker.terminate();
      settle(new PullWorkerFailed("closed"));
    },
  };
}
