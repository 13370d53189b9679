import type { BrowserContext, Page } from "playwright-core";
import { expect, test } from "vitest";
import { demoServer, logIn, newBrowser, orgIdOf, synced, syncNow } from "./support";

/**
 * Evidence a board can trust (issue 8), on real phones: who may delete a finding follows its
 * triage, a deletion archives rather than erases, an admin restores from the Archive screen and
 * every device gets it back, the history lists every step; and a same-field conflict between two
 * devices is shown on the losing one, with "use mine" winning after sync.
 */
type Phone = BrowserContext & { dispose(): Promise<void> };

const server = demoServer();

const saw = (page: Page) => page.locator("#finding-saw");
const deleteButton = (page: Page) => page.locator("button.button-danger", { hasText: /^Delete$/ });

/** Types into "What did the customer see?" and leaves the field, which saves it on the device. */
async function writeSaw(page: Page, text: string) {
  await saw(page).fill(text);
  await saw(page).blur();
}

/** Creates a finding from scratch on the device, syncs it, and returns its path (`/o/…/findings/<id>`). */
async function newFinding(page: Page, text: string): Promise<string> {
  await page.goto(`${server.baseUrl}/o/${orgIdOf(page)}/findings/new`);
  await writeSaw(page, text);
  // The first entry creates the finding; the address becomes its own.
  await expect.poll(() => new URL(page.url()).pathname).toMatch(/\/findings\/[0-9a-f-]{36}$/);
  const path = new URL(page.url()).pathname;
  await syncNow(page);
  return path;
}

/** The finding as the server hands it to devices (what every other device will receive). */
async function onServer(page: Page, findingId: string) {
  return page.evaluate(
    async ({ orgId, id }) => {
      let found: { deleted: boolean; fields: Record<string, unknown> } | null = null;
      for (let since = "", more = true; more; ) {
        const res = await fetch(`/api/orgs/${orgId}/sync/pull?since=${encodeURIComponent(since)}`);
        const body = (await res.json()) as { changes: { entity: string; entityId: string; deleted: boolean; fields: Record<string, unknown> }[]; cursor: string; hasMore: boolean };
        for (const c of body.changes) if (c.entity === "finding" && c.entityId === id) found = c;
        more = body.hasMore && body.cursor !== since;
        since = body.cursor;
      }
      return found ? { deleted: found.deleted, status: found.fields.status, saw: found.fields.saw } : null;
    },
    { orgId: orgIdOf(page), id: findingId },
  );
}

/** A fresh phone with `email` logged in and synced; pushed to `phones` so the test disposes of it. */
async function phoneOf(phones: Phone[], email: string): Promise<Page> {
  const phone = await newBrowser();
  phones.push(phone);
  const page = await phone.newPage();
  await logIn(page, server.baseUrl, email);
  await synced(page);
  return page;
}

/** Opens the Findings list and counts the rows that carry `text`. */
async function findingsListed(page: Page, text: string) {
  await page.goto(`${server.baseUrl}/o/${orgIdOf(page)}/findings`);
  await expect.poll(() => page.locator("ul.items, .empty").count()).toBeGreaterThan(0);
  return page.locator("li.item .item-title", { hasText: text }).count();
}

test("a director's finding is triaged by CX; only an admin may then archive it, and restores it from the Archive screen; its history lists every step", async () => {
  const phones: Phone[] = [];
  try {
    // Three phones, each logged in and synced (in parallel: logging in is the slow part).
    const [d, c, a] = await Promise.all([phoneOf(phones, "director@demo.example"), phoneOf(phones, "cx@demo.example"), phoneOf(phones, "admin@demo.example")]);
    const orgId = orgIdOf(d);
    const text = `Fitting rooms locked, nobody to open them ${Date.now()}`;
    const findingPath = await newFinding(d, text);
    const findingId = findingPath.split("/").at(-1)!;
    // Its author may delete it while it is new.
    await expect.poll(() => deleteButton(d).count()).toBe(1);

    // CX operations, on their own phone, triage it.
    await syncNow(c);
    await c.goto(`${server.baseUrl}${findingPath}`);
    await expect.poll(() => saw(c).inputValue(), { timeout: 20_000 }).toBe(text);
    await c.locator("#finding-status").selectOption("triaged");
    await expect.poll(() => c.locator("#finding-status").inputValue()).toBe("triaged");
    await expect.poll(async () => (await c.locator(".sync").getAttribute("data-pending")) !== "0" || (await onServer(c, findingId))?.status === "triaged").toBe(true);
    await syncNow(c);
    await expect.poll(async () => (await onServer(c, findingId))?.status).toBe("triaged");

    // The director's phone learns of the triage: no more Delete for its author.
    await syncNow(d);
    await expect.poll(() => d.getByText("Triaged", { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => deleteButton(d).count()).toBe(0);

    // A triaged finding is evidence: CX operations may no longer delete it either (only an admin).
    await expect.poll(() => deleteButton(c).count()).toBe(0);

    // The admin archives it (five seconds to undo, no confirmation), and it leaves their list.
    await syncNow(a);
    await a.goto(`${server.baseUrl}${findingPath}`);
    await expect.poll(() => saw(a).inputValue(), { timeout: 20_000 }).toBe(text);
    await expect.poll(() => deleteButton(a).count()).toBe(1);
    await deleteButton(a).click();
    await expect.poll(() => new URL(a.url()).pathname).toBe(`/o/${orgId}/findings`);
    // Written once the undo moment has passed, and sent by itself soon after.
    await expect.poll(async () => (await onServer(a, findingId))?.deleted, { timeout: 20_000 }).toBe(true);
    expect(await findingsListed(a, text)).toBe(0);

    // Both other phones drop it too.
    for (const page of [d, c]) {
      await syncNow(page);
      await expect.poll(() => findingsListed(page, text)).toBe(0);
    }

    // The admin restores it from the Archive screen.
    await a.goto(`${server.baseUrl}/o/${orgId}/admin/archive`);
    const archived = a.locator("li[data-testid=archived-record]", { hasText: text });
    await expect.poll(() => archived.count(), { timeout: 15_000 }).toBe(1);
    expect(await archived.textContent()).toMatch(/Deleted by/);
    await archived.getByRole("button", { name: "Restore" }).click();
    await expect.poll(() => archived.count()).toBe(0);
    await expect.poll(async () => (await onServer(a, findingId))?.deleted).toBe(false);

    // Both phones show it again after their next sync: in the list and on its screen.
    for (const page of [d, c]) {
      await syncNow(page);
      await expect.poll(() => findingsListed(page, text)).toBe(1);
      await page.goto(`${server.baseUrl}${findingPath}`);
      await expect.poll(() => saw(page).inputValue(), { timeout: 20_000 }).toBe(text);
    }
    // Restored as it was: still triaged, so still not the director's to delete.
    await expect.poll(() => c.locator("#finding-status").inputValue()).toBe("triaged");
    await expect.poll(() => deleteButton(d).count()).toBe(0);

    // Its history lists all four steps, newest first.
    const summary = d.getByTestId("history-summary");
    await expect.poll(() => summary.count(), { timeout: 15_000 }).toBe(1);
    await summary.getByRole("button", { name: "Show every change" }).click();
    const items = d.locator("[data-testid=history-list] > li");
    const ops = async () => {
      const all = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute("data-op")));
      return all.filter((op, i) => op !== all[i - 1]); // repeated edits of one kind count once
    };
    await expect.poll(ops).toEqual(["restore", "delete", "update", "create"]);
    // The triage is the update, and each step names who took it.
    const entry = (op: string) => d.locator(`[data-testid=history-list] > li[data-op=${op}]`).first();
    expect(await entry("restore").textContent()).toMatch(/^Anouk Admin · .* · restored/);
    expect(await entry("delete").textContent()).toMatch(/^Anouk Admin · .* · archived/);
    expect(await entry("update").textContent()).toMatch(/^Chris CX · .* · changed.*status: new → triaged/s);
    expect(await entry("create").textContent()).toMatch(/^Daan Directeur · .* · created/);
  } finally {
    for (const phone of phones) await phone.dispose();
  }
});

test("same-field conflict between two devices: the losing device shows both texts and 'use mine' wins after sync", async () => {
  const phones: Phone[] = [];
  try {
    // The director (the finding's author) and an admin: the only ones who may edit what it describes.
    const [first, second] = await Promise.all([phoneOf(phones, "director@demo.example"), phoneOf(phones, "admin@demo.example")]);
    const director = first.context();
    const admin = second.context();
    const original = `Price tags missing on the shoe wall ${Date.now()}`;
    const findingPath = await newFinding(first, original);

    await syncNow(second);
    await second.goto(`${server.baseUrl}${findingPath}`);
    await expect.poll(() => saw(second).inputValue(), { timeout: 20_000 }).toBe(original);

    const mine = "Price tags missing on the whole shoe wall, customers asked three times";
    const theirs = "Shoe wall: about half the price tags missing";
    await director.setOffline(true);
    await admin.setOffline(true);
    await expect.poll(() => first.locator(".sync-headline").textContent()).toBe("Offline");
    await expect.poll(() => second.locator(".sync-headline").textContent()).toBe("Offline");

    // The first device writes A; a moment later the second writes B.
    await writeSaw(first, mine);
    await expect.poll(async () => Number(await first.locator(".sync").getAttribute("data-pending"))).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 50));
    await writeSaw(second, theirs);
    await expect.poll(async () => Number(await second.locator(".sync").getAttribute("data-pending"))).toBeGreaterThan(0);

    // The second device syncs first: B is stored with the newer clock. Then the first: A loses.
    await admin.setOffline(false);
    await syncNow(second);
    await director.setOffline(false);
    await synced(first);
    await syncNow(first);

    const conflict = first.getByTestId("conflict");
    await expect.poll(() => conflict.count(), { timeout: 15_000 }).toBe(1);
    expect(await conflict.getAttribute("role")).toBe("region");
    expect(await conflict.getAttribute("aria-label")).toBe("Changed on another device");
    expect(await conflict.getByRole("heading").textContent()).toBe("Changed on another device");
    expect(await conflict.getByTestId("conflict-kept").textContent()).toBe(theirs);
    expect(await conflict.getByTestId("conflict-lost").textContent()).toBe(mine);
    // What is saved now is their text.
    await expect.poll(() => saw(first).inputValue()).toBe(theirs);

    // "Use mine": one tap, then a sync, and A is the saved text everywhere.
    await conflict.getByRole("button", { name: "Use mine" }).click();
    await expect.poll(() => conflict.count()).toBe(0);
    await expect.poll(() => saw(first).inputValue()).toBe(mine);
    await syncNow(first);
    await syncNow(second);
    await expect.poll(() => saw(second).inputValue(), { timeout: 15_000 }).toBe(mine);
    await expect.poll(() => first.getByTestId("conflict").count()).toBe(0);
    await expect.poll(() => second.getByTestId("conflict").count()).toBe(0);

    // The history keeps both texts: the losing edit is recorded as such.
    await first.getByTestId("history-summary").getByRole("button", { name: "Show every change" }).click();
    const history = first.getByTestId("history-list");
    await expect.poll(() => history.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => history.locator("> li", { hasText: "lost to a newer edit on another device" }).count()).toBeGreaterThan(0);
    const text = (await history.textContent()) ?? "";
    expect(text).toContain(theirs);
    expect(text).toContain(mine);
  } finally {
    for (const phone of phones) {
      await phone.setOffline(false).catch(() => undefined);
      await phone.dispose();
    }
  }
});
