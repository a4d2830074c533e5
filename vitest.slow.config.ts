import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// `npm run test:slow`: the failure tests that kill and restart a real server process (built app,
// `npm run build` first), one file at a time since each keeps both cores busy on its own.
// Not merged with vitest.config.ts: merging would concatenate its include and exclude lists.
export default defineConfig({
  ssr: base.ssr,
  test: {
    include: ["tests/slow/**/*.slow.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 6 * 60_000,
    hookTimeout: 2 * 60_000,
  },
});
