/**
 * A statistic either exists for the numbers given or it does not (no variation in either arm,
 * a control value of 0 to divide by). The functions in this module say which, with a typed
 * problem naming the fields at fault; they never hand back NaN or Infinity.
 */
export type StatsProblemCode =
  /** Neither arm varies (no conversions anywhere, or every user converted): no standard error. */
  | "no_variation"
  /** The control value is 0, so a lift relative to it does not exist. */
  | "zero_control"
  /** The rate the minimum detectable effect leads to lies outside (0, 1). */
  | "rate_out_of_range"
  /** The effect is too small to be told apart from none in double precision. */
  | "effect_too_small"
  /** The numbers are so large or so small that a result would overflow. */
  | "out_of_range";

export interface StatsProblem {
  code: StatsProblemCode;
  /** A plain sentence for the person who entered the numbers. */
  message: string;
  /** The request fields at fault, dotted ("control.conversions"). */
  paths: string[];
}

export type StatsOutcome<T> = { ok: true; value: T } | { ok: false; problem: StatsProblem };

export const success = <T>(value: T): StatsOutcome<T> => ({ ok: true, value });
export const failure = <T>(code: StatsProblemCode, message: string, paths: string[]): StatsOutcome<T> => ({
  ok: false,
  problem: { code, message, paths },
});

/** True when every number anywhere in the value is finite. */
export function allFinite(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value && typeof value === "object") return Object.values(value).every(allFinite);
  return true;
}
