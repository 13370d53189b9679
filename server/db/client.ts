import { createClient, type Client, type InArgs, type InStatement, type Transaction, type TransactionMode } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as schema from "./schema";

export type Db = ReturnType<typeof makeDrizzle>;

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../migrations");

function makeDrizzle(client: Client) {
  return drizzle(client, { schema, casing: "snake_case" });
}

export interface DbHandle {
  db: Db;
  client: Client;
  close(): void;
}

/**
 * Opens the database named by `url`: a `file:` path for the embedded engine, or a
 * `libsql://` / `http(s)://` URL (sqld, Turso) with an auth token. Applies pending
 * migrations before returning, so a fresh database is usable at once.
 */
export async function openDatabase(url: string, authToken?: string): Promise<DbHandle> {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length);
    if (path && path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  // The busy timeout is for other processes sharing the file. It goes in the client config
  // because a PRAGMA would hold for one pooled connection only.
  const raw = createClient({ url, authToken, timeout: 5000 });
  const client = url.startsWith("file:") ? queueWriters(raw) : raw;
  if (url.startsWith("file:")) {
    // WAL lets readers carry on while a write commits; it is a property of the file, so
    // it holds for the extra connections libSQL opens for transactions.
    await client.execute("PRAGMA journal_mode = WAL");
  }
  const db = makeDrizzle(client);
  await migrate(db, { migrationsFolder });
  return { db, client, close: () => client.close() };
}

const READ_ONLY = /^\s*(select|pragma)\b/i;

/**
 * One writer at a time within this process. The embedded engine answers synchronously, so a
 * connection waiting on SQLite's busy timeout would freeze the event loop, and with it the
 * open transaction holding the write lock: a deadlock until the timeout, then SQLITE_BUSY.
 * Instead writers queue here: a transaction holds the turn from BEGIN to COMMIT/ROLLBACK, a
 * write outside a transaction waits for it, reads go straight through (WAL).
 * Code inside a transaction must use its `tx`, never `db`, for writes (it would wait for itself).
 */
function queueWriters(client: Client): Client {
  let tail: Promise<void> = Promise.resolve();
  const turn = () => {
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const ready = tail.then(() => release);
    tail = tail.then(() => done);
    return ready;
  };
  const inTurn = async <T>(work: () => Promise<T>) => {
    const release = await turn();
    try {
      return await work();
    } finally {
      release();
    }
  };
  const sqlOf = (stmt: InStatement) => (typeof stmt === "string" ? stmt : stmt.sql);

  return new Proxy(client, {
    get(target, prop) {
      switch (prop) {
        case "execute":
          return (stmt: InStatement, args?: InArgs) =>
            READ_ONLY.test(sqlOf(stmt)) ? target.execute(stmt as string, args) : inTurn(() => target.execute(stmt as string, args));
        case "batch":
        case "migrate":
        case "executeMultiple":
          return (...args: unknown[]) => inTurn(() => (target[prop] as (...a: unknown[]) => Promise<unknown>)(...args));
        case "transaction":
          return async (mode?: TransactionMode) => {
            const release = await turn();
            let tx: Transaction;
            try {
              tx = await target.transaction(mode);
            } catch (err) {
              release();
              throw err;
            }
            const finish = async (work: () => Promise<void>) => {
              try {
                await work();
              } finally {
                release();
              }
            };
            return new Proxy(tx, {
              get(txTarget, txProp) {
                if (txProp === "commit") return () => finish(() => txTarget.commit());
                if (txProp === "rollback") return () => finish(() => txTarget.rollback());
                if (txProp === "close")
                  return () => {
                    try {
                      txTarget.close();
                    } finally {
                      release();
                    }
                  };
                const value = Reflect.get(txTarget, txProp, txTarget);
                return typeof value === "function" ? value.bind(txTarget) : value;
              },
            });
          };
        default: {
          const value = Reflect.get(target, prop, target);
          return typeof value === "function" ? value.bind(target) : value;
        }
      }
    },
  });
}
