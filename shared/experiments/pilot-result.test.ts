import { describe, expect, it } from "vitest";
import { differenceInDifferences } from "../stats/did";
import { measuredResult, pilotChart, pilotPeriod, pilotPlanInput, pilotWindow, runningSince, shiftDay, type KpiMeasurementRow, type PilotWindow } from "./pilot-result";

const P = ["p1", "p2", "p3"];
const C = ["c1", "c2", "c3", "c4"];
const KPI = "k";
const monday = (week: number) => new Date(Date.UTC(2025, 0, 6 + 7 * week)).toISOString().slice(0, 10);

/** 12 weeks before week 12 and 8 from it; each store its own level, all drifting alike; pilot +1 after the start. */
function weekly(effect = 1, skip: (id: string, week: number) => boolean = () => false): KpiMeasurementRow[] {
  const rows: KpiMeasurementRow[] = [];
  [...P, ...C].forEach((id, s) => {
    for (let week = 0; week < 20; week++) {
      if (skip(id, week)) continue;
      const wobble = ((s * 7 + week * 3) % 5) / 10 - 0.2;
      const lift = P.includes(id) && week >= 12 ? effect : 0;
      rows.push({ kpiId: KPI, period: "week", periodStart: monday(week), locationId: id, segmentId: null, value: 20 + s + 0.05 * week + wobble + lift });
    }
  });
  return rows;
}

const WINDOW: PilotWindow = { period: "week", start: monday(12), startFrom: "set", until: shiftDay(monday(19), 6), untilFrom: "set", preFrom: monday(0), preFromDefault: false };

describe("pilotPeriod", () => {
  it("prefers weeks, else the period most location values use, and ignores organisation-wide and segment values", () => {
    const row = (period: KpiMeasurementRow["period"], locationId: string | null = "a", segmentId: string | null = null) => ({ period, locationId, segmentId });
    expect(pilotPeriod([row("month"), row("month"), row("week")])).toBe("week");
    expect(pilotPeriod([row("month"), row("day"), row("day")])).toBe("day");
    expect(pilotPeriod([row("week", null), row("week", "a", "s"), row("month")])).toBe("month");
    expect(pilotPeriod([])).toBeNull();
  });
});

describe("pilotWindow", () => {
  const moves = [
    { from: "approved" as const, to: "running" as const, at: "2025-03-03T09:00:00.000Z" },
    { from: "running" as const, to: "analysing" as const, at: "2025-04-28T10:00:00.000Z" },
    { from: "analysing" as const, to: "running" as const, at: "2025-04-29T10:00:00.000Z" },
  ];
  it("starts on the set day, else on the day the experiment first moved to running", () => {
    expect(runningSince(moves)).toBe("2025-03-03");
    expect(pilotWindow({ status: "running" }, moves, "week", "2025-05-10")).toMatchObject({ start: "2025-03-03", startFrom: "log", until: "2025-05-10", untilFrom: "today" });
    expect(pilotWindow({ pilotStart: "2025-03-10", status: "running" }, moves, "week", "2025-05-10")).toMatchObject({ start: "2025-03-10", startFrom: "set" });
    expect(pilotWindow({ status: "approved" }, [], "week", "2025-05-10")).toBeNull();
  });
  it("ends on the set day, else the day before it stopped running once it has, else today", () => {
    expect(pilotWindow({ status: "won", pilotEnd: "2025-04-20" }, moves, "week", "2025-06-01")).toMatchObject({ until: "2025-04-20", untilFrom: "set" });
    expect(pilotWindow({ status: "won" }, moves.slice(0, 2), "week", "2025-06-01")).toMatchObject({ until: "2025-04-27", untilFrom: "stopped" });
  });
  it("compares with as many periods before the start as the pilot runs (at least 4), unless set", () => {
    // 2025-03-03 … 2025-04-27 is 8 weeks: the before-period starts 8 weeks earlier.
    expect(pilotWindow({ status: "won", pilotEnd: "2025-04-27" }, moves, "week", "2025-06-01")).toMatchObject({ preFrom: "2025-01-06", preFromDefault: true });
    expect(pilotWindow({ status: "running", pilotStart: "2025-03-03", pilotEnd: "2025-03-09" }, [], "week", "2025-06-01")!.preFrom).toBe("2025-02-03");
    expect(pilotWindow({ status: "running", pilotStart: "2025-03-03", preFrom: "2024-12-02" }, [], "week", "2025-06-01")).toMatchObject({ preFrom: "2024-12-02", preFromDefault: false });
  });
});

describe("measuredResult", () => {
  const request = (measurements: KpiMeasurementRow[], more: Partial<Parameters<typeof measuredResult>[0]> = {}) =>
    measuredResult({ design: "pilot_control", pilotIds: P, controlIds: C, measurements, window: WINDOW, alpha: 0.05, ...more });

  it("reads difference in differences from the measurements: the same numbers as the shared engine on the same series", () => {
    const result = request(weekly(1));
    if (result.state !== "ready") throw new Error(result.state);
    expect(result.periods).toEqual({ pre: 12, post: 8 });
    expect(result.locations).toEqual({ pilot: 3, control: 4 });
    expect(result.gaps).toEqual([]);
    expect(result.comparison.absoluteLift).toBeCloseTo(1, 1);
    const series = (id: string) => {
      const values = weekly(1).filter((m) => m.locationId === id);
      return { pre: values.slice(0, 12).map((m) => m.value), post: values.slice(12).map((m) => m.value) };
    };
    const direct = differenceInDifferences({ pilot: P.map(series), control: C.map(series), alpha: 0.05 });
    expect(result.comparison.ciAbsolute).toEqual(direct.ci);
    expect(result.comparison.pValue).toBe(direct.pValue);
    expect(result.comparison.permutationPValue).toBe(direct.permutationPValue);
    expect(result.comparison.permutationExact).toBe(true);
    expect(result.comparison.chanceToBeat).toBeGreaterThan(0.99);
    // Relative to the pilot stores' level before the start.
    expect(result.comparison.relativeLift).toBeCloseTo(direct.relativeEffect!, 9);
    expect(result.comparison.ciRelative![0]).toBeCloseTo(direct.ci[0] / result.comparison.level!, 9);
    expect(result.changes.map((c) => c.group)).toEqual(["pilot", "pilot", "pilot", "control", "control", "control", "control"]);
    expect(result.changes[0]!.change - result.changes[3]!.change).toBeGreaterThan(0.5);
  });

  it("counts only the window's period, whole-location values, inside the window", () => {
    const noise: KpiMeasurementRow[] = [
      { kpiId: KPI, period: "month", periodStart: monday(14), locationId: "p1", segmentId: null, value: 999 },
      { kpiId: KPI, period: "week", periodStart: monday(14), locationId: "p1", segmentId: "seg", value: 999 },
      { kpiId: KPI, period: "week", periodStart: monday(14), locationId: null, segmentId: null, value: 999 },
      { kpiId: KPI, period: "week", periodStart: monday(25), locationId: "p1", segmentId: null, value: 999 },
    ];
    const result = request([...weekly(1), ...noise]);
    expect(result.state === "ready" && result.comparison.absoluteLift).toBe(request(weekly(1)).state === "ready" && (request(weekly(1)) as { comparison: { absoluteLift: number } }).comparison.absoluteLift);
  });

  it("flags locations with missing periods, and leaves out one with no value on a side", () => {
    const result = request(weekly(1, (id, week) => (id === "c2" && week < 3) || (id === "c4" && week >= 12)));
    if (result.state !== "ready") throw new Error(result.state);
    expect(result.locations).toEqual({ pilot: 3, control: 3 });
    expect(result.gaps).toEqual([
      { locationId: "c2", group: "control", pre: 9, post: 8, missingPre: 3, missingPost: 0 },
      { locationId: "c4", group: "control", pre: 12, post: 0, missingPre: 0, missingPost: 8 },
    ]);
  });

  it("needs a start, locations in both groups, and at least 2 of each with values on both sides", () => {
    expect(request(weekly(), { window: null })).toEqual({ state: "no_start" });
    expect(request(weekly(), { controlIds: [] })).toEqual({ state: "no_locations" });
    expect(request(weekly(), { pilotIds: [] })).toEqual({ state: "no_locations" });
    expect(request(weekly(), { pilotIds: ["p1"] })).toMatchObject({ state: "too_few", usable: { pilot: 1, control: 4 } });
    expect(request(weekly(1, (id, week) => id !== "c1" && C.includes(id) && week >= 12))).toMatchObject({ state: "too_few", usable: { pilot: 3, control: 1 } });
  });

  it("before/after reads the pilot locations alone, with no permutation p-value (the season is in the number)", () => {
    const result = request(weekly(1), { design: "before_after", controlIds: [] });
    if (result.state !== "ready") throw new Error(result.state);
    expect(result.design).toBe("before_after");
    expect(result.locations).toEqual({ pilot: 3, control: 0 });
    expect(result.comparison.permutationPValue).toBeNull();
    // The drift of 0.05 a week is in it: about 1 + 0.05 × 10 weeks between the two halves' middles.
    expect(result.comparison.absoluteLift).toBeCloseTo(1.5, 1);
  });
});

describe("pilotChart", () => {
  it("averages each group per period and measures the gap before and after the start", () => {
    const chart = pilotChart({ pilotIds: P, controlIds: C, measurements: weekly(1), window: WINDOW });
    expect(chart.points).toHaveLength(20);
    expect(chart.start).toBe(monday(12));
    expect(chart.points[0]!.pilot).toBeCloseTo((20 + 21 + 22) / 3 + mean3(0), 9);
    expect(chart.gapAfter! - chart.gapBefore!).toBeCloseTo(1, 1);
  });
  it("leaves a group's value out of a period none of its locations measured", () => {
    const chart = pilotChart({ pilotIds: P, controlIds: C, measurements: weekly(1, (id, week) => P.includes(id) && week === 2), window: WINDOW });
    expect(chart.points[2]).toMatchObject({ pilot: null });
    expect(chart.points[2]!.control).not.toBeNull();
  });
});

/** The pilot stores' wobble in week 0 (stores 0–2). */
function mean3(week: number) {
  return [0, 1, 2].reduce((sum, s) => sum + (((s * 7 + week * 3) % 5) / 10 - 0.2), 0) / 3;
}

describe("pilotPlanInput", () => {
  const experiment = { id: "x", design: "pilot_control" as const, pilotLocationIds: P, controlLocationIds: C };
  it("takes the periods before the start that every chosen location measured, and plans 8 periods against 8 unless the window says", () => {
    const input = pilotPlanInput({ ...experiment, pilotStart: monday(12) }, weekly(1, (id, week) => id === "c3" && week === 5), KPI, "2030-01-01");
    if (!input.ok) throw new Error(input.reason);
    expect(input.historyPeriods).toBe(11);
    expect(input.pilot).toHaveLength(3);
    expect(input.control[0]).toHaveLength(11);
    expect([input.prePeriods, input.postPeriods]).toEqual([8, 8]);
    const short = pilotPlanInput({ ...experiment, pilotStart: monday(12), pilotEnd: shiftDay(monday(12), 20) }, weekly(), KPI, "2030-01-01");
    expect(short.ok && [short.prePeriods, short.postPeriods]).toEqual([4, 3]);
  });
  it("says what is missing", () => {
    expect(pilotPlanInput(experiment, [], KPI, "2030-01-01")).toEqual({ ok: false, reason: "no_measurements" });
    expect(pilotPlanInput({ ...experiment, controlLocationIds: [] }, weekly(), KPI, "2030-01-01")).toEqual({ ok: false, reason: "no_locations" });
  });
});
