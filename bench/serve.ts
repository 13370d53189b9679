/**
 * A server process for the benchmark: `app` serves the real Chefsache app on a fresh
 * database, `bare` serves a bare Hono handler returning a body of the same size, both
 * with @hono/node-server, so the ratio isolates what the app does per request.
 */
import { serve } from "@hono/node-server";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { createApp } from "../server/app";
import { openDatabase } from "../server/db/client";
import { benchLog } from "./log";

const mode = process.argv[2];

async function build() {
  if (mode === "bare") {
    const body = {
      user: { id: "7976063c-3285-4132-977d-302b800a0e39", email: "director@demo.example", name: "Daan Directeur" },
      memberships: [{ orgId: "4b06a6dc-69e3-40bb-9777-104b5b914456", orgName: "Demo Retail", role: "executive" }],
    };
    // /ping is the static 200 route that shows what the load generator itself can drive.
    return new Hono().get("/api/me", (c) => c.json(body)).get("/ping", (c) => c.text("ok"));
  }
  const dir = mkdtempSync(join(tmpdir(), "chefsache-bench-"));
  const { db } = await openDatabase(`file:${join(dir, "bench.db")}`);
  return createApp({ db, log: benchLog() });
}

const app = await build();
serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`ready ${info.port}\n`);
});
process.on("SIGINT", () => process.exit(0));
