import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Hono } from "hono";

/**
 * GET /api/docs: the API document as a readable page (Swagger UI), entirely from this server.
 * Its CSP allows exactly what the page loads: our scripts and style sheet, the inline SVG icons
 * of the style sheet (data: images) and the document itself; nothing from elsewhere.
 */
const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Chefsache API</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/api/docs/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/init.js"></script>
  </body>
</html>
`;

// No validator badge: it would load an image from swagger.io.
const INIT = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });\n`;

interface Assets {
  css: string;
  bundle: string;
}
let assets: Assets | undefined;

/** Swagger UI's files, read once per process, when the page is first opened (not at start-up). */
function swaggerUi(): Assets {
  if (!assets) {
    const root = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
    assets = { css: readFileSync(join(root, "swagger-ui.css"), "utf8"), bundle: readFileSync(join(root, "swagger-ui-bundle.js"), "utf8") };
  }
  return assets;
}

export function docsRoutes() {
  return new Hono()
    .get("/", (c) => {
      c.header("Content-Security-Policy", DOCS_CSP);
      return c.html(PAGE);
    })
    .get("/swagger-ui.css", (c) => c.body(swaggerUi().css, 200, { "Content-Type": "text/css; charset=utf-8" }))
    .get("/swagger-ui-bundle.js", (c) => c.body(swaggerUi().bundle, 200, { "Content-Type": "text/javascript; charset=utf-8" }))
    .get("/init.js", (c) => c.body(INIT, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
}
