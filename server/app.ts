import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import { RouterContextProvider, type ServerBuild, type RouterContext } from "react-router";
import { Server as SocketServer } from "socket.io";
import { createRateLimiter } from "../app/auth/rate-limit.server";
import type { HubRequestContext, HubServices } from "../app/lib/context";
import type { HubConfig } from "../app/lib/env.server";
import { createMailer } from "../app/lib/mailer.server";
import type { Database } from "../db/client";
import { sql } from "kysely";
import type { HubSocketServer } from "../app/realtime/events";
import { createConsultationJobs } from "./jobs/consultations";
import { createDocumentJobs } from "./jobs/documents";
import { authenticateSockets } from "./realtime/handshake";
import {
  bodyLimit,
  crossSiteGuard,
  drainUnreadBody,
  isSameOriginRequest,
  refusal,
  securityHeaders,
} from "./security";

export interface Hub {
  httpServer: http.Server;
  io: HubSocketServer;
  services: HubServices;
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /** Stops accepting, closes sockets and connections, then the database. */
  close(): Promise<void>;
}

type Log = (message: string) => void;

const BUILD_DIR = path.resolve("build");
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** Wires one hub: Express, the React Router handler, socket.io on the same HTTP server. */
export async function createHub({
  config,
  db,
  log = console.log,
}: {
  config: HubConfig;
  db: Database;
  log?: Log;
}): Promise<Hub> {
  const dev = config.mode === "development";
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  const httpServer = http.createServer(
    {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      // An idle kept-alive connection is closed after this long (Node's default, made explicit).
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      // How often Node looks for connections past those limits; its default of 30 s would let a
      // stalled client overstay the limit by as much.
      connectionsCheckingInterval: Math.min(
        5_000,
        Math.max(100, Math.floor(config.headersTimeoutMs / 4)),
      ),
    },
    app,
  );

  const io: HubSocketServer = new SocketServer(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, callback) => callback(null, isSameOriginRequest(req, config.trustProxy)),
  });

  const window = config.loginLimitWindowMs;
  const documentJobs = createDocumentJobs({ db, filesPath: config.filesPath, log });
  const services: HubServices = {
    db,
    io,
    config,
    mailer: createMailer({ db, smtpUrl: config.smtpUrl, from: config.mailFrom, log }),
    loginLimiterByIp: createRateLimiter({ limit: config.loginLimitPerIp, windowMs: window }),
    loginLimiterByAccount: createRateLimiter({
      limit: config.loginLimitPerAccount,
      windowMs: window,
    }),
    documentJobs,
  };
  const consultationJobs = createConsultationJobs({ db, mailer: services.mailer, config, log });
  authenticateSockets(io, { db, config });

  app.use(securityHeaders({ dev, trustProxy: config.trustProxy }));
  app.use(drainUnreadBody());

  app.get("/healthz", async (_req, res) => {
    try {
      await sql`select 1`.execute(db);
      res.json({ status: "ok", version: config.version, database: "ok" });
    } catch {
      res.status(503).json({ status: "error", version: config.version, database: "unavailable" });
    }
  });

  app.use(compression());

  let vite: import("vite").ViteDevServer | undefined;
  let loadBuild: () => Promise<ServerBuild>;
  if (dev) {
    const devServer = await import("vite").then((v) =>
      v.createServer({
        server: { middlewareMode: true, hmr: { server: httpServer } },
        appType: "custom",
      }),
    );
    vite = devServer;
    app.use(devServer.middlewares);
    loadBuild = () =>
      devServer.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>;
  } else {
    const entry = path.join(BUILD_DIR, "server", "index.js");
    if (!fs.existsSync(entry)) {
      throw new Error(`No production build at ${entry}: run \`npm run build\` first.`);
    }
    const build = (await import(pathToFileURL(entry).href)) as ServerBuild;
    loadBuild = async () => build;
    // Hashed file names never change content: cache them for a year.
    app.use(
      "/assets",
      express.static(path.join(BUILD_DIR, "client", "assets"), { immutable: true, maxAge: "1y" }),
    );
    app.use(knownFilesOnly(path.join(BUILD_DIR, "client"), { maxAge: "1h" }));
  }
  app.use(
    dev
      ? express.static("public", { maxAge: "1h" })
      : knownFilesOnly(path.resolve("public"), { maxAge: "1h" }),
  );

  app.use(crossSiteGuard({ trustProxy: config.trustProxy }));
  app.use(bodyLimit({ maxBytes: config.maxBodyBytes, uploadMaxBytes: config.uploadMaxBytes }));

  // The context key is the build's own object, so loaders find what is set here.
  let contextKey: RouterContext<HubRequestContext> | undefined;
  const build = async () => {
    const b = await loadBuild();
    contextKey = (b.entry.module as unknown as { hubContext: RouterContext<HubRequestContext> })
      .hubContext;
    return b;
  };
  const productionBuild = await build();

  app.use(
    createRequestHandler({
      // A function is called and the route tree derived again on every request (React Router
      // does so to pick up rebuilds in development); the production build never changes.
      build: dev ? build : productionBuild,
      mode: dev ? "development" : "production",
      getLoadContext(req, res) {
        const provider = new RouterContextProvider();
        provider.set(contextKey!, {
          ...services,
          cspNonce: res.locals.cspNonce as string,
          clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        });
        return provider;
      },
    }),
  );

  // Last resort for errors outside React Router (which has its own boundary): no stack trace out.
  app.use(
    (error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
      log(
        `[http] unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!res.headersSent)
        res.status(500).type("text/plain; charset=utf-8").send(refusal(req, "generic"));
    },
  );

  let closing: Promise<void> | undefined;
  return {
    httpServer,
    io,
    services,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => resolve(httpServer.address() as AddressInfo));
      });
    },
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        // io.close() disconnects every socket and stops the HTTP server accepting.
        io.close();
        httpServer.closeIdleConnections();
        const force = setTimeout(() => httpServer.closeAllConnections(), 5_000);
        force.unref();
        if (httpServer.listening) await closed;
        clearTimeout(force);
        await vite?.close();
        await consultationJobs.close();
        services.mailer.close();
        await documentJobs.close();
        await db.destroy();
      })();
      return closing;
    },
  };
}

/**
 * express.static for a folder whose files are fixed after start-up (the production build, the
 * public folder): only paths that are files in it reach the static server. Otherwise every page
 * request would first make it look for a file of that name on disk (an fs.stat and a "not found"
 * error object per folder) before the page was rendered.
 */
function knownFilesOnly(dir: string, options: Parameters<typeof express.static>[1]) {
  const files = new Set<string>();
  const walk = (folder: string, prefix: string) => {
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(folder, entry.name), rel);
      else files.add(rel);
    }
  };
  walk(dir, "");
  const serve = express.static(dir, options);
  return (req: express.Request, res: express.Response, next: express.NextFunction) => {
    let file: string;
    try {
      file = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    if (!files.has(file)) return next();
    serve(req, res, next);
  };
}
