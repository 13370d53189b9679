import { Hono } from "hono";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { ApiError } from "../../http/errors";

export function healthRoutes(db: Db) {
  return new Hono().get("/", async (c) => {
    try {
      await db.run(sql`select 1`);
    } catch {
      throw new ApiError(503, "database_unavailable", "The database does not answer");
    }
    return c.json({ ok: true });
  });
}
