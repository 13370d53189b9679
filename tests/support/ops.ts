import { createClient } from "@libsql/client";
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { answering, freePort } from "../../scripts/app-server";
import { openDatabase } from "../../server/db/client";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A temporary folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "chefsache-ops-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs a script (`scripts/backup.ts`, `server/main.ts`, …) as `npm run` does, to its end; answers its exit code and everything it printed. */
export function runScript(script: string, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { env: { ...process.env, LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The real server (API only: an empty web root) on the database `databaseUrl`, as its own process; stopped (SIGTERM) after the test unless stopped before. */
export async function serverOn(databaseUrl: string) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: { ...process.env, LOG_LEVEL: "info", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, WEB_ROOT: tempDir() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
  /** As a power cut would: nothing checkpointed, the WAL left beside the database. */
  const kill = async () => {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  };
  cleanups.push(stop);
  const baseUrl = `http://127.0.0.1:${port}`;
  await answering(`${baseUrl}/api/health`, child, () => output);
  return { baseUrl, stop, kill };
}

/**
 * A database file with `rows` rows of filler (several hundred pages), folded into the main file
 * (no WAL), so bytes written into the file's middle land on pages the database uses.
 */
export async function databaseWithPages(file: string, rows = 300): Promise<void> {
  const database = await openDatabase(`file:${file}`);
  await database.client.execute("create table filler (id integer primary key, body text not null)");
  for (let i = 0; i < rows; i += 50) {
    await database.client.batch(Array.from({ length: 50 }, (_, j) => ({ sql: "insert into filler (body) values (?)", args: [`row ${i + j} `.repeat(200)] })), "write");
  }
  await database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  database.close();
}

/** Garbage over `bytes` bytes in the middle of `file`, as a failing disk leaves it. */
export function damageMiddle(file: string, bytes = 16_384) {
  const size = statSync(file).size;
  const fd = openSync(file, "r+");
  try {
    writeSync(fd, Buffer.alloc(bytes, 0x5a), 0, bytes, Math.floor(size / 2 / 4096) * 4096);
  } finally {
    closeSync(fd);
  }
}

/** Rows of a query on a database file, through a connection of its own. */
export async function rowsOf(file: string, sql: string) {
  const client = createClient({ url: `file:${file}` });
  try {
    return (await client.execute(sql)).rows;
  } finally {
    client.close();
  }
}
