/**
 * Lighthouse (mobile preset: simulated slow 4G, 4× slower CPU) on the app's main screens, served
 * as `npm start` serves them (built PWA, compressed, with the demo organisation), each as the
 * role that opens it. Needs Chromium; skipped with a note when it is missing.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lighthouse, { type Flags } from "lighthouse";
import { chromium as playwright } from "playwright-core";
import { answering, freePort, startServer } from "../scripts/app-server";
import type { PullResponse } from "../shared/sync/protocol";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PASSWORD = "demo-demo-demo";
/** LIGHTHOUSE_SAVE=<folder> keeps each page's full report (JSON), to see what a score is made of. */
const SAVE_DIR = process.env.LIGHTHOUSE_SAVE;
/**
 * Runs per page (LIGHTHOUSE_RUNS, default 3): one run's performance score moves by ±10 with what
 * the machine happens to be doing (its blocking time is measured, then scaled 4×), so the run
 * with the median score is the one reported.
 */
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
/**
 * Unscored runs before each page's scored ones (LIGHTHOUSE_WARMUP, default 1): the first load of a
 * page after the server and the browser have started runs their code cold, as a server that has
 * been up for a while does not, and scored 5–8 points below the next ones.
 */
const WARMUP = Math.max(0, Number(process.env.LIGHTHOUSE_WARMUP ?? 1));
/** LIGHTHOUSE_PAGES=board,experiment measures only the pages whose names contain one of the words. */
const ONLY = process.env.LIGHTHOUSE_PAGES?.split(",").map((word) => word.trim()).filter(Boolean);
/** Every run is a first visit, as on a phone that never opened the app: the device's store is emptied too. */
const CLEAR_STORAGE: NonNullable<Flags["clearStorageTypes"]> = ["file_systems", "shader_cache", "service_workers", "cache_storage", "indexeddb", "local_storage"];

export interface PageScore {
  name: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
  cls: number;
  /** Audits that fell short (best practices and accessibility), to say why a score is not 100. */
  failing: string[];
}

function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** The server as `npm start` runs it, on a fresh database with the demo; returns what the pages need. */
async function startApp() {
  const server = await startServer();
  const baseUrl = server.baseUrl;
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json", origin: baseUrl }, body: JSON.stringify(body) });
  const setup = await post("/api/setup", { mode: "demo" });
  if (setup.status !== 201) throw new Error(`demo setup failed: ${setup.status}`);
  const orgId = ((await setup.json()) as { memberships: { orgId: string }[] }).memberships[0]!.orgId;
  const cookieOf = async (email: string) => {
    const res = await post("/api/auth/login", { email, password: PASSWORD });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status}`);
    return res.headers.get("set-cookie")!.split(";")[0]!;
  };
  const director = await cookieOf("director@demo.example");
  const cx = await cookieOf("cx@demo.example");
  const board = await cookieOf("board@demo.example");
  const pull = (await (await fetch(`${baseUrl}/api/orgs/${orgId}/sync/pull?limit=5000`, { headers: { cookie: cx } })).json()) as PullResponse;
  const measured = pull.changes.find((c) => c.entity === "experiment" && Array.isArray(c.fields?.results) && c.fields.results.length > 0);
  if (!measured) throw new Error("the demo has no experiment with results");
  return { server, baseUrl, orgId, director, cx, board, experimentId: measured.entityId };
}

async function startChromium(dir: string) {
  const port = await freePort();
  const child = spawn(
    CHROMIUM,
    ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--remote-debugging-port=${port}`, `--user-data-dir=${join(dir, "chromium")}`, "about:blank"],
    { stdio: "ignore" },
  );
  await answering(`http://127.0.0.1:${port}/json/version`, child, () => "Chromium");
  return { child, port };
}

/**
 * Puts the person's session cookie in the browser's own cookie jar (none: logged out), as a login
 * would. Lighthouse's `extraHeaders` only reach the page's requests, not its workers': the pull
 * worker was refused (401) and the app logged the person out mid-measure.
 */
async function signIn(port: number, baseUrl: string, cookie: string | undefined) {
  const browser = await playwright.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0]!;
    await context.clearCookies();
    if (cookie) {
      const [name, ...value] = cookie.split("=");
      await context.addCookies([{ name: name!, value: value.join("="), url: baseUrl }]);
    }
  } finally {
    // Disconnects; the browser was started here and goes on.
    await browser.close();
  }
}

/** A score of a page whose own requests failed measures an error screen: refuse it. */
function failedRequests(lhr: { audits: Record<string, { details?: unknown }> }, baseUrl: string): string[] {
  const items = ((lhr.audits["network-requests"]?.details as { items?: { url: string; statusCode: number }[] } | undefined)?.items ?? []);
  return items.filter((item) => item.url.startsWith(baseUrl) && item.statusCode >= 400).map((item) => `${item.statusCode} ${item.url.slice(baseUrl.length)}`);
}

export async function lighthouseScores(): Promise<{ skipped: string } | { pages: PageScore[] }> {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` };
  const dir = mkdtempSync(join(tmpdir(), "chefsache-lighthouse-"));
  const app = await startApp();
  let chromium: Awaited<ReturnType<typeof startChromium>> | undefined;
  try {
    chromium = await startChromium(dir);
    const org = `${app.baseUrl}/o/${app.orgId}`;
    const pages = [
      { name: "login", url: `${app.baseUrl}/login`, cookie: undefined },
      { name: "director's home", url: org, cookie: app.director },
      { name: "findings list", url: `${org}/findings`, cookie: app.director },
      { name: "experiment result", url: `${org}/experiments/${app.experimentId}`, cookie: app.cx },
      { name: "board view", url: `${org}/board`, cookie: app.board },
    ].filter((page) => !ONLY || ONLY.some((word) => page.name.includes(word)));
    const scores: PageScore[] = [];
    for (const page of pages) {
      const runs = [];
      await signIn(chromium.port, app.baseUrl, page.cookie);
      for (let run = -WARMUP; run < RUNS; run++) {
        const result = await lighthouse(page.url, {
          port: chromium.port,
          logLevel: "error",
          output: "json",
          onlyCategories: ["performance", "accessibility", "best-practices"],
          clearStorageTypes: CLEAR_STORAGE,
        });
        if (!result) throw new Error(`Lighthouse gave no result for ${page.url}`);
        if (run < 0) continue;
        const failed = failedRequests(result.lhr, app.baseUrl);
        if (failed.length > 0) throw new Error(`${page.name}: requests failed while measuring (${failed.join(", ")})`);
        runs.push(result.lhr);
        const audit = (id: string) => result.lhr.audits[id]?.numericValue ?? NaN;
        console.error(`  ${page.name}, run ${run + 1}: performance ${Math.round((result.lhr.categories.performance?.score ?? 0) * 100)}, LCP ${Math.round(audit("largest-contentful-paint"))} ms, TBT ${Math.round(audit("total-blocking-time"))} ms`);
      }
      runs.sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0));
      const lhr = runs[Math.floor(runs.length / 2)]!;
      const { categories, audits } = lhr;
      if (SAVE_DIR) writeFileSync(join(SAVE_DIR, `${page.name.replace(/\W+/g, "-")}.json`), JSON.stringify(lhr));
      const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
      const failing = ["accessibility", "best-practices"].flatMap((id) =>
        (categories[id]?.auditRefs ?? []).filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1).map((ref) => ref.id),
      );
      scores.push({
        name: page.name,
        performance: score("performance"),
        accessibility: score("accessibility"),
        bestPractices: score("best-practices"),
        lcpMs: audits["largest-contentful-paint"]?.numericValue ?? NaN,
        cls: audits["cumulative-layout-shift"]?.numericValue ?? NaN,
        failing,
      });
    }
    return { pages: scores };
  } finally {
    if (chromium) await stop(chromium.child);
    await app.server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/lighthouse.ts` runs it alone (npm run bench runs it with the rest).
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await lighthouseScores(), null, 2));
}
