import { studentTQuantile } from "./distributions";
import { mean, sampleVariance } from "./summary";

/**
 * Planning a store pilot: before it starts, the smallest effect the chosen stores can detect,
 * read from the KPI's history. Placebo pilots — pretend the pilot started at earlier dates
 * within the history, with the same stores and the same lengths before and after — show how
 * much each store's change (mean after − mean before) wanders on its own. From the spread of
 * those changes per group, the difference in differences' standard error and its Welch–
 * Satterthwaite degrees of freedom give the minimum detectable effect at the chosen power:
 * MDE = (t(1 − α/2, df) + t(power, df)) · se; and with more stores of the same kind, how far it
 * shrinks (the spreads stay, the counts grow).
 */

export interface PilotPlanRequest {
  /** Each location's values in consecutive periods, oldest first, all of the same periods. */
  pilot: readonly (readonly number[])[];
  /** Empty for a before/after pilot (the pilot stores against themselves). */
  control: readonly (readonly number[])[];
  /** Periods before and from the (placebo) start. */
  prePeriods: number;
  postPeriods: number;
  alpha: number;
  power: number;
  /** How many times as many stores (of each group) to show; 1 is the stores chosen. */
  multipliers?: readonly number[];
}

export interface PilotPlanRow {
  multiplier: number;
  pilot: number;
  control: number;
  se: number;
  df: number;
  /** The smallest effect the pilot would detect, in the KPI's units, and as a share of the pilot stores' level (null at 0). */
  mde: number;
  relativeMde: number | null;
}

export type PilotPlan =
  | { ok: true; placebos: number; level: number; rows: PilotPlanRow[] }
  | { ok: false; reason: "too_few_locations" | "too_short" };

/** Each location's change around a placebo start at index `start`. */
const placeboChanges = (locations: PilotPlanRequest["pilot"], start: number, pre: number, post: number) =>
  locations.map((values) => mean(values.slice(start, start + post)) - mean(values.slice(start - pre, start)));

export function planPilot(request: PilotPlanRequest): PilotPlan {
  const { pilot, control, prePeriods: pre, postPeriods: post } = request;
  const withControl = control.length > 0;
  if (pilot.length < 2 || (withControl && control.length < 2)) return { ok: false, reason: "too_few_locations" };
  const length = Math.min(...[...pilot, ...control].map((values) => values.length));
  if (pre < 1 || post < 1 || length < pre + post) return { ok: false, reason: "too_short" };

  // Every placebo start with a whole before- and after-period inside the history.
  const pilotVariances: number[] = [];
  const controlVariances: number[] = [];
  for (let start = pre; start + post <= length; start++) {
    pilotVariances.push(sampleVariance(placeboChanges(pilot, start, pre, post)));
    if (withControl) controlVariances.push(sampleVariance(placeboChanges(control, start, pre, post)));
  }
  const pilotSpread = mean(pilotVariances);
  const controlSpread = withControl ? mean(controlVariances) : 0;
  const level = mean(pilot.map((values) => mean(values)));

  const rows = (request.multipliers ?? [1, 2, 3]).map((multiplier): PilotPlanRow => {
    const np = pilot.length * multiplier;
    const nc = control.length * multiplier;
    const vp = pilotSpread / np;
    const vc = withControl ? controlSpread / nc : 0;
    const se = Math.sqrt(vp + vc);
    const df = !withControl ? np - 1 : se === 0 ? np + nc - 2 : (vp + vc) ** 2 / (vp ** 2 / (np - 1) + vc ** 2 / (nc - 1));
    const mde = (studentTQuantile(1 - request.alpha / 2, df) + studentTQuantile(request.power, df)) * se;
    return { multiplier, pilot: np, control: nc, se, df, mde, relativeMde: level === 0 ? null : mde / Math.abs(level) };
  });
  return { ok: true, placebos: pilotVariances.length, level, rows };
}
