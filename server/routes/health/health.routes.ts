import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { ApiError } from "../../http/errors";
import { apiRouter, errors, json } from "../../http/openapi";

const health = createRoute({
  method: "get",
  path: "/",
  tags: ["Installation"],
  summary: "Whether the server and its database answer",
  security: [],
  responses: { 200: json(z.object({ ok: z.boolean() }), "The database answers"), ...errors(503) },
});

export function healthRoutes(db: Db) {
  return apiRouter().openapi(health, async (c) => {
    try {
      await db.run(sql`select 1`);
    } catch {
      throw new ApiError(503, "database_unavailable", "The database does not answer");
    }
    return c.json({ ok: true }, 200);
  });
}
