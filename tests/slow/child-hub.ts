import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { DEMO_PASSWORD } from "../helpers/hub";
import { ROOT, startChild, TSX, waitForHttp, type Child } from "../failure/support";

/**
 * The hub as it runs in production: `tsx server/index.ts` with NODE_ENV=production and the built
 * app, as a child process on a loopback port, with demo data in its own temporary database.
 */

/** Builds the app if there is no production build yet. */
export function ensureBuild() {
  if (!fs.existsSync(path.join(ROOT, "build", "server", "index.js"))) {
    execFileSync("npx", ["react-router", "build"], { cwd: ROOT, stdio: "ignore" });
  }
}

export function hubEnv(dir: string, port: number): Record<string, string> {
  return {
    NODE_ENV: "production",
    HUB_DEMO: "1",
    HUB_DEMO_PASSWORD: DEMO_PASSWORD,
    DATABASE_PATH: path.join(dir, "hub.sqlite"),
    HOST: "127.0.0.1",
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // Many sign-ins from one address in a short time are these tests, not an attack.
    LOGIN_LIMIT_PER_IP: "100000",
    LOGIN_LIMIT_PER_ACCOUNT: "100000",
  };
}

/** Starts the server and waits until /healthz answers. */
export async function bootHub(env: Record<string, string>, timeoutMs = 90_000): Promise<Child> {
  const child = startChild(TSX, ["server/index.ts"], env);
  try {
    await waitForHttp(child, `${env.PUBLIC_URL}/healthz`, timeoutMs);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return child;
}

/**
 * Reads the database file directly, read-only, as it is on disk; the server may be running
 * (WAL lets readers and the writer work side by side).
 */
export function readDatabase<T>(file: string, read: (sqlite: SQLite.Database) => T): T {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

export function integrityCheck(sqlite: SQLite.Database): string[] {
  const rows = sqlite.pragma("integrity_check") as { integrity_check: unknown }[];
  return rows.map((r) => String(r.integrity_check));
}

/** Posts of a thread as stored: seq, client id, body, and the thread's own counters. */
export function storedThread(sqlite: SQLite.Database, threadId: string) {
  const posts = sqlite
    .prepare("select id, seq, clientId, body from post where threadId = ? order by seq")
    .all(threadId) as { id: string; seq: number; clientId: string | null; body: string }[];
  const thread = sqlite
    .prepare("select lastSeq, replyCount from thread where id = ?")
    .get(threadId) as { lastSeq: number; replyCount: number } | undefined;
  return { posts, thread };
}

/** How many posts carry each client id. */
export function countByClientId(sqlite: SQLite.Database): Map<string, number> {
  const rows = sqlite
    .prepare(
      "select clientId, count(*) as n from post where clientId is not null group by clientId",
    )
    .all() as { clientId: string; n: number }[];
  return new Map(rows.map((r) => [r.clientId, r.n]));
}
