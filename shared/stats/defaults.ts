/**
 * What the calculators assume when a request leaves it out, and what the screens ask for: the
 * usual two-sided 95 % test with 80 % power, equal groups. Free of zod, unlike schemas.ts.
 */
export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_POWER = 0.8;
/** Control and treatment shares of an even split. */
export const EVEN_SPLIT: readonly [number, number] = [0.5, 0.5];
