/**
 * A business case either has figures for the numbers given or the numbers are too large to
 * compute with in double precision. The functions in this module say which, with a typed
 * problem naming the fields at fault; they never hand back NaN or Infinity.
 */
export type FinanceProblemCode =
  /** An amount in the calculation would exceed about 1.8·10³⁰⁸ (or divide by a near-zero cost). */
  "out_of_range";

export interface FinanceProblem {
  code: FinanceProblemCode;
  /** A plain sentence for the person who entered the numbers. */
  message: string;
  /** The request fields at fault, dotted ("lift.high"). */
  paths: string[];
}

export type FinanceOutcome<T> = { ok: true; value: T } | { ok: false; problem: FinanceProblem };

export const success = <T>(value: T): FinanceOutcome<T> => ({ ok: true, value });
export const failure = <T>(code: FinanceProblemCode, message: string, paths: string[]): FinanceOutcome<T> => ({
  ok: false,
  problem: { code, message, paths },
});
