import { defineConfig } from "vitest/config";
import solid from "vite-plugin-solid";

// Two projects: the Solid plugin adds the "browser" resolve condition, which would hand
// server tests the browser build of @libsql/client, so server code never sees it.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "server",
          environment: "node",
          include: ["shared/**/*.test.ts", "server/**/*.test.ts", "tests/api/**/*.test.ts", "tests/property/**/*.test.ts"],
        },
      },
      {
        plugins: [solid()],
        test: {
          name: "web",
          environment: "jsdom",
          include: ["web/**/*.test.{ts,tsx}"],
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
