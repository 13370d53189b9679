import { createEffect, createMemo, createRoot, createSignal, on } from "solid-js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createProgressive, createStages, SLICE_BUDGET_MS } from "./stages";

/** Each part of the drawing takes `ms` of the clock (the test's stand-in for a phone's work). */
function partsTake(ms: number) {
  let now = 0;
  vi.spyOn(performance, "now").mockImplementation(() => (now += ms));
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("createStages", () => {
  it("shows the first part at once and each next one in a later task when a part fills the budget, in order", async () => {
    partsTake(SLICE_BUDGET_MS);
    await createRoot(async (dispose) => {
      const shown = createStages(3);
      expect([shown(0), shown(1), shown(2)]).toEqual([true, false, false]);
      await vi.advanceTimersToNextTimerAsync();
      expect([shown(0), shown(1), shown(2)]).toEqual([true, true, false]);
      await vi.advanceTimersToNextTimerAsync();
      expect([shown(0), shown(1), shown(2)]).toEqual([true, true, true]);
      expect(vi.getTimerCount()).toBe(0);
      dispose();
    });
  });

  it("draws cheap parts together in one task", async () => {
    partsTake(SLICE_BUDGET_MS / 4);
    await createRoot(async (dispose) => {
      const shown = createStages(4);
      expect(shown(1)).toBe(false);
      await vi.advanceTimersToNextTimerAsync();
      // Three parts of a quarter of the budget each fit in one task.
      expect([shown(1), shown(2), shown(3)]).toEqual([true, true, true]);
      expect(vi.getTimerCount()).toBe(0);
      dispose();
    });
  });

  it("draws the parts a part sets off right after it, before the parts already waiting (top to bottom)", async () => {
    partsTake(SLICE_BUDGET_MS);
    await createRoot(async (dispose) => {
      const order: string[] = [];
      const outer = createStages(3);
      const noteWhen = (shown: () => boolean, name: string) => createEffect(on(createMemo(shown), (now) => now && order.push(name)));
      noteWhen(() => outer(2), "outer 2");
      createEffect(
        on(
          createMemo(() => outer(1)),
          (now) => {
            if (!now) return;
            order.push("outer 1");
            // A section's own parts, made when its part draws.
            const inner = createStages(3);
            noteWhen(() => inner(1), "inner 1");
            noteWhen(() => inner(2), "inner 2");
          },
        ),
      );
      await vi.runAllTimersAsync();
      expect(order).toEqual(["outer 1", "inner 1", "inner 2", "outer 2"]);
      dispose();
    });
  });

  it("stops when the screen goes away before every part was shown", () => {
    createRoot((dispose) => {
      createStages(5);
      expect(vi.getTimerCount()).toBe(1);
      dispose();
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});

describe("createProgressive", () => {
  const numbers = (n: number) => Array.from({ length: n }, (_, i) => i);

  it("shows a slice of a long list at once and the rest a slice per part, the same items in the same order", async () => {
    partsTake(SLICE_BUDGET_MS);
    await createRoot(async (dispose) => {
      const [list, setList] = createSignal(numbers(25));
      const shown = createProgressive(list, 10);
      expect(shown()).toEqual(numbers(10));
      await vi.advanceTimersToNextTimerAsync();
      expect(shown()).toEqual(numbers(20));
      await vi.advanceTimersToNextTimerAsync();
      expect(shown()).toEqual(numbers(25));
      // A sync that brings more rows: they follow, a slice per part.
      setList(numbers(45));
      expect(shown()).toEqual(numbers(30));
      await vi.advanceTimersToNextTimerAsync();
      expect(shown()).toEqual(numbers(40));
      await vi.advanceTimersToNextTimerAsync();
      expect(shown()).toEqual(numbers(45));
      expect(vi.getTimerCount()).toBe(0);
      dispose();
    });
  });

  it("can start with none and add one item per part", async () => {
    partsTake(SLICE_BUDGET_MS);
    await createRoot(async (dispose) => {
      const shown = createProgressive(() => numbers(2), 0, 1);
      expect(shown()).toEqual([]);
      await vi.advanceTimersToNextTimerAsync();
      expect(shown()).toEqual(numbers(1));
      await vi.advanceTimersToNextTimerAsync();
      expect(shown()).toEqual(numbers(2));
      // Without a step, one item per part.
      const unstepped = createProgressive(() => numbers(2), 0);
      await vi.runAllTimersAsync();
      expect(unstepped()).toEqual(numbers(2));
      dispose();
    });
  });

  it("shows a short list whole, and stops when the screen goes away", () => {
    createRoot((dispose) => {
      expect(createProgressive(() => numbers(3), 10)()).toEqual(numbers(3));
      const long = createProgressive(() => numbers(50), 10);
      expect(long()).toHaveLength(10);
      dispose();
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});
