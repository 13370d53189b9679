import { createClient } from "@libsql/client";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { databaseFile, ensureDatabaseDirectory, migrationsFolder, openDatabase } from "../db/client";
import { securityEvent, type Logger } from "../log";
import { checkBackupFile, syncFile } from "./backup";

/** A restore that did not happen; the database was left as it was. */
export class RestoreRefused extends Error {}

export interface RestoreOptions {
  log: Logger;
  /** Skip the is-a-server-using-it check, for a file too damaged to be asked. */
  force?: boolean;
}

/**
 * `npm run restore -- <file>`: replaces the database DATABASE_URL names with the backup `file`.
 * The backup is copied beside the database first and that copy is checked (integrity_check,
 * and that this build knows every migration in it), so a refusal leaves everything as it was.
 * The copy then replaces the database by a rename, which is atomic, and pending migrations are
 * applied. The server must be stopped; a server still using the file is detected and refused.
 */
export async function restoreDatabase(backupFile: string, databaseUrl: string, { log, force = false }: RestoreOptions): Promise<{ file: string; migrationsApplied: number }> {
  const target = databaseFile(databaseUrl);
  if (!target) throw new RestoreRefused(`DATABASE_URL is ${databaseUrl}, not a file: restore a sqld or Turso database with its own tools (see README, "Backups and restore").`);
  const backup = resolve(backupFile);
  if (!existsSync(backup)) throw new RestoreRefused(`There is no backup at ${backup}.`);
  try {
    ensureDatabaseDirectory(databaseUrl);
  } catch (err) {
    throw new RestoreRefused((err as Error).message);
  }

  const incoming = `${target}.restoring`;
  copyFileSync(backup, incoming);
  let pending: number;
  try {
    pending = await judgeBackup(incoming, backup);
    if (existsSync(target) && !force) assertUnused(target);
    // Side files of the old database would be read as this one's: a stale WAL replayed onto the
    // restored pages corrupts them. The check above folded the WAL into the old file first.
    for (const side of ["-wal", "-shm", "-journal"]) rmSync(`${target}${side}`, { force: true });
    syncFile(incoming);
    // Same folder, so the rename is atomic: the database is the old file or the new one, never half of either.
    renameSync(incoming, target);
  } finally {
    rmSync(incoming, { force: true });
  }

  const database = await openDatabase(databaseUrl);
  database.close();
  securityEvent(log, "database_restored", { file: target, from: backup, migrationsApplied: pending });
  return { file: target, migrationsApplied: pending };
}

/** Refuses a backup that is damaged, is not Chefsache's, or was made by a newer build; answers how many migrations it lacks. */
async function judgeBackup(copy: string, backup: string): Promise<number> {
  const problem = await checkBackupFile(copy);
  if (problem) throw new RestoreRefused(`${backup} fails its integrity check (${problem}); choose another backup.`);
  const known = readMigrationFiles({ migrationsFolder });
  const applied = await appliedMigrations(copy, backup);
  const knownHashes = new Set(known.map((m) => m.hash));
  const knownTimes = new Set(known.map((m) => m.folderMillis));
  const unknown = applied.filter((m) => !knownHashes.has(m.hash) && !knownTimes.has(m.createdAt));
  if (unknown.length) {
    const when = unknown.map((m) => new Date(m.createdAt).toISOString()).join(", ");
    throw new RestoreRefused(`${backup} was made by a newer version of Chefsache: it has ${unknown.length} migration(s) this version lacks (created ${when}). Restore it with that version or a later one.`);
  }
  const newest = Math.max(...applied.map((m) => m.createdAt));
  return known.filter((m) => m.folderMillis > newest).length;
}

async function appliedMigrations(copy: string, backup: string) {
  const client = createClient({ url: `file:${copy}` });
  try {
    const table = await client.execute("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'");
    if (!table.rows.length) throw new RestoreRefused(`${backup} is not a Chefsache backup (it has no migrations table).`);
    const rows = await client.execute("select hash, created_at from __drizzle_migrations");
    return rows.rows.map((row) => ({ hash: String(row.hash), createdAt: Number(row.created_at) }));
  } finally {
    client.close();
  }
}

/**
 * Refuses when another process has the database open. Taking SQLite's exclusive lock answers
 * that; it runs in a child process because this process must not hold a connection to the
 * file it is about to replace (libSQL closes connections lazily, and a late close of one
 * would delete the new database's WAL by name). The child also folds the old WAL into the old
 * file, so removing the WAL afterwards loses nothing should the restore stop halfway.
 */
function assertUnused(target: string) {
  const libsql = createRequire(import.meta.url).resolve("@libsql/client");
  const probe = spawnSync(process.execPath, ["--input-type=module", "-e", EXCLUSIVE_PROBE, libsql, target], { encoding: "utf8", timeout: 30_000 });
  if (probe.status === 0) return;
  if (probe.status === IN_USE)
    throw new RestoreRefused(`${target} is in use: stop the Chefsache server (and anything else using the file), then run the restore again.`);
  throw new RestoreRefused(
    `Could not tell whether a server is using ${target} (${(probe.stderr || probe.error?.message || "no answer").trim()}). Stop the server, then run the restore again with --force.`,
  );
}

const IN_USE = 3;

const EXCLUSIVE_PROBE = `
const [libsql, file] = process.argv.slice(1);
const { createClient } = await import(libsql);
const client = createClient({ url: "file:" + file, timeout: 200 });
try {
  await client.executeMultiple("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT; PRAGMA wal_checkpoint(TRUNCATE);");
  process.exit(0);
} catch (err) {
  if (String(err.code).startsWith("SQLITE_BUSY")) process.exit(${IN_USE});
  console.error(err.message);
  process.exit(1);
}
`;
