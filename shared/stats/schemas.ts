import { z } from "zod";
import { DEFAULT_ALPHA, DEFAULT_POWER, EVEN_SPLIT } from "./defaults";

/**
 * Wire schemas of the two calculators (POST /api/stats/compare and /api/stats/sample-size).
 * They check each field's own domain; whether a statistic exists for valid numbers (a
 * control rate of 0, no variation at all) is decided by compare.ts and sample-size.ts.
 * zod's number() already refuses NaN and ±Infinity.
 */

const probability = (what: string) => {
  const message = `${what} must lie strictly between 0 and 1`;
  return z.number().gt(0, message).lt(1, message);
};

export const alphaField = probability("Alpha").default(DEFAULT_ALPHA);

export const expectedSplitField = z
  .tuple([z.number().gt(0, "Each share must be above 0"), z.number().gt(0, "Each share must be above 0")])
  .refine(([control, treatment]) => Math.abs(control + treatment - 1) <= 1e-9, "The two shares must add up to 1")
  .default([...EVEN_SPLIT]);

/** A whole count, at least `min`; beyond 2⁵³ a count can no longer be told from its neighbours. */
const count = (min: number, tooSmall: string) =>
  z
    .number()
    .int({ error: (issue) => (issue.code === "too_big" ? "Must be at most 9007199254740991" : "Must be a whole number") })
    .min(min, tooSmall);

export const proportionArm = z
  .strictObject({
    users: count(1, "An arm needs at least one user"),
    conversions: count(0, "Cannot be negative"),
  })
  // Only against a valid user count: with users at −5, conversions of 0 are not the problem.
  .refine((arm) => arm.users < 1 || arm.conversions <= arm.users, { message: "Cannot be more than the users", path: ["conversions"] });

export const meanArm = z.strictObject({
  n: count(2, "An arm needs at least 2 observations for a standard deviation"),
  mean: z.number(),
  sd: z.number().gt(0, "Must be above 0"),
});

export const proportionCompareRequest = z.strictObject({
  metric: z.literal("proportion"),
  control: proportionArm,
  treatment: proportionArm,
  alpha: alphaField,
  expectedSplit: expectedSplitField,
});

export const meanCompareRequest = z.strictObject({
  metric: z.literal("mean"),
  control: meanArm,
  treatment: meanArm,
  alpha: alphaField,
  expectedSplit: expectedSplitField,
});

export const compareRequest = z.discriminatedUnion("metric", [proportionCompareRequest, meanCompareRequest], {
  error: 'Must be "proportion" or "mean"',
});

export const sampleSizeRequest = z.strictObject({
  baseline: probability("The baseline rate"),
  mde: z.number().refine((mde) => mde !== 0, "The minimum detectable effect cannot be 0"),
  alpha: alphaField,
  power: probability("Power").default(DEFAULT_POWER),
});

export type ProportionArm = z.output<typeof proportionArm>;
export type MeanArm = z.output<typeof meanArm>;
export type CompareRequest = z.output<typeof compareRequest>;
export type SampleSizeRequest = z.output<typeof sampleSizeRequest>;

const interval = z.tuple([z.number(), z.number()]);

/** The answer of POST /api/stats/compare. */
export const compareResult = z
  .object({
    absoluteLift: z.number().describe("Treatment minus control: a difference of rates (0.012 = 1.2 points) or of means."),
    relativeLift: z.number().describe("The absolute lift as a share of the control value (0.05 = 5 % better)."),
    ciAbsolute: interval,
    ciRelative: interval,
    pValue: z.number().describe('Two-sided p-value of "no difference".'),
    chanceToBeat: z.number().describe("The probability that the treatment's true value is above the control's."),
    srm: z
      .object({ pValue: z.number(), mismatch: z.boolean() })
      .describe("Sample-ratio mismatch: do the arms' sizes fit the split the experiment was set up with?"),
  })
  .meta({ id: "CompareResult" });
export type CompareResult = z.output<typeof compareResult>;

/** The answer of POST /api/stats/sample-size. */
export const sampleSizeResult = z.object({ perVariant: z.number() }).meta({ id: "SampleSizeResult" });
export type SampleSizeResult = z.output<typeof sampleSizeResult>;

/** At most this many locations per group: randomisation inference draws 100,000 relabellings of them. */
export const MAX_DID_LOCATIONS = 500;

const kpiValues = (when: string) =>
  z.array(z.number(), { error: `The values ${when} must be a list of numbers` }).min(1, `Each location needs at least one value ${when} the start`);

const locationSeries = z.strictObject({ pre: kpiValues("before"), post: kpiValues("after") });

const locationGroup = (group: string) =>
  z
    .array(locationSeries)
    .min(2, `At least 2 ${group} locations are needed`)
    .max(MAX_DID_LOCATIONS, `At most ${MAX_DID_LOCATIONS} ${group} locations`);

/** POST /api/stats/did: one entry per location, the KPI's values before and after the pilot's start. */
export const didRequest = z.strictObject({
  pilot: locationGroup("pilot"),
  control: locationGroup("control"),
  alpha: alphaField,
});

/** The answer of POST /api/stats/did. */
export const didResult = z
  .object({
    effect: z.number().describe("Mean change of the pilot locations minus mean change of the control locations."),
    relativeEffect: z.number().nullable().describe("The effect as a share of the pilot locations' level before the start; null when that level is 0."),
    se: z.number().describe("Standard error of the effect (Welch)."),
    df: z.number().describe("Welch–Satterthwaite degrees of freedom."),
    ci: interval.describe("Confidence interval of the effect at 1 − alpha."),
    pValue: z.number().describe("Two-sided Welch t-test p-value of no effect."),
    permutationPValue: z.number().describe("Randomisation inference over which locations were the pilot."),
    permutationExact: z.boolean().describe("True when every split was counted; false when 100,000 random relabellings were drawn."),
    units: z.object({ pilot: z.number().int(), control: z.number().int() }),
  })
  .meta({ id: "DidResult" });
