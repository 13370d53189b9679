import { serve } from "@hono/node-server";
import { existsSync } from "node:fs";
import { createApp } from "./app";
import { readConfig } from "./config";
import { openDatabase } from "./db/client";
import { createLogger } from "./log";
import { startPhotoCleanup } from "./ops/photo-cleanup";

const config = readConfig();
const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);

const log = createLogger();
if (!existsSync(config.webRoot)) log.warn(`No built app in ${config.webRoot}: run "npm run build" (npm start does).`);
const app = createApp({ db: database.db, webRoot: config.webRoot, proxyHops: config.proxyHops, photoQuotaBytes: config.photoQuotaBytes, log });
const stopPhotoCleanup = startPhotoCleanup(database.db, log);

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  log.info({ port: info.port }, `Chefsache listening on http://localhost:${info.port}`);
});

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
