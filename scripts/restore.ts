/** `npm run restore -- <file> [--force]`: replaces the database DATABASE_URL names with a backup (see server/ops/restore.ts). */
import { readConfig } from "../server/config";
import { createLogger, flushLog } from "../server/log";
import { restoreDatabase } from "../server/ops/restore";

const args = process.argv.slice(2);
const force = args.includes("--force");
const files = args.filter((arg) => arg !== "--force");
const log = createLogger();
if (files.length !== 1) {
  console.error("Usage: npm run restore -- <backup file> [--force]   (stop the server first; DATABASE_URL names the database, as for the server)");
  process.exit(2);
}
try {
  const { file, migrationsApplied } = await restoreDatabase(files[0]!, readConfig().databaseUrl, { log, force });
  console.error(`Restored ${file} from ${files[0]}${migrationsApplied ? `, ${migrationsApplied} migration(s) applied` : ""}. Start the server again.`);
} catch (err) {
  console.error(`Nothing restored: ${(err as Error).message}`);
  process.exitCode = 1;
}
// The log is written in blocks: write out the last one before the process ends.
await flushLog(log);
