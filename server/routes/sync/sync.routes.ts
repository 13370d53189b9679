import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { currentTokenHash } from "../../auth/sessions";
import { parseCursor, pullResponse, pushBody, pushResponse } from "../../../shared/sync/protocol";
import type { Db } from "../../db/client";
import { ApiError } from "../../http/errors";
import { apiRouter, errors, json, jsonBody, ORG_ERRORS } from "../../http/openapi";
import { pullChanges } from "../../sync/pull";
import type { LiveStreams } from "../../sync/live";
import { pushMutations } from "../../sync/push";
import { currentSeq } from "../../sync/sequence";
import { DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT } from "../../../shared/sync/constants";

const badQuery = (path: string, message: string) => new ApiError(400, "validation_failed", "The request is not valid", [{ path, message }]);

const push = createRoute({
  method: "post",
  path: "/push",
  tags: ["Sync"],
  summary: "Push a device's mutations: one transaction, idempotent by mutation id, each applied, a duplicate or rejected",
  request: { body: jsonBody(pushBody) },
  responses: { 200: json(pushResponse, "One result per mutation, and the cursor after them"), ...errors(...ORG_ERRORS) },
});

// Declared as plain text for the document; the handler checks them, so their messages stay the API's own.
const PullQuery = z.object({
  since: z.string().optional().describe("The cursor of the last pull; from the start when left out"),
  limit: z.string().optional().describe(`Changes at most, 1 to ${MAX_PULL_LIMIT} (default ${DEFAULT_PULL_LIMIT})`),
});

const pull = createRoute({
  method: "get",
  path: "/pull",
  tags: ["Sync"],
  summary: "Every change after the cursor, in order (`stale_cursor`: a cursor of another database; pull again from the start)",
  request: { query: PullQuery },
  responses: { 200: json(pullResponse, "The changes, the next cursor, and whether more are waiting"), ...errors(...ORG_ERRORS) },
});

const events = createRoute({
  method: "get",
  path: "/events",
  tags: ["Sync"],
  summary: "Live: a server-sent event stream that says when to pull",
  description: [
    'While open, `event: change` with `data: {"cursor":"…"}` follows every synced write of the organisation that commits (the cursor a pull',
    "up to it ends at; no record contents), and a comment line keeps it alive every 25 seconds. It ends when the session is revoked or",
    "the person is no longer a member, and `event: replaced` ends the oldest of a person's streams when they open more than five.",
    "A server hears only its own writes: with several processes on one database, the periodic pull brings the rest.",
  ].join(" "),
  responses: {
    200: { description: "The event stream, until it ends", content: { "text/event-stream": { schema: z.string() } } },
    ...errors(...ORG_ERRORS),
  },
});

export function syncRoutes(db: Db, live: LiveStreams) {
  return apiRouter()
    .openapi(push, async (c) => {
      const { clientId, mutations } = c.req.valid("json");
      const session = c.get("session");
      const result = await pushMutations(db, { orgId: c.get("orgId"), userId: session.user.id, role: c.get("role"), clientId, now: new Date() }, mutations);
      return c.json(result, 200);
    })
    .openapi(pull, async (c) => {
      const query = c.req.valid("query");
      const since = parseCursor(query.since);
      if (since === null) throw badQuery("since", "Not a cursor this server handed out");
      const limit = query.limit === undefined || query.limit === "" ? DEFAULT_PULL_LIMIT : Number(query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PULL_LIMIT) throw badQuery("limit", `A whole number from 1 to ${MAX_PULL_LIMIT}`);
      // A cursor past the end comes from another database (restored, or a different server):
      // the device must start over rather than wait for changes that will never come.
      if (since > (await currentSeq(db))) throw new ApiError(400, "stale_cursor", "This cursor is from another database; pull again from the start");
      return c.json(await pullChanges(db, c.get("orgId"), since, limit), 200);
    })
    .openapi(events, (c) => {
      const listener = { orgId: c.get("orgId"), userId: c.get("session").user.id, tokenHash: currentTokenHash(c)! };
      // Proxies such as nginx would otherwise hold the events back in their buffers.
      c.header("X-Accel-Buffering", "no");
      return streamSSE(c, (stream) => live.serve(stream, listener));
    });
}
