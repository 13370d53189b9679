import type { Client } from "@libsql/client";
import type { Logger } from "../log";

export const INTEGRITY_CHECK_EVERY_MS = 60 * 60 * 1000;

/** What an operator types to get a damaged database replaced; named in every corruption message. */
export const RESTORE_COMMAND = "npm run restore -- <backup file>";

/** SQLite's answers for a file whose pages cannot be trusted: damaged pages, or not a database at all. */
export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

/** A database file that fails SQLite's own check: the server does not run on it. */
export class DatabaseCorrupt extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`The database file ${file} is damaged (${problem}). Chefsache will not run on it. Stop the server and restore the latest good backup: ${RESTORE_COMMAND}`);
  }
}

/**
 * `PRAGMA quick_check` (the structural part of integrity_check, without comparing indexes to
 * their tables, so it is fast enough for every start): null when the file is sound, else what
 * SQLite found. A damaged page usually makes SQLite throw rather than report, hence the catch.
 */
export async function quickCheck(client: Client): Promise<string | null> {
  try {
    return problemsOf(await client.execute("PRAGMA quick_check"), "quick_check");
  } catch (err) {
    if (isCorruption(err)) return (err as Error).message;
    throw err;
  }
}

/** `PRAGMA integrity_check`, the thorough check, for backups: null when sound, else what SQLite found. */
export async function integrityCheck(client: Client): Promise<string | null> {
  try {
    return problemsOf(await client.execute("PRAGMA integrity_check"), "integrity_check");
  } catch (err) {
    if (isCorruption(err)) return (err as Error).message;
    throw err;
  }
}

function problemsOf(result: { rows: ArrayLike<Record<string, unknown>> }, column: string): string | null {
  const found = Array.from(result.rows, (row) => String(row[column]));
  return found.length === 1 && found[0] === "ok" ? null : found.slice(0, 5).join("; ") || "no answer";
}

export interface IntegrityStatus {
  /** When the last check finished (ISO), or null before the first one. */
  checkedAt: string | null;
  /** What the last check found wrong, or null when it passed. */
  problem: string | null;
}

export interface IntegrityWatch {
  readonly status: IntegrityStatus;
  /** Runs a quick_check now and remembers its verdict. */
  check(): Promise<IntegrityStatus>;
  /** Checks again every `everyMs` in the background (the timer does not keep the process alive). */
  start(everyMs?: number): void;
  stop(): void;
}

/**
 * The database's last quick_check, for `/api/health/ready`: a page can go bad while the server
 * runs (a failing disk), and a request that happens to avoid it would never tell.
 */
export function watchIntegrity(client: Client, { log, passedAt }: { log?: Logger; passedAt?: Date } = {}): IntegrityWatch {
  let status: IntegrityStatus = { checkedAt: passedAt?.toISOString() ?? null, problem: null };
  let timer: NodeJS.Timeout | undefined;
  const check = async () => {
    let problem: string | null;
    try {
      problem = await quickCheck(client);
    } catch (err) {
      // Not a verdict on the file (the client is closed, say): keep the last one.
      log?.warn({ err }, "integrity check could not run");
      return status;
    }
    status = { checkedAt: new Date().toISOString(), problem };
    if (problem) log?.error({ problem }, "database integrity check failed");
    return status;
  };
  return {
    get status() {
      return status;
    },
    check,
    start(everyMs = INTEGRITY_CHECK_EVERY_MS) {
      if (timer) return;
      timer = setInterval(() => void check(), everyMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
