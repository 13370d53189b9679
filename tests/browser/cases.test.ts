import { randomUUID } from "node:crypto";
import type { BrowserContext, Page } from "playwright-core";
import { expect, test } from "vitest";
import { sampleSizeFor } from "../../shared/experiments/sample-size";
import { formatHlc } from "../../shared/sync/hlc";
import { pdfText } from "./pdf-text";
import { demoServer, logIn, newBrowser, synced } from "./support";

/**
 * From a won experiment to the board's decision and its pack: CX operations make a business
 * case of the demo's won experiment (the lift comes prefilled from its result), fill in the
 * money and submit it; a board member opens it on another device, approves it with a reason,
 * sees the history, and prints the board pack to PDF, which names the case and its NPV.
 *
 * The demo experiment: 820 / 4000 against 910 / 4000, a lift of +2.25 points (95 % interval
 * 0.45 to 4.05 points). With 200,000 visitors a year × €12 margin, €25,000 up front, €5,000 a
 * year, 3 years at 8 %: base benefit 54,000 a year, net 49,000, NPV −25,000 + 49,000 · 2.577097
 * = €101,278; the low scenario (benefit 10,713.85, net 5,713.85) has NPV −€10,275: a warning.
 */
const CASE_TITLE = "Same-hour pickup in Rotterdam, then every store";
const BASE_NPV = "€101,278";
const LOW_NPV = "-€10,275";
const WAIT = { timeout: 15_000 };
// NFKC unfolds the ligatures the PDF's fonts use ("ﬂoor" → "floor").
const flat = (text: string) => text.normalize("NFKC").replace(/\s+/g, " ").trim();

const server = demoServer();

/** Types a number and leaves the field, which saves it. */
async function enter(page: Page, label: string | RegExp, value: string) {
  const field = page.getByLabel(label);
  await field.fill(value);
  await field.blur();
}

const statusNow = (page: Page) => page.locator("#case-status .status-badge");

/** The API as the person logged in on a device calls it (their session cookie): set-up the screens would take many steps for. */
async function apiOf(device: BrowserContext) {
  const cookie = (await device.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.baseUrl}${path}`, { method, headers: { cookie, origin: server.baseUrl, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json();
    expect(res.status, `${method} ${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
    return json;
  };
}

let counter = 0;
const upsert = (entity: string, fields: Record<string, unknown>, entityId: string = randomUUID()) => ({
  id: randomUUID(),
  entity,
  entityId,
  op: "upsert",
  fields,
  hlc: formatHlc({ millis: Date.now() - 60_000, counter: counter++, node: "00000000000000d4" }),
});

/**
 * A second case before the board, resting on an A/B test declared won on 3,000 users per group
 * where 6,510 were needed (baseline 20 %, MDE 10 %): the short sample is a gate, passed with a
 * reason. CX ops write and move everything; the board approves the experiment (CX proposed it).
 */
async function caseOnAShortSample(orgId: string, cx: BrowserContext, board: BrowserContext) {
  const [asCx, asBoard] = [await apiOf(cx), await apiOf(board)];
  const me = (await asCx("GET", "/api/me")).user.id as string;
  const { changes } = await asCx("GET", `/api/orgs/${orgId}/sync/pull?limit=5000`);
  const conversion = (changes as { entity: string; entityId: string; fields: { name?: string } }[]).find((c) => c.entity === "kpi" && c.fields.name === "Conversion")!.entityId;
  const required = sampleSizeFor(0.2, 0.1);
  if (!required.ok) throw new Error("sample size");
  const experiment = upsert("experiment", {
    title: "Express tills on Saturdays",
    change: "one till for five items or fewer on Saturday afternoons",
    primaryKpiId: conversion,
    design: "ab_split",
    baseline: 0.2,
    mde: 0.1,
    requiredSampleSize: required.perVariant,
    plan: [{ id: randomUUID(), title: "Open the express till", ownerId: me, dueDate: null, done: true }],
    results: [{ kpiId: conversion, control: { users: 3000, conversions: 600 }, treatment: { users: 3000, conversions: 690 } }],
  });
  await asCx("POST", `/api/orgs/${orgId}/sync/push`, { clientId: "browser-test", mutations: [experiment] });
  const move = (as: typeof asCx, to: string, extra: Record<string, string> = {}) => as("POST", `/api/orgs/${orgId}/experiments/${experiment.entityId}/transitions`, { to, reason: `To ${to}`, ...extra });
  await move(asCx, "proposed");
  await move(asBoard, "approved");
  await move(asCx, "running");
  await move(asCx, "analysing");
  await move(asCx, "won", { gateReason: SHORT_SAMPLE_REASON });
  const theCase = upsert("business_case", {
    title: EXPRESS_TITLE,
    experimentIds: [experiment.entityId],
    kpiId: conversion,
    baseline: 0.2,
    lift: { low: 0.008, base: 0.03, high: 0.052 },
    annualVolume: 100_000,
    valuePerUnit: 12,
    investment: 60_000,
    runningCostPerYear: 12_000,
    horizonYears: 3,
    discountRate: 0.08,
    options: [
      { id: randomUUID(), title: "Do nothing", description: "", doNothing: true },
      // −60,000 + (50,000 − 12,000) × 2.577097 = €37,930.
      { id: randomUUID(), title: "Express tills in every store", description: "", doNothing: false, investment: 60_000, runningCostPerYear: 12_000, annualBenefit: 50_000 },
    ],
    recommendation: "Approve, and count the groups again in spring.",
  });
  await asCx("POST", `/api/orgs/${orgId}/sync/push`, { clientId: "browser-test", mutations: [theCase] });
  await asCx("POST", `/api/orgs/${orgId}/business-cases/${theCase.entityId}/decisions`, { to: "submitted", reason: "Ready for the board" });
}
const EXPRESS_TITLE = "Express tills in every store";
const SHORT_SAMPLE_REASON = "The December rush ends the test early; the lift held every week.";

async function decide(page: Page, button: string, reason: string, expected: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
  await page.getByLabel("Why? (required)").fill(reason);
  await page.getByRole("button", { name: `Confirm: ${button}` }).click();
  await expect.poll(() => statusNow(page).textContent(), WAIT).toBe(expected);
}

test("a won experiment becomes a business case that the board approves and prints", async () => {
  const cxDevice = await newBrowser();
  const boardDevice = await newBrowser();
  try {
    const cx = await cxDevice.newPage();
    await logIn(cx, server.baseUrl, "cx@demo.example");
    await synced(cx);
    const orgPath = /\/o\/[^/]+/.exec(new URL(cx.url()).pathname)![0];

    // The won demo experiment offers to become a business case.
    await cx.getByRole("link", { name: "Experiments", exact: true }).click();
    await cx.getByRole("link", { name: /Reserve online, pick up in store within the hour/ }).click();
    await cx.getByRole("link", { name: "Make a business case of this" }).click();
    await expect.poll(() => cx.getByRole("heading", { level: 1 }).textContent(), WAIT).toBe("New business case");

    // The lift comes from the experiment's result: +2.25 points, the interval around it.
    await expect.poll(() => cx.getByLabel("Base (measured lift)").inputValue(), WAIT).toBe("2.25");
    // Shown to three significant digits, not as the raw 0.446135…
    expect(await cx.getByLabel("Low (lower bound)").inputValue()).toBe("0.446");
    expect(await cx.getByLabel("High (upper bound)").inputValue()).toBe("4.05");
    // Without an override (and its reason) the measured numbers are not typed over.
    expect(await cx.getByLabel("Base (measured lift)").getAttribute("readonly")).not.toBeNull();

    await enter(cx, "Title", CASE_TITLE);
    await expect.poll(() => new URL(cx.url()).pathname, WAIT).toMatch(/\/cases\/[0-9a-f-]{36}$/);
    const casePath = new URL(cx.url()).pathname;
    await cx.getByLabel("Summary", { exact: true }).fill("Customers who reserve online collect within the hour and buy more.");
    await cx.getByLabel("The ask").fill("€25,000 for stock feeds and pickup desks in the two other stores.");
    await enter(cx, /^Annual volume/, "200000");
    await enter(cx, "Value per unit", "12");
    await enter(cx, "One-off investment", "25000");
    await enter(cx, "Running cost per year", "5000");
    expect(await cx.getByLabel("Horizon").inputValue()).toBe("3");
    expect(await cx.getByLabel("Discount rate").inputValue()).toBe("8");

    // NPV, ROI and payback per scenario, with the warning that the low scenario loses money.
    const npv = (scenario: string) => cx.locator(`#case-scenarios td[data-figure="npv"][data-scenario="${scenario}"]`).textContent();
    await expect.poll(() => npv("base"), WAIT).toBe(BASE_NPV);
    expect(await npv("low")).toBe(LOW_NPV);
    expect(await cx.locator(".loss-warning").textContent()).toContain("in the low scenario this case loses money");
    expect(await cx.getByRole("img", { name: /Net present value per scenario: low -€10,275, base €101,278/ }).count()).toBe(1);

    // Submitting waits for what the board needs: here, a recommendation.
    expect(await cx.getByRole("button", { name: "Submit to the board" }).isDisabled()).toBe(true);
    expect(await cx.locator("#case-blocked").textContent()).toContain("a recommendation");
    await cx.getByLabel("Recommendation", { exact: true }).fill("Roll out to every store: even the cautious case nearly breaks even.");
    await cx.getByLabel("Recommendation", { exact: true }).blur();
    await expect.poll(() => cx.getByRole("button", { name: "Submit to the board" }).isDisabled(), WAIT).toBe(false);
    await synced(cx);
    await decide(cx, "Submit to the board", "Won experiment, clear payback in the base case.", "Submitted");

    // The board, on its own device: the board view's "Awaiting a decision" leads to the case.
    const board = await boardDevice.newPage();
    await logIn(board, server.baseUrl, "board@demo.example");
    await synced(board);
    await board.goto(`${server.baseUrl}${orgPath}/board`);
    const awaiting = board.getByRole("region", { name: "Business cases" }).locator("xpath=.//h3[normalize-space()='Awaiting a decision']/following-sibling::ul[1]");
    const fromBoard = awaiting.getByRole("link", { name: CASE_TITLE, exact: true });
    await expect.poll(() => fromBoard.count(), WAIT).toBe(1);
    expect(await fromBoard.getAttribute("href")).toBe(casePath);
    await fromBoard.click();
    await expect.poll(() => board.getByRole("heading", { level: 1 }).textContent(), WAIT).toBe(CASE_TITLE);
    expect(new URL(board.url()).pathname).toBe(casePath);
    await expect.poll(() => board.locator('#case-scenarios td[data-scenario="base"][data-figure="npv"]').textContent(), WAIT).toBe(BASE_NPV);
    await decide(board, "Approve", "Approved for the spring roll-out; report benefits each quarter.", "Approved");

    // The history: who, when, what and why.
    const history = board.locator(".case-history");
    await expect.poll(() => history.locator(".decision").count(), WAIT).toBe(2);
    const text = (await history.textContent()) ?? "";
    expect(text).toContain("Draft → Submitted");
    expect(text).toContain("Submitted → Approved");
    expect(text).toContain("Bea Bestuur");
    expect(text).toContain("Approved for the spring roll-out");
    expect(await board.getByRole("heading", { name: "Benefits delivered" }).count()).toBe(1);

    // The board view's money is never cut short, on a laptop or a phone.
    await board.goto(`${server.baseUrl}${orgPath}/board`);
    for (const width of [1280, 360]) {
      await board.setViewportSize({ width, height: 800 });
      await expect.poll(() => board.locator(".figure-value").count(), WAIT).toBeGreaterThan(4);
      const clipped = await board.locator(".figure, .figure-value").evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
      expect(clipped, `at ${width} px`).toEqual([]);
    }
    await board.goBack();

    // The board pack, printed to PDF: A4, without the app's header and tabs, with the case and its NPV.
    await board.getByRole("link", { name: "Board pack" }).click();
    await expect.poll(() => board.getByRole("heading", { level: 2, name: CASE_TITLE }).count(), WAIT).toBe(1);
    await expect.poll(() => board.getByRole("button", { name: "Print / save as PDF" }).count(), WAIT).toBe(1);
    // Printed once the pack has drawn down to its last part, the resolution, as a person would.
    await expect.poll(() => board.getByText(/Approved on .* by Bea Bestuur/).count(), WAIT).toBeGreaterThan(0);
    await board.emulateMedia({ media: "print" });
    expect(await board.locator(".app-header").isVisible()).toBe(false);
    expect(await board.locator(".tabbar").isVisible()).toBe(false);
    expect(await board.getByRole("button", { name: "Print / save as PDF" }).isVisible()).toBe(false);
    const pdf = await board.pdf({ format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // A4 is 595 × 842 points.
    expect(pdf.toString("latin1")).toMatch(/\/MediaBox\s*\[\s*0 0 595(\.\d+)? 841\.\d+|\/MediaBox\s*\[\s*0 0 595(\.\d+)? 842/);
    const { pages } = pdfText(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const all = flat(pages.join("\n"));
    // Every page says which it is, of how many, and whose pack of which day.
    const today = new Intl.DateTimeFormat("en-GB", { dateStyle: "long" }).format(new Date());
    for (const [i, page] of pages.entries()) {
      expect(flat(page)).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(flat(page)).toContain(`Demo Retail · ${today}`);
    }
    // The evidence's quality and guardrails, and the resolution as decided.
    expect(all).toContain("Group sizes as planned (sample-ratio check p = 1.000).");
    expect(all).toMatch(/Sample size reached: 4,000 and 4,000 per group, [\d,]+ needed\./);
    expect(all).toContain("Spend per customer: no result.");
    expect(all).toMatch(/Approved on .* by Bea Bestuur, on version 1: Approved for the spring roll-out/);
    // Nothing moved under the decision: the evidence as it stands reads as it was submitted.
    expect(all).not.toContain("Changed since");
    expect(all).toContain(CASE_TITLE);
    expect(all).toContain(BASE_NPV);
    expect(all).toContain("Evidence from the floor");
    // The board reads what the case is about first, then what it is asked to decide.
    const summaryAt = all.indexOf("collect within the hour and buy more");
    const askAt = all.indexOf("pickup desks in the two other stores");
    expect(summaryAt).toBeGreaterThan(-1);
    expect(askAt).toBeGreaterThan(summaryAt);
    expect(all).not.toContain("Skip to content");

    // The meeting pack: a cover with the meeting, set on the screen and kept in the address.
    await caseOnAShortSample(orgPath.slice(3), cxDevice, boardDevice);
    await board.emulateMedia({ media: "screen" });
    await board.goto(`${server.baseUrl}${orgPath}/board/pack`);
    await synced(board);
    await board.getByLabel("Meeting date").fill("2026-12-10");
    await board.getByLabel("Meeting", { exact: true }).fill("Board meeting, December");
    await board.getByLabel("Meeting", { exact: true }).blur();
    await expect.poll(() => new URL(board.url()).search, WAIT).toContain("date=2026-12-10");
    await board.reload();
    await expect.poll(() => board.getByRole("heading", { level: 2, name: EXPRESS_TITLE }).count(), WAIT).toBe(1);
    expect(await board.getByLabel("Meeting", { exact: true }).inputValue()).toBe("Board meeting, December");
    await board.emulateMedia({ media: "print" });
    const meeting = pdfText(await board.pdf({ format: "A4", printBackground: true })).pages.map(flat);
    // Every page says which it is and whose meeting of which day (Chromium writes the footer first).
    const bodies = meeting.map((page, i) => {
      const footer = `Page ${i + 1} of ${meeting.length} Demo Retail · Board meeting, December · 10 December 2026 `;
      expect(page.startsWith(footer), page).toBe(true);
      return page.slice(footer.length);
    });
    // Page 1 is the cover, alone; then the summary; then each case from the top of a page of its own.
    expect(bodies[0]).toBe("Board meeting pack Demo Retail Board meeting, December 10 December 2026");
    expect(bodies[1]).toMatch(/^2 cases for decision /);
    // (The kicker is set in capitals.)
    for (const title of [EXPRESS_TITLE, "Same-day pickup in every store"]) expect(bodies.filter((page) => page.startsWith(`BUSINESS CASE · SUBMITTED ${title} `)), title).toHaveLength(1);
    const printed = meeting.join(" ");
    // The short sample, and the reason the win was given past it.
    expect(printed).toContain("Short sample: 3,000 and 3,000 per group of the 6,510 needed.");
    expect(printed).toContain("The sample is short: 3,000 of the 6,510 per group needed.");
    expect(printed).toContain(`Reason given: ${SHORT_SAMPLE_REASON}`);
    // Each option with its cost and NPV.
    expect(printed).toMatch(/Express tills in every store €60,000 €12,000 €50,000 €37,930 18.9 mths/);
  } finally {
    await cxDevice.dispose();
    await boardDevice.dispose();
  }
}, 150_000);
