import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
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

/**
 * Logs a demo user in without the login screen, in the browser's cookie jar: the next page is
 * sent with the session in it. Returns the user's first organisation.
 */
export async function logInByRequest(browser: BrowserContext, baseUrl: string, email: string, password = "demo-demo-demo"): Promise<string> {
  const login = await browser.request.post(`${baseUrl}/api/auth/login`, { data: { email, password }, headers: { origin: baseUrl } });
  expect(login.status()).toBe(200);
  return ((await login.json()) as { memberships: { orgId: string }[] }).memberships[0]!.orgId;
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

/**
 * Holds back every request for a file matching `pattern` until the returned function is called,
 * to see what the page asks for without it; `onAsked` hears of each request as it is held.
 */
export async function holdBack(page: Page, pattern: RegExp, onAsked?: () => void): Promise<() => void> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    onAsked?.();
    await held;
    await route.continue();
  });
  return () => release();
}

/** The organisation in the page's address (`/o/<id>/…`). */
export const orgIdOf = (page: Page) => /\/o\/([^/]+)/.exec(new URL(page.url()).pathname)?.[1] ?? "";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** A real RGB PNG of the given size (a colour gradient), bigger than the app keeps. */
export function pngOf(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * row + 1 + x * 3;
      raw[at] = (x * 255) / width;
      raw[at + 1] = (y * 255) / height;
      raw[at + 2] = 128;
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
