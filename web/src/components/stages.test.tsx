import { createRoot } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createStages } from "./stages";

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
