import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * Child processes and temporary folders for the failure tests. Every child runs in its own
 * process group (tsx starts the real node process as its child), so a kill reaches both.
 */

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Child {
  child: ChildProcess;
  /** Everything printed, stdout and stderr interleaved. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running: () => boolean;
  /** SIGKILL to the whole process group; resolves once the leader is gone. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function startChild(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
): Child {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout!.on("data", (b: Buffer) => (text += b.toString("utf8")));
  child.stderr!.on("data", (b: Buffer) => (text += b.toString("utf8")));
  let done = false;
  // "close", not "exit": by then everything the child printed has been read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  return {
    child,
    output: () => text,
    exited,
    running: () => !done,
    async kill9() {
      signalGroup("SIGKILL");
      await exited;
    },
    async stop(graceMs = 5_000) {
      if (!done) signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
      // A grandchild that outlived its parent.
      signalGroup("SIGKILL");
    },
  };
}

/** Polls GET `url` until it answers 200; fails if the child exits or `ms` pass. */
export async function waitForHttp(child: Child, url: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!child.running()) {
      throw new Error(`the server exited during start-up:\n${child.output().slice(-3000)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`no answer from ${url} within ${ms} ms:\n${child.output().slice(-3000)}`);
}

/** A stack frame (`at fn (file:1:2)`), a source path or a node_modules path in a response body. */
export function looksLikeStackTrace(body: string): boolean {
  return (
    /^\s*at .+:\d+:\d+\)?\s*$/m.test(body) ||
    body.includes("node_modules/") ||
    body.includes(ROOT + "/")
  );
}

/** A seeded pseudo-random generator (mulberry32), so that a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
