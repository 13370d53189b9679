import { createClient, type Client } from "@libsql/client";
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
  const client = createClient({ url, authToken });
  if (url.startsWith("file:")) {
    // WAL lets readers carry on while a write commits; it is a property of the file, so
    // it holds for the extra connections libSQL opens for transactions.
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA busy_timeout = 5000");
  }
  const db = makeDrizzle(client);
  await migrate(db, { migrationsFolder });
  return { db, client, close: () => client.close() };
}
