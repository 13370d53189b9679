import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.useRealTimers();
  vi.resetModules();
});

describe("first screen settled", () => {
  it("waits for the first screen's data, not for the cap", async () => {
    vi.useFakeTimers();
    const { firstScreenSettled, whenFirstScreenSettled } = await import("./first-screen");
    let done = false;
    void whenFirstScreenSettled(10_000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(done).toBe(false);
    firstScreenSettled();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it("stops waiting after the cap when the screen never settles (offline, a screen without data)", async () => {
    vi.useFakeTimers();
    const { whenFirstScreenSettled } = await import("./first-screen");
    let done = false;
    void whenFirstScreenSettled(10_000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it("is done a while after it has settled, once it has drawn the rest of itself", async () => {
    vi.useFakeTimers();
    const { firstScreenSettled, whenFirstScreenDone } = await import("./first-screen");
    let done = false;
    void whenFirstScreenDone(10_000, 3_000).then(() => (done = true));
    firstScreenSettled();
    await vi.advanceTimersByTimeAsync(2_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it("answers at once after it has settled", async () => {
    const { firstScreenSettled, whenFirstScreenSettled } = await import("./first-screen");
    firstScreenSettled();
    await expect(whenFirstScreenSettled(60_000)).resolves.toBeUndefined();
  });

  it("lets each waiter for the first paint go on in a task of its own", async () => {
    const { afterFirstPaint } = await import("./first-screen");
    const ran: string[] = [];
    const store = afterFirstPaint().then(() => {
      ran.push("store");
      // Runs before the next waiter only if that waiter waits for a task of its own.
      void Promise.resolve().then(() => ran.push("the rest of the store's task"));
    });
    const screen = afterFirstPaint().then(() => ran.push("screen"));
    await Promise.all([store, screen]);
    expect(ran).toEqual(["store", "the rest of the store's task", "screen"]);
  });
});
