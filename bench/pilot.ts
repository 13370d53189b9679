/**
 * A store pilot's result from the KPI's measurements: 50 pilot and 50 control locations with
 * 104 weeks each, grouped into before/after and analysed (difference in differences with
 * 100,000 random relabellings, as C(100, 50) is far above the exact limit). Median of 15.
 */
import { differenceInDifferences } from "../shared/stats/did";
import { pilotSeries, type PilotMeasurement } from "../shared/stats/pilot";

export function benchPilot(): { medianMs: number; exact: boolean } {
  const weeks = 104;
  const firstMonday = Date.UTC(2025, 0, 6);
  const ids = (prefix: string) => Array.from({ length: 50 }, (_, i) => `${prefix}-${i}`);
  const pilot = ids("pilot");
  const control = ids("control");
  let seed = 7;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.04;
  const measurements: PilotMeasurement[] = [];
  for (const [index, locationId] of [...pilot, ...control].entries()) {
    const level = 0.18 + (index % 10) * 0.005;
    for (let week = 0; week < weeks; week++) {
      const lift = index < 50 && week >= 78 ? 0.01 : 0;
      measurements.push({ locationId, segmentId: null, periodStart: new Date(firstMonday + week * 7 * 86_400_000).toISOString().slice(0, 10), value: level + lift + noise() });
    }
  }
  const start = new Date(firstMonday + 78 * 7 * 86_400_000).toISOString().slice(0, 10);
  const window = { period: "week" as const, preFrom: "2025-01-06", start, until: "2026-12-31" };
  const times: number[] = [];
  let exact = true;
  for (let round = 0; round < 15; round++) {
    const began = performance.now();
    const series = pilotSeries(measurements, { pilot, control }, window);
    exact = differenceInDifferences({ pilot: series.pilot, control: series.control, alpha: 0.05 }).permutationExact;
    times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, exact };
}
