import { sql } from "drizzle-orm";
import type { Writer } from "../orgs/create";

/**
 * Reserves `count` numbers of the database-wide change sequence and returns the first.
 * Every write a device should pull takes one; SQLite runs one writer at a time, so numbers
 * are handed out in commit order and a pull cursor never skips a change.
 */
export async function allocateSeq(tx: Writer, count = 1): Promise<number> {
  const rows = await tx.all<{ value: number }>(
    sql`insert into sync_sequence (id, value) values (1, ${count})
        on conflict (id) do update set value = value + excluded.value
        returning value`,
  );
  const last = Number(rows[0]?.value);
  return last - count + 1;
}

export async function currentSeq(tx: Writer): Promise<number> {
  const rows = await tx.all<{ value: number }>(sql`select value from sync_sequence where id = 1`);
  return Number(rows[0]?.value ?? 0);
}
