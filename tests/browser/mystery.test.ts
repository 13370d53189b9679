import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { demoServer, logIn, newBrowser, orgIdOf } from "./support";

/**
 * Mystery shopping end to end: CX operations builds a template online, runs a shop fully
 * offline (reload included), and after sync a director on another device sees the same score;
 * the director runs the demo's store visit, fails it on its critical question, and the league
 * of this month's wave ranks it below every shop that passed, on a 360 px phone.
 *
 * The template: Welcome = greeted? (yes/no, weight 1, critical) + friendliness (1–5, weight 3);
 * Checkout = receipt offered? (yes/no, weight 2). Answers Yes, 4, No score
 * (1 + 0.75 × 3 + 0) / (1 + 3 + 2) = 54.17 % overall, Welcome 3.25 / 4 = 81.25 %, Checkout 0 %.
 */
const EXPECTED_OVERALL = "54.2%";
const EXPECTED_WELCOME = "81.3%";
/** expect.poll waits one second by default; a cold start (service worker, first sync) can take longer. */
const WAIT = { timeout: 10_000 };

const server = demoServer();

/** Everything the server holds for the organisation, as a fresh device would pull it. */
async function pullAll(page: Page) {
  return page.evaluate(async (orgId) => {
    const res = await fetch(`/api/orgs/${orgId}/sync/pull?since=&limit=5000`);
    return (await res.json()) as { changes: { entity: string; entityId: string; fields: Record<string, unknown> }[] };
  }, orgIdOf(page));
}

const question = (page: Page, text: string) => page.getByRole("group", { name: new RegExp(text) });

/** The live region that announces the running score. */
const scoreStatus = (page: Page) => page.getByRole("status").filter({ hasText: /^Score/ });

let shopId = "";

test("CX operations builds a template, runs a shop offline with a live score, and it syncs", async () => {
  const browser = await newBrowser();
  try {
    const page = await browser.newPage();
    await logIn(page, server.baseUrl, "cx@demo.example");

    // Build the template (online).
    await page.getByRole("link", { name: "Mystery", exact: true }).click();
    await page.getByRole("link", { name: "Templates", exact: true }).click();
    await page.getByRole("link", { name: "New template" }).click();
    await page.getByLabel("Template name").fill("Store basics");
    const welcome = page.getByRole("group", { name: /^Section 1/ });
    await welcome.getByLabel("Section title").fill("Welcome");
    const greeted = welcome.getByRole("group", { name: "Question 1" });
    await greeted.getByLabel("Question", { exact: true }).fill("Were you greeted within a minute?");
    await greeted.getByLabel("Critical question").check();
    await welcome.getByRole("button", { name: "Add question to section 1" }).click();
    const friendly = welcome.getByRole("group", { name: "Question 2" });
    // Adding a question puts focus in its text field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? ""), WAIT).toMatch(/^question-.*-text$/);
    await friendly.getByLabel("Question", { exact: true }).fill("How friendly was the staff?");
    await friendly.getByLabel("Answer type").selectOption("scale");
    await friendly.getByLabel("Weight").fill("3");
    await page.getByRole("button", { name: "Add section" }).click();
    const checkout = page.getByRole("group", { name: /^Section 2/ });
    await checkout.getByLabel("Section title").fill("Checkout");
    const receipt = checkout.getByRole("group", { name: "Question 1" });
    await receipt.getByLabel("Question", { exact: true }).fill("Was a receipt offered?");
    await receipt.getByLabel("Weight").fill("2");
    await page.getByRole("button", { name: "Save template" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), WAIT).toBe("Templates");
    await expect.poll(() => page.getByRole("link", { name: "Edit Store basics" }).count(), WAIT).toBe(1);

    // It reaches the server, and the service worker takes over, before the network goes.
    await expect.poll(() => page.getByText("Not sent yet").count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(async () => (await pullAll(page)).changes.filter((c) => c.entity === "mystery_template" && c.fields.name === "Store basics").length, WAIT).toBe(1);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);

    // Offline from here: start a shop and answer it.
    await browser.setOffline(true);
    await page.getByRole("link", { name: "Shops", exact: true }).click();
    await page.getByLabel("Template").selectOption({ label: "Store basics (Store)" });
    await page.getByLabel("Location").selectOption({ label: "Amsterdam Kalverstraat" });
    await page.getByRole("button", { name: "Start shop" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), WAIT).toBe("Amsterdam Kalverstraat");
    shopId = /shops\/([^/?#]+)/.exec(page.url())?.[1] ?? "";
    expect(shopId).not.toBe("");

    const score = page.getByTestId("shop-score");
    expect(await score.textContent()).toBe("–");
    await question(page, "Were you greeted").getByRole("radio", { name: "Yes" }).check();
    await expect.poll(() => score.textContent(), WAIT).toBe("100%");
    await question(page, "How friendly").getByRole("radio", { name: "4", exact: true }).check();
    await question(page, "Was a receipt offered").getByRole("radio", { name: "No" }).check();
    await expect.poll(() => score.textContent(), WAIT).toBe(EXPECTED_OVERALL);
    // The score is in a live region, so a screen reader hears it change.
    expect(await scoreStatus(page).textContent()).toContain(EXPECTED_OVERALL);
    expect(await page.getByText(`Section ${EXPECTED_WELCOME}`).count()).toBe(1);
    expect(await page.getByText("Section 0%").count()).toBe(1);
    expect(await scoreStatus(page).textContent()).not.toContain("FAILED");

    // Raise a finding with a photo, still offline.
    await page.getByRole("button", { name: /^Raise a finding\W+Was a receipt offered/ }).click();
    const form = page.getByRole("form", { name: "Finding about: Was a receipt offered?" });
    expect(await form.getByLabel("What did you see?").inputValue()).toBe("Was a receipt offered? — No");
    expect(await form.getByLabel("Severity").inputValue()).toBe("3");
    await form.getByLabel("Add a photo").setInputFiles({
      name: "till.png",
      mimeType: "image/png",
      buffer: readFileSync("web/public/icons/icon-192.png"),
    });
    await expect.poll(() => form.getByRole("img", { name: "Photo 1" }).count(), WAIT).toBe(1);
    await form.getByRole("button", { name: "Save finding" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Findings from this shop (1)" }).count(), WAIT).toBe(1);

    // Reload while offline: answers and score come back from the device.
    await page.reload();
    await expect.poll(() => page.getByTestId("shop-score").textContent(), { timeout: 15_000 }).toBe(EXPECTED_OVERALL);
    expect(await question(page, "Were you greeted").getByRole("radio", { name: "Yes" }).isChecked()).toBe(true);
    expect(await question(page, "How friendly").getByRole("radio", { name: "4", exact: true }).isChecked()).toBe(true);
    expect(await question(page, "Was a receipt offered").getByRole("radio", { name: "No" }).isChecked()).toBe(true);
    // The reloaded page learns it is offline from its first sync attempt (the browser may say online).
    await expect.poll(() => page.getByText("Offline").count(), WAIT).toBeGreaterThan(0);

    await page.getByRole("button", { name: "Complete shop" }).click();
    await expect.poll(() => page.getByText(/^Completed /).count(), WAIT).toBeGreaterThan(0);

    // Back online: everything goes to the server, with the photo.
    await browser.setOffline(false);
    await expect.poll(() => page.getByText("Not sent yet").count(), { timeout: 20_000 }).toBe(0);
    const pulled = await pullAll(page);
    const shop = pulled.changes.find((c) => c.entity === "mystery_shop" && c.entityId === shopId);
    expect(shop?.fields.completedAt).toBeTruthy();
    expect(Object.keys(shop?.fields.answers as object)).toHaveLength(3);
    const finding = pulled.changes.find((c) => c.entity === "finding" && c.fields.mysteryShopId === shopId);
    expect(finding?.fields).toMatchObject({ severity: 3, sentiment: "pain", status: "new", tags: ["mystery-shop"], saw: "Was a receipt offered? — No" });
    const photos = finding?.fields.photos as string[];
    expect(photos).toHaveLength(1);
    const photo = await page.evaluate(async ([orgId, sha]) => (await fetch(`/api/orgs/${orgId}/attachments/${sha}`)).status, [orgIdOf(page), photos[0]!] as const);
    expect(photo).toBe(200);
  } finally {
    await browser.setOffline(false);
    await browser.dispose();
  }
});

test("a director sees the same score after sync; at 360 px a demo shop failed on its critical question ranks below every passing one", async () => {
  expect(shopId).not.toBe("");
  const browser = await newBrowser();
  try {
    const page = await browser.newPage();
    await logIn(page, server.baseUrl, "director@demo.example");
    await page.getByRole("link", { name: "Mystery", exact: true }).click();

    // Templates are read-only for executives.
    await page.getByRole("link", { name: "Templates", exact: true }).click();
    await expect.poll(() => page.getByRole("link", { name: "View Store basics" }).count(), WAIT).toBe(1);
    expect(await page.getByRole("link", { name: "New template" }).count()).toBe(0);

    await page.getByRole("link", { name: "Results", exact: true }).click();
    const league = page.getByRole("table");
    const amsterdam = league.getByRole("row", { name: /Amsterdam Kalverstraat/ });
    await expect.poll(() => amsterdam.count(), { timeout: 15_000 }).toBe(1);
    expect(await amsterdam.getByRole("cell").nth(1).textContent()).toMatch(new RegExp(`^${EXPECTED_OVERALL}\\b`));

    // The shop itself, on this device, scores the same.
    await page.goto(`${server.baseUrl}/o/${orgIdOf(page)}/mystery/shops/${shopId}`);
    await expect.poll(() => page.getByTestId("shop-score").textContent(), { timeout: 15_000 }).toBe(EXPECTED_OVERALL);

    // The demo's store visit at a store not shopped yet this wave: everything right but the
    // critical question fails it. The free-text question is no unanswered one: completing asks nothing.
    await page.getByRole("link", { name: "Shops", exact: true }).click();
    await page.getByLabel("Template").selectOption({ label: "Store visit (Store)" });
    await page.getByLabel("Location").selectOption({ label: "Haarlem Grote Houtstraat" });
    await page.getByRole("button", { name: "Start shop" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), WAIT).toBe("Haarlem Grote Houtstraat");
    for (const yes of ["Were you greeted", "Did a colleague offer help", "Was the stock checked", "Did you pay within"]) {
      await question(page, yes).getByRole("radio", { name: "Yes" }).check();
    }
    await question(page, "How well did the colleague").getByRole("radio", { name: "5", exact: true }).check();
    await question(page, "Was the price at the till").getByRole("radio", { name: "No" }).check();
    // (2 + 1 + 3 + 2 + 2) / 13 = 76.9 %, and failed all the same.
    await expect.poll(() => page.getByTestId("shop-score").textContent(), WAIT).toBe("76.9%");
    await expect.poll(() => scoreStatus(page).textContent(), WAIT).toContain("FAILED — critical question: Was the price at the till the price on the shelf?");
    await page.getByRole("button", { name: "Complete shop" }).click();
    await expect.poll(() => page.getByText(/^Completed /).count(), WAIT).toBeGreaterThan(0);

    // This wave's league: the failed shop ranks below every one that passed, however high its score.
    await page.getByRole("link", { name: "Results", exact: true }).click();
    const haarlem = page.getByRole("table").getByRole("row", { name: /Haarlem Grote Houtstraat/ });
    await expect.poll(() => haarlem.count(), WAIT).toBe(1);
    expect(await haarlem.getByRole("cell").nth(1).textContent()).toMatch(/^76\.9% FAILED/);
    const rankedRows = async () =>
      page.getByRole("table").evaluate((table) =>
        [...table.querySelectorAll("tbody tr:not(.league-detail)")].map((row) => ({ name: row.querySelector("th")!.textContent!.trim(), failed: row.textContent!.includes("FAILED") })),
      );
    const ranked = await rankedRows();
    const lastPassed = ranked.map((row) => row.failed).lastIndexOf(false);
    expect(ranked.filter((row) => !row.failed).length).toBeGreaterThan(3);
    expect(ranked.findIndex((row) => row.failed)).toBeGreaterThan(lastPassed);
    expect(ranked.findIndex((row) => row.name === "Haarlem Grote Houtstraat")).toBeGreaterThan(lastPassed);
    expect(await page.getByLabel("Wave").evaluate((select: HTMLSelectElement) => select.selectedOptions[0]!.textContent)).toBe(
      new Date().toLocaleDateString("en-GB", { month: "long", year: "numeric" }),
    );

    // It fits the phone: what has no room is in the row's details, not off-screen.
    const widths = () => page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth, table: document.querySelector(".league-table")!.getBoundingClientRect().right }));
    expect(await widths()).toMatchObject({ page: 360, viewport: 360 });
    expect((await widths()).table).toBeLessThanOrEqual(360);
    const more = haarlem.getByRole("button", { name: /^More\W+Haarlem Grote Houtstraat$/ });
    await more.click();
    expect(await more.getAttribute("aria-expanded")).toBe("true");
    const details = page.locator(`#${await more.getAttribute("aria-controls")}`);
    expect(await details.isVisible()).toBe(true);
    expect(await details.textContent()).toMatch(/Wave.*Shops\s*1.*Failed\s*1/s);
    expect((await widths()).page).toBe(360);

    // One press of the heading turns the order round: the failed ones first.
    await page.getByRole("button", { name: "Latest" }).click();
    expect((await rankedRows())[0]!.failed).toBe(true);
    expect(await page.getByRole("columnheader", { name: "Latest" }).getAttribute("aria-sort")).toBe("ascending");

    // The location's trend: a chart with a text alternative and the figures as a table.
    await page.getByRole("link", { name: "Amsterdam Kalverstraat" }).click();
    await expect.poll(() => page.getByRole("img", { name: /Overall score, shops: 1/ }).count(), WAIT).toBe(1);
    const row = page.getByRole("table").getByRole("row").nth(1);
    expect(await row.getByRole("cell").allTextContents()).toEqual([EXPECTED_OVERALL, EXPECTED_WELCOME, "0%", "Passed"]);
  } finally {
    await browser.dispose();
  }
});
