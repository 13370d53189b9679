import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { createApp, type AppOptions } from "../../server/app";
import { openDatabase } from "../../server/db/client";
import type { LoginResponse } from "../../shared/schemas/auth";

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/**
 * A fresh app on a fresh database file for one test (a `file:` database because libSQL's
 * `:memory:` is a single connection and transactions need their own).
 */
export async function freshApp(options: Partial<Omit<AppOptions, "db">> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "chefsache-test-"));
  const database = await openDatabase(`file:${join(dir, "test.db")}`);
  cleanups.push(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const app = createApp({ db: database.db, ...options });
  return { app, db: database.db, client: database.client };
}

export type TestApp = Awaited<ReturnType<typeof freshApp>>["app"];

/** A cookie-carrying client for one person, like a browser tab (optionally already holding a session cookie). */
export function agent(app: TestApp, initialCookie = "") {
  let cookie = initialCookie;
  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = { method, headers: { ...headers, ...(cookie ? { cookie } : {}) } };
    if (body instanceof Blob) {
      // Bytes (a photo upload): sent as they are, labelled with the blob's type.
      init.body = body;
      if (body.type) (init.headers as Record<string, string>)["content-type"] ??= body.type;
    } else if (body instanceof Uint8Array) {
      init.body = new Uint8Array(body);
    } else if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    }
    const res = await app.request(path, init);
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) {
      const pair = setCookie.split(";")[0] ?? "";
      cookie = pair.endsWith("=") ? "" : pair;
    }
    // A live event stream never ends by itself: its status and headers are the answer here (tests/api/sync-events.test.ts reads one).
    const streaming = res.headers.get("content-type")?.startsWith("text/event-stream");
    if (streaming) await res.body?.cancel();
    const text = streaming ? "" : await res.text();
    let json: any = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, headers: res.headers, text };
  }
  return {
    request,
    get: (path: string) => request("GET", path),
    post: (path: string, body?: unknown) => request("POST", path, body),
    put: (path: string, body?: unknown) => request("PUT", path, body),
    patch: (path: string, body?: unknown) => request("PATCH", path, body),
    delete: (path: string) => request("DELETE", path),
    get cookie() {
      return cookie;
    },
  };
}

/** The same session under the name a browser holds it by after logging in over https (`__Host-` prefix). */
export const httpsCookie = (cookie: string) => cookie.replace(/^chefsache_session=/, "__Host-chefsache_session=");

export const DEMO_PASSWORD = "demo-demo-demo";

/** Sets up the demo organisation and returns agents logged in as each demo role. */
export async function demoOrg(app: TestApp) {
  const director = agent(app);
  const setup = await director.post("/api/setup", { mode: "demo" });
  if (setup.status !== 201) throw new Error(`demo setup failed: ${setup.status} ${setup.text}`);
  const orgId = (setup.json as LoginResponse).memberships[0]!.orgId;
  const login = async (email: string) => {
    const a = agent(app);
    const res = await a.post("/api/auth/login", { email, password: DEMO_PASSWORD });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status}`);
    return a;
  };
  return {
    orgId,
    director,
    admin: await login("admin@demo.example"),
    cx: await login("cx@demo.example"),
    board: await login("board@demo.example"),
    login,
  };
}
