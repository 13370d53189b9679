/**
 * The sync protocol's entity lists and batch sizes, free of zod so the device's store can use
 * them without loading the wire schemas (shared/sync/protocol.ts).
 */

/** Entities a device may change through sync/push. */
export const PUSH_ENTITIES = ["visit", "finding", "action", "mystery_shop", "mystery_template", "experiment", "kpi", "kpi_measurement", "business_case"] as const;
export type PushEntity = (typeof PUSH_ENTITIES)[number];

/**
 * Entities pull carries: the pushable ones plus what only the server writes, read-only on the
 * device: the organisation's settings, the decision logs and what each submission of a business
 * case put before the board (its snapshot).
 */
export const PULL_ENTITIES = [...PUSH_ENTITIES, "location", "journey_stage", "segment", "theme", "experiment_decision", "business_case_decision", "business_case_snapshot"] as const;
export type PullEntity = (typeof PULL_ENTITIES)[number];

export const MAX_BATCH = 1000;
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;
