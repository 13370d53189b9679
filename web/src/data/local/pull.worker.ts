import { ApiError, createApi } from "../api";
import { openLocalDatabase } from "./database";
import { pullAll } from "./pull";

/** What the page asks of the pull worker, and what it hears back (pull-worker.ts). */
export interface PullRequest {
  name: string;
  orgId: string;
}
export type PullMessage = { type: "page"; touched: string[] } | { type: "done" } | { type: "error"; status: number; code: string; message: string };

// Typed by hand: the project's one tsconfig has the DOM's types, whose `self` is a window.
const scope = self as unknown as { postMessage(message: PullMessage): void; onmessage: ((event: MessageEvent<PullRequest>) => void) | null };
const api = createApi();
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
