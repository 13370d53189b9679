import { describe, expect, it } from "vitest";
import { defaultPreFrom, pilotSeries, type PilotMeasurement } from "./pilot";

const m = (locationId: string | null, periodStart: string, value: number, segmentId: string | null = null): PilotMeasurement => ({ locationId, segmentId, periodStart, value });

describe("pilotSeries", () => {
  const window = { period: "week" as const, preFrom: "2026-01-05", start: "2026-02-04", until: "2026-03-01" };

  it("puts weeks that end before the start before it, weeks that begin on or after it after, and leaves out the week that straddles it", () => {
    const series = pilotSeries(
      [
        m("p1", "2025-12-29", 1), // before the before-period
        m("p1", "2026-01-05", 2),
        m("p1", "2026-01-26", 3), // ends 2026-02-02, before the start
        m("p1", "2026-02-02", 99), // Monday of the start's week: mixes both
        m("p1", "2026-02-09", 4),
        m("p1", "2026-03-02", 5), // after the end
        m("p1", "2026-02-09", 50, "segment"), // a segment's value: another population
        m("c1", "2026-01-12", 6),
        m("c1", "2026-02-16", 7),
        m("x9", "2026-01-12", 8), // neither pilot nor control
      ],
      { pilot: ["p1"], control: ["c1"] },
      window,
    );
    expect(series.pilot).toEqual([{ pre: [2, 3], post: [4] }]);
    expect(series.control).toEqual([{ pre: [6], post: [7] }]);
  });

  it("leaves out a location without a period on either side, and says so", () => {
    const series = pilotSeries([m("p1", "2026-01-12", 1), m("p1", "2026-02-09", 2), m("p2", "2026-01-12", 3)], { pilot: ["p1", "p2", "p3"], control: [] }, window);
    expect(series.pilot).toHaveLength(1);
    expect(series.coverage).toEqual([
      { locationId: "p1", group: "pilot", pre: 1, post: 1 },
      { locationId: "p2", group: "pilot", pre: 1, post: 0 },
      { locationId: "p3", group: "pilot", pre: 0, post: 0 },
    ]);
  });

  it("reads months by their length", () => {
    const series = pilotSeries([m("p1", "2026-01-01", 1), m("p1", "2026-02-01", 2), m("p1", "2026-03-01", 3)], { pilot: ["p1"], control: [] }, { period: "month", preFrom: "2025-10-01", start: "2026-02-01", until: "2026-03-31" });
    expect(series.pilot).toEqual([{ pre: [1], post: [2, 3] }]);
  });
});

describe("defaultPreFrom", () => {
  it("takes as many periods before the start as the pilot runs, at least 4", () => {
    expect(defaultPreFrom("2026-03-02", "2026-03-15", "week")).toBe("2026-02-02"); // 2 weeks run → 4 before
    expect(defaultPreFrom("2026-03-02", "2026-04-26", "week")).toBe("2026-01-05"); // 8 weeks run → 8 before
    expect(defaultPreFrom("2026-03-01", "2026-03-10", "month")).toBe("2025-11-01");
    expect(defaultPreFrom("2026-03-10", "2026-03-11", "day")).toBe("2026-03-06");
  });
});
