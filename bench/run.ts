/**
 * npm run bench: prints the figures the issues set targets for, measured in one run.
 *  - authenticated GET /api/me against a bare Hono handler served the same way (ratio, target ≥ 0.5)
 *  - gzipped size of the JS the app shell loads (target ≤ 50 KB)
 *  - the board view's summary on 1,000,000 findings (median, target ≤ 100 ms)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { load, median } from "./load";
import { benchBoard } from "./board";
import { benchPull, benchPush } from "./sync";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = 3;
const CONCURRENCY = 32;

function startServer(mode: "app" | "bare") {
  return new Promise<{ port: number; child: ChildProcess }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/serve.ts", mode], { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (text: string) => {
      const match = /ready (\d+)/.exec(text);
      if (match) resolve({ port: Number(match[1]), child });
    });
    child.on("exit", (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

async function rps(mode: "app" | "bare") {
  const { port, child } = await startServer(mode);
  try {
    let headers: Record<string, string> = {};
    if (mode === "app") {
      const res = await fetch(`http://127.0.0.1:${port}/api/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mode: "demo" }) });
      const cookie = res.headers.get("set-cookie")?.split(";")[0];
      if (res.status !== 201 || !cookie) throw new Error(`demo setup failed: ${res.status}`);
      headers = { cookie };
    }
    await load({ port, path: "/api/me", headers, seconds: 1, concurrency: CONCURRENCY }); // warm-up (JIT, caches)
    const result = await load({ port, path: "/api/me", headers, seconds: SECONDS, concurrency: CONCURRENCY });
    if (result.errors > 0) throw new Error(`${mode}: ${result.errors} failed requests`);
    return result.perSecond;
  } finally {
    child.kill();
  }
}

function shellJsGzipBytes(distDir = "dist") {
  const html = readFileSync(join(distDir, "index.html"), "utf8");
  const sources = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
  let total = 0;
  for (const src of new Set(sources)) total += gzipSync(readFileSync(join(distDir, src.replace(/^\//, ""))), { level: 9 }).length;
  return { files: sources.length, bytes: total };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const row = (name: string, value: string, target: string, ok: boolean) =>
  console.log(`${ok ? "PASS" : "MISS"}  ${name.padEnd(44)} ${value.padStart(14)}   target ${target}`);

console.log(`Chefsache bench — node ${process.version}, ${ROUNDS} alternating rounds of ${SECONDS}s per server, ${CONCURRENCY} connections\n`);
// Alternating rounds and medians, so a burst of other work on the machine hits both sides alike.
const bareRuns: number[] = [];
const appRuns: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  bareRuns.push(await rps("bare"));
  appRuns.push(await rps("app"));
}
const bare = median(bareRuns);
const app = median(appRuns);
const ratio = app / bare;
row("bare Hono GET /api/me (req/s)", bare.toFixed(0), "-", true);
row("authenticated GET /api/me (req/s)", app.toFixed(0), "-", true);
row("ratio app / bare", ratio.toFixed(2), "≥ 0.50", ratio >= 0.5);
const shell = shellJsGzipBytes();
row(`app shell JS, gzipped (${shell.files} files)`, `${kb(shell.bytes)} KB`, "≤ 50 KB", shell.bytes <= 50 * 1024);

// Sync: 20 batches of 500 findings (10,000 changes), then a device pulling all of them.
const push = await benchPush(20);
const pushRatio = push.pushPerSecond / push.rawPerSecond;
row("raw batched inserts into libSQL (rows/s)", push.rawPerSecond.toFixed(0), "-", true);
row("sync/push, batches of 500 (mutations/s)", push.pushPerSecond.toFixed(0), "-", true);
row("ratio push / raw inserts", pushRatio.toFixed(2), "≥ 0.25", pushRatio >= 0.25);
const pulled = await benchPull(push);
row(`full pull of ${pulled.changes} changes (ms)`, pulled.ms.toFixed(0), "-", true);

// The board view: 1,000,000 findings, 20,000 visits and 2,000 experiments, median of 30 summaries.
const board = await benchBoard();
row("GET /board/summary, 1M findings (median ms)", board.medianMs.toFixed(1), "≤ 100 ms", board.medianMs <= 100);
