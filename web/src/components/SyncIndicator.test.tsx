// The organisation screens open the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PHOTO_QUOTA_EXCEEDED, PHOTO_QUOTA_HEADER } from "../../../shared/limits";
import { LocalStore } from "../data/local/store";
import { fakeServer, ORG, signedIn } from "../test/fake-server";
import { startApp } from "../test/start-app";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/**
 * A photo waiting on the device of `userId`, kept as `savePhoto` keeps it (jsdom's Blob cannot be
 * hashed by WebCrypto), and the finding naming it (only a photo a finding names is uploaded).
 */
async function photoWaiting(userId: string) {
  const store = await LocalStore.open(userId, ORG);
  await store.change("finding", crypto.randomUUID(), { saw: "Shelf empty", severity: 3, sentiment: "pain", status: "new", tags: [], photos: ["a".repeat(64)] });
  store.close();
  const request = indexedDB.open(`chefsache:${userId}:${ORG}`);
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = db.transaction("photos", "readwrite");
  tx.objectStore("photos").put({ sha256: "a".repeat(64), blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: "image/jpeg" }), type: "image/jpeg", uploaded: false, createdAt: new Date().toISOString() });
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

/** The app of a signed-in executive whose organisation's photo storage is full. */
async function storageFull(userId: string, language: string) {
  await photoWaiting(userId);
  const server = fakeServer({
    me: signedIn("executive", { id: userId }),
    route: ({ method, path }) =>
      method === "PUT" && path.includes("/attachments/")
        ? new Response(JSON.stringify({ error: { code: PHOTO_QUOTA_EXCEEDED, message: "full" } }), { status: 413, headers: { [PHOTO_QUOTA_HEADER]: "5000" } })
        : undefined,
  });
  // Photo uploads go through the page's own fetch (bytes, not the JSON API).
  vi.stubGlobal("fetch", server.fetch);
  startApp(`/o/${ORG}`, server, language);
}

describe("sync indicator: the organisation's photo storage is full", () => {
  it("says so in the header, and in the panel with the quota and who can help", async () => {
    await storageFull("u-full-en", "en-GB");
    const status = await screen.findByRole("button", { name: /Photo storage full/ }, { timeout: 5000 });
    expect(status.closest(".sync")?.getAttribute("data-state")).toBe("problem");
    fireEvent.click(status);
    expect(await screen.findByText("Photo storage for your organisation is full (5,000 MB). Photos wait on this device; ask an admin.")).toBeTruthy();
    expect(screen.getByText("Photos waiting to be sent: 1")).toBeTruthy();
  });

  it("in Dutch", async () => {
    await storageFull("u-full-nl", "nl-NL");
    fireEvent.click(await screen.findByRole("button", { name: /Foto-opslag vol/ }, { timeout: 5000 }));
    expect(await screen.findByText("De foto-opslag van je organisatie is vol (5.000 MB). Foto's wachten op dit apparaat; vraag een beheerder.")).toBeTruthy();
  });
});

describe("the shell's spoken status after switching to Dutch", () => {
  it("says what 'Sync now' led to, and what a toast says, in the language just chosen", async () => {
    const server = fakeServer({ me: signedIn("executive", { id: "u-switch" }) });
    vi.stubGlobal("fetch", server.fetch);
    const state = startApp(`/o/${ORG}`, server, "en-GB");
    fireEvent.click(await screen.findByRole("button", { name: "Sync now" }, { timeout: 5000 }));
    const said = (text: string) => screen.findByText(text, { selector: "[role=status] *, [role=status]" }, { timeout: 5000 });
    await said("All changes are sent.");
    state.toaster.show(() => state.i18n.t("visit.finished"), { action: { label: () => state.i18n.t("common.undo"), run: () => undefined } });
    await said("Visit finished.");

    await state.i18n.setLanguage("nl");
    expect(await said("Alle wijzigingen zijn verstuurd.")).toBeTruthy();
    expect(await said("Bezoek afgerond.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Ongedaan maken" })).toBeTruthy();
    expect(screen.queryByText("All changes are sent.")).toBeNull();
  });
});
