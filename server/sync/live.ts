import type { SSEStreamingApi } from "hono/streaming";
import { LIVE_EVENTS, type LiveChange } from "../../shared/sync/live";
import { sessionCacheFor } from "../auth/session-cache";
import { openSession } from "../auth/sessions";
import type { Db } from "../db/client";
import { changeFeedFor } from "./changes";

export interface LiveOptions {
  /** How often a comment keeps proxies from closing a quiet stream; the session and membership are checked again each time. */
  heartbeatMs: number;
  /** Streams one person may hold open (in this process); a newer one closes the oldest. */
  maxPerUser: number;
}

/**
 * A device opens one stream (the tab holding its lock), so five allow a person a phone, a laptop
 * and a tablet with room for a reconnect that arrives before the server noticed the old one end.
 */
export const DEFAULT_LIVE_OPTIONS: LiveOptions = { heartbeatMs: 25_000, maxPerUser: 5 };

export interface Listener {
  orgId: string;
  userId: string;
  /** The session the stream was opened with: when it ends, so does the stream. */
  tokenHash: string;
}

interface OpenStream {
  userId: string;
  end(reason?: typeof LIVE_EVENTS.replaced): void;
}

/**
 * The open live streams of one server: each says "pull now" when a synced write of its
 * organisation commits, sends a heartbeat comment, and ends when its client leaves, its session
 * is revoked or its person is no longer a member (checked on every heartbeat, and at once when
 * this process changes such a thing), a newer stream of the same person replaces it, or the
 * server shuts down.
 */
export class LiveStreams {
  private readonly byUser = new Map<string, OpenStream[]>();
  private readonly options: LiveOptions;

  constructor(
    private readonly db: Db,
    options: Partial<LiveOptions> = {},
  ) {
    this.options = { ...DEFAULT_LIVE_OPTIONS, ...options };
  }

  /** Serves one stream; resolves when it is to end (the caller then closes the answer). */
  serve(stream: SSEStreamingApi, listener: Listener): Promise<void> {
    const { db } = this;
    return new Promise<void>((resolve) => {
      let ended = false;
      const open: OpenStream = { userId: listener.userId, end };
      const stopFeed = changeFeedFor(db).subscribe(listener.orgId, (cursor) => {
        void stream.writeSSE({ event: LIVE_EVENTS.change, data: JSON.stringify({ cursor } satisfies LiveChange) });
      });
      // The cache is told after the change committed; the check itself waits for the next turn of the event loop.
      const stopForget = sessionCacheFor(db).onForget((forgotten) => {
        const mine = forgotten.tokenHash === undefined && forgotten.userId === undefined;
        if (mine || forgotten.tokenHash === listener.tokenHash || forgotten.userId === listener.userId) setTimeout(() => void stillAllowed(), 0);
      });
      const heartbeat = setInterval(() => {
        void stillAllowed().then((allowed) => {
          if (allowed) void stream.write(": heartbeat\n\n");
        });
      }, this.options.heartbeatMs);
      stream.onAbort(() => end());

      /** False (and the stream ended) when the session or the membership is gone; a database that does not answer ends nothing. */
      async function stillAllowed(): Promise<boolean> {
        if (ended) return false;
        const session = await openSession(db, listener.tokenHash).catch(() => undefined);
        if (session === undefined) return true;
        if (session && session.memberships.some((m) => m.orgId === listener.orgId)) return true;
        end();
        return false;
      }

      const self = this;
      function end(reason?: typeof LIVE_EVENTS.replaced) {
        if (ended) return;
        ended = true;
        stopFeed();
        stopForget();
        clearInterval(heartbeat);
        self.forget(open);
        if (reason) void stream.writeSSE({ event: reason, data: "{}" }).finally(resolve);
        else resolve();
      }

      this.add(open);
      // At once, so the client (and any proxy) sees the answer begin before the first change.
      void stream.write(": live\n\n");
    });
  }

  /** On shutdown: ends every stream, so the server can close its connections. */
  closeAll(): void {
    for (const streams of [...this.byUser.values()]) for (const open of [...streams]) open.end();
  }

  /** Streams open now (for tests and the shutdown). */
  get size(): number {
    let count = 0;
    for (const streams of this.byUser.values()) count += streams.length;
    return count;
  }

  private add(open: OpenStream) {
    const streams = this.byUser.get(open.userId) ?? [];
    this.byUser.set(open.userId, streams);
    streams.push(open);
    while (streams.length > this.options.maxPerUser) streams[0]!.end(LIVE_EVENTS.replaced);
  }

  private forget(open: OpenStream) {
    const streams = this.byUser.get(open.userId);
    if (!streams) return;
    const index = streams.indexOf(open);
    if (index >= 0) streams.splice(index, 1);
    if (streams.length === 0) this.byUser.delete(open.userId);
  }
}
