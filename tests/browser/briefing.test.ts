import { createHash, randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import type { LoginResponse } from "../../shared/schemas/auth";
import { formatHlc } from "../../shared/sync/hlc";
import type { PulledChange, PullResponse } from "../../shared/sync/protocol";
import { demoServer, logIn, newBrowser, orgIdOf, pngOf, synced } from "./support";

const server = demoServer();

/** A demo person on the API from here (not a browser): logged in, with their organisation. */
async function apiAs(email: string) {
  const base = server.baseUrl;
  const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email, password: "demo-demo-demo" }) });
  expect(login.status).toBe(200);
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const me = (await login.json()) as LoginResponse;
  const orgId = me.memberships[0]!.orgId;
  const call = (method: string, path: string, body?: { json: unknown } | { bytes: Buffer; type: string }) =>
    fetch(`${base}/api/orgs/${orgId}${path}`, {
      method,
      headers: { cookie, origin: base, ...(body ? { "content-type": "json" in body ? "application/json" : body.type } : {}) },
      ...(body ? { body: "json" in body ? JSON.stringify(body.json) : new Uint8Array(body.bytes) } : {}),
    });
  return {
    userId: me.user.id,
    orgId,
    call,
    async records(): Promise<PulledChange[]> {
      const changes: PulledChange[] = [];
      for (let since = ""; ; ) {
        const page = (await (await call("GET", `/sync/pull?since=${encodeURIComponent(since)}`)).json()) as PullResponse;
        changes.push(...page.changes);
        since = page.cursor;
        if (!page.hasMore) return changes;
      }
    },
  };
}

/** Whether the device holds a copy of the photo (fetched ahead), read from its IndexedDB. */
const photoOnDevice = (page: Page, sha256: string) =>
  page.evaluate(
    async ({ orgId, sha256 }) => {
      const userId = (JSON.parse(localStorage.getItem("chefsache.session") ?? "{}") as { user: { id: string } }).user.id;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(`chefsache:${userId}:${orgId}`);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const photo = await new Promise<{ fetched?: boolean } | undefined>((resolve) => {
        const request = db.transaction("photos").objectStore("photos").get(sha256);
        request.onsuccess = () => resolve(request.result as { fetched?: boolean } | undefined);
      });
      db.close();
      return photo?.fetched === true;
    },
    { orgId: orgIdOf(page), sha256 },
  );

/** Nothing wider than the phone. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test("the briefing shows a colleague's findings with thumbnails offline; 'fixed' and 'still seen' marked on the visit reach CX operations", async () => {
  // A colleague (the admin) found two things at the shop earlier, one with a photo.
  const admin = await apiAs("admin@demo.example");
  const place = (await admin.records()).find((c) => c.entity === "location" && c.fields.name === "Amsterdam Kalverstraat")!.entityId;
  const photo = pngOf(800, 600);
  const sha = createHash("sha256").update(photo).digest("hex");
  expect((await admin.call("PUT", `/attachments/${sha}`, { bytes: photo, type: "image/png" })).status).toBeLessThan(300);
  const labels = randomUUID();
  const music = randomUUID();
  const hlc = formatHlc({ millis: Date.now() - 60_000, counter: 0, node: "00000000000000e1" });
  const found = (id: string, saw: string, photos: string[]) => ({ id: randomUUID(), entity: "finding", entityId: id, op: "upsert", hlc, fields: { locationId: place, saw, severity: 3, sentiment: "pain", status: "new", photos } });
  const pushed = await admin.call("POST", "/sync/push", {
    json: { clientId: "colleague-phone", mutations: [found(labels, "Price labels missing on the shoe wall", [sha]), found(music, "Music far too loud at the entrance", [])] },
  });
  expect(pushed.status).toBe(200);

  const director = await newBrowser({ viewport: { width: 360, height: 740 } });
  try {
    const page = await director.newPage();
    await logIn(page, server.baseUrl, "director@demo.example");
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
    await synced(page);

    // Choosing the place shows its briefing and creates nothing; its photos come onto the device.
    await page.getByRole("link", { name: "Start a visit" }).first().click();
    await page.getByRole("link", { name: /Amsterdam Kalverstraat/ }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Briefing: Amsterdam Kalverstraat");
    await expect.poll(() => photoOnDevice(page, sha), { timeout: 15_000 }).toBe(true);
    expect(await page.locator(".sync").getAttribute("data-pending")).toBe("0");

    // In the shop: no signal, the app in Dutch, opened again.
    await page.evaluate(() => localStorage.setItem("chefsache.language", "nl"));
    await director.setOffline(true);
    const offlineAt = Date.now();
    await page.reload();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 20_000 }).toBe("Voorbereiding: Amsterdam Kalverstraat");
    const findings = page.getByRole("heading", { name: "Open bevindingen" }).locator("xpath=following-sibling::ul[1]");
    const labelsRow = findings.getByRole("listitem").filter({ hasText: "Price labels missing on the shoe wall" });
    const thumbnail = labelsRow.locator("img.item-photo");
    // The thumbnail is the copy on the device, not the server's (unreachable) address.
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(800);
    expect(await thumbnail.getAttribute("src")).toMatch(/^blob:/);
    const thumbnailMs = Date.now() - offlineAt;
    expect(await findings.getByRole("listitem").first().textContent()).toMatch(/Music far too loud|Price labels missing/);
    expect(await fitsWidth(page)).toBe(true);

    // Start the visit; this visit's findings come first, then the earlier ones to look at again.
    await page.getByRole("button", { name: "Bezoek starten" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Winkelvloer bij Amsterdam Kalverstraat");
    const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
    expect(headings.indexOf("Bevindingen van dit bezoek")).toBeLessThan(headings.indexOf("Nog open bij Amsterdam Kalverstraat"));
    const fixed = page.getByRole("group", { name: "Price labels missing on the shoe wall" }).getByRole("button", { name: "Opgelost" });
    await fixed.click();
    await expect.poll(() => fixed.getAttribute("aria-pressed")).toBe("true");
    const stillSeen = page.getByRole("group", { name: "Music far too loud at the entrance" }).getByRole("button", { name: "Nog steeds gezien" });
    await stillSeen.click();
    await expect.poll(() => stillSeen.getAttribute("aria-pressed")).toBe("true");
    expect(await fitsWidth(page)).toBe(true);
    const visitId = new URL(page.url()).pathname.split("/").pop();

    // Back online, it syncs by itself; CX operations have both looks, with who and on which visit.
    await director.setOffline(false);
    await expect.poll(async () => `${await page.locator(".sync").getAttribute("data-state")}:${await page.locator(".sync").getAttribute("data-pending")}`, { timeout: 20_000 }).toBe("ok:0");
    const cx = await apiAs("cx@demo.example");
    const directorId = (await (await fetch(`${server.baseUrl}/api/me`, { headers: { cookie: (await director.cookies()).map((c) => `${c.name}=${c.value}`).join("; ") } })).json()) as LoginResponse;
    const onServer = new Map((await cx.records()).filter((c) => c.entity === "finding").map((c) => [c.entityId, c.fields]));
    expect(onServer.get(labels)).toMatchObject({ recheck: { result: "fixed", by: directorId.user.id, visitId }, status: "new", saw: "Price labels missing on the shoe wall" });
    expect(onServer.get(music)).toMatchObject({ recheck: { result: "still_seen", by: directorId.user.id, visitId } });

    // And the finding says so to whoever opens it.
    await page.getByRole("link", { name: /Price labels missing on the shoe wall/ }).click();
    await expect.poll(() => page.getByText(/^Opgelost volgens Daan Directeur, /).count()).toBe(1);
    console.info(`briefing offline: thumbnail from the device ${thumbnailMs} ms after the reload`);
  } finally {
    await director.setOffline(false).catch(() => undefined);
    await director.dispose();
  }
});
