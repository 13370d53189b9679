/**
 * The real server as `npm start` runs it (built PWA, fresh database), as its own process on a
 * free port: for the browser tests and the Lighthouse bench.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Waits until `url` answers 200 from the process `child` started; fails if it exits or takes 30 s. */
export async function answering(url: string, child: ChildProcess, what: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited early: ${what()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`did not start: ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts the server (the built PWA from `webRoot`, default dist/, or E2E_WEB_ROOT) on a fresh database. */
export async function startServer(webRoot = process.env.E2E_WEB_ROOT ?? "./dist"): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), "chefsache-server-"));
  const port = await freePort();
  // `node --import tsx` rather than `npx tsx`, so killing the child kills the server itself.
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${join(dir, "server.db")}`, WEB_ROOT: webRoot },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  await answering(`${baseUrl}/api/health`, child, () => `server\n${output}`);
  return {
    baseUrl,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
