import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  future: {
    // Middleware carries the per-request context (db, io, session, locale) to every loader and action.
    v8_middleware: true,
    // The remaining v8 behaviours, adopted now so the move to React Router 8 (ROADMAP) is small.
    v8_splitRouteModules: true,
    v8_viteEnvironmentApi: true,
    v8_passThroughRequests: true,
    v8_trailingSlashAwareDataRequests: true,
  },
} satisfies Config;
