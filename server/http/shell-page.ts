import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { LoginResponse } from "../../shared/schemas/auth";
import { pickLanguage, type Language } from "../../shared/language";
import { aheadPaths, memberOrgOf } from "../../shared/ahead";
import { screenAt } from "../../shared/screens";
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
  let links: ((path: string, language: Language) => string) | undefined;
  return createMiddleware(async (c, next) => {
    if (c.req.header("sec-fetch-dest") !== "document") return next();
    if (page === undefined && !existsSync(file)) return next();
    const session = await loadSession(db, c);
    if (!session) return next();
    page ??= readFileSync(file, "utf8");
    links ??= screenLinks(webRoot, page);
    const language = pickLanguage(null, c.req.header("accept-language")?.split(",")[0]);
    return htmlAnswer(c, withSession(page.replace("</head>", `${links(c.req.path, language)}${askedAhead(c.req.path, session)}</head>`), session));
  });
}

/**
 * What the page of someone logged in names beside the shell, from Vite's manifest, so a phone
 * fetches it together with the shell rather than a round trip or two after it:
 * - the store's code (OrgLocal, which every screen of an organisation loads);
 * - the code and text packs of the screen the address opens (shared/screens.ts), in the language
 *   the browser asks for first (a language chosen in the app instead costs one small unused file);
 * - the styles of all of these, as stylesheets: they are in place for the first frame, where
 *   loaded with the screen's code a phone parsed them and restyled the whole page mid-draw.
 * Nothing when there is no manifest. Per screen and language, the answer is worked out once.
 */
function screenLinks(webRoot: string, page: string): (path: string, language: Language) => string {
  const manifest = readViteManifest(webRoot);
  const known = new Map<string, string>();
  return (path, language) => {
    if (!manifest) return "";
    const screen = screenAt(path);
    const home = ORG_HOME.test(path);
    const cacheKey = `${screen?.module ?? (home ? "home" : "")} ${language}`;
    const cached = known.get(cacheKey);
    if (cached !== undefined) return cached;
    const modules = [ORG_LAYOUT_CHUNK, ...(home ? [HOME_ACTIONS_CHUNK] : []), ...(screen ? [screen.within?.module, screen.module, ...screen.texts.map((pack) => `src/i18n/${pack}.${language}.ts`)] : [])];
    const chunks = modules.flatMap((module) => {
      const key = module ? manifest.keyOf(module) : undefined;
      return key ? manifest.withImports(key) : [];
    });
    const unnamed = (file: string) => !page.includes(`/${file}"`);
    const styles = [...new Set(chunks.flatMap((chunk) => chunk.css ?? []))].filter(unnamed);
    const scripts = [...new Set(chunks.map((chunk) => chunk.file))].filter(unnamed);
    const html = [...styles.map((css) => `<link rel="stylesheet" crossorigin href="/${css}">`), ...scripts.map((js) => `<link rel="modulepreload" crossorigin href="/${js}">`)].join("");
    known.set(cacheKey, html);
    return html;
  };
}

/**
 * What the page of an organisation asks the server for as it starts (shared/ahead.ts), preloaded,
 * for a member of that organisation only (the page asks nothing ahead for anyone else).
 */
function askedAhead(path: string, session: LoginResponse): string {
  const orgId = memberOrgOf(path, session);
  return orgId ? aheadPaths(orgId).map((asked) => `<link rel="preload" as="fetch" crossorigin href="${asked}">`).join("") : "";
}

/** The chunk OrgLayout loads for every screen of an organisation (web/src/routes/OrgLayout.tsx). */
const ORG_LAYOUT_CHUNK = "src/routes/OrgLocal.tsx";
/**
 * The organisation's home is in the shell; for every role it loads the person's open actions
 * (web/src/routes/Home.tsx). Loaded only once the home had drawn, their links were added to the
 * page in the task that drew it.
 */
const ORG_HOME = /^\/o\/[^/]+\/?$/;
const HOME_ACTIONS_CHUNK = "src/routes/actions/HomeCapture.tsx";

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
