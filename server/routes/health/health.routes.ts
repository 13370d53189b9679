import { createRoute, z } from "@hono/zod-openapi";
import type { Client } from "@libsql/client";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { ApiError } from "../../http/errors";
import { apiRouter, errors, json } from "../../http/openapi";
import { MIN_FREE_DISK_BYTES } from "../../ops/disk";
import { RESTORE_COMMAND, type IntegrityWatch } from "../../ops/integrity";

const health = createRoute({
  method: "get",
  path: "/",
  tags: ["Installation"],
  summary: "Whether the server and its database answer",
  security: [],
  responses: { 200: json(z.object({ ok: z.boolean() }), "The database answers"), ...errors(503) },
});

const ready = createRoute({
  method: "get",
  path: "/ready",
  tags: ["Installation"],
  summary: "Whether the server can take work: the database accepts a write and passed its last integrity check",
  description:
    "A write into a scratch table, rolled back, the free space on the database's disk, and the verdict of the last `PRAGMA quick_check` (run at start and hourly). " +
    "503 `database_read_only`, `database_full` or `database_busy` when the write fails, `database_full` also when the disk has less than 64 MB free, `database_corrupt` when the check failed. " +
    "`GET /api/health` stays the cheap liveness check.",
  security: [],
  responses: {
    200: json(z.object({ ok: z.boolean(), integrityCheckedAt: z.string().nullable() }), "The database takes writes and its last integrity check passed (null: not checked yet)"),
    ...errors(503),
  },
});

/** `freeDiskBytes`: free space on the database file's disk (none for sqld/Turso, which keep their own). */
export function healthRoutes(db: Db, integrity: IntegrityWatch, freeDiskBytes?: () => Promise<number>) {
  return apiRouter()
    .openapi(health, async (c) => {
      try {
        await db.run(sql`select 1`);
      } catch {
        throw new ApiError(503, "database_unavailable", "The database does not answer");
      }
      return c.json({ ok: true }, 200);
    })
    .openapi(ready, async (c) => {
      const { problem, checkedAt } = integrity.status;
      if (problem) throw new ApiError(503, "database_corrupt", `The database failed its integrity check at ${checkedAt}: ${problem}. Restore a backup: ${RESTORE_COMMAND}`);
      await probeWrite(db.$client);
      if (freeDiskBytes) {
        const free = await freeDiskBytes();
        if (free < MIN_FREE_DISK_BYTES) {
          throw new ApiError(503, "database_full", `The disk holding the database has ${Math.floor(free / 1024 / 1024)} MB free (at least ${MIN_FREE_DISK_BYTES / 1024 / 1024} MB needed): writes would fail`);
        }
      }
      return c.json({ ok: true, integrityCheckedAt: checkedAt }, 200);
    });
}

/** A real write, rolled back: only SQLite taking its write lock and changing a page shows that writes would work. */
async function probeWrite(client: Client) {
  try {
    const tx = await client.transaction("write");
    try {
      await tx.execute({ sql: "insert into health_probe (at) values (?)", args: [new Date().toISOString()] });
    } finally {
      await tx.rollback();
    }
  } catch (err) {
    throw writeRefused(err);
  }
}

function writeRefused(err: unknown) {
  const code = String((err as { code?: unknown }).code ?? "");
  const reason = (err as Error).message;
  if (code.startsWith("SQLITE_FULL")) return new ApiError(503, "database_full", `The database cannot be written, its disk is full: ${reason}`);
  if (code.startsWith("SQLITE_BUSY")) return new ApiError(503, "database_busy", `The database cannot be written, another process holds its lock: ${reason}`);
  return new ApiError(503, "database_read_only", `The database cannot be written: ${reason}`);
}
