import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { demoServer, logIn, newBrowser, orgIdOf, synced, syncNow } from "./support";

/**
 * The floor walk (issue 13), on a 360 × 740 phone: a director deletes a finding with five
 * seconds to undo, a finding opened by mistake and left blank never reaches the server, and a
 * photo removed before it was uploaded is never uploaded.
 */
const server = demoServer();

type Phone = Awaited<ReturnType<typeof newBrowser>>;
/** A 1 × 1 PNG: the app re-encodes it as a JPEG on the device. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

const saw = (page: Page) => page.getByLabel("What did the customer see?");
const listed = (page: Page, text: string) => page.locator("li.item", { hasText: text }).count();

/** Every finding id the server hands to devices (deleted ones with `deleted`). */
async function findingsOnServer(page: Page): Promise<Map<string, { deleted: boolean }>> {
  const found = await page.evaluate(async (orgId) => {
    const out: [string, { deleted: boolean }][] = [];
    for (let since = "", more = true; more; ) {
      const res = await fetch(`/api/orgs/${orgId}/sync/pull?since=${encodeURIComponent(since)}`);
      const body = (await res.json()) as { changes: { entity: string; entityId: string; deleted: boolean }[]; cursor: string; hasMore: boolean };
      for (const c of body.changes) if (c.entity === "finding") out.push([c.entityId, { deleted: c.deleted }]);
      more = body.hasMore && body.cursor !== since;
      since = body.cursor;
    }
    return out;
  }, orgIdOf(page));
  return new Map(found);
}

/** What waits in this device's outbox and photo store. */
async function onDevice(page: Page) {
  return page.evaluate(async (orgId) => {
    const userId = (JSON.parse(localStorage.getItem("chefsache.session") ?? "{}") as { user: { id: string } }).user.id;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(`chefsache:${userId}:${orgId}`);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
      });
    const outbox = await all<{ mutation: { entity: string; entityId: string; op: string } }>("outbox");
    const photos = await all<{ sha256: string; uploaded: boolean }>("photos");
    db.close();
    return { outbox: outbox.map((e) => e.mutation), photos: photos.map((p) => p.sha256) };
  }, orgIdOf(page));
}

/** A new finding from the findings list (in-app navigation: it works offline too). */
async function newFinding(page: Page, text: string): Promise<string> {
  if (!/\/findings$/.test(new URL(page.url()).pathname)) await page.getByRole("link", { name: "Findings" }).first().click();
  await page.getByRole("link", { name: "New finding" }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("New finding");
  await saw(page).fill(text);
  await saw(page).blur();
  await expect.poll(() => new URL(page.url()).pathname).toMatch(/\/findings\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

test("a director deletes a finding: undone it stays; not undone it is gone on another phone after sync", async () => {
  const phones: Phone[] = [];
  try {
    const phone = await newBrowser();
    phones.push(phone);
    const page = await phone.newPage();
    await logIn(page, server.baseUrl, "director@demo.example");
    await synced(page);
    const orgId = orgIdOf(page);
    const text = `Price tags missing on the promotion table ${Date.now()}`;
    const path = await newFinding(page, text);
    const findingId = path.split("/").at(-1)!;
    await syncNow(page);

    // Delete, then Undo from the keyboard: the toast is announced and its Undo has focus.
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/o/${orgId}/findings`);
    const toast = page.locator(".toasts .toast", { hasText: "Finding deleted." });
    await expect.poll(() => toast.count()).toBe(1);
    expect(await page.locator(".toasts").getAttribute("aria-live")).toBe("polite");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Undo");
    expect(await listed(page, text)).toBe(0);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByText("Undone: it is back.").count()).toBe(1);
    await expect.poll(() => listed(page, text)).toBe(1);
    // Well past the five seconds: nothing was written or sent.
    await page.waitForTimeout(6_000);
    expect((await onDevice(page)).outbox.filter((m) => m.entityId === findingId)).toEqual([]);
    await syncNow(page);
    expect((await findingsOnServer(page)).get(findingId)).toEqual({ deleted: false });
    expect(await listed(page, text)).toBe(1);

    // Delete again and let the moment pass: written, sent, archived.
    await page.locator("li.item a", { hasText: text }).click();
    await expect.poll(() => saw(page).inputValue()).toBe(text);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await expect.poll(async () => (await findingsOnServer(page)).get(findingId)?.deleted, { timeout: 20_000 }).toBe(true);
    expect(await listed(page, text)).toBe(0);

    // Another phone of the director's: not in its list after sync.
    const second = await newBrowser();
    phones.push(second);
    const other = await second.newPage();
    await logIn(other, server.baseUrl, "director@demo.example");
    await synced(other);
    await other.goto(`${server.baseUrl}/o/${orgId}/findings`);
    await expect.poll(() => other.locator("ul.items, .empty").count()).toBeGreaterThan(0);
    expect(await listed(other, text)).toBe(0);
    await other.goto(`${server.baseUrl}${path}`);
    await expect.poll(() => other.getByText("This finding is not on this device.", { exact: false }).count()).toBe(1);
  } finally {
    for (const phone of phones) await phone.dispose();
  }
}, 120_000);

test("a finding left blank never reaches the server, and a photo removed offline is never uploaded", async () => {
  const phone = await newBrowser();
  try {
    const page = await phone.newPage();
    await logIn(page, server.baseUrl, "director@demo.example");
    await synced(page);
    const orgId = orgIdOf(page);
    const before = new Set((await findingsOnServer(page)).keys());

    // Opened by mistake: a pain of 5 tapped, nothing described, then Done. Nothing is stored.
    await page.goto(`${server.baseUrl}/o/${orgId}/findings/new`);
    await page.getByRole("radio", { name: "Pain", exact: true }).check();
    await page.getByRole("radio", { name: "5", exact: true }).check();
    await page.getByRole("link", { name: "Done" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/o/${orgId}/findings`);

    // Offline: one typed and cleared again, then left; one with a photo that is removed again.
    await phone.setOffline(true);
    const blankPath = await newFinding(page, "x");
    await saw(page).fill("");
    await saw(page).blur();
    await page.getByRole("link", { name: "Done" }).click();
    await expect.poll(() => page.getByText("Empty finding discarded: nothing was described.").count()).toBe(1);
    expect((await onDevice(page)).outbox.filter((m) => m.entityId === blankPath.split("/").at(-1)).map((m) => m.op)).toEqual(["delete"]);

    const photoText = `Broken trolley bay ${Date.now()}`;
    const photoPath = await newFinding(page, photoText);
    await page.getByLabel("Choose from gallery").setInputFiles({ name: "bay.png", mimeType: "image/png", buffer: PNG });
    await expect.poll(() => page.getByText("Photos added: 1.").count(), { timeout: 20_000 }).toBe(1);
    const [sha] = (await onDevice(page)).photos;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    await page.getByRole("button", { name: "Remove photo 1" }).click();
    await expect.poll(() => page.getByText("Photo 1 removed.").count()).toBe(1);
    await expect.poll(async () => (await onDevice(page)).photos).toEqual([]);

    await phone.setOffline(false);
    await syncNow(page);
    const after = await findingsOnServer(page);
    const added = [...after.keys()].filter((id) => !before.has(id));
    // Only the finding that describes something reached the server.
    expect(added).toEqual([photoPath.split("/").at(-1)]);
    const attachment = await page.evaluate(async ({ orgId, sha }) => (await fetch(`/api/orgs/${orgId}/attachments/${sha}`)).status, { orgId, sha: sha! });
    expect(attachment).toBe(404);
    await page.getByRole("link", { name: "Findings" }).first().click();
    await expect.poll(() => listed(page, photoText)).toBe(1);
  } finally {
    await phone.setOffline(false).catch(() => undefined);
    await phone.dispose();
  }
}, 120_000);
