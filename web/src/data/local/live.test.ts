// @vitest-environment node
import { IDBFactory } from "fake-indexeddb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeServer, ORG } from "../../test/fake-server";
import { createApi } from "../api";
import type { EventSourceLike } from "./live";
import { LocalStore } from "./store";
import { createSyncEngine } from "./sync";

const USER = "00000000-0000-4000-8000-000000000001";

/** An EventSource the test speaks through. */
class FakeSource implements EventSourceLike {
  closed = false;
  private readonly listeners = new Map<string, ((event: Event) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data?: unknown) {
    const event = data === undefined ? new Event(type) : new MessageEvent(type, { data: JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

/** The browser around the engine: online or not, shown or hidden, and the events that say so. */
function browser(online: boolean) {
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: "visible" as DocumentVisibilityState });
  const nav = { onLine: online };
  vi.stubGlobal("window", win);
  vi.stubGlobal("document", doc);
  vi.stubGlobal("navigator", nav);
  return {
    goOnline(value: boolean) {
      nav.onLine = value;
      win.dispatchEvent(new Event(value ? "online" : "offline"));
    },
    show(visible: boolean) {
      doc.visibilityState = visible ? "visible" : "hidden";
      doc.dispatchEvent(new Event("visibilitychange"));
    },
  };
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.unstubAllGlobals();
});

async function device(online = true) {
  const env = browser(online);
  const store = await LocalStore.open(USER, ORG, new IDBFactory());
  const server = fakeServer({ me: null });
  const sources: FakeSource[] = [];
  const engine = createSyncEngine(store, createApi({ fetch: server.fetch }), ORG, { events: (url) => (sources.push(new FakeSource(url)), sources.at(-1)!) });
  const stop = engine.start();
  stops.push(() => {
    stop();
    store.close();
  });
  const pulls = () => server.requests.filter((r) => r === `GET /api/orgs/${ORG}/sync/pull`).length;
  const open = () => sources.filter((s) => !s.closed);
  // The sync every start makes.
  await engine.syncNow();
  return { env, store, engine, sources, open, pulls };
}

describe("sync engine: live", () => {
  it("opens one stream while online and visible; an announced change pulls once, a burst coalesces, an old cursor pulls nothing", async () => {
    const d = await device();
    expect(d.open().map((s) => s.url)).toEqual([`/api/orgs/${ORG}/sync/events`]);
    const heard = vi.fn();
    d.engine.onLiveChange(heard);
    const before = d.pulls();
    expect(d.store.cursor).toBe("v1.1");

    d.open()[0]!.emit("change", { cursor: "v1.7" });
    await vi.waitFor(() => expect(d.pulls()).toBe(before + 1));
    await vi.waitFor(() => expect(d.engine.status().syncing).toBe(false));
    await new Promise((r) => setTimeout(r, 50));
    expect(d.pulls(), "one announcement, one pull").toBe(before + 1);

    const start = d.pulls();
    for (let i = 0; i < 5; i++) d.open()[0]!.emit("change", { cursor: `v1.${10 + i}` });
    await vi.waitFor(() => expect(d.engine.status().syncing).toBe(false));
    await new Promise((r) => setTimeout(r, 50));
    expect(d.pulls() - start, "five announcements, at most two runs").toBeLessThanOrEqual(2);
    expect(d.pulls() - start).toBeGreaterThanOrEqual(1);

    // The device has it already (the fake server's pull ends at v1.1): no pull, but screens still hear it.
    const settled = d.pulls();
    d.open()[0]!.emit("change", { cursor: "v1.1" });
    await new Promise((r) => setTimeout(r, 50));
    expect(d.pulls()).toBe(settled);
    expect(heard).toHaveBeenCalledTimes(7);
  });

  it("no stream while offline; opens when the network returns, closes when it goes or the app is hidden", async () => {
    const d = await device(false);
    expect(d.sources).toEqual([]);
    d.env.goOnline(true);
    expect(d.open()).toHaveLength(1);
    d.env.goOnline(false);
    expect(d.open()).toHaveLength(0);
    d.env.goOnline(true);
    expect(d.open()).toHaveLength(1);
    d.env.show(false);
    expect(d.open()).toHaveLength(0);
    d.env.show(true);
    expect(d.open()).toHaveLength(1);
    expect(d.sources).toHaveLength(3);
  });

  it("after an error it waits, then connects again and pulls what it may have missed; replaced, it waits for the app's return", async () => {
    const d = await device();
    d.open()[0]!.emit("error");
    expect(d.open()).toHaveLength(0);
    // The first retry comes after 0.5 to 1 s.
    await vi.waitFor(() => expect(d.open()).toHaveLength(1), { timeout: 2000 });
    const before = d.pulls();
    d.open()[0]!.emit("open");
    await vi.waitFor(() => expect(d.pulls()).toBeGreaterThan(before));

    d.open()[0]!.emit("replaced", {});
    expect(d.open()).toHaveLength(0);
    d.env.show(false);
    d.env.show(true);
    expect(d.open()).toHaveLength(1);
  });
});
