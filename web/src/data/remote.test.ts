import { createRoot } from "solid-js";
import { describe, expect, it, vi } from "vitest";
import { createRemote, sharedRequest, textCache } from "./remote";
import { memoryStore } from "./storage";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("sharedRequest", () => {
  it("asks once while a request is under way, and again after a failure", async () => {
    const request = vi.fn(() => Promise.resolve(1));
    const [a, b] = [sharedRequest("k1", request), sharedRequest("k1", request)];
    expect(await a).toBe(1);
    expect(await b).toBe(1);
    expect(request).toHaveBeenCalledTimes(1);
    await sharedRequest("k1", request);
    expect(request).toHaveBeenCalledTimes(2); // settled and not kept fresh: asked again

    const failing = vi.fn(() => Promise.reject(new Error("offline")));
    await expect(sharedRequest("k2", failing, 60_000)).rejects.toThrow("offline");
    await expect(sharedRequest("k2", failing, 60_000)).rejects.toThrow("offline");
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it("reuses an answer while it is fresh", async () => {
    const request = vi.fn(() => Promise.resolve("members"));
    await sharedRequest("k3", request, 60_000);
    expect(await sharedRequest("k3", request, 60_000)).toBe("members");
    expect(request).toHaveBeenCalledTimes(1);
  });
});

describe("createRemote with a device cache", () => {
  const cache = textCache<string[]>((key) => `test.${key}`, (stored) => (stored === null ? undefined : (JSON.parse(stored) as string[])), JSON.stringify);

  it("shows the kept copy at once, then the answer, and keeps the answer", async () => {
    const storage = memoryStore({ "test.a": '["kept"]' });
    const remote = createRoot(() => createRemote(() => "a", () => Promise.resolve(["fresh"]), { cache, storage }));
    expect(remote.value()).toEqual(["kept"]);
    await settle();
    expect(remote.value()).toEqual(["fresh"]);
    expect(storage.get("test.a")).toBe('["fresh"]');
  });

  it("does not ask when told not to (offline): the kept copy stands", async () => {
    const storage = memoryStore({ "test.b": '["kept"]' });
    const load = vi.fn(() => Promise.resolve(["fresh"]));
    const remote = createRoot(() => createRemote(() => "b", load, { cache, storage, ask: () => false }));
    await settle();
    expect(load).not.toHaveBeenCalled();
    expect(remote.value()).toEqual(["kept"]);
    expect(remote.loading()).toBe(false);
  });
});
