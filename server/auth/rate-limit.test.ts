import { describe, expect, it } from "vitest";
import { AttemptLimiter } from "./rate-limit";

describe("AttemptLimiter", () => {
  it("blocks a key after the maximum failures until the window ends", () => {
    let now = 0;
    const limiter = new AttemptLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.blockedFor("k")).toBe(0);
      limiter.fail("k");
    }
    expect(limiter.blockedFor("k")).toBe(60);
    expect(limiter.blockedFor("other")).toBe(0);
    now = 60_000;
    expect(limiter.blockedFor("k")).toBe(0);
  });

  it("starts counting afresh after a success clears the key", () => {
    const limiter = new AttemptLimiter(2, 60_000, () => 0);
    limiter.fail("k");
    limiter.clear("k");
    limiter.fail("k");
    expect(limiter.blockedFor("k")).toBe(0);
  });
});

describe("AttemptLimiter reservations", () => {
  it("counts a reserved attempt at once, so attempts made together each count, and takes back a released one", () => {
    const limiter = new AttemptLimiter(2, 60_000, () => 0);
    expect(limiter.reserve("k")).toBe(0);
    expect(limiter.reserve("k")).toBe(0);
    expect(limiter.reserve("k")).toBe(60);
    expect(limiter.load("k")).toBe(2);
    limiter.release("k");
    expect(limiter.load("k")).toBe(1);
    expect(limiter.reserve("k")).toBe(0);
  });
});
