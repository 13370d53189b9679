import { describe, expect, it } from "vitest";
import { formatHlc, HlcClock, HlcOverflowError, isHlc, parseHlc } from "./hlc";

const NODE_A = "00000000000000aa";
const NODE_B = "00000000000000bb";

describe("HLC text", () => {
  it("has the wire format <ISO ms UTC>-<4 hex>-<16 hex> and parses back", () => {
    const text = formatHlc({ millis: Date.UTC(2026, 10, 26, 9, 30, 0, 5), counter: 26, node: NODE_A });
    expect(text).toBe("2026-11-26T09:30:00.005Z-001a-00000000000000aa");
    expect(parseHlc(text)).toEqual({ millis: Date.UTC(2026, 10, 26, 9, 30, 0, 5), counter: 26, node: NODE_A });
  });

  it("rejects malformed or impossible timestamps", () => {
    for (const bad of ["", "2026-11-26T09:30:00Z-0000-00000000000000aa", "2026-02-31T00:00:00.000Z-0000-00000000000000aa", "2026-11-26T09:30:00.000Z-00000-00000000000000aa", "2026-11-26T09:30:00.000Z-0000-00000000000000AA"]) {
      expect(isHlc(bad), bad).toBe(false);
    }
  });

  it("orders as strings exactly as by (time, counter, node)", () => {
    const stamps = [];
    for (let i = 0; i < 500; i++) {
      stamps.push({ millis: Math.floor(Math.random() * 4e12), counter: Math.floor(Math.random() * 0x10000), node: Math.random() < 0.5 ? NODE_A : NODE_B });
    }
    const byFields = [...stamps].sort((x, y) => x.millis - y.millis || x.counter - y.counter || x.node.localeCompare(y.node)).map(formatHlc);
    const byText = stamps.map(formatHlc).sort();
    expect(byText).toEqual(byFields);
  });
});

describe("HlcClock", () => {
  it("always moves forward, even when the wall clock goes back", () => {
    let now = 10_000;
    const clock = new HlcClock(NODE_A, () => now);
    const first = clock.next();
    now = 5_000;
    const second = clock.next();
    const third = clock.next();
    expect(first < second && second < third).toBe(true);
  });

  it("stamps after every timestamp it has observed from another device", () => {
    const clock = new HlcClock(NODE_A, () => 1_000);
    const remote = formatHlc({ millis: 50_000, counter: 7, node: NODE_B });
    clock.observe(remote);
    expect(clock.next() > remote).toBe(true);
  });

  it("resumes from a persisted timestamp after a reload", () => {
    const before = new HlcClock(NODE_A, () => 9_000);
    before.next();
    const persisted = before.next();
    const after = new HlcClock(NODE_A, () => 1_000, persisted);
    expect(after.next() > persisted).toBe(true);
  });

  it("refuses more than 65,536 stamps in one millisecond instead of wrapping", () => {
    const clock = new HlcClock(NODE_A, () => 1_000);
    expect(() => {
      for (let i = 0; i < 0x10001; i++) clock.next();
    }).toThrow(HlcOverflowError);
  });
});
