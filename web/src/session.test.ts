import { describe, expect, it } from "vitest";
import type { LoginResponse } from "../../shared/schemas/auth";
import { createApi } from "./data/api";
import { createSessionStore, readSessionInPage } from "./session";
import { memoryStore, STORAGE_KEYS } from "./data/storage";

const me: LoginResponse = {
  user: { id: "u1", email: "daan@example.com", name: "Daan" },
  memberships: [
    { orgId: "o1", orgName: "Alpha", role: "executive" },
    { orgId: "o2", orgName: "Beta", role: "admin" },
  ],
};
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
/** A page whose session element holds `text` (null: a page without one). */
const pageWith = (text: string | null) => ({ getElementById: (id: string) => (id === "session" && text !== null ? { textContent: text } : null) });

describe("session store", () => {
  it("takes the session the page arrived with, without asking /api/me, so the screen draws at once", async () => {
    const asked: string[] = [];
    const api = createApi({
      fetch: async (url) => {
        asked.push(String(url));
        return json(200, me);
      },
    });
    const storage = memoryStore();
    const session = createSessionStore({ api, storage });
    const inPage = readSessionInPage(pageWith(JSON.stringify(me)));
    // Adopted before start() yields: the first render already knows who is logged in.
    void session.start({ inPage });
    expect(session.status()).toBe("authenticated");
    expect(session.membership("o1")?.role).toBe("executive");
    expect(asked).toEqual([]);
    // It is remembered for offline use, as an answer from /api/me is.
    expect(JSON.parse(storage.get(STORAGE_KEYS.session)!)).toEqual(me);
  });

  it("reads no session from a page without one, or with a damaged one", () => {
    expect(readSessionInPage(pageWith(null))).toBeNull();
    expect(readSessionInPage(pageWith(`{"user":`))).toBeNull();
    expect(readSessionInPage(pageWith(`{"user":{"name":"Daan"}}`))).toBeNull();
  });

  it("keeps the last confirmed session when the server cannot be reached", async () => {
    const storage = memoryStore({ [STORAGE_KEYS.session]: JSON.stringify(me) });
    let session: ReturnType<typeof createSessionStore> | undefined;
    const api = createApi({
      fetch: async () => {
        throw new TypeError("offline");
      },
      onReachable: (ok) => session?.reachable(ok),
    });
    session = createSessionStore({ api, storage });
    await session.start();
    expect(session.status()).toBe("authenticated");
    expect(session.online()).toBe(false);
    expect(session.session()?.user.name).toBe("Daan");
  });

  it("stays offline when a reply sent before the device lost its network arrives after", () => {
    let deviceOnline = true;
    const session = createSessionStore({ api: createApi(), storage: memoryStore(), deviceOnline: () => deviceOnline });
    deviceOnline = false;
    session.reachable(false);
    // A pull that left while online answers late: the device still has no network.
    session.reachable(true);
    expect(session.online()).toBe(false);
    deviceOnline = true;
    session.reachable(true);
    expect(session.online()).toBe(true);
  });

  it("asks whether setup is needed when nobody is logged in, and forgets the cache", async () => {
    const storage = memoryStore({ [STORAGE_KEYS.session]: JSON.stringify(me) });
    const api = createApi({
      fetch: async (url) =>
        String(url) === "/api/me" ? json(401, { error: { code: "unauthenticated", message: "Log in first" } }) : json(200, { needed: true }),
    });
    const session = createSessionStore({ api, storage });
    await session.start();
    expect(session.status()).toBe("anonymous");
    expect(session.setupNeeded()).toBe(true);
    expect(storage.get(STORAGE_KEYS.session)).toBeNull();
  });

  it("on the login screen of a device that remembers no session, does not ask /api/me (no 401 in the console)", async () => {
    const asked: string[] = [];
    const api = createApi({
      fetch: async (url) => {
        asked.push(String(url));
        return String(url) === "/api/me" ? json(401, { error: { code: "unauthenticated", message: "Log in first" } }) : json(200, { needed: false });
      },
    });
    const session = createSessionStore({ api, storage: memoryStore() });
    await session.start({ onLoginScreen: true });
    expect(session.status()).toBe("anonymous");
    expect(asked).toEqual(["/api/setup"]);
  });

  it("on the login screen of a device that remembers a session, still checks it with the server", async () => {
    const asked: string[] = [];
    const api = createApi({
      fetch: async (url) => {
        asked.push(String(url));
        return json(200, me);
      },
    });
    const session = createSessionStore({ api, storage: memoryStore({ [STORAGE_KEYS.session]: JSON.stringify(me) }) });
    await session.start({ onLoginScreen: true });
    expect(asked).toEqual(["/api/me"]);
    expect(session.status()).toBe("authenticated");
  });

  it("reopens the organisation used last, if the user still belongs to it", async () => {
    const storage = memoryStore({ [STORAGE_KEYS.lastOrg]: "o2" });
    const session = createSessionStore({ api: createApi({ fetch: async () => json(200, me) }), storage });
    await session.start();
    expect(session.preferredOrgId()).toBe("o2");
    storage.set(STORAGE_KEYS.lastOrg, "gone");
    expect(session.preferredOrgId()).toBe("o1");
  });
});
