import type { BrowserContext } from "playwright-core";
import { expect, test } from "vitest";
import { demoServer, logIn, newBrowser, orgIdOf, pngOf, synced, syncNow } from "./support";

const server = demoServer();

test("a director captures a visit and a finding with a photo offline; it survives a reload and reaches a colleague", async () => {
  const director = await newBrowser();
  let colleague: (BrowserContext & { dispose(): Promise<void> }) | undefined;
  try {
    const page = await director.newPage();
    await logIn(page, server.baseUrl, "director@demo.example");
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
    // The organisation's locations and stages reached the device before the network goes.
    await synced(page);
    const started = Date.now();

    await director.setOffline(true);
    await expect.poll(() => page.locator(".sync-headline").textContent()).toBe("Offline");

    // The kind (floor walk is preselected), the place (its briefing), then "Start visit".
    await page.getByRole("link", { name: "Start a visit" }).first().click();
    await page.getByRole("radio", { name: /Ride-along/ }).check();
    await page.getByRole("link", { name: /Amsterdam Kalverstraat/ }).click();
    await page.getByRole("button", { name: "Start visit" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Ride-along at Amsterdam Kalverstraat");
    await page.getByLabel("People met", { exact: true }).fill("Sanne, store manager");
    await page.getByLabel("Notes", { exact: true }).fill("Busy Saturday; one till open for twenty minutes.");
    await page.getByLabel("Notes", { exact: true }).blur();

    await page.getByRole("link", { name: "Add a finding" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("New finding");
    await page.getByLabel("What did the customer see?").fill("A queue of twelve people at the only open till");
    await page.getByLabel("What did the customer see?").blur();
    // The first entry creates the finding, and its address becomes its own.
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/\/findings\/[0-9a-f-]{36}$/);
    const findingPath = new URL(page.url()).pathname;
    await page.getByRole("radio", { name: "Pain", exact: true }).check();
    await page.getByRole("radio", { name: "4", exact: true }).check();
    await page.getByLabel("Choose from gallery").setInputFiles({ name: "queue.png", mimeType: "image/png", buffer: pngOf(2400, 1200) });
    await expect.poll(() => page.getByText("Photos added: 1.").count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.getByRole("img", { name: "Photo 1 of 1" }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // The stored photo was made smaller on the device: 1600 × 800, a JPEG.
    const stored = await page.evaluate(async (orgId) => {
      const userId = (JSON.parse(localStorage.getItem("chefsache.session") ?? "{}") as { user: { id: string } }).user.id;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(`chefsache:${userId}:${orgId}`);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const photos = await new Promise<{ blob: Blob; type: string }[]>((resolve) => {
        const request = db.transaction("photos").objectStore("photos").getAll();
        request.onsuccess = () => resolve(request.result as { blob: Blob; type: string }[]);
      });
      db.close();
      return Promise.all(photos.map(async (p) => {
        const bitmap = await createImageBitmap(p.blob);
        return { width: bitmap.width, height: bitmap.height, type: p.type, bytes: p.blob.size };
      }));
    }, orgIdOf(page));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ width: 1600, height: 800, type: "image/jpeg" });
    expect(Math.max(stored[0]!.width, stored[0]!.height)).toBeLessThanOrEqual(1600);

    // Still offline, a reload: everything is still there, waiting to be sent.
    await page.reload();
    await expect.poll(() => page.getByLabel("What did the customer see?").inputValue(), { timeout: 20_000 }).toBe("A queue of twelve people at the only open till");
    expect(await page.getByRole("radio", { name: "4", exact: true }).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole("img", { name: "Photo 1 of 1" }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect.poll(() => page.locator(".sync-headline").textContent()).toBe("Offline");
    expect(Number(await page.locator(".sync").getAttribute("data-pending"))).toBeGreaterThan(0);
    await page.getByRole("link", { name: /From visit: Ride-along/ }).click();
    await expect.poll(() => page.getByLabel("Notes", { exact: true }).inputValue()).toBe("Busy Saturday; one till open for twenty minutes.");
    expect(await page.getByLabel("People met", { exact: true }).inputValue()).toBe("Sanne, store manager");
    const offlineMs = Date.now() - started;

    // Back online: it syncs by itself, and the header says nothing is waiting.
    await director.setOffline(false);
    await synced(page);

    // A colleague in CX operations, on another device, sees the finding with its photo.
    colleague = await newBrowser();
    const other = await colleague.newPage();
    await logIn(other, server.baseUrl, "cx@demo.example");
    await synced(other);
    await other.goto(`${server.baseUrl}${findingPath}`);
    await expect.poll(() => other.getByLabel("What did the customer see?").inputValue(), { timeout: 20_000 }).toBe("A queue of twelve people at the only open till");
    const photo = other.getByRole("img", { name: "Photo 1 of 1" });
    await expect.poll(() => photo.getAttribute("src")).toMatch(/\/api\/orgs\/.+\/attachments\/[0-9a-f]{64}$/);
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1600);
    console.info(`offline capture + reload: ${offlineMs} ms`);
  } finally {
    await director.setOffline(false).catch(() => undefined);
    await director.dispose();
    await colleague?.dispose();
  }
});

test("two people edit different fields of one finding offline; after syncing both edits are on both devices", async () => {
  const director = await newBrowser();
  const cx = await newBrowser();
  try {
    const a = await director.newPage();
    await logIn(a, server.baseUrl, "director@demo.example");
    await synced(a);
    await a.goto(`${server.baseUrl}/o/${orgIdOf(a)}/findings/new`);
    await a.getByLabel("What did the customer see?").fill("Delivery window of eight hours");
    await a.getByLabel("What did the customer see?").blur();
    await expect.poll(() => new URL(a.url()).pathname).toMatch(/\/findings\/[0-9a-f-]{36}$/);
    const findingPath = new URL(a.url()).pathname;
    await syncNow(a);

    const b = await cx.newPage();
    await logIn(b, server.baseUrl, "cx@demo.example");
    await synced(b);
    await b.goto(`${server.baseUrl}${findingPath}`);
    await expect.poll(() => b.getByLabel("What did the customer see?").inputValue(), { timeout: 20_000 }).toBe("Delivery window of eight hours");

    await director.setOffline(true);
    await cx.setOffline(true);
    // The director (who captured it) describes the feeling, under "More"; CX operations tags and
    // triages it (what a finding describes is its author's to write; its triage is CX's).
    await a.getByText("More: feeling, expectation, stage, theme, tags").click();
    await a.getByLabel("What did the customer feel?").fill("Stuck at home all day");
    await a.getByLabel("What did the customer feel?").blur();
    await b.getByLabel("Tags").fill("delivery, window");
    await b.getByLabel("Tags").blur();
    await b.getByLabel("Status (triage)").selectOption("triaged");
    await expect.poll(async () => Number(await a.locator(".sync").getAttribute("data-pending"))).toBeGreaterThan(0);
    await expect.poll(async () => Number(await b.locator(".sync").getAttribute("data-pending"))).toBeGreaterThan(0);

    await director.setOffline(false);
    await cx.setOffline(false);
    await syncNow(a);
    await syncNow(b);
    await syncNow(a); // picks up what the colleague sent after the director's sync

    for (const page of [a, b]) {
      await expect.poll(() => page.getByLabel("What did the customer feel?").inputValue(), { timeout: 20_000 }).toBe("Stuck at home all day");
      await expect.poll(() => page.getByLabel("Tags").inputValue()).toBe("delivery, window");
      await expect.poll(() => page.getByLabel("What did the customer see?").inputValue()).toBe("Delivery window of eight hours");
    }
    expect(await b.getByLabel("Status (triage)").inputValue()).toBe("triaged");
    await expect.poll(() => a.getByText("Triaged", { exact: true }).count()).toBeGreaterThan(0);

    // And the server holds the merged record too.
    const merged = await b.evaluate(async (orgId) => {
      const res = await fetch(`/api/orgs/${orgId}/sync/pull?since=`);
      const body = (await res.json()) as { changes: { entity: string; fields: Record<string, unknown> }[] };
      return body.changes.filter((c) => c.entity === "finding").map((c) => c.fields).find((f) => f.saw === "Delivery window of eight hours");
    }, orgIdOf(b));
    expect(merged).toMatchObject({ felt: "Stuck at home all day", tags: ["delivery", "window"], status: "triaged" });
  } finally {
    await director.setOffline(false).catch(() => undefined);
    await cx.setOffline(false).catch(() => undefined);
    await director.dispose();
    await cx.dispose();
  }
});
