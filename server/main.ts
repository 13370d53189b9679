import { serve } from "@hono/node-server";
import { existsSync } from "node:fs";
import { createApp } from "./app";
import { newSetupCode } from "./auth/setup-code";
import { readConfig, type Config } from "./config";
import { databaseFile, openDatabase } from "./db/client";
import { createLogger, flushLog } from "./log";
import { REMOTE_BACKUP_ADVICE, scheduleBackups } from "./ops/backup";
import { freeBytesBeside } from "./ops/disk";
import { watchIntegrity } from "./ops/integrity";
import { startPhotoCleanup } from "./ops/photo-cleanup";
import { hasOrganisation } from "./orgs/create";
import { LiveStreams } from "./sync/live";

const log = createLogger();

async function start(config: Config) {
  const file = databaseFile(config.databaseUrl);
  if (config.backups && !file) throw new Error(`BACKUP_DIR is set, but DATABASE_URL is not a file. ${REMOTE_BACKUP_ADVICE}`);
  // Refuses a damaged file (quick_check) before migrating it.
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  // sqld and Turso look after their own pages; the check is for the file this process owns.
  const integrity = file ? watchIntegrity(database.client, { log, passedAt: new Date() }) : undefined;
  integrity?.start();
  const backups = config.backups ? scheduleBackups(database.client, config.backups, log) : undefined;
  const stopPhotoCleanup = startPhotoCleanup(database.db, log);

  if (!existsSync(config.webRoot)) log.warn(`No built app in ${config.webRoot}: run "npm run build" (npm start does).`);
  // Until the first organisation exists, whoever reaches the server could claim it: setting up
  // from anywhere but this machine needs a code that only the server's log shows.
  const setupCode = (await hasOrganisation(database.db)) ? undefined : newSetupCode();
  const live = new LiveStreams(database.db);
  const app = createApp({
    db: database.db,
    live,
    webRoot: config.webRoot,
    proxyHops: config.proxyHops,
    photoQuotaBytes: config.photoQuotaBytes,
    log,
    setupCode,
    integrity,
    freeDiskBytes: file ? () => freeBytesBeside(file) : undefined,
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log.info({ port: info.port }, `Chefsache listening on http://localhost:${info.port}`);
    if (setupCode) announceSetupCode(setupCode, config);
  });

  const shutdown = () => {
    integrity?.stop();
    backups?.stop();
    server.close(async () => {
      await stopPhotoCleanup();
      database.close();
      await flushLog(log);
      process.exit(0);
    });
    // Open event streams would keep their connections, and with them the server, from closing.
    live.closeAll();
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

/** In the log, and plainly too: the log may be JSON lines, or filtered above `info`. */
function announceSetupCode(code: string, config: Config) {
  log.info(`Setup code: ${code}`);
  process.stdout.write(`\n  Setup code: ${code}\n  Setting up this installation from another machine${config.proxyHops > 0 ? " (or through the proxy)" : ""} asks for it.\n\n`);
}

try {
  await start(readConfig());
} catch (err) {
  // Configuration, a missing database folder, a damaged database: the message says what to do.
  log.fatal({ err }, `Chefsache did not start: ${(err as Error).message}`);
  await flushLog(log);
  process.exit(1);
}
