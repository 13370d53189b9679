import { createClient, type Client } from "@libsql/client";
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { BackupSchedule } from "../config";
import { databaseFile } from "../db/client";
import { securityEvent, type Logger } from "../log";
import { integrityCheck } from "./integrity";

/** A backup that was not written, with the reason an operator can act on. */
export class BackupFailed extends Error {}

export interface WrittenBackup {
  file: string;
  bytes: number;
}

/** What to do instead for a database this command cannot copy; shown when DATABASE_URL is not a file. */
export const REMOTE_BACKUP_ADVICE =
  "npm run backup copies an embedded (file:) database. For sqld, copy its data directory while it is stopped, or use its snapshot support; for Turso, use `turso db shell <database> .dump > backup.sql` (or Turso's point-in-time restore).";

/**
 * Writes a consistent copy of the database behind `client` to `file` and verifies it with
 * `PRAGMA integrity_check`. VACUUM INTO reads the whole database in one read transaction, so
 * the copy holds exactly what was committed when it began, while writers carry on (WAL); photos
 * are rows too, so they are in it. The copy is written under a temporary name and renamed once
 * verified: a file with the backup's name is always a whole, checked backup.
 */
export async function writeBackup(client: Client, file: string): Promise<WrittenBackup> {
  const target = resolve(file);
  if (existsSync(target)) throw new BackupFailed(`${target} exists already; a backup never overwrites a file, so choose a new name`);
  if (!existsSync(dirname(target))) throw new BackupFailed(`the folder ${dirname(target)} does not exist`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    await client.execute({ sql: "VACUUM INTO ?", args: [partial] });
    const problem = await checkBackupFile(partial);
    if (problem) throw new BackupFailed(`the copy failed its integrity check: ${problem}`);
    syncFile(partial);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  return { file: target, bytes: statSync(target).size };
}

/** `PRAGMA integrity_check` on a backup file: null when sound, else what SQLite found. */
export async function checkBackupFile(file: string): Promise<string | null> {
  const copy = createClient({ url: `file:${file}` });
  try {
    return await integrityCheck(copy);
  } finally {
    copy.close();
  }
}

/** Data on the disk before the rename that makes it visible, so a crash cannot leave a named but empty backup. */
export function syncFile(file: string) {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * `npm run backup -- <file>`: a backup of the database DATABASE_URL names, taken beside a running
 * server (it only reads). Logged as `backup_written` or `backup_failed`.
 */
export async function backupDatabase(databaseUrl: string, file: string, log: Logger): Promise<WrittenBackup> {
  try {
    const source = databaseFile(databaseUrl);
    if (!source) throw new BackupFailed(`DATABASE_URL is ${databaseUrl}, not a file. ${REMOTE_BACKUP_ADVICE}`);
    // Opening a missing file would create an empty database, and back that up.
    if (!existsSync(source)) throw new BackupFailed(`there is no database at ${source}`);
    const client = createClient({ url: databaseUrl, timeout: 5000 });
    try {
      return logged(log, await writeBackup(client, file));
    } finally {
      client.close();
    }
  } catch (err) {
    securityEvent(log, "backup_failed", { file: resolve(file), reason: (err as Error).message });
    throw err;
  }
}

function logged(log: Logger, backup: WrittenBackup) {
  securityEvent(log, "backup_written", { file: backup.file, bytes: backup.bytes });
  return backup;
}

const SCHEDULED_NAME = /^chefsache-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})\.(\d{3})Z\.db$/;

/** A scheduled backup's name: its time, sortable as text, with no characters a file system minds. */
export const scheduledBackupName = (at: Date) => `chefsache-${at.toISOString().replace(/:/g, "-")}.db`;

/** The scheduled backups in `dir`, oldest first, with when each was taken. Other files are not ours and are left alone. */
export function scheduledBackups(dir: string): { file: string; at: Date }[] {
  return readdirSync(dir)
    .map((name) => ({ name, match: SCHEDULED_NAME.exec(name) }))
    .filter((entry) => entry.match)
    .map(({ name, match }) => ({ file: join(dir, name), at: new Date(`${match![1]}T${match![2]}:${match![3]}:${match![4]}.${match![5]}Z`) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Deletes all but the newest `keep` scheduled backups in `dir`; returns the files deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const stale = scheduledBackups(dir).slice(0, -keep);
  for (const { file } of stale) rmSync(file, { force: true });
  return stale.map((entry) => entry.file);
}

// setTimeout's longest wait; a longer one would fire at once.
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface BackupScheduler {
  /** Takes a scheduled backup now and prunes the old ones (as the timer does). */
  runNow(): Promise<WrittenBackup | undefined>;
  stop(): void;
}

/**
 * Backups every `everyMs` into `dir`, keeping the newest `keep`. The next one is due `everyMs`
 * after the newest already there (at once when there is none), so restarts (deploys) neither
 * skip nor repeat a backup. Failures are logged, never thrown: the server keeps serving, and
 * the next turn, `everyMs` later, tries again.
 */
export function scheduleBackups(client: Client, { dir, everyMs, keep }: BackupSchedule, log: Logger): BackupScheduler {
  const folder = resolve(dir);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new Error(`BACKUP_DIR is ${folder}, which is not an existing folder`);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastAttempt = -Infinity;

  const runNow = async () => {
    lastAttempt = Date.now();
    const file = join(folder, scheduledBackupName(new Date(lastAttempt)));
    try {
      const backup = logged(log, await writeBackup(client, file));
      pruneBackups(folder, keep);
      return backup;
    } catch (err) {
      securityEvent(log, "backup_failed", { file, reason: (err as Error).message });
      return undefined;
    }
  };
  const dueAt = () => {
    const newest = scheduledBackups(folder).at(-1)?.at.getTime();
    return newest === undefined && lastAttempt === -Infinity ? Date.now() : Math.max(newest ?? -Infinity, lastAttempt) + everyMs;
  };
  const arm = () => {
    if (stopped) return;
    const due = dueAt();
    timer = setTimeout(
      async () => {
        if (Date.now() >= due) await runNow();
        arm();
      },
      Math.min(Math.max(due - Date.now(), 0), MAX_TIMER_MS),
    );
    timer.unref();
  };
  arm();
  return {
    runNow,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
