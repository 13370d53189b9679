import { describe, expect, it } from "vitest";
import { differenceInDifferences } from "./did";
import { studentTQuantile } from "./distributions";
import { planPilot } from "./pilot-plan";

/** A repeatable wobble per location and period. */
const wobble = (location: number, period: number) => {
  const x = Math.sin(location * 12.9898 + period * 78.233) * 43758.5453;
  return (x - Math.floor(x)) * 2 - 1;
};
const history = (locations: number[], periods = 24, spread = 1) => locations.map((l) => Array.from({ length: periods }, (_, p) => 20 + l + 0.05 * p + spread * wobble(l, p)));

describe("planPilot", () => {
  const pilot = history([0, 1, 2]);
  const control = history([3, 4, 5, 6]);
  const request = { pilot, control, prePeriods: 8, postPeriods: 8, alpha: 0.05, power: 0.8 };

  it("is (t(1−α/2, df) + t(0.8, df)) · se, with se and df from the placebo changes' spread per group (Welch–Satterthwaite)", () => {
    const plan = planPilot(request);
    if (!plan.ok) throw new Error(plan.reason);
    // Placebo starts 8 … 16: nine whole windows in 24 periods.
    expect(plan.placebos).toBe(9);
    // The same spread by hand: the mean over placebos of each group's variance of changes.
    const variances = (group: number[][]) => {
      const values: number[] = [];
      for (let start = 8; start + 8 <= 24; start++) {
        const d = group.map((v) => v.slice(start, start + 8).reduce((a, b) => a + b) / 8 - v.slice(start - 8, start).reduce((a, b) => a + b) / 8);
        const m = d.reduce((a, b) => a + b) / d.length;
        values.push(d.reduce((a, b) => a + (b - m) ** 2, 0) / (d.length - 1));
      }
      return values.reduce((a, b) => a + b) / values.length;
    };
    const vp = variances(pilot) / 3;
    const vc = variances(control) / 4;
    const df = (vp + vc) ** 2 / (vp ** 2 / 2 + vc ** 2 / 3);
    const row = plan.rows[0]!;
    expect(row).toMatchObject({ multiplier: 1, pilot: 3, control: 4 });
    expect(row.se).toBeCloseTo(Math.sqrt(vp + vc), 12);
    expect(row.df).toBeCloseTo(df, 9);
    expect(row.mde).toBeCloseTo((studentTQuantile(0.975, df) + studentTQuantile(0.8, df)) * Math.sqrt(vp + vc), 9);
    expect(row.relativeMde).toBeCloseTo(row.mde / plan.level, 12);
  });

  it("shrinks with more stores of the same kind: the spread stays, the counts grow (and so do the degrees of freedom)", () => {
    const plan = planPilot(request);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.rows.map((r) => [r.multiplier, r.pilot, r.control])).toEqual([[1, 3, 4], [2, 6, 8], [3, 9, 12]]);
    expect(plan.rows[1]!.se).toBeCloseTo(plan.rows[0]!.se / Math.SQRT2, 12);
    expect(plan.rows[1]!.mde).toBeLessThan(plan.rows[0]!.mde / Math.SQRT2);
    expect(plan.rows[2]!.mde).toBeLessThan(plan.rows[1]!.mde);
  });

  it("is the size of effect that a pilot of that size detects about 80 % of the time, on this kind of history", () => {
    // Simulated pilots on fresh noise of the same spread: with the MDE added to the pilot stores,
    // the DiD interval excludes 0 in roughly 80 % of them (a loose check of the calibration).
    const plan = planPilot({ ...request, pilot: history([0, 1, 2], 200), control: history([3, 4, 5, 6], 200) });
    if (!plan.ok) throw new Error(plan.reason);
    const mde = plan.rows[0]!.mde;
    let detected = 0;
    const runs = 150;
    for (let run = 0; run < runs; run++) {
      const series = (l: number, lift: number) => {
        const values = Array.from({ length: 16 }, (_, p) => 20 + l + wobble(l + 100 * run, p + 1000) + (p >= 8 ? lift : 0));
        return { pre: values.slice(0, 8), post: values.slice(8) };
      };
      const did = differenceInDifferences({ pilot: [0, 1, 2].map((l) => series(l, mde)), control: [3, 4, 5, 6].map((l) => series(l, 0)), alpha: 0.05 });
      if (did.ci[0] > 0) detected++;
    }
    expect(detected / runs).toBeGreaterThan(0.6);
    expect(detected / runs).toBeLessThan(0.97);
  });

  it("before/after: the pilot stores alone, n − 1 degrees of freedom", () => {
    const plan = planPilot({ ...request, control: [] });
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.rows[0]).toMatchObject({ pilot: 3, control: 0, df: 2 });
  });

  it("needs 2 stores per group and a history as long as a before- and an after-period", () => {
    expect(planPilot({ ...request, pilot: pilot.slice(0, 1) })).toEqual({ ok: false, reason: "too_few_locations" });
    expect(planPilot({ ...request, control: control.slice(0, 1) })).toEqual({ ok: false, reason: "too_few_locations" });
    expect(planPilot({ ...request, prePeriods: 12, postPeriods: 13 })).toEqual({ ok: false, reason: "too_short" });
  });
});
