import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  // Native and Node-only modules must stay out of Vite's dependency pre-bundling in dev.
  optimizeDeps: { exclude: ["better-sqlite3", "kysely", "@node-rs/argon2"] },
  ssr: { external: ["better-sqlite3", "@node-rs/argon2"] },
});
