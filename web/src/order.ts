/**
 * Orders strings by their code units: right for ISO dates and times ("2026-12-05T…") and ids, and
 * far cheaper than `localeCompare`, whose collation made sorting a few hundred findings take tens
 * of milliseconds on a phone. Names people read are still sorted with `localeCompare`.
 */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
