import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { startServer, type RunningServer } from "../../scripts/app-server";

export { startServer, type RunningServer };

/** Launch flags that work on this machine (see ../shared/STACK.md). */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * The real server with the demo organisation, for one test file: started before its tests and
 * stopped after them. Its address is read when a test runs.
 */
export function demoServer(): { readonly baseUrl: string } {
  let running: RunningServer | undefined;
  beforeAll(async () => {
    running = await startServer();
    const res = await fetch(`${running.baseUrl}/api/setup`, { method: "POST", headers: { "content-type": "application/json", origin: running.baseUrl }, body: JSON.stringify({ mode: "demo" }) });
    expect(res.status).toBeLessThan(300);
  });
  afterAll(async () => {
    await running?.stop();
  });
  return {
    get baseUrl() {
      if (!running) throw new Error("The demo server has not started yet");
      return running.baseUrl;
    },
  };
}

/** A fresh browser profile (its own cookies, storage and service worker), like a new phone. */
export async function newBrowser(options: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<BrowserContext & { dispose(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "chefsache-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 360, height: 740 },
    locale: options.locale ?? "en-GB",
  });
  return Object.assign(context, {
    dispose: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  });
}

/** Logs a demo user in through the login screen and waits for the app around them. */
export async function logIn(page: Page, baseUrl: string, email: string, password = "demo-demo-demo") {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect.poll(() => page.getByRole("link", { name: "Me", exact: true }).count(), { timeout: 15_000 }).toBe(1);
}

/** Waits until the header says everything is sent and a sync has succeeded. */
export async function synced(page: Page, timeout = 20_000) {
  const indicator = page.locator(".sync");
  await expect.poll(async () => `${await indicator.getAttribute("data-state")}:${await indicator.getAttribute("data-pending")}`, { timeout }).toBe("ok:0");
  // "synced just now", "synced 2 min. ago" — not "not synced yet".
  await expect.poll(() => page.locator(".sync-detail").textContent(), { timeout }).toMatch(/^synced /);
}

export async function syncNow(page: Page) {
  await page.getByRole("button", { name: "Sync now" }).click();
  await synced(page);
}

/** The organisation in the page's address (`/o/<id>/…`). */
export const orgIdOf = (page: Page) => /\/o\/([^/]+)/.exec(new URL(page.url()).pathname)?.[1] ?? "";
