import { defineConfig } from "vitest/config";
import solid from "vite-plugin-solid";

// Separate projects: the Solid plugin adds the "browser" resolve condition, which would hand
// server tests the browser build of @libsql/client, so server code never sees it. Only the
// component tests (.test.tsx) get jsdom: setting it up costs far more than the pure-logic
// tests (.test.ts) take, and they run in node (a .ts test that needs a DOM says
// `// @vitest-environment jsdom` at its top).
export default defineConfig({
  test: {
    // Request lines and security events stay out of the test output; tests that read them pass their own logger.
    env: { LOG_LEVEL: "silent" },
    projects: [
      {
        test: {
          name: "server",
          environment: "node",
          // Each file builds its own app and database; sharing the imported modules between files
          // (not re-evaluating drizzle, zod and the app per file) halves the run on two cores.
          isolate: false,
          include: ["shared/**/*.test.ts", "server/**/*.test.ts", "tests/api/**/*.test.ts", "tests/property/**/*.test.ts", "tests/build/**/*.test.ts"],
        },
      },
      {
        plugins: [solid()],
        test: {
          name: "web",
          environment: "jsdom",
          include: ["web/**/*.test.tsx"],
          setupFiles: ["web/src/test-setup.ts"],
        },
      },
      {
        plugins: [solid()],
        test: {
          name: "web-logic",
          environment: "node",
          isolate: false,
          include: ["web/**/*.test.ts"],
          setupFiles: ["web/src/test-setup.ts"],
        },
      },
      {
        test: {
          name: "browser",
          environment: "node",
          include: ["tests/browser/**/*.test.ts"],
          testTimeout: 90_000,
          hookTimeout: 60_000,
          // A busy 2-core machine (CI) can take seconds to render; polls wait for it.
          expect: { poll: { timeout: 10_000, interval: 100 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
