import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { LoginResponse } from "../../shared/schemas/auth";
import { SESSION_ELEMENT_ID } from "../../shared/session-page";
import { loadSession } from "../auth/sessions";
import type { Db } from "../db/client";
import { chooseEncoding, compressed, isLarge } from "./compress";

/**
 * The app's page for a browser opening one of its screens, with the session of whoever is
 * logged in written into it (what GET /api/me answers). The shell then draws the screen in its
 * first render; without it, a first visit on a slow network shows a blank page for a round trip
 * more, and only then starts loading the screen's code.
 *
 * Only a document request gets it (`Sec-Fetch-Dest: document`): the copy the service worker
 * keeps for offline use is fetched as a plain file and stays the same for everyone. The answer
 * is personal, so nothing may store it.
 */
export function shellPageWithSession(db: Db, webRoot: string) {
  const file = join(webRoot, "index.html");
  // The built PWA does not change while the server runs; read on first use (tests build it later).
  let page: string | undefined;
  return createMiddleware(async (c, next) => {
    if (c.req.header("sec-fetch-dest") !== "document" || !existsSync(file)) return next();
    const session = await loadSession(db, c);
    if (!session) return next();
    page ??= readFileSync(file, "utf8");
    return htmlAnswer(c, withSession(page, session));
  });
}

/** A JSON data block, which no browser runs (the CSP allows no inline script); `<` escaped so its text cannot close the element. */
export function withSession(page: string, session: LoginResponse): string {
  const json = JSON.stringify(session).replace(/</g, "\\u003c");
  return page.replace("</head>", `<script type="application/json" id="${SESSION_ELEMENT_ID}">${json}</script></head>`);
}

function htmlAnswer(c: Context, html: string) {
  c.header("Content-Type", "text/html; charset=UTF-8");
  c.header("Cache-Control", "private, no-store");
  c.header("Vary", "Accept-Encoding, Cookie");
  const encoding = chooseEncoding(c.req.header("accept-encoding"));
  if (!encoding || !isLarge(html)) return c.body(html);
  c.header("Content-Encoding", encoding);
  return c.body(compressed(html, encoding));
}
