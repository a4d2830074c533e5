import { defineConfig } from "vitest/config";

// Kept apart from vite.config.ts: the React Router plugin must not run inside Vitest.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser journeys start Chromium; two cores cannot run many at once.
    maxWorkers: 2,
  },
});
