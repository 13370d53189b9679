import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { accountEn } from "../../web/src/i18n/account.en";
import { accountNl } from "../../web/src/i18n/account.nl";
import { briefingEn } from "../../web/src/i18n/briefing.en";
import { briefingNl } from "../../web/src/i18n/briefing.nl";
import { casesEn } from "../../web/src/i18n/cases.en";
import { casesNl } from "../../web/src/i18n/cases.nl";
import { en } from "../../web/src/i18n/en";
import { kpiEn } from "../../web/src/i18n/kpi.en";
import { kpiNl } from "../../web/src/i18n/kpi.nl";
import { mysteryEn } from "../../web/src/i18n/mystery.en";
import { mysteryNl } from "../../web/src/i18n/mystery.nl";
import { nl } from "../../web/src/i18n/nl";
import { photoEn } from "../../web/src/i18n/photo.en";
import { photoNl } from "../../web/src/i18n/photo.nl";
import { resultsEn } from "../../web/src/i18n/results.en";
import { resultsNl } from "../../web/src/i18n/results.nl";
import { trustEn } from "../../web/src/i18n/trust.en";
import { trustNl } from "../../web/src/i18n/trust.nl";
import { demoServer, logIn, newBrowser, orgIdOf, synced } from "./support";

/**
 * The floor walk (issue 13), on a 360 × 740 phone: five findings captured photo-first with
 * "Save & next" in under 20 taps, all of them on the server; then, switched to Dutch, the capture
 * screens (the photo viewer included) hold no English text, label or spoken status.
 */
const server = demoServer();
let phone: Awaited<ReturnType<typeof newBrowser>>;
let page: Page;

/** A 1 × 1 PNG: the app re-encodes it as a JPEG on the device. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

beforeAll(async () => {
  phone = await newBrowser();
  page = await phone.newPage();
});
afterAll(async () => {
  await phone?.dispose();
});
/** Each test starts signed in as the director (once, in whichever test runs first). */
let signedIn = false;
async function director() {
  if (signedIn) return;
  await logIn(page, server.baseUrl, "director@demo.example");
  await synced(page);
  signedIn = true;
}

/** Starts a visit at the first place offered and waits for its screen. */
async function startVisit(addFinding: string, start: string) {
  await page.locator(".tabbar .tab").first().click();
  await page.locator(`main a[href$="/visits/new"]`).first().click();
  // The place opens its briefing; the visit starts there.
  await page.locator(".place-option").first().click();
  await page.getByRole("button", { name: start }).click();
  await expect.poll(() => page.getByRole("link", { name: addFinding }).count()).toBe(1);
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

describe("quick capture", () => {
  test("five findings with Save & next in under 20 taps from the open visit, all five on the server", async () => {
    await director();
    const visitId = await startVisit("Add a finding", "Start visit");
    let taps = 0;
    const tap = async (target: Locator) => {
      taps++;
      await target.click();
    };
    // A photo is two taps: the button, then the camera's shutter (or the photo in the gallery).
    const photo = async (name: string) => {
      taps += 2;
      await page.getByLabel("Take a photo").setInputFiles({ name, mimeType: "image/png", buffer: PNG });
      await expect.poll(() => page.getByText("Photos added: 1.").count(), { timeout: 20_000 }).toBe(1);
    };
    const describe = async (text: string) => {
      await page.getByLabel("What did the customer see?").fill(text);
    };
    const radio = (name: string) => page.getByRole("radio", { name, exact: true });
    const saveAndNext = async () => {
      await tap(page.getByRole("button", { name: "Save & next finding" }));
      // A fresh finding, its camera focused: the next photo is one tap away.
      await expect.poll(() => page.getByLabel("What did the customer see?").inputValue()).toBe("");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("finding-photos-camera");
    };
    const started = Date.now();

    await tap(page.getByRole("link", { name: "Add a finding" }));
    await photo("queue.png");
    await describe("Twelve people queueing at the only open till");
    await tap(radio("Pain"));
    // Read as its name only: no tick in the name of the checked option.
    expect(await page.getByRole("radio", { name: "Pain", exact: true, checked: true }).count()).toBe(1);
    await tap(radio("4"));
    await saveAndNext();

    await describe("A colleague walked a customer to the right shelf");
    await tap(radio("Delight"));
    // A delight is no irritation: no severity is asked.
    expect(await page.getByRole("group", { name: "How bad is the pain?" }).count()).toBe(0);
    await saveAndNext();

    await photo("shelf.png");
    await describe("Empty shelf where the coffee should be");
    await tap(radio("Pain"));
    await tap(radio("2"));
    await saveAndNext();

    await describe("No price on the discounted jackets");
    await tap(radio("Pain"));
    await tap(radio("3"));
    await saveAndNext();

    await describe("Self-scan worked first time, no queue");
    await tap(radio("Delight"));
    await tap(page.getByRole("link", { name: "Done" }));
    // Back at the visit, focus waits on adding the next finding, not at the top of the screen.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("visit-add-finding");
    const captureMs = Date.now() - started;
    expect(taps).toBeLessThan(20);

    // Finishing the visit moves focus on to writing it up.
    await page.getByRole("button", { name: "Finish visit" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("visit-notes-heading");

    await synced(page);
    const onServer = await page.evaluate(async ({ orgId, visitId }) => {
      const found = new Map<string, Record<string, unknown>>();
      for (let since = "", more = true; more; ) {
        const res = await fetch(`/api/orgs/${orgId}/sync/pull?since=${encodeURIComponent(since)}`);
        const body = (await res.json()) as { changes: { entity: string; entityId: string; fields: Record<string, unknown> }[]; cursor: string; hasMore: boolean };
        for (const c of body.changes) if (c.entity === "finding" && c.fields.visitId === visitId) found.set(c.entityId, c.fields);
        more = body.hasMore && body.cursor !== since;
        since = body.cursor;
      }
      return [...found.values()].map((f) => ({ saw: f.saw, sentiment: f.sentiment, severity: f.severity, photos: (f.photos as string[]).length }));
    }, { orgId: orgIdOf(page), visitId });
    expect(onServer.sort((a, b) => String(a.saw).localeCompare(String(b.saw)))).toEqual([
      { saw: "A colleague walked a customer to the right shelf", sentiment: "delight", severity: null, photos: 0 },
      { saw: "Empty shelf where the coffee should be", sentiment: "pain", severity: 2, photos: 1 },
      { saw: "No price on the discounted jackets", sentiment: "pain", severity: 3, photos: 0 },
      { saw: "Self-scan worked first time, no queue", sentiment: "delight", severity: null, photos: 0 },
      { saw: "Twelve people queueing at the only open till", sentiment: "pain", severity: 4, photos: 1 },
    ]);
    console.info(`quick capture: 5 findings in ${taps} taps, ${captureMs} ms`);
  });

  test("in Dutch the capture screens, the photo viewer and the spoken status hold no English", async () => {
    await director();
    // "Sync now" in English leaves its outcome in the status region; then the switch to Dutch.
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => page.getByText("All changes are sent.").count()).toBe(1);
    expect(await englishOn(page), "the check hears the English status").toContain("All changes are sent.");
    await page.getByRole("link", { name: "Me", exact: true }).click();
    await page.getByLabel("Language").selectOption("nl");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(nl["me.title"]);

    const check = async (screen: string) => {
      await expect.poll(async () => ({ screen, english: await englishOn(page) })).toEqual({ screen, english: [] });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${screen} fits 360 px`).toBeLessThanOrEqual(0);
    };
    await check("me");
    await page.locator(".tabbar .tab").first().click();
    await check("home");
    await startVisit(nl["visit.addFinding"], briefingNl["briefing.start"]);
    await check("visit");
    await page.getByRole("link", { name: nl["visit.addFinding"] }).click();
    await page.getByLabel(nl["photo.choose"]).setInputFiles({ name: "rij.png", mimeType: "image/png", buffer: PNG });
    await page.getByLabel(nl["finding.saw"]).fill("Een rij van twaalf mensen bij de enige open kassa");
    await page.getByRole("radio", { name: nl["sentiment.pain"], exact: true }).click();
    await page.getByRole("radio", { name: "4", exact: true }).click();
    await page.getByText(nl["finding.more"]).click();
    await expect.poll(() => page.getByLabel(nl["finding.stage"]).isVisible()).toBe(true);
    await check("finding");

    // The photo opens in the app: zoom by double tap, and by pinching with two fingers.
    const thumb = page.getByRole("button", { name: "Foto 1 van 1" });
    await thumb.click();
    const viewer = page.getByRole("dialog", { name: "Foto 1 van 1" });
    await expect.poll(() => viewer.isVisible()).toBe(true);
    await check("photo viewer");
    const image = viewer.locator("img");
    const scale = async () => Number(await image.getAttribute("data-scale"));
    const box = (await viewer.locator(".photo-viewer-frame").boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.dblclick(cx, cy);
    await expect.poll(scale).toBe(2.5);
    await page.mouse.dblclick(cx, cy);
    await expect.poll(scale).toBe(1);
    const touch = await phone.newCDPSession(page);
    const fingers = (spread: number) => [
      { x: cx - spread, y: cy, id: 0 },
      { x: cx + spread, y: cy, id: 1 },
    ];
    await touch.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: fingers(20) });
    await touch.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: fingers(40) });
    await touch.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: fingers(60) });
    await touch.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await expect.poll(scale).toBeCloseTo(3, 1);
    await page.keyboard.press("Escape");
    await expect.poll(() => viewer.count()).toBe(0);
    expect(await thumb.evaluate((button) => document.activeElement === button)).toBe(true);
  });
});

/**
 * Texts on the page that are an English dictionary text (any `{placeholder}` filled in) whose
 * Dutch differs: visible text, what screen readers get from labels, and the spoken status.
 */
async function englishOn(target: Page): Promise<string[]> {
  const texts = await target.evaluate(() => {
    const found: string[] = [document.title.replace(/ · Chefsache$/, "")];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement?.closest("script, style") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) found.push(node.textContent ?? "");
    for (const element of document.querySelectorAll("[aria-label], [title], [placeholder], [alt], [aria-valuetext]")) {
      for (const name of ["aria-label", "title", "placeholder", "alt", "aria-valuetext"]) found.push(element.getAttribute(name) ?? "");
    }
    for (const region of document.querySelectorAll("[role=status], [aria-live]")) found.push(region.textContent ?? "");
    return found.map((text) => text.trim()).filter(Boolean);
  });
  // "Start" is English for one thing and Dutch for another: a text Dutch also uses is Dutch.
  return [...new Set(texts.filter((text) => ENGLISH.some((english) => english.test(text)) && !DUTCH.some((dutch) => dutch.test(text))))];
}

const PAIRS: [Record<string, string>, Record<string, string>][] = [
  [en, nl],
  [accountEn, accountNl],
  [briefingEn, briefingNl],
  [casesEn, casesNl],
  [kpiEn, kpiNl],
  [mysteryEn, mysteryNl],
  [photoEn, photoNl],
  [resultsEn, resultsNl],
  [trustEn, trustNl],
];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A dictionary text as a pattern: each placeholder matches anything. */
const pattern = (text: string) => new RegExp(`^${text.split(/\{\w+\}/).map(escape).join(".+")}$`, "s");
/** Too little of it is words to tell the language ("{n} %", "{name}"). */
const telling = (text: string) => text.replace(/\{\w+\}/g, "").replace(/[^\p{L}]/gu, "").length >= 3;
const ENGLISH = PAIRS.flatMap(([english, dutch]) =>
  Object.entries(english)
    .filter(([key, text]) => text !== dutch[key] && telling(text))
    .map(([, text]) => pattern(text)),
);
const DUTCH = PAIRS.flatMap(([, dutch]) => Object.values(dutch).filter(telling).map(pattern));
