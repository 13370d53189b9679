import { createClient, type Client, type InArgs, type InStatement, type Transaction, type TransactionMode } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_DATABASE_URL } from "../config";
import { DatabaseCorrupt, isCorruption, quickCheck } from "../ops/integrity";
import * as schema from "./schema";

export type Db = ReturnType<typeof makeDrizzle>;

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../migrations");

function makeDrizzle(client: Client) {
  return withCommitHooks(drizzle(client, { schema, casing: "snake_case" }));
}

type DrizzleDb = ReturnType<typeof drizzle<typeof schema>>;
type CommitHook = (db: Db) => void;

/** The hooks waiting for a transaction's commit, by its `tx` (a nested transaction shares its outer one's). */
const commitHooks = new WeakMap<object, CommitHook[]>();
const hookedDatabases = new WeakSet<object>();

/**
 * Gives `db.transaction` after-commit hooks (see `afterCommit`): they run once the outermost
 * transaction has committed, never when it rolls back.
 */
function withCommitHooks<D extends DrizzleDb>(db: D): D {
  const transaction = db.transaction.bind(db);
  const track = (tx: object, hooks: CommitHook[]) => {
    commitHooks.set(tx, hooks);
    const nested = tx as { transaction: D["transaction"] };
    const begin = nested.transaction.bind(tx);
    nested.transaction = ((work, config) => begin((inner) => (track(inner, hooks), work(inner)), config)) as D["transaction"];
  };
  db.transaction = (async (work, config) => {
    const hooks: CommitHook[] = [];
    const result = await transaction((tx) => (track(tx, hooks), work(tx)), config);
    for (const hook of hooks) hook(db as unknown as Db);
    return result;
  }) as D["transaction"];
  hookedDatabases.add(db);
  return db;
}

/**
 * Runs `hook` once what `writer` wrote is committed: after its transaction commits, or at once
 * when `writer` is the database itself (each statement committed on its own). A writer this
 * module did not make (a bare drizzle handle) never runs it.
 */
export function afterCommit(writer: object, hook: CommitHook): void {
  const hooks = commitHooks.get(writer);
  if (hooks) hooks.push(hook);
  else if (hookedDatabases.has(writer)) hook(writer as Db);
}

export interface DbHandle {
  db: Db;
  client: Client;
  close(): void;
}

/** The file an embedded (`file:`) database URL names, absolute; undefined for sqld/Turso and `:memory:`. */
export function databaseFile(url: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  const path = url.slice("file:".length).replace(/^\/\/(localhost)?(?=\/)/, "").split("?")[0]!;
  return path && path !== ":memory:" ? resolve(path) : undefined;
}

/**
 * The default database's folder is made on first start, as a fresh install expects. Any other
 * path must already exist: a typo or an unmounted volume would otherwise start an empty
 * installation beside the real one, and people would set up a new organisation in it.
 */
export function ensureDatabaseDirectory(url: string): void {
  const file = databaseFile(url);
  if (!file || existsSync(dirname(file))) return;
  if (url === DEFAULT_DATABASE_URL) {
    mkdirSync(dirname(file), { recursive: true });
    return;
  }
  throw new Error(`DATABASE_URL names ${file}, but its folder ${dirname(file)} does not exist. Create the folder (or fix the path) and start again.`);
}

/**
 * Opens the database named by `url`: a `file:` path for the embedded engine, or a
 * `libsql://` / `http(s)://` URL (sqld, Turso) with an auth token. A file that fails
 * `quick_check` is refused (`DatabaseCorrupt`) before any migration touches it. Applies
 * pending migrations before returning, so a fresh database is usable at once.
 */
export async function openDatabase(url: string, authToken?: string): Promise<DbHandle> {
  ensureDatabaseDirectory(url);
  const file = databaseFile(url);
  // The busy timeout is for other processes sharing the file. It goes in the client config
  // because a PRAGMA would hold for one pooled connection only.
  const raw = createClient({ url, authToken, timeout: 5000 });
  const client = url.startsWith("file:") ? queueWriters(raw) : raw;
  try {
    if (url.startsWith("file:")) {
      // WAL lets readers carry on while a write commits; it is a property of the file, so
      // it holds for the extra connections libSQL opens for transactions.
      await client.execute("PRAGMA journal_mode = WAL");
      const problem = file ? await quickCheck(client) : null;
      if (problem) throw new DatabaseCorrupt(file!, problem);
    }
    const db = makeDrizzle(client);
    await migrate(db, { migrationsFolder });
    return { db, client, close: () => client.close() };
  } catch (err) {
    client.close();
    throw file && isCorruption(err) ? new DatabaseCorrupt(file, (err as Error).message) : err;
  }
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
