import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { LoginResponse } from "../../shared/schemas/auth";
import { SESSION_ELEMENT_ID } from "../../shared/session-page";
import { loadSession } from "../auth/sessions";
import type { Db } from "../db/client";
import { chooseEncoding, compressed, isLarge } from "./compress";
import { readViteManifest } from "./vite-manifest";

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
    if (c.req.header("sec-fetch-dest") !== "document") return next();
    if (page === undefined && !existsSync(file)) return next();
    const session = await loadSession(db, c);
    if (!session) return next();
    page ??= withStyles(readFileSync(file, "utf8"), signedInStyles(webRoot));
    return htmlAnswer(c, withSession(page, session));
  });
}

/**
 * The styles of the screens behind the login (the organisation layout's chunk and what it
 * imports), from Vite's manifest. Linked in the page of someone logged in, they arrive with the
 * shell's and are in place for the first frame; loaded with the screen's code, a phone parsed
 * them and restyled the whole page while the screen was drawing. None when there is no manifest.
 */
function signedInStyles(webRoot: string): string[] {
  const manifest = readViteManifest(webRoot);
  const layout = manifest?.keyOf(ORG_LAYOUT_CHUNK);
  if (!manifest || !layout) return [];
  return [...new Set(manifest.withImports(layout).flatMap((chunk) => chunk.css ?? []))];
}

/** The chunk OrgLayout loads for every screen of an organisation (web/src/routes/OrgLayout.tsx). */
const ORG_LAYOUT_CHUNK = "src/routes/OrgLocal.tsx";

/** After the page's own stylesheets, whose rules come first as they do when the chunks add theirs. */
function withStyles(page: string, styles: string[]): string {
  const links = styles.filter((css) => !page.includes(`/${css}"`)).map((css) => `<link rel="stylesheet" crossorigin href="/${css}">`);
  return page.replace("</head>", `${links.join("")}</head>`);
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
