import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { demoServer, logIn, logInByRequest, newBrowser, orgIdOf, synced } from "./support";

const server = demoServer();

/** The main screens a director opens on a phone in a shop. */
const SCREENS = ["", "findings", "experiments", "mystery/results", "board"];

/** How the page sits on the screen: anything wider than the viewport, and tab labels cut off. */
async function layout(page: Page) {
  return page.evaluate(() => ({
    viewport: window.innerWidth,
    document: document.documentElement.scrollWidth,
    clippedTabs: [...document.querySelectorAll<HTMLElement>(".tabbar .tab span")]
      .filter((label) => label.scrollWidth > label.clientWidth + 1 || label.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((label) => label.textContent),
    tabs: [...document.querySelectorAll<HTMLElement>(".tabbar .tab span")].map((label) => label.textContent),
    header: { right: document.querySelector(".app-header-inner")!.getBoundingClientRect().right, syncNow: document.querySelector(".sync-now")?.getBoundingClientRect().right ?? 0 },
  }));
}

async function checkScreens(page: Page, orgId: string, waitingText: RegExp) {
  for (const screen of SCREENS) {
    await page.goto(`${server.baseUrl}/o/${orgId}${screen ? `/${screen}` : ""}`);
    await expect.poll(() => page.locator("main h1").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // The header keeps the count of waiting changes in view, its words for screen readers.
    await expect.poll(() => page.locator(".sync-count").textContent()).toBe("3");
    expect(await page.getByRole("button", { name: waitingText }).count()).toBe(1);
    const seen = await layout(page);
    expect({ screen, ...seen }).toMatchObject({ screen, document: seen.viewport, clippedTabs: [] });
    expect(seen.tabs.length).toBeGreaterThanOrEqual(4);
    expect(seen.header.syncNow).toBeLessThanOrEqual(seen.viewport);
  }
}

test("at 320 × 640, offline with 3 changes waiting, no screen is wider than the phone and every tab label shows, in English and Dutch", async () => {
  const browser = await newBrowser({ viewport: { width: 320, height: 640 } });
  try {
    const page = await browser.newPage();
    await logIn(page, server.baseUrl, "director@demo.example");
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
    await synced(page);
    const orgId = orgIdOf(page);

    // Three changes made offline: a visit started, its notes, and a finding.
    await browser.setOffline(true);
    await page.getByRole("link", { name: "Start a visit" }).first().click();
    await page.getByRole("link", { name: /Amsterdam Kalverstraat/ }).click();
    await page.getByRole("button", { name: "Start visit" }).click();
    await page.getByLabel("Notes", { exact: true }).fill("Busy Saturday; one till open.");
    await page.getByLabel("Notes", { exact: true }).blur();
    await page.getByRole("link", { name: "Add a finding" }).click();
    await page.getByLabel("What did the customer see?").fill("A queue of twelve people at the only open till");
    await page.getByLabel("What did the customer see?").blur();
    await expect.poll(() => page.locator(".sync").getAttribute("data-pending"), { timeout: 10_000 }).toBe("3");

    await checkScreens(page, orgId, /3 waiting/);

    await page.evaluate(() => localStorage.setItem("chefsache.language", "nl"));
    await checkScreens(page, orgId, /3 wachtend/);
  } finally {
    await browser.setOffline(false).catch(() => undefined);
    await browser.dispose();
  }
});

test("at 320 px in Dutch every role's tab labels show in full, and no main screen asks for what the role may not read", async () => {
  const browser = await newBrowser({ locale: "nl-NL", viewport: { width: 320, height: 640 } });
  try {
    for (const email of ["admin@demo.example", "cx@demo.example", "board@demo.example", "director@demo.example"]) {
      await logInByRequest(browser, server.baseUrl, email);
      const page = await browser.newPage();
      const refused: string[] = [];
      page.on("response", (response) => {
        if (response.status() === 403) refused.push(`${response.request().method()} ${new URL(response.url()).pathname}`);
      });
      await page.goto(server.baseUrl);
      await expect.poll(() => page.locator(".tabbar .tab").count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
      // Polled: the tab bar is measured once the language's texts and the screen have settled.
      await expect.poll(async () => ({ email, ...(await layout(page)) }), { timeout: 15_000 }).toMatchObject({ email, document: 320, clippedTabs: [] });
      const orgId = orgIdOf(page);
      for (const screen of [...SCREENS, "cases", "visits"]) {
        await page.goto(`${server.baseUrl}/o/${orgId}${screen ? `/${screen}` : ""}`);
        await expect.poll(() => page.locator("main h1").count(), { timeout: 15_000 }).toBeGreaterThan(0);
        // Whatever the screen asks the server for, after its first sync.
        await expect.poll(() => page.locator(".sync").getAttribute("data-state"), { timeout: 15_000 }).toBe("ok");
      }
      expect({ email, refused }).toEqual({ email, refused: [] });
      await page.close();
    }
  } finally {
    await browser.dispose();
  }
});
