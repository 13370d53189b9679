import type { Language } from "../../i18n";
import { loadFormats } from "../../intl-formats";
import { ApiError, createApi } from "../api";
import { openLocalDatabase } from "./database";
import { pullAll } from "./pull";

/** What the page asks of the pull worker, and what it hears back (pull-worker.ts). */
export interface PullRequest {
  name: string;
  orgId: string;
  /** The interface language, whose formatting data the worker loads while its first request is on the way (pullAhead). */
  language?: Language;
}
export type PullMessage = { type: "page"; touched: string[] } | { type: "done" } | { type: "error"; status: number; code: string; message: string };

// Typed by hand: the project's one tsconfig has the DOM's types, whose `self` is a window.
const scope = self as unknown as { postMessage(message: PullMessage): void; onmessage: ((event: MessageEvent<PullRequest>) => void) | null };
/** The language whose formatting data is to be loaded here: set by the first request, null once done or not asked for. */
let formats: Language | null | undefined;
const api = createApi({
  fetch: (input, init) => {
    const sent = fetch(input, init);
    // The page then need not start a warm-up worker of its own (intl-warmup.ts) while it draws:
    // this one loads the data while the network answers.
    const language = formats;
    if (language) {
      formats = null;
      setTimeout(() => {
        try {
          loadFormats(language);
        } catch {
          // Only a head start is lost.
        }
      }, 0);
    }
    return sent;
  },
});
let open: { name: string; db: Promise<IDBDatabase> } | null = null;

function database(name: string): Promise<IDBDatabase> {
  if (open?.name !== name) {
    const db = openLocalDatabase(name).then((db) => {
      // The page is deleting or upgrading the database (logged out): let it.
      db.onversionchange = () => {
        db.close();
        open = null;
      };
      return db;
    });
    open = { name, db };
  }
  return open.db;
}

scope.onmessage = (event) => {
  formats ??= event.data.language ?? null;
  void (async () => {
    try {
      const db = await database(event.data.name);
      await pullAll(db, api, event.data.orgId, (touched) => scope.postMessage({ type: "page", touched: [...touched] }), { pause: false });
      scope.postMessage({ type: "done" });
    } catch (err) {
      scope.postMessage(err instanceof ApiError ? { type: "error", status: err.status, code: err.code, message: err.message } : { type: "error", status: 0, code: "pull_worker", message: String(err) });
    }
  })();
};
