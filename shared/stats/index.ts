/** The statistics module: pure functions over summary statistics, shared by server and web. */
export {
  compare,
  compareAbsolute,
  compareMeans,
  compareProportions,
  hasRelativeLift,
  sampleRatioMismatch,
  SRM_THRESHOLD,
  type AbsoluteCompareResult,
  type CompareOptions,
  type Comparison,
} from "./compare";
export { describeResult, VERDICT_CHANCE, type DescribeOptions, type Direction, type ResultDescription, type Verdict } from "./describe";
export {
  betaChanceToBeat,
  chiSquare1Sf,
  normalCdf,
  normalQuantile,
  normalSf,
  studentTCdf,
  studentTQuantile,
  studentTSf,
} from "./distributions";
export type { StatsOutcome, StatsProblem, StatsProblemCode } from "./outcome";
export { sampleSize } from "./sample-size";
