/**
 * npm run bench: prints the figures the issues set targets for, measured in one run.
 *  - authenticated GET /api/me against a bare Hono handler served the same way (ratio, target ≥ 0.5),
 *    loaded by wrk when installed (else Node processes), with a static route to show the generator's ceiling
 *  - gzipped size of the JS the app shell loads (target ≤ 50 KB)
 *  - sync push against raw inserts, a 10,000-change pull, and the demo's first pull compressed and not
 *  - the board view's summary on 1,000,000 findings (median, target ≤ 100 ms)
 *  - Lighthouse (mobile) on the main screens (targets: performance ≥ 95, accessibility and best practices 100)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readBundle } from "../scripts/bundle";
import { generatorName, requestsPerSecond } from "./http-load";
import { median } from "./load";
import { benchBoard } from "./board";
import { lighthouseScores } from "./lighthouse";
import { benchPilot } from "./pilot";
import { benchFirstPullBytes, benchPull, benchPush } from "./sync";

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

/** What a browser sends: the app's answers are compressed when large, so the header is part of the work. */
const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br, zstd" };

async function demoCookie(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/api/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mode: "demo" }) });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 201 || !cookie) throw new Error(`demo setup failed: ${res.status}`);
  return cookie;
}

/**
 * Both servers run side by side; rounds alternate and the medians count, so a burst of other
 * work on the machine hits both alike. The static route shows the generator's own ceiling.
 */
async function throughput() {
  const [bare, app] = await Promise.all([startServer("bare"), startServer("app")]);
  try {
    const targets = {
      static: { port: bare.port, path: "/ping" },
      bare: { port: bare.port, path: "/api/me", headers: BROWSER_HEADERS },
      app: { port: app.port, path: "/api/me", headers: { ...BROWSER_HEADERS, cookie: await demoCookie(app.port) } },
    };
    const runs = { static: [] as number[], bare: [] as number[], app: [] as number[] };
    for (const target of Object.values(targets)) await requestsPerSecond({ ...target, seconds: 1, concurrency: CONCURRENCY }); // warm-up (JIT, caches)
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, target] of Object.entries(targets)) runs[name as keyof typeof runs].push(await requestsPerSecond({ ...target, seconds: SECONDS, concurrency: CONCURRENCY }));
    }
    return { static: median(runs.static), bare: median(runs.bare), app: median(runs.app) };
  } finally {
    bare.child.kill();
    app.child.kill();
  }
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const row = (name: string, value: string, target: string, ok: boolean) =>
  console.log(`${ok ? "PASS" : "MISS"}  ${name.padEnd(44)} ${value.padStart(14)}   target ${target}`);

console.log(`Chefsache bench — node ${process.version}, load from ${generatorName}, ${ROUNDS} alternating rounds of ${SECONDS}s, ${CONCURRENCY} connections\n`);
const rates = await throughput();
const ratio = rates.app / rates.bare;
const headroom = rates.static / rates.app;
row("static 200 route, bare Hono (req/s)", rates.static.toFixed(0), "-", true);
row("load generator headroom (static / app)", `${headroom.toFixed(2)}×`, "≥ 1.5×", headroom >= 1.5);
row("bare Hono GET /api/me (req/s)", rates.bare.toFixed(0), "-", true);
row("authenticated GET /api/me (req/s)", rates.app.toFixed(0), "-", true);
row("ratio app / bare", ratio.toFixed(2), "≥ 0.50", ratio >= 0.5);
const { shell } = readBundle();
row(`app shell JS, gzipped (${shell.files.length} files)`, `${kb(shell.gzipBytes)} KB`, "≤ 50 KB", shell.gzipBytes <= 50 * 1024);

// Sync: 20 batches of 500 findings (10,000 changes), then a device pulling all of them.
const push = await benchPush(20);
const pushRatio = push.pushPerSecond / push.rawPerSecond;
row("raw batched inserts into libSQL (rows/s)", push.rawPerSecond.toFixed(0), "-", true);
row("sync/push, batches of 500 (mutations/s)", push.pushPerSecond.toFixed(0), "-", true);
row("ratio push / raw inserts", pushRatio.toFixed(2), "≥ 0.25", pushRatio >= 0.25);
const pulled = await benchPull(push);
row(`full pull of ${pulled.changes} changes (ms)`, pulled.ms.toFixed(0), "-", true);
const firstPull = await benchFirstPullBytes();
row("demo's first full pull, plain JSON", `${kb(firstPull.plain)} KB`, "-", true);
row("demo's first full pull, brotli", `${kb(firstPull.compressed)} KB`, "-", true);

// The board view: 1,000,000 findings, 20,000 visits and 2,000 experiments, median of 30 summaries.
const board = await benchBoard();
row("GET /board/summary, 1M findings (median ms)", board.medianMs.toFixed(1), "≤ 100 ms", board.medianMs <= 100);

// A store pilot's result: 50 + 50 locations × 104 weeks of measurements, 100,000 relabellings.
const pilot = benchPilot();
row("pilot result, 50+50 stores × 104 weeks (median ms)", pilot.medianMs.toFixed(1), "≤ 100 ms", pilot.medianMs <= 100 && !pilot.exact);

// Lighthouse, mobile preset, against the server as `npm start` runs it.
const lighthouse = await lighthouseScores();
if ("skipped" in lighthouse) console.log(`SKIP  Lighthouse: ${lighthouse.skipped}`);
else {
  for (const page of lighthouse.pages) {
    const ok = page.performance >= 95 && page.accessibility === 100 && page.bestPractices === 100;
    row(`Lighthouse ${page.name} (perf/a11y/best)`, `${page.performance}/${page.accessibility}/${page.bestPractices}`, "≥95/100/100", ok);
    console.log(`      LCP ${(page.lcpMs / 1000).toFixed(1)} s, CLS ${page.cls.toFixed(3)}${page.failing.length ? `, short of: ${page.failing.join(", ")}` : ""}`);
  }
}
