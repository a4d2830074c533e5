import { configDefaults, defineConfig } from "vitest/config";

// Kept apart from vite.config.ts: the React Router plugin must not run inside Vitest.
export default defineConfig({
  // Resolve `react-router` to the same file Node's own require picks (Node >= 20.19 matches
  // "module-sync"). Otherwise the hub's source gets its CJS copy while @react-router/express (CJS)
  // requires the ESM copy: two instances, and the request handler rejects the
  // RouterContextProvider that server/app.ts creates ("Invalid `context` value").
  ssr: { resolve: { conditions: ["module-sync", "node", "development|production"] } },
  test: {
    include: ["tests/**/*.test.ts"],
    // Minutes-long failure tests (kill -9, restarts) run with `npm run test:slow` instead.
    exclude: [...configDefaults.exclude, "tests/slow/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser journeys start Chromium; two cores cannot run many at once.
    maxWorkers: 2,
  },
});
