import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { migrationsFolder } from "../../server/db/client";
import { createLogger } from "../../server/log";
import { writeBackup } from "../../server/ops/backup";
import { restoreDatabase, RestoreRefused } from "../../server/ops/restore";
import { damageMiddle, databaseWithPages, rowsOf, runScript, serverOn, tempDir } from "../support/ops";

const log = createLogger({ level: "silent" });
const journal = () => JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: { when: number }[] };

/** Every file in `dir` with a hash of its bytes: what "changes nothing" is checked against. */
function filesIn(dir: string) {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, createHash("sha256").update(readFileSync(join(dir, name))).digest("hex")]));
}

/** A backup of a database with 100 filler rows, written the way `npm run backup` writes one. */
async function backupWithFiller(dir: string, name = "backup.db") {
  const source = join(dir, `${name}.source`);
  await databaseWithPages(source, 100);
  const client = createClient({ url: `file:${source}` });
  try {
    return (await writeBackup(client, join(dir, name))).file;
  } finally {
    client.close();
  }
}

/** A live database at `dir/chefsache.db` next to the backups, to be replaced. */
async function existingDatabase(dir: string) {
  const file = join(dir, "chefsache.db");
  await databaseWithPages(file, 10);
  return file;
}

async function expectRefusedUnchanged(backup: string, dir: string, target: string, message: RegExp) {
  const before = filesIn(dir);
  const refusal = restoreDatabase(backup, `file:${target}`, { log });
  await expect(refusal).rejects.toBeInstanceOf(RestoreRefused);
  await expect(refusal).rejects.toThrow(message);
  expect(filesIn(dir), "nothing changed, nothing left behind").toEqual(before);
}

describe("npm run restore refuses, and changes nothing", () => {
  test("a backup that fails its integrity check", async () => {
    const dir = tempDir();
    const backup = await backupWithFiller(dir);
    damageMiddle(backup);
    const target = await existingDatabase(dir);
    await expectRefusedUnchanged(backup, dir, target, /fails its integrity check/);
  });

  test("a file that is not a database, and a database that is not Chefsache's", async () => {
    const dir = tempDir();
    const target = await existingDatabase(dir);
    const junk = join(dir, "photo.jpg");
    writeFileSync(junk, Buffer.alloc(10_000, 7));
    await expectRefusedUnchanged(junk, dir, target, /fails its integrity check/);

    const other = join(dir, "other.db");
    const client = createClient({ url: `file:${other}` });
    await client.execute("create table notes (body text)");
    client.close();
    await expectRefusedUnchanged(other, dir, target, /is not a Chefsache backup/);
  });

  test("a backup made by a newer version (a migration this build does not have)", async () => {
    const dir = tempDir();
    const backup = await backupWithFiller(dir);
    const client = createClient({ url: `file:${backup}` });
    const future = Date.now() + 86_400_000;
    await client.execute({ sql: "insert into __drizzle_migrations (hash, created_at) values (?, ?)", args: ["f".repeat(64), future] });
    client.close();
    const target = await existingDatabase(dir);
    await expectRefusedUnchanged(backup, dir, target, new RegExp(`newer version of Chefsache.*1 migration\\(s\\).*${new Date(future).toISOString()}`));
  });

  test("a missing backup file and a DATABASE_URL that is not a file", async () => {
    const dir = tempDir();
    const backup = await backupWithFiller(dir);
    await expect(restoreDatabase(join(dir, "nope.db"), `file:${join(dir, "chefsache.db")}`, { log })).rejects.toThrow("There is no backup at");
    await expect(restoreDatabase(backup, "libsql://chefsache-acme.turso.io", { log })).rejects.toThrow(/libsql:\/\/chefsache-acme\.turso\.io, not a file/);
  });
});

describe("npm run restore", () => {
  test("refuses while a server uses the database; once it is stopped, replaces it and the server starts on the backup", async () => {
    const dir = tempDir();
    const backup = await backupWithFiller(dir);
    const target = join(dir, "chefsache.db");
    const url = `file:${target}`;
    const old = await serverOn(url);
    expect((await fetch(`${old.baseUrl}/api/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"mode":"demo"}' })).status).toBe(201);

    const running = await runScript("scripts/restore.ts", [backup], { DATABASE_URL: url });
    expect(running.code, running.output).toBe(1);
    expect(running.output).toContain(`Nothing restored: ${target} is in use: stop the Chefsache server`);
    expect((await fetch(`${old.baseUrl}/api/setup`)).status).toBe(200);

    await old.stop();
    const restored = await runScript("scripts/restore.ts", [backup], { DATABASE_URL: url });
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).toContain('"event":"database_restored"');
    expect(readdirSync(dir).filter((name) => name.includes(".restoring"))).toEqual([]);

    expect((await rowsOf(target, "PRAGMA integrity_check")).map((r) => r.integrity_check)).toEqual(["ok"]);
    expect((await rowsOf(target, "select count(*) as n from filler"))[0]!.n).toBe(100);
    expect(await rowsOf(target, "select name from organisations")).toEqual([]);
    const again = await serverOn(url);
    expect(await (await fetch(`${again.baseUrl}/api/setup`)).json()).toEqual({ needed: true, codeRequired: false });
  }, 120_000);

  test("a WAL left beside the database (a server killed) is removed, not replayed onto the restored pages", async () => {
    const dir = tempDir();
    const backup = await backupWithFiller(dir);
    const target = join(dir, "chefsache.db");
    const old = await serverOn(`file:${target}`);
    expect((await fetch(`${old.baseUrl}/api/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"mode":"demo"}' })).status).toBe(201);
    await old.kill();
    expect(statSync(`${target}-wal`).size, "the demo is still in the WAL").toBeGreaterThan(0);

    // --force skips the in-use check, which would fold the WAL into the old file first.
    const restored = await runScript("scripts/restore.ts", [backup, "--force"], { DATABASE_URL: `file:${target}` });
    expect(restored.code, restored.output).toBe(0);
    expect((await rowsOf(target, "PRAGMA integrity_check")).map((r) => r.integrity_check)).toEqual(["ok"]);
    expect(await rowsOf(target, "select name from organisations")).toEqual([]);
    expect((await rowsOf(target, "select count(*) as n from filler"))[0]!.n).toBe(100);
  }, 120_000);

  test("applies the migrations a backup from an older version lacks", async () => {
    const dir = tempDir();
    const olderMigrations = join(dir, "migrations");
    cpSync(migrationsFolder, olderMigrations, { recursive: true });
    const entries = journal().entries;
    writeFileSync(join(olderMigrations, "meta/_journal.json"), JSON.stringify({ ...journal(), entries: entries.slice(0, -1) }));
    const older = join(dir, "older.db");
    const client = createClient({ url: `file:${older}` });
    await migrate(drizzle(client), { migrationsFolder: olderMigrations });
    const backup = (await writeBackup(client, join(dir, "older-backup.db"))).file;
    client.close();

    const target = join(dir, "chefsache.db");
    expect(existsSync(target)).toBe(false);
    expect(await restoreDatabase(backup, `file:${target}`, { log })).toEqual({ file: target, migrationsApplied: 1 });
    expect((await rowsOf(target, "select created_at from __drizzle_migrations order by created_at")).map((r) => Number(r.created_at))).toEqual(entries.map((e) => e.when));
  });
});
