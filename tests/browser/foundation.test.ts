import { afterAll, beforeAll, expect, test } from "vitest";
import { holdBack, logInByRequest, newBrowser, startServer, synced, type RunningServer } from "./support";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

test("a new user sets up demo data, switches language, and an admin adds a location", async () => {
  const browser = await newBrowser({ locale: "en-GB" });
  try {
    const page = await browser.newPage();
    const cspViolations: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error" && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });

    await page.goto(server.baseUrl);
    await page.getByRole("button", { name: "Explore with demo data" }).click();
    // Demo setup logs you in as the director, who has no admin tab.
    await expect.poll(() => page.getByRole("heading", { level: 1 }).first().textContent(), { timeout: 10_000 }).toContain("Daan");
    await expect.poll(() => page.getByRole("link", { name: "Admin" }).count()).toBe(0);

    // Language: switch to Dutch on the Me screen; the choice survives a reload.
    await page.getByRole("link", { name: "Me", exact: true }).click();
    await page.getByLabel("Language").selectOption("nl");
    await expect.poll(() => page.getByRole("button", { name: "Uitloggen", exact: true }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("nl");
    await page.getByRole("button", { name: "Uitloggen", exact: true }).click();

    // Log in as the admin (in Dutch now) and add a location.
    await page.getByLabel("E-mail").fill("admin@demo.example");
    await page.getByLabel("Wachtwoord").fill("demo-demo-demo");
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.getByRole("link", { name: "Beheer" }).click();
    await page.getByRole("link", { name: "Locaties" }).click();
    await page.getByLabel("Naam", { exact: true }).fill("Den Haag Spuistraat");
    await page.getByLabel("Soort").selectOption("branch");
    await page.getByRole("button", { name: "Locatie toevoegen" }).click();
    await expect.poll(() => page.getByText("Den Haag Spuistraat").count()).toBeGreaterThan(0);

    // It is stored on the server, not only shown.
    const names = await page.evaluate(async () => {
      const me = await (await fetch("/api/me")).json();
      const res = await fetch(`/api/orgs/${me.memberships[0].orgId}/locations`);
      return ((await res.json()).items as { name: string; kind: string }[]).map((l) => `${l.name}:${l.kind}`);
    });
    expect(names).toContain("Den Haag Spuistraat:branch");
    expect(cspViolations).toEqual([]);
  } finally {
    await browser.dispose();
  }
});

test("the service worker registers once the first screen has its data, and the shell loads offline after the first visit", async () => {
  const browser = await newBrowser();
  try {
    const page = await browser.newPage();
    // The offline copies (the service worker's precache) wait for the first sync: on a phone they would compete with it.
    const seen: string[] = [];
    browser.on("request", (request) => {
      if (new URL(request.url()).pathname === "/sw.js") seen.push("service worker");
    });
    browser.on("requestfinished", (request) => {
      if (new URL(request.url()).pathname.endsWith("/sync/pull")) seen.push("pull");
    });
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("E-mail").fill("cx@demo.example");
    await page.getByLabel("Password").fill("demo-demo-demo");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect.poll(() => page.getByRole("link", { name: "Me", exact: true }).count(), { timeout: 10_000 }).toBe(1);

    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.sw), { timeout: 20_000 }).toBe("registered");
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
    expect(seen.indexOf("pull")).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf("service worker")).toBeGreaterThan(seen.indexOf("pull"));

    await browser.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator("header").textContent()).toContain("Chefsache");
    await expect.poll(() => page.getByText("Offline").count()).toBeGreaterThan(0);
    // The navigation of the cached session is there, not a login screen.
    expect(await page.getByRole("link", { name: "Me", exact: true }).count()).toBe(1);
    expect(await page.getByLabel("Password").count()).toBe(0);
  } finally {
    await browser.setOffline(false);
    await browser.dispose();
  }
});

test("a logged-in first visit draws the screen's opening words in its first frame, without asking who is logged in", async () => {
  const browser = await newBrowser();
  try {
    const orgId = await logInByRequest(browser, server.baseUrl, "director@demo.example");
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const paints: { fcp?: number; lcp: { at: number; text: string }[] } = { lcp: [] };
      Object.assign(window, { paints });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntriesByName("first-contentful-paint")) paints.fcp = entry.startTime;
      }).observe({ type: "paint", buffered: true });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { element: Element | null })[]) paints.lcp.push({ at: entry.startTime, text: entry.element?.textContent ?? "" });
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    const asked: string[] = [];
    page.on("request", (request) => asked.push(new URL(request.url()).pathname));

    await page.goto(`${server.baseUrl}/o/${orgId}`);
    await synced(page);
    // The skeleton gives way to the screen only after the browser has reported the first frame, so
    // what a phone shows first counts as its largest paint, not the same words drawn again later.
    const paints = await page.evaluate(() => (window as unknown as { paints: { fcp?: number; lcp: { at: number; text: string }[] } }).paints);
    const largest = paints.lcp.at(-1);
    expect(largest?.text).toContain("The best insights come from the floor");
    expect(largest?.at).toBe(paints.fcp);
    expect(asked).not.toContain("/api/me");
  } finally {
    await browser.dispose();
  }
});

test("a logged-in first visit pulls as the page loads, not after the store's code, and that pull is the device's first sync; its worker loads the formatting data too", async () => {
  const browser = await newBrowser();
  try {
    const orgId = await logInByRequest(browser, server.baseUrl, "director@demo.example");
    const page = await browser.newPage();
    const events: string[] = [];
    browser.on("requestfinished", (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith("/sync/pull")) events.push(url.searchParams.get("since") ? "pull since" : "pull");
      if (url.pathname.includes("intl-warmup")) events.push("formats worker");
    });
    // The store's code (OrgLocal, which starts the sync engine) is held back until the pull has landed.
    const release = await holdBack(page, /\/assets\/OrgLocal-[\w-]+\.js$/, () => events.push("store code asked"));

    await page.goto(`${server.baseUrl}/o/${orgId}/findings`);
    await expect.poll(() => events, { timeout: 10_000 }).toContain("pull");
    expect(events).toContain("store code asked");
    release();

    await synced(page);
    await expect.poll(() => page.locator("ul.items > li").count()).toBeGreaterThan(0);
    // The pull begun with the page was the first sync: the organisation was not pulled twice,
    // only what is newer than it.
    await expect.poll(() => events.filter((event) => event === "pull since").length).toBeGreaterThan(0);
    expect(events.filter((event) => event === "pull")).toHaveLength(1);
    // The pull worker loads the formatting data too: the page starts no second worker for it.
    expect(events).not.toContain("formats worker");
  } finally {
    await browser.dispose();
  }
});

test("a logged-in deep link fetches its screen's code, the members and the settings beside the shell, and each of those answers once", async () => {
  const browser = await newBrowser();
  try {
    const orgId = await logInByRequest(browser, server.baseUrl, "cx@demo.example");
    const page = await browser.newPage();
    const asked: string[] = [];
    page.on("request", (request) => {
      const { pathname } = new URL(request.url());
      if (pathname === `/api/orgs/${orgId}/members`) asked.push("members");
      if (pathname === `/api/orgs/${orgId}`) asked.push("settings");
      if (/\/assets\/ExperimentScreen-[\w-]+\.js$/.test(pathname)) asked.push("screen code");
    });
    // The shell is held back: only the page itself can have asked for anything meanwhile.
    const releaseShell = await holdBack(page, /\/assets\/shell-[\w-]+\.js$/);
    const releaseScreen = await holdBack(page, /\/assets\/ExperimentScreen-[\w-]+\.js$/);

    await page.goto(`${server.baseUrl}/o/${orgId}/experiments/new`, { waitUntil: "commit" });
    await expect.poll(() => asked, { timeout: 10_000 }).toEqual(expect.arrayContaining(["screen code", "members", "settings"]));
    releaseShell();
    releaseScreen();
    await page.locator("#experiment-title").waitFor({ timeout: 15_000 });
    await synced(page);
    // The screen took the answers asked ahead: each was asked once.
    expect(asked.filter((what) => what === "members")).toHaveLength(1);
    expect(asked.filter((what) => what === "settings")).toHaveLength(1);
  } finally {
    await browser.dispose();
  }
});

test("a pull begun as the page loads that fails is asked again at once, without showing a sync problem", async () => {
  const browser = await newBrowser();
  try {
    const orgId = await logInByRequest(browser, server.baseUrl, "director@demo.example");
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const states: string[] = [];
      Object.assign(window, { syncStates: states });
      new MutationObserver(() => {
        const state = document.querySelector(".sync")?.getAttribute("data-state");
        if (state && states.at(-1) !== state) states.push(state);
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
    });
    let pulls = 0;
    await browser.route(/\/sync\/pull\?since=&/, async (route) => {
      pulls += 1;
      if (pulls === 1) await route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "unavailable", message: "Try again" } }) });
      else await route.continue();
    });

    await page.goto(`${server.baseUrl}/o/${orgId}/findings`);
    await synced(page);
    await expect.poll(() => page.locator("ul.items > li").count()).toBeGreaterThan(0);
    expect(pulls).toBe(2);
    const states = await page.evaluate(() => (window as unknown as { syncStates: string[] }).syncStates);
    expect(states).not.toContain("problem");
  } finally {
    await browser.dispose();
  }
});

test("the app is installable: manifest with icons and theme colour", async () => {
  const res = await fetch(`${server.baseUrl}/manifest.webmanifest`);
  expect(res.status).toBe(200);
  const manifest = (await res.json()) as { name: string; display: string; theme_color: string; icons: { src: string; sizes: string; purpose?: string }[] };
  expect(manifest).toMatchObject({ name: "Chefsache", display: "standalone" });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  const sizes = manifest.icons.map((i) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(manifest.icons.some((i) => i.purpose?.includes("maskable"))).toBe(true);
  for (const icon of manifest.icons) {
    const png = await fetch(new URL(icon.src, server.baseUrl));
    expect(png.headers.get("content-type")).toBe("image/png");
  }
});
