import { createContext } from "react-router";
import type { Database } from "../../db/client";
import type { RateLimiter } from "../auth/rate-limit.server";
import type { SessionUser } from "../auth/session.server";
import type { HubSocketServer } from "../realtime/events";
import type { HubConfig } from "./env.server";
import type { Mailer } from "./mailer.server";

/** Background work on documents, run by the server process (server/jobs/documents.ts). */
export interface DocumentJobs {
  /** Extracts the text of a stored version in a child process, then stores it (for search). */
  enqueueExtraction(versionId: string): void;
  /** Removes files of documents purged from the trash. */
  removeFiles(hashes: string[]): void;
}

/** Long-lived services, created once per server by server/app.ts. */
export interface HubServices {
  db: Database;
  io: HubSocketServer;
  config: HubConfig;
  mailer: Mailer;
  loginLimiterByIp: RateLimiter;
  loginLimiterByAccount: RateLimiter;
  documentJobs: DocumentJobs;
}

/** What every loader and action receives: the services plus facts about this request. */
export interface HubRequestContext extends HubServices {
  cspNonce: string;
  clientIp: string;
}

/**
 * The server sets this for each request in getLoadContext. It reaches the server through the
 * build's entry module (see entry.server.tsx), so both sides use the very same key object.
 */
export const hubContext = createContext<HubRequestContext>();

/** Set by the root middleware: the signed-in person, or null. */
export const sessionContext = createContext<{ sessionId: string; user: SessionUser } | null>(null);
