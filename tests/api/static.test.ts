import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { precompress } from "../../scripts/precompress";
import { withSession } from "../../server/http/shell-page";
import type { LoginResponse } from "../../shared/schemas/auth";
import { agent, demoOrg, freshApp } from "../support/app";

/** A built PWA in miniature: a hashed script, the shell and the service worker, precompressed as the build does. */
let webRoot: string;
const SCRIPT = `export const words = ${JSON.stringify("a shop floor walk ".repeat(400))};\n`;
const SHELL = `<!doctype html><html><head><title>Chefsache</title></head><body>${"<!-- padding -->".repeat(100)}</body></html>`;

beforeAll(() => {
  webRoot = mkdtempSync(join(tmpdir(), "chefsache-web-"));
  mkdirSync(join(webRoot, "assets"));
  writeFileSync(join(webRoot, "assets", "app-1a2b3c4d.js"), SCRIPT);
  writeFileSync(join(webRoot, "index.html"), SHELL);
  writeFileSync(join(webRoot, "sw.js"), `self.addEventListener("fetch", () => {}); // ${"x".repeat(2000)}`);
  writeFileSync(join(webRoot, "tiny.txt"), "small");
  // Vite's manifest: the organisation layout's chunk, with a stylesheet of its own and one from a
  // chunk it imports; the findings list's chunk, which imports the same, and its text packs.
  mkdirSync(join(webRoot, ".vite"));
  writeFileSync(
    join(webRoot, ".vite", "manifest.json"),
    JSON.stringify({
      "src/routes/OrgLocal.tsx": { file: "assets/OrgLocal-1a.js", src: "src/routes/OrgLocal.tsx", imports: ["_screens-2b.js"], css: ["assets/OrgLocal-3c.css"] },
      "_screens-2b.js": { file: "assets/screens-2b.js", css: ["assets/screens-4d.css"] },
      "src/routes/Login.tsx": { file: "assets/Login-5e.js", src: "src/routes/Login.tsx", css: ["assets/Login-6f.css"] },
      "src/routes/findings/FindingList.tsx": { file: "assets/FindingList-7a.js", src: "src/routes/findings/FindingList.tsx", imports: ["_screens-2b.js"], css: ["assets/FindingList-7b.css"] },
      "src/i18n/briefing.en.ts": { file: "assets/briefing.en-8a.js", src: "src/i18n/briefing.en.ts" },
      "src/i18n/briefing.nl.ts": { file: "assets/briefing.nl-8b.js", src: "src/i18n/briefing.nl.ts" },
      "src/routes/actions/HomeCapture.tsx": { file: "assets/HomeCapture-9a.js", src: "src/routes/actions/HomeCapture.tsx", imports: ["_screens-2b.js"] },
    }),
  );
  expect(precompress(webRoot)).toBe(4);
});
afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

async function get(path: string, acceptEncoding?: string) {
  const { app } = await freshApp({ webRoot });
  const res = await app.request(path, { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe("the built PWA is sent compressed and cached as it should be", () => {
  test("a hashed asset: brotli when accepted, cached for a year, Vary: Accept-Encoding", async () => {
    const { res, bytes } = await get("/assets/app-1a2b3c4d.js", "gzip, deflate, br, zstd");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("content-type")).toContain("javascript");
    expect(bytes.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(bytes).toString()).toBe(SCRIPT);
  });

  test("gzip for a browser that does not accept brotli", async () => {
    const { res, bytes } = await get("/assets/app-1a2b3c4d.js", "gzip, deflate");
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(gunzipSync(bytes).toString()).toBe(SCRIPT);
  });

  test("the file itself for a client that accepts no encoding, still with Vary", async () => {
    const { res, bytes } = await get("/assets/app-1a2b3c4d.js");
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(bytes.toString()).toBe(SCRIPT);
  });

  test.each([["/"], ["/index.html"], ["/orgs/some-org/findings"]])("the shell at %s is revalidated on every visit (no-cache), compressed", async (path) => {
    const { res, bytes } = await get(path, "br");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(brotliDecompressSync(bytes).toString()).toBe(SHELL);
  });

  test("the service worker is revalidated on every visit (no-cache)", async () => {
    const { res } = await get("/sw.js", "gzip");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("content-encoding")).toBe("gzip");
  });

  test("a file too small to gain is sent as it is, without Vary", async () => {
    const { res, bytes } = await get("/tiny.txt", "br, gzip");
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("vary")).toBeNull();
    expect(bytes.toString()).toBe("small");
  });
});

describe("a logged-in browser opening a screen gets the page with its session in it", () => {
  const DOCUMENT = { "sec-fetch-dest": "document", "accept-encoding": "br" };
  /** The session written into a page, or null when there is none. */
  const sessionIn = (html: string) => {
    const found = /<script type="application\/json" id="session">(.*?)<\/script>/.exec(html);
    return found ? (JSON.parse(found[1]!) as LoginResponse) : null;
  };

  const style = (file: string) => `<link rel="stylesheet" crossorigin href="/assets/${file}">`;
  const script = (file: string) => `<link rel="modulepreload" crossorigin href="/assets/${file}">`;
  /** What the page of an organisation asks ahead (its members and settings), preloaded so the page's own requests are answered from there. */
  const AHEAD = `<link rel="preload" as="fetch" crossorigin href="/api/orgs/ORG/members"><link rel="preload" as="fetch" crossorigin href="/api/orgs/ORG">`;
  const STORE = [style("screens-4d.css"), style("OrgLocal-3c.css"), script("screens-2b.js"), script("OrgLocal-1a.js")].join("");
  test.each([
    // The store's code and styles: every screen of an organisation loads them.
    ["/", "en-GB,en", STORE],
    // The organisation's home (in the shell) and the open actions it loads for every role.
    ["/o/ORG", "nl", STORE + script("HomeCapture-9a.js") + AHEAD],
    // A screen loaded on demand: its code and its texts in the language the browser asks for first, beside the shell.
    ["/o/ORG/findings", "nl-NL,nl;q=0.9,en;q=0.8", [style("screens-4d.css"), style("OrgLocal-3c.css"), style("FindingList-7b.css"), script("screens-2b.js"), script("OrgLocal-1a.js"), script("FindingList-7a.js"), script("briefing.nl-8b.js"), AHEAD].join("")],
    ["/o/ORG/findings", "en-US", [style("screens-4d.css"), style("OrgLocal-3c.css"), style("FindingList-7b.css"), script("screens-2b.js"), script("OrgLocal-1a.js"), script("FindingList-7a.js"), script("briefing.en-8a.js"), AHEAD].join("")],
    // Another organisation's address: its screen's code, but nothing asked ahead of an organisation the person is not in.
    ["/o/not-mine/findings", "en-US", [style("screens-4d.css"), style("OrgLocal-3c.css"), style("FindingList-7b.css"), script("screens-2b.js"), script("OrgLocal-1a.js"), script("FindingList-7a.js"), script("briefing.en-8a.js")].join("")],
  ])("at %s (%s): what /api/me answers and the code and styles the screen loads, compressed, stored nowhere", async (path, acceptLanguage, links) => {
    const { app } = await freshApp({ webRoot });
    const { orgId, cx } = await demoOrg(app);
    const me = await cx.get("/api/me");
    const res = await app.request(path.replace("ORG", orgId), { headers: { ...DOCUMENT, "accept-language": acceptLanguage, cookie: cx.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("content-encoding")).toBe("br");
    const html = brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString();
    expect(sessionIn(html)).toEqual(me.json);
    // Named after the page's own, so the first frame has the styles and the code arrives beside the shell.
    expect(html.replace(/<script type="application\/json" id="session">.*?<\/script>/, "")).toBe(SHELL.replace("</head>", `${links.replaceAll("ORG", orgId)}</head>`));
  });

  test("nobody logged in, or a request that is not a page being opened (the service worker's offline copy): the page as built", async () => {
    const { app } = await freshApp({ webRoot });
    const { orgId, director } = await demoOrg(app);
    const anonymous = agent(app);
    const asked = [
      await anonymous.request("GET", `/o/${orgId}`, undefined, { "sec-fetch-dest": "document" }),
      await director.request("GET", `/o/${orgId}`, undefined, { "sec-fetch-dest": "empty" }),
      await director.request("GET", `/o/${orgId}`),
      await director.request("GET", "/index.html", undefined, { "sec-fetch-dest": "document" }),
    ];
    for (const res of asked) {
      expect(res.text).toBe(SHELL);
      expect(res.headers.get("cache-control")).toBe("no-cache");
    }
  });

  test("a session that has ended gets the page as built", async () => {
    const { app } = await freshApp({ webRoot });
    const { orgId, director } = await demoOrg(app);
    const cookie = director.cookie;
    expect((await director.post("/api/auth/logout")).status).toBeLessThan(300);
    const res = await agent(app, cookie).request("GET", `/o/${orgId}`, undefined, { "sec-fetch-dest": "document" });
    expect(res.text).toBe(SHELL);
  });

  test("a name cannot end the element it is written in", () => {
    const session: LoginResponse = { user: { id: "u1", email: "a@example.com", name: "</script><script>alert(1)</script>" }, memberships: [] };
    const html = withSession(SHELL, session);
    expect(html).not.toContain("</script><script>");
    expect(sessionIn(html)).toEqual(session);
  });
});

describe("without a built PWA", () => {
  test("the server still starts and answers the API (the missing folder is only warned about)", async () => {
    const { app } = await freshApp({ webRoot: join(tmpdir(), "chefsache-no-build-here") });
    expect((await app.request("/api/health")).status).toBe(200);
  });
});
