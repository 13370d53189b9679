import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { closeSync, existsSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { createApp } from "../../server/app";
import { DEFAULT_DATABASE_URL } from "../../server/config";
import { ensureDatabaseDirectory, openDatabase } from "../../server/db/client";
import * as schema from "../../server/db/schema";
import { freeBytesBeside } from "../../server/ops/disk";
import { DatabaseCorrupt, watchIntegrity, type IntegrityWatch } from "../../server/ops/integrity";
import { expectError } from "../support/api";
import { agent, freshApp } from "../support/app";
import { damageMiddle, databaseWithPages, runScript, tempDir } from "../support/ops";

const watches: IntegrityWatch[] = [];
afterEach(() => {
  while (watches.length) watches.pop()!.stop();
});

/** An app on `file` through a plain connection, as a server looks after the file went bad under it. */
function appOnFile(file: string) {
  const client = createClient({ url: `file:${file}` });
  const integrity = watchIntegrity(client);
  watches.push(integrity);
  const app = createApp({ db: drizzle(client, { schema, casing: "snake_case" }), integrity });
  return { app, client, integrity };
}

/**
 * SQLite treats a file whose header says "write version 3" as read-only (a format newer than it
 * can write): the engine itself refuses every write, for root as for anyone, as it would on a
 * read-only volume. The WAL is folded in first, else page 1 would still be read from it.
 */
function markReadOnly(file: string) {
  const fd = openSync(file, "r+");
  try {
    writeSync(fd, Buffer.from([3]), 0, 1, 18);
  } finally {
    closeSync(fd);
  }
}

describe("GET /api/health/ready", () => {
  test("answers 200 {ok:true} when the database takes writes and its last check passed; the probe leaves nothing behind", async () => {
    const { app, client } = await freshApp();
    const res = await agent(app).get("/api/health/ready");
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ ok: true, integrityCheckedAt: null });
    expect((await client.execute("select count(*) as n from health_probe")).rows[0]!.n).toBe(0);
  });

  test("answers 503 database_full when the database's disk is nearly full, though a rolled-back write still succeeds (WAL finds a full disk only on commit)", async () => {
    const free = { bytes: 10 * 1024 * 1024 };
    const { app, client } = await freshApp({ freeDiskBytes: async () => free.bytes });
    const full = await agent(app).get("/api/health/ready");
    expectError(full, 503, "database_full");
    expect(full.json.error.message).toMatch(/10 MB free \(at least 64 MB needed\)/);
    expect((await agent(app).get("/api/health")).status).toBe(200);
    free.bytes = 5 * 1024 * 1024 * 1024;
    expect((await agent(app).get("/api/health/ready")).status).toBe(200);
    expect((await client.execute("select count(*) as n from health_probe")).rows[0]!.n).toBe(0);
  });

  test("measures the free space of the disk the database file is on", async () => {
    const free = await freeBytesBeside(join(tempDir(), "any.db"));
    expect(free).toBeGreaterThan(0);
    expect(Number.isSafeInteger(free)).toBe(true);
  });

  test("names when the last integrity check passed", async () => {
    const file = join(tempDir(), "ok.db");
    await databaseWithPages(file, 50);
    const { app, integrity } = appOnFile(file);
    await integrity.check();
    const res = await agent(app).get("/api/health/ready");
    expect(res.json).toEqual({ ok: true, integrityCheckedAt: integrity.status.checkedAt });
    expect(Date.parse(res.json.integrityCheckedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  test("answers 503 database_read_only when the database cannot be written, while /api/health stays 200", async () => {
    const dir = tempDir();
    const file = join(dir, "ro.db");
    const setup = await openDatabase(`file:${file}`);
    await setup.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    setup.close();
    markReadOnly(file);

    const database = await openDatabase(`file:${file}`);
    try {
      const app = createApp({ db: database.db });
      const res = await agent(app).get("/api/health/ready");
      expectError(res, 503, "database_read_only");
      expect(res.json.error.message).toMatch(/cannot be written.*readonly/i);
      expect((await agent(app).get("/api/health")).json).toEqual({ ok: true });
    } finally {
      database.close();
    }
  });

  test("answers 503 database_corrupt, naming the restore command, once the integrity check finds a damaged page", async () => {
    const dir = tempDir();
    const file = join(dir, "damaged.db");
    await databaseWithPages(file);
    const { app, integrity } = appOnFile(file);
    expect((await agent(app).get("/api/health/ready")).status).toBe(200);

    damageMiddle(file);
    await integrity.check();
    expect(integrity.status.problem).toBeTruthy();
    const res = await agent(app).get("/api/health/ready");
    expectError(res, 503, "database_corrupt");
    expect(res.json.error.message).toContain("npm run restore -- <backup file>");
  });

  test("the background check runs on its timer, which does not hold the process open, and stops", async () => {
    const dir = tempDir();
    const { integrity } = appOnFile(join(dir, "timer.db"));
    integrity.start(20);
    await expect.poll(() => integrity.status.checkedAt, { timeout: 5000 }).not.toBeNull();
    integrity.stop();
    const last = integrity.status.checkedAt;
    await new Promise((r) => setTimeout(r, 100));
    expect(integrity.status.checkedAt).toBe(last);
  });
});

describe("a damaged database", () => {
  test("is refused when opened, before any migration runs", async () => {
    const dir = tempDir();
    const file = join(dir, "damaged.db");
    await databaseWithPages(file);
    damageMiddle(file);
    await expect(openDatabase(`file:${file}`)).rejects.toBeInstanceOf(DatabaseCorrupt);
  });

  test("the server refuses to start on it, naming the file and the restore command", async () => {
    const dir = tempDir();
    const file = join(dir, "damaged.db");
    await databaseWithPages(file);
    damageMiddle(file);
    const { code, output } = await runScript("server/main.ts", [], { DATABASE_URL: `file:${file}`, PORT: "0", HOST: "127.0.0.1" });
    expect(code, output).not.toBe(0);
    expect(output).toContain(`The database file ${file} is damaged`);
    expect(output).toContain("npm run restore -- <backup file>");
  }, 60_000);
});

describe("no accidental fresh install", () => {
  test("a DATABASE_URL in a folder that does not exist is an error, and nothing is created", () => {
    const missing = join(tempDir(), "not-mounted");
    expect(() => ensureDatabaseDirectory(`file:${join(missing, "chefsache.db")}`)).toThrow(`its folder ${missing} does not exist`);
    expect(existsSync(missing)).toBe(false);
  });

  test("the default database's folder is made on first start; existing folders and remote databases pass", () => {
    expect(() => ensureDatabaseDirectory(DEFAULT_DATABASE_URL)).not.toThrow();
    expect(existsSync("./data")).toBe(true);
    expect(() => ensureDatabaseDirectory(`file:${join(tempDir(), "new.db")}`)).not.toThrow();
    expect(() => ensureDatabaseDirectory("libsql://db-org.turso.io")).not.toThrow();
  });

  test("the server refuses to start on a database path whose folder does not exist", async () => {
    const missing = join(tempDir(), "typo");
    const { code, output } = await runScript("server/main.ts", [], { DATABASE_URL: `file:${join(missing, "chefsache.db")}`, PORT: "0", HOST: "127.0.0.1" });
    expect(code, output).not.toBe(0);
    expect(output).toContain(`its folder ${missing} does not exist`);
    expect(existsSync(missing)).toBe(false);
  }, 60_000);
});
