import { createRoot, createSignal } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createProgressive, createStages } from "./stages";

afterEach(() => vi.useRealTimers());

describe("createStages", () => {
  it("shows the first slice at once and each next one a task later, in order", async () => {
    vi.useFakeTimers();
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

  it("stops when the screen goes away before every slice was shown", () => {
    vi.useFakeTimers();
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

  it("shows a slice of a long list at once and the rest a slice per task, the same items in the same order", async () => {
    vi.useFakeTimers();
    await createRoot(async (dispose) => {
      const [list, setList] = createSignal(numbers(25));
      const shown = createProgressive(list, 10);
      expect(shown()).toEqual(numbers(10));
      await vi.advanceTimersToNextTimerAsync();
      expect(shown()).toEqual(numbers(20));
      await vi.advanceTimersToNextTimerAsync();
      expect(shown()).toEqual(numbers(25));
      // A sync that brings more rows: they follow, a slice per task.
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

  it("shows a short list whole, and stops when the screen goes away", () => {
    vi.useFakeTimers();
    createRoot((dispose) => {
      expect(createProgressive(() => numbers(3), 10)()).toEqual(numbers(3));
      const long = createProgressive(() => numbers(50), 10);
      expect(long()).toHaveLength(10);
      dispose();
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});
