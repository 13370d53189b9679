/** `npm run backup -- <file>`: a verified snapshot of the database DATABASE_URL names (see server/ops/backup.ts). */
import { readConfig } from "../server/config";
import { createLogger, flushLog } from "../server/log";
import { backupDatabase } from "../server/ops/backup";

const file = process.argv[2];
const log = createLogger();
if (!file || process.argv.length > 3) {
  console.error("Usage: npm run backup -- <file>   (writes a new file; DATABASE_URL names the database, as for the server)");
  process.exit(2);
}
try {
  const { file: written, bytes } = await backupDatabase(readConfig().databaseUrl, file, log);
  console.error(`Backup written to ${written} (${bytes} bytes), integrity_check ok.`);
} catch (err) {
  console.error(`No backup written: ${(err as Error).message}`);
  process.exitCode = 1;
}
// The log is written in blocks: write out the last one before the process ends.
await flushLog(log);
