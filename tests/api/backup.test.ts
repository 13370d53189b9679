import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, test, vi } from "vitest";
import { parseInterval, readConfig } from "../../server/config";
import { createApp } from "../../server/app";
import { openDatabase } from "../../server/db/client";
import { createLogger } from "../../server/log";
import { backupDatabase, checkBackupFile, scheduleBackups, scheduledBackupName, scheduledBackups, writeBackup } from "../../server/ops/backup";
import { sha256Of, TINY_PNG } from "../support/api";
import { agent, demoOrg, freshApp } from "../support/app";
import { damageMiddle, databaseWithPages, rowsOf, runScript, tempDir } from "../support/ops";
import { hlcAt, mutation, newFinding, pullAll, pushApplied } from "../support/sync";

/** A logger whose lines the test reads. */
function memoryLog() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: createLogger({ level: "info", destination }), lines };
}

/** A distinct photo per number: the PNG signature the server checks, then bytes of its own. */
const photo = (n: number) => new Uint8Array([...TINY_PNG, ...Buffer.from(`photo ${n} `.repeat(50))]);

describe("a backup taken while devices push", () => {
  test("restored into a new server, holds every record and photo acknowledged before it began, and nothing sent after it finished", async () => {
    const dir = tempDir();
    const source = join(dir, "live.db");
    const live = await openDatabase(`file:${source}`);
    const app = createApp({ db: live.db });
    const { orgId, director } = await demoOrg(app);

    type Ack = { entity: "finding" | "photo"; id: string; bytes?: Uint8Array; sentAt: number; ackedAt: number };
    const acks: Ack[] = [];
    let pushing = true;
    const devices = Array.from({ length: 2 }, async (_, device) => {
      for (let n = 0; pushing; n++) {
        const sentAt = Date.now();
        const ids = [randomUUID(), randomUUID()];
        await pushApplied(director, orgId, ids.map((id, i) => mutation("finding", id, newFinding({ saw: `device ${device} finding ${n}.${i}` }), hlcAt(n * 10 + i))), `device-${device}`);
        acks.push(...ids.map((id) => ({ entity: "finding" as const, id, sentAt, ackedAt: Date.now() })));
        const bytes = photo(device * 100_000 + n);
        const photoSentAt = Date.now();
        const upload = await director.request("PUT", `/api/orgs/${orgId}/attachments/${sha256Of(bytes)}`, new Blob([bytes], { type: "image/png" }));
        expect(upload.status, upload.text).toBe(201);
        acks.push({ entity: "photo", id: sha256Of(bytes), bytes, sentAt: photoSentAt, ackedAt: Date.now() });
        // In-process requests on the embedded engine never leave the microtask queue: let timers and the backup process's pipes in.
        await new Promise((r) => setTimeout(r, 25));
      }
    });
    await expect.poll(() => acks.length, { timeout: 30_000 }).toBeGreaterThan(20);

    const began = Date.now();
    const backupFile = join(dir, "snapshot.db");
    const backup = await runScript("scripts/backup.ts", [backupFile], { DATABASE_URL: `file:${source}` });
    const finished = Date.now();
    await expect.poll(() => acks.filter((a) => a.sentAt > finished).length, { timeout: 30_000 }).toBeGreaterThan(2);
    pushing = false;
    await Promise.all(devices);
    live.close();

    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/"event":"backup_written","file":"[^"]*snapshot\.db","bytes":\d+/);
    expect(acks.filter((a) => a.ackedAt > began && a.ackedAt < finished).length, "pushes went on while the backup ran").toBeGreaterThan(0);

    mkdirSync(join(dir, "restored"));
    const restoredFile = join(dir, "restored", "chefsache.db");
    const restore = await runScript("scripts/restore.ts", [backupFile], { DATABASE_URL: `file:${restoredFile}` });
    expect(restore.code, restore.output).toBe(0);

    const restored = await openDatabase(`file:${restoredFile}`);
    try {
      const newServer = createApp({ db: restored.db });
      // The sessions are in the database too: the director's cookie still works on the restored server.
      const director2 = agent(newServer, director.cookie);
      const { changes } = await pullAll(director2, orgId);
      const before = acks.filter((a) => a.ackedAt < began);
      const after = acks.filter((a) => a.sentAt > finished);
      for (const ack of before.filter((a) => a.entity === "finding")) expect(changes.get(`finding:${ack.id}`), `finding ${ack.id}`).toBeDefined();
      for (const ack of after.filter((a) => a.entity === "finding")) expect(changes.get(`finding:${ack.id}`), `finding ${ack.id} came after`).toBeUndefined();
      for (const ack of before.filter((a) => a.entity === "photo")) {
        const res = await newServer.request(`/api/orgs/${orgId}/attachments/${ack.id}`, { headers: { cookie: director.cookie } });
        expect(res.status, `photo ${ack.id}`).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(ack.bytes!))).toBe(true);
      }
      for (const ack of after.filter((a) => a.entity === "photo")) {
        expect((await newServer.request(`/api/orgs/${orgId}/attachments/${ack.id}`, { headers: { cookie: director.cookie } })).status).toBe(404);
      }
    } finally {
      restored.close();
    }
  }, 120_000);
});

describe("npm run backup", () => {
  test("writes a copy that passes integrity_check, and never overwrites a file", async () => {
    const dir = tempDir();
    const source = join(dir, "source.db");
    await databaseWithPages(source, 100);
    const { log, lines } = memoryLog();
    const target = join(dir, "copy.db");
    const written = await backupDatabase(`file:${source}`, target, log);
    expect(written).toEqual({ file: target, bytes: expect.any(Number) });
    expect(await checkBackupFile(target)).toBeNull();
    expect((await rowsOf(target, "PRAGMA integrity_check")).map((r) => r.integrity_check)).toEqual(["ok"]);
    expect((await rowsOf(target, "select count(*) as n from filler"))[0]!.n).toBe(100);
    expect(lines).toContainEqual(expect.objectContaining({ event: "backup_written", file: target, bytes: written.bytes }));

    await expect(backupDatabase(`file:${source}`, target, log)).rejects.toThrow("exists already");
    expect(lines).toContainEqual(expect.objectContaining({ event: "backup_failed", file: target, reason: expect.stringContaining("exists already") }));
  });

  test("a copy that fails integrity_check is not kept under the backup's name", async () => {
    // The engine writes sound copies, so the check's verdict is stood in for here.
    vi.resetModules();
    vi.doMock("../../server/ops/integrity", async (actual) => ({ ...(await actual<object>()), integrityCheck: async () => "Tree 61 page 61: btreeInitPage() returns error code 11" }));
    try {
      const ops = await import("../../server/ops/backup");
      const dir = tempDir();
      const source = join(dir, "source.db");
      await databaseWithPages(source, 20);
      const { log, lines } = memoryLog();
      const target = join(dir, "copy.db");
      await expect(ops.backupDatabase(`file:${source}`, target, log)).rejects.toThrow("the copy failed its integrity check: Tree 61 page 61");
      expect(readdirSync(dir).filter((name) => name.startsWith("copy"))).toEqual([]);
      expect(lines).toContainEqual(expect.objectContaining({ event: "backup_failed", file: target, reason: expect.stringContaining("integrity check") }));
    } finally {
      vi.doUnmock("../../server/ops/integrity");
      vi.resetModules();
    }
  });

  test("the check finds a damaged copy", async () => {
    const dir = tempDir();
    const file = join(dir, "copy.db");
    await databaseWithPages(file);
    damageMiddle(file);
    expect(await checkBackupFile(file)).toMatch(/malformed|corrupt|error/i);
  });

  test("refuses a DATABASE_URL that is not a file, naming it and what to do instead; and a file that is not there", async () => {
    const { log, lines } = memoryLog();
    const target = join(tempDir(), "copy.db");
    await expect(backupDatabase("libsql://chefsache-acme.turso.io", target, log)).rejects.toThrow(/libsql:\/\/chefsache-acme\.turso\.io, not a file.*turso db shell/);
    await expect(backupDatabase(`file:${join(tempDir(), "missing.db")}`, target, log)).rejects.toThrow("there is no database at");
    expect(lines.filter((l) => l.event === "backup_failed")).toHaveLength(2);
    expect(existsSync(target)).toBe(false);
  });

  test("the CLI exits non-zero with the reason", async () => {
    const { code, output } = await runScript("scripts/backup.ts", [join(tempDir(), "copy.db")], { DATABASE_URL: "http://127.0.0.1:8080" });
    expect(code).toBe(1);
    expect(output).toContain("No backup written: DATABASE_URL is http://127.0.0.1:8080, not a file");
  }, 60_000);
});

describe("scheduled backups", () => {
  test("are written on the schedule and only the last BACKUP_KEEP are kept; other files in the folder are left alone", async () => {
    const { client } = await freshApp();
    const dir = tempDir();
    writeFileSync(join(dir, "operator-notes.txt"), "mine");
    const { log, lines } = memoryLog();
    const scheduler = scheduleBackups(client, { dir, everyMs: 40, keep: 2 }, log);
    try {
      await expect.poll(() => lines.filter((l) => l.event === "backup_written").length, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    } finally {
      scheduler.stop();
    }
    // One may have been under way when the scheduler stopped.
    await new Promise((r) => setTimeout(r, 200));
    const written = lines.filter((l) => l.event === "backup_written").map((l) => l.file as string);
    const kept = scheduledBackups(dir).map((b) => b.file);
    expect(kept).toEqual(written.slice(-2));
    expect(readdirSync(dir).sort()).toEqual([...kept.map((f) => f.slice(dir.length + 1)), "operator-notes.txt"].sort());
    for (const file of kept) expect(await checkBackupFile(file)).toBeNull();
  }, 30_000);

  test("the first is due BACKUP_EVERY after the newest already there, so a restart does not take another at once", async () => {
    const { client } = await freshApp();
    const dir = tempDir();
    const recent = join(dir, scheduledBackupName(new Date()));
    await writeBackup(client, recent);
    const { log, lines } = memoryLog();
    const scheduler = scheduleBackups(client, { dir, everyMs: 60 * 60_000, keep: 3 }, log);
    await new Promise((r) => setTimeout(r, 200));
    scheduler.stop();
    expect(lines).toEqual([]);
    expect(scheduledBackups(dir).map((b) => b.file)).toEqual([recent]);
  });

  test("a failed backup is logged with its reason and the server carries on", async () => {
    const { client } = await freshApp();
    const dir = tempDir();
    const { log, lines } = memoryLog();
    const scheduler = scheduleBackups(client, { dir, everyMs: 60 * 60_000, keep: 3 }, log);
    scheduler.stop();
    client.close();
    expect(await scheduler.runNow()).toBeUndefined();
    expect(lines).toContainEqual(expect.objectContaining({ event: "backup_failed", reason: expect.any(String) }));
  });

  test("configuration: off unless BACKUP_DIR is set; BACKUP_EVERY and BACKUP_KEEP parsed, with clear errors", () => {
    expect(readConfig({}).backups).toBeUndefined();
    expect(readConfig({ BACKUP_DIR: "/backups" }).backups).toEqual({ dir: "/backups", everyMs: 86_400_000, keep: 7 });
    expect(readConfig({ BACKUP_DIR: "/backups", BACKUP_EVERY: "6h", BACKUP_KEEP: "3" }).backups).toEqual({ dir: "/backups", everyMs: 6 * 3_600_000, keep: 3 });
    expect(parseInterval("30m", "X")).toBe(30 * 60_000);
    expect(parseInterval("2d", "X")).toBe(2 * 86_400_000);
    for (const bad of ["6", "6 hours", "1.5h", "0h", "-1d", "1w", ""])
      expect(() => readConfig({ BACKUP_DIR: "/backups", BACKUP_EVERY: bad || " " }), bad).toThrow(/BACKUP_EVERY must be .*"30m", "6h" or "1d"/);
    expect(() => readConfig({ BACKUP_DIR: "/backups", BACKUP_KEEP: "0" })).toThrow("BACKUP_KEEP must be a whole number");
    expect(() => readConfig({ BACKUP_EVERY: "6h" })).toThrow("need BACKUP_DIR");
  });

  test("a scheduled backup's name sorts by time and reads back as it", () => {
    const at = new Date("2025-03-01T09:30:00.123Z");
    expect(scheduledBackupName(at)).toBe("chefsache-2025-03-01T09-30-00.123Z.db");
    const dir = tempDir();
    writeFileSync(join(dir, scheduledBackupName(at)), "");
    expect(scheduledBackups(dir)).toEqual([{ file: join(dir, scheduledBackupName(at)), at }]);
  });
});
