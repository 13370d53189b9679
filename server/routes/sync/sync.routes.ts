import { Hono } from "hono";
import { parseCursor, pushBody } from "../../../shared/sync/protocol";
import type { Db } from "../../db/client";
import type { AppEnv } from "../../http/env";
import { ApiError } from "../../http/errors";
import { readBody } from "../../http/validate";
import { pullChanges } from "../../sync/pull";
import { pushMutations } from "../../sync/push";
import { currentSeq } from "../../sync/sequence";
import { DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT } from "../../../shared/sync/constants";

const badQuery = (path: string, message: string) => new ApiError(400, "validation_failed", "The request is not valid", [{ path, message }]);

export function syncRoutes(db: Db) {
  return new Hono<AppEnv>()
    .post("/push", async (c) => {
      const { clientId, mutations } = await readBody(c, pushBody);
      const session = c.get("session");
      const result = await pushMutations(db, { orgId: c.get("orgId"), userId: session.user.id, role: c.get("role"), clientId, now: new Date() }, mutations);
      return c.json(result);
    })
    .get("/pull", async (c) => {
      const since = parseCursor(c.req.query("since"));
      if (since === null) throw badQuery("since", "Not a cursor this server handed out");
      const limitText = c.req.query("limit");
      const limit = limitText === undefined || limitText === "" ? DEFAULT_PULL_LIMIT : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PULL_LIMIT) throw badQuery("limit", `A whole number from 1 to ${MAX_PULL_LIMIT}`);
      // A cursor past the end comes from another database (restored, or a different server):
      // the device must start over rather than wait for changes that will never come.
      if (since > (await currentSeq(db))) throw new ApiError(400, "stale_cursor", "This cursor is from another database; pull again from the start");
      return c.json(await pullChanges(db, c.get("orgId"), since, limit));
    });
}
