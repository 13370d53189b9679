import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin, type Rolldown } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import solid from "vite-plugin-solid";

const THEME_COLOUR = "#0f5257";

/**
 * Tells V8 (Chrome 136 and later) to compile every function of a chunk as it downloads, on a
 * background thread, instead of on the screen's thread at each function's first call: a chunk is
 * only fetched when its screen is about to run it. Lighthouse on the experiment's result screen
 * went from 77-84 to 86-90 with it (5 runs each).
 */
function compileHint(): Plugin {
  return {
    name: "chefsache:compile-hint",
    apply: "build",
    enforce: "post",
    generateBundle: {
      // After Vite's own, which puts its preload map above the code: the hint must come first.
      order: "post",
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) if (chunk.type === "chunk") chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      },
    },
  };
}

/**
 * Small pieces that both the capture screens and the others draw (a record's badges, the chips
 * field): in `common`, so that neither the `capture` chunk nor `screens` pulls in the other.
 */
const BOTH_AREAS = /\/web\/src\/(components\/Badges|fields\/RadioChips)\.tsx$/;

/** The app's own code (its modules and those it shares with the server), but not its texts: the text packs stay apart (one language each). */
const APP_CODE = /\/(web\/src\/(?!i18n\/)|shared\/)/;

/**
 * Fewer, larger files: over HTTP/1.1 a phone fetches six files at a time, so on slow 4G the
 * shell's dozen tiny shared chunks and a screen's twenty cost round trips, not bytes. Everything
 * the shell imports statically becomes one chunk (it loads all of it anyway). App code that a
 * dozen or more chunks share (the data layer and the models nearly every screen reads) is one
 * "common" chunk; the rest that four or more chunks share is one "screens" chunk (shared
 * components and models: about 35 KB gzipped). Split in two, a screen that needs only the first
 * (the board view) does not download the second: together they were 44 KB of which it used a
 * quarter. Sharing by two would make "screens" 70 KB for every screen. The capture screens'
 * shared code is a "capture" chunk of its own: the findings list and the home's open actions used
 * two or three modules of "screens" (38 KB) and now load 6 KB instead. The validation library
 * stays with the screens that validate.
 */
function chunkGroups() {
  const entry = fileURLToPath(new URL("./web/src/main.tsx", import.meta.url));
  const orgLayout = fileURLToPath(new URL("./web/src/routes/OrgLocal.tsx", import.meta.url));
  let shell: Set<string> | undefined;
  let inOrg: Set<string> | undefined;
  const staticallyReached = (from: string, ctx: Rolldown.ChunkingContext) => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(ctx.getModuleInfo(id)?.importedIds ?? []));
    }
    return seen;
  };
  /** How many screens (modules loaded on demand) import `id`, themselves or through others. */
  const screensReaching = (id: string, ctx: Rolldown.ChunkingContext) => {
    const seen = new Set<string>();
    const stack = [id];
    let screens = 0;
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (seen.has(at)) continue;
      seen.add(at);
      const info = ctx.getModuleInfo(at);
      if (!info) continue;
      if (info.dynamicImporters.length > 0) screens++;
      stack.push(...info.importers);
    }
    return screens;
  };
  return [
    { name: (id: string, ctx: Rolldown.ChunkingContext) => ((shell ??= staticallyReached(entry, ctx)).has(id) ? "shell" : null), priority: 3 },
    // What the organisation's layout loads for every screen in it, and what a dozen screens share.
    { name: (id: string, ctx: Rolldown.ChunkingContext) => (id !== orgLayout && APP_CODE.test(id) && (BOTH_AREAS.test(id) || (inOrg ??= staticallyReached(orgLayout, ctx)).has(id) || screensReaching(id, ctx) >= 12) ? "common" : null), priority: 2 },
    // The capture screens' shared code (not its plain helpers, which other screens read too): the
    // home's open actions and the findings and visit lists need it and nothing else of "screens".
    { name: "capture", test: /\/web\/src\/capture\/(?!model\.ts$)/, minShareCount: 4, priority: 1.5 },
    { name: "screens", test: APP_CODE, minShareCount: 4, priority: 1 },
  ];
}

export default defineConfig({
  root: "web",
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    target: "es2022",
    // Which chunk each screen loads and what it imports: read by tests/build/bundle.test.ts.
    manifest: true,
    rolldownOptions: { output: { codeSplitting: { groups: chunkGroups() } } },
  },
  // `npm run dev` serves the API on 8787; a Vite dev server proxies to it.
  server: { proxy: { "/api": "http://localhost:8787" } },
  plugins: [
    solid(),
    compileHint(),
    VitePWA({
      strategies: "generateSW",
      // Registered by web/src/update.ts through workbox-window, so the update prompt is ours.
      injectRegister: false,
      registerType: "prompt",
      workbox: {
        // With injectRegister: false the plugin no longer sets these; without clientsClaim the
        // first service worker would not control the page until the next load.
        clientsClaim: true,
        skipWaiting: false,
        // manifest.webmanifest is added by the plugin itself; listing it here would precache it twice.
        globPatterns: ["**/*.{js,css,html,png,svg,ico}"],
        navigateFallback: "index.html",
        navigateFallbackDenylist: [/^\/api\//],
        // Photos are addressed by their hash, so a stored copy is never stale: colleagues'
        // photos seen once stay visible offline.
        runtimeCaching: [
          {
            urlPattern: ({ url }) => /^\/api\/orgs\/[^/]+\/attachments\/[0-9a-f]{64}$/.test(url.pathname),
            handler: "CacheFirst",
            options: {
              cacheName: "chefsache-photos",
              expiration: { maxEntries: 1000 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
      manifest: {
        name: "Chefsache",
        short_name: "Chefsache",
        description: "Customer experience immersion and experiment tracker: from the shop floor to the boardroom.",
        lang: "en",
        start_url: "/",
        scope: "/",
        display: "standalone",
        theme_color: THEME_COLOUR,
        background_color: "#f5f6f4",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
    }),
  ],
});
