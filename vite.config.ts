import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import solid from "vite-plugin-solid";

const THEME_COLOUR = "#0f5257";

export default defineConfig({
  root: "web",
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    target: "es2022",
    // Which chunk each screen loads and what it imports: read by tests/build/bundle.test.ts.
    manifest: true,
  },
  // `npm run dev` serves the API on 8787; a Vite dev server proxies to it.
  server: { proxy: { "/api": "http://localhost:8787" } },
  plugins: [
    solid(),
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
