import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

// Every setting has a default that works for the embedded setup (`npm start` on a laptop).
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  DATABASE_PATH: z.string().min(1).default("./data/hub.sqlite"),
  FILES_PATH: z.string().min(1).optional(),
  UPLOAD_MAX_BYTES: positiveInt(50 * 1024 * 1024),
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Samarbejdshub <noreply@hub.example>"),
  HUB_DEMO: flag,
  HUB_DEMO_PASSWORD: z.string().min(8).default("hub-demo-2026"),
  SESSION_IDLE_HOURS: positiveInt(8),
  SESSION_ABSOLUTE_DAYS: positiveInt(7),
  INVITATION_TTL_DAYS: positiveInt(14),
  PASSWORD_RESET_TTL_MINUTES: positiveInt(60),
  LOGIN_LIMIT_PER_IP: positiveInt(30),
  LOGIN_LIMIT_PER_ACCOUNT: positiveInt(5),
  LOGIN_LIMIT_WINDOW_MINUTES: positiveInt(15),
  MAX_BODY_BYTES: positiveInt(1024 * 1024),
  // A client gets this long to send its headers, and its whole request (headers and body): a
  // slow or stalled one (slowloris) is answered 408 and disconnected instead of holding a socket.
  HTTP_HEADERS_TIMEOUT_MS: positiveInt(20_000),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt(120_000),
  TRUST_PROXY: flag,
});

export interface HubConfig {
  mode: "development" | "production" | "test";
  port: number;
  host: string | undefined;
  databasePath: string;
  /** Uploaded files, named by content hash; outside public/. */
  filesPath: string;
  uploadMaxBytes: number;
  /** Base of links in e-mails; never taken from the request's Host header (reset-link poisoning). */
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Seed demo data into an empty database. */
  demo: boolean;
  demoPassword: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  invitationTtlMs: number;
  passwordResetTtlMs: number;
  loginLimitPerIp: number;
  loginLimitPerAccount: number;
  loginLimitWindowMs: number;
  maxBodyBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  trustProxy: boolean;
  version: string;
}

export class ConfigError extends Error {}

/** Reads the settings from the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  version = "0.0.0",
): HubConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid settings:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(
      "Invalid settings:\n  HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS",
    );
  }
  const minute = 60_000;
  return {
    mode: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST || undefined,
    databasePath: e.DATABASE_PATH,
    // Beside the database unless set: a data folder holds everything the hub stores.
    filesPath: e.FILES_PATH ?? path.join(path.dirname(e.DATABASE_PATH), "files"),
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    // No demo data in production unless asked for explicitly.
    demo: e.NODE_ENV !== "production" || e.HUB_DEMO,
    demoPassword: e.HUB_DEMO_PASSWORD,
    sessionIdleMs: e.SESSION_IDLE_HOURS * 60 * minute,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_DAYS * 24 * 60 * minute,
    invitationTtlMs: e.INVITATION_TTL_DAYS * 24 * 60 * minute,
    passwordResetTtlMs: e.PASSWORD_RESET_TTL_MINUTES * minute,
    loginLimitPerIp: e.LOGIN_LIMIT_PER_IP,
    loginLimitPerAccount: e.LOGIN_LIMIT_PER_ACCOUNT,
    loginLimitWindowMs: e.LOGIN_LIMIT_WINDOW_MINUTES * minute,
    maxBodyBytes: e.MAX_BODY_BYTES,
    headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
    trustProxy: e.TRUST_PROXY,
    version,
  };
}
