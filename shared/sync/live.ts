/**
 * The live stream (GET /api/orgs/:orgId/sync/events) says only "pull now": an event name and
 * the cursor of the newest change, never a record's contents, so it raises no question of who
 * may see what. Free of zod, for the device's sync engine.
 */
export const LIVE_EVENTS = {
  /** A synced write of the organisation committed; data: `LiveChange`. */
  change: "change",
  /** A newer stream of the same person took this one's place (too many open); do not reconnect at once. */
  replaced: "replaced",
} as const;

export interface LiveChange {
  /** The cursor a pull up to this change ends at (compare with the device's own). */
  cursor: string;
}
