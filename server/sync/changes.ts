import { formatCursor } from "../../shared/sync/cursor";
import { afterCommit, type Db } from "../db/client";

export type ChangeListener = (cursor: string) => void;

/**
 * "The organisation's records changed": what the live streams (GET …/sync/events) pass on to
 * devices so they pull at once rather than at their next minute. In process memory, so a server
 * hears only its own writes: with several processes on one database, a change written through
 * another reaches the devices at their periodic pull.
 */
export class ChangeFeed {
  private readonly listeners = new Map<string, Set<ChangeListener>>();

  subscribe(orgId: string, listener: ChangeListener): () => void {
    let set = this.listeners.get(orgId);
    if (!set) this.listeners.set(orgId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(orgId) === set) this.listeners.delete(orgId);
    };
  }

  /** After a commit: `sequence` is the last number the write took. */
  publish(orgId: string, sequence: number): void {
    const set = this.listeners.get(orgId);
    if (!set) return;
    const cursor = formatCursor(sequence);
    for (const listener of [...set]) {
      try {
        listener(cursor);
      } catch {
        // A listener's trouble (a stream closing under it) is its own; the write has committed.
      }
    }
  }

  listenerCount(orgId: string): number {
    return this.listeners.get(orgId)?.size ?? 0;
  }
}

const feeds = new WeakMap<Db, ChangeFeed>();

/** The feed belongs to the database handle whose writes it reports: one per app, fresh for every test database. */
export function changeFeedFor(db: Db): ChangeFeed {
  let feed = feeds.get(db);
  if (!feed) feeds.set(db, (feed = new ChangeFeed()));
  return feed;
}

/** Called by the write path: tells the organisation's live streams once the write has committed. */
export function announceChange(writer: object, orgId: string, lastSequence: number): void {
  afterCommit(writer, (db) => changeFeedFor(db).publish(orgId, lastSequence));
}
