import { serve } from "@hono/node-server";
import { existsSync } from "node:fs";
import { createApp } from "./app";
import { readConfig } from "./config";
import { openDatabase } from "./db/client";
import { newSetupCode } from "./auth/setup-code";
import { createLogger } from "./log";
import { startPhotoCleanup } from "./ops/photo-cleanup";
import { hasOrganisation } from "./orgs/create";

const config = readConfig();
const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);

const log = createLogger();
if (!existsSync(config.webRoot)) log.warn(`No built app in ${config.webRoot}: run "npm run build" (npm start does).`);
// Until the first organisation exists, whoever reaches the server could claim it: setting up
// from anywhere but this machine needs a code that only the server's log shows.
const setupCode = (await hasOrganisation(database.db)) ? undefined : newSetupCode();
const app = createApp({ db: database.db, webRoot: config.webRoot, proxyHops: config.proxyHops, photoQuotaBytes: config.photoQuotaBytes, log, setupCode });
const stopPhotoCleanup = startPhotoCleanup(database.db, log);

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  log.info({ port: info.port }, `Chefsache listening on http://localhost:${info.port}`);
  if (setupCode) announceSetupCode(setupCode);
});

/** In the log, and plainly too: the log may be JSON lines, or filtered above `info`. */
function announceSetupCode(code: string) {
  log.info(`Setup code: ${code}`);
  process.stdout.write(
    `\n  Setup code: ${code}\n  Setting up this installation from another machine${config.proxyHops > 0 ? " (or through the proxy)" : ""} asks for it.\n\n`,
  );
}

function shutdown() {
  server.close(async () => {
    await stopPhotoCleanup();
    database.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
