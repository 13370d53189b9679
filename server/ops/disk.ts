import { statfs } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Below this much free space the server reports itself not ready: a photo upload or a large
 * push would fail half way, and SQLite in WAL mode only finds a full disk when it commits, so a
 * rolled-back test write cannot.
 */
export const MIN_FREE_DISK_BYTES = 64 * 1024 * 1024;

/** Free bytes (for an unprivileged writer) on the disk holding `file`. */
export async function freeBytesBeside(file: string): Promise<number> {
  const stats = await statfs(dirname(file));
  return Number(stats.bavail) * Number(stats.bsize);
}
