import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DocumentJobs } from "../../app/lib/context";
import { blobPath, removeBlob } from "../../app/lib/blob-store.server";
import {
  listPendingExtractions,
  purgeTrash,
  setExtractedText,
} from "../../app/models/document.server";
import type { Database } from "../../db/client";
import {
  DOCX_TYPE,
  ODT_TYPE,
  PDF_TYPE,
  TEXT_TYPES,
  type ExtractRequest,
  type ExtractResponse,
} from "./extract-text";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WORKER_SCRIPT = path.join(HERE, "extract-text.ts");
/** The project root: `--import tsx` is resolved from here, whatever the server's cwd. */
const ROOT = path.resolve(HERE, "..", "..");

const HOUR = 60 * 60 * 1000;

export interface DocumentJobOptions {
  db: Database;
  filesPath: string;
  log: (message: string) => void;
  /** An extraction taking longer gets the worker killed and the version marked failed. */
  timeoutMs?: number;
  /** Extracted text is cut at this many characters. */
  maxChars?: number;
  /** Delay before pending extractions left by an earlier run are resumed. */
  resumeDelayMs?: number;
  /** Delay before the first trash purge, then the interval between purges. */
  purgeDelayMs?: number;
  purgeIntervalMs?: number;
}

export interface DocumentJobRunner extends DocumentJobs {
  /** Removes the files of these hashes that no version refers to; resolves to how many went. */
  removeFiles(hashes: string[]): Promise<number>;
  /** Runs one trash purge now (the timer does this hourly). */
  purgeNow(options?: { now?: Date }): Promise<{ documents: number; files: number }>;
  /** The extraction worker's process id, while one runs (for tests and diagnostics). */
  readonly workerPid: number | null;
  /** Stops timers and kills the worker; unfinished extractions stay pending for the next start. */
  close(): Promise<void>;
}

/** Types the worker can read; anything else is "unsupported" without starting it. */
function isExtractable(mimeType: string): boolean {
  return (
    TEXT_TYPES.has(mimeType) ||
    mimeType === DOCX_TYPE ||
    mimeType === ODT_TYPE ||
    mimeType === PDF_TYPE
  );
}

/**
 * Waits for `promise`, but no longer than `ms`. The timer is ref'd: the wait itself keeps the
 * process alive (the idle worker does not).
 */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

type Outcome =
  | { kind: "result"; status: ExtractResponse["status"]; text: string | null; error?: string }
  | { kind: "failed"; error: string }
  // The worker could not start, or the jobs are closing: the version stays pending.
  | { kind: "unavailable" };

/**
 * One long-lived child process that extracts text, one job at a time. A job that crashes it or
 * outlives the timeout gets the process killed; the next job starts a fresh one.
 */
function createExtractionWorker({
  log,
  timeoutMs,
}: {
  log: (m: string) => void;
  timeoutMs: number;
}) {
  let child: ChildProcess | null = null;
  let ready: Promise<boolean> | null = null;
  let nextId = 1;
  let current: { id: number; settle: (outcome: Outcome) => void } | null = null;
  const exits = new Set<Promise<void>>();

  function start(): Promise<boolean> {
    const proc = fork(WORKER_SCRIPT, [], {
      cwd: ROOT,
      // Our own flags only (not the server's or Vitest's); the heap cap keeps a hostile file
      // from eating the machine's memory: it crashes the worker instead.
      execArgv: ["--import", "tsx", "--max-old-space-size=512"],
      env: { ...process.env, HUB_EXTRACT_WORKER: "1" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "json",
    });
    child = proc;
    // Never keep the server alive for the worker's sake; it exits itself when we disconnect.
    proc.unref();
    (proc.channel as { unref?: () => void } | undefined)?.unref?.();

    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    exits.add(exited);
    void exited.then(() => exits.delete(exited));

    let onReady: (ok: boolean) => void = () => {};
    const readyPromise = new Promise<boolean>((resolve) => (onReady = resolve));
    // Ref'd (unlike the idle worker): a job waiting for the worker keeps the process alive.
    const bootTimer = setTimeout(() => {
      log("[documents] extraction worker did not start in time");
      proc.kill("SIGKILL");
    }, 30_000);

    proc.on("message", (message: ExtractResponse | { type: "ready" }) => {
      if (message?.type === "ready") {
        clearTimeout(bootTimer);
        onReady(true);
      } else if (message?.type === "result" && current?.id === message.id) {
        current.settle({
          kind: "result",
          status: message.status,
          text: message.text,
          error: message.error,
        });
      }
    });
    proc.on("error", (error) => log(`[documents] extraction worker error: ${error.message}`));
    proc.once("exit", (code, signal) => {
      clearTimeout(bootTimer);
      onReady(false);
      if (child === proc) {
        child = null;
        ready = null;
      }
      current?.settle({
        kind: "failed",
        error: `extraction worker stopped (${signal ?? `exit code ${code}`})`,
      });
    });
    return readyPromise;
  }

  function kill() {
    const proc = child;
    child = null;
    ready = null;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      // Ref'd again so that its exit is waited for (and reaped) by whoever awaits stop().
      proc.ref();
      proc.kill("SIGKILL");
    }
  }

  return {
    get pid() {
      return child?.pid ?? null;
    },
    async run(job: Omit<ExtractRequest, "type" | "id">): Promise<Outcome> {
      ready ??= start();
      if (!(await ready) || !child) return { kind: "unavailable" };
      const proc = child;
      const id = nextId++;
      return new Promise<Outcome>((resolve) => {
        const timer = setTimeout(() => {
          log(`[documents] extraction took over ${timeoutMs} ms: worker restarted`);
          current?.settle({ kind: "failed", error: "timeout" });
          kill();
        }, timeoutMs);
        current = {
          id,
          settle: (outcome) => {
            clearTimeout(timer);
            current = null;
            resolve(outcome);
          },
        };
        proc.send({ type: "extract", id, ...job } satisfies ExtractRequest, (error) => {
          if (error) current?.settle({ kind: "failed", error: `send: ${error.message}` });
        });
      });
    },
    /** Kills the worker and waits (briefly) until it is gone. */
    async stop() {
      current?.settle({ kind: "unavailable" });
      kill();
      await settleWithin(Promise.all(exits), 2_000);
    },
  };
}

/**
 * Background work on documents, in the server process: text extraction (in a child process, so
 * parsing never blocks requests) and the hourly purge of the trash with its files.
 * The database is the truth: jobs are only queued in memory, and versions still "pending" when
 * the server stopped are picked up again at the next start.
 */
export function createDocumentJobs({
  db,
  filesPath,
  log,
  timeoutMs = 30_000,
  maxChars = 1_000_000,
  resumeDelayMs = 2_000,
  purgeDelayMs = 60_000,
  purgeIntervalMs = HOUR,
}: DocumentJobOptions): DocumentJobRunner {
  const worker = createExtractionWorker({ log, timeoutMs });
  const queue: string[] = [];
  const queued = new Set<string>();
  let closed = false;
  let pumping: Promise<void> | null = null;
  let bootFailures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  // Resuming: versions already taken from the database in this run, and whether more may remain.
  const resumed = new Set<string>();
  let moreToResume = false;
  const inFlight = new Set<Promise<unknown>>();

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => {});
    return promise;
  }

  function describe(error: unknown) {
    return error instanceof Error ? error.message : String(error);
  }

  function enqueueExtraction(versionId: string) {
    if (closed || queued.has(versionId)) return;
    queued.add(versionId);
    queue.push(versionId);
    pump();
  }

  async function resume() {
    const rows = await listPendingExtractions(db, { limit: 50 });
    const fresh = rows.filter((r) => !resumed.has(r.id));
    for (const row of fresh) {
      resumed.add(row.id);
      enqueueExtraction(row.id);
    }
    moreToResume = rows.length === 50 && fresh.length > 0;
    if (fresh.length) log(`[documents] resuming ${fresh.length} pending text extraction(s)`);
  }

  function pump() {
    if (pumping || closed || retryTimer) return;
    pumping = (async () => {
      while (!closed) {
        const versionId = queue.shift();
        if (versionId === undefined) {
          if (!moreToResume) break;
          moreToResume = false;
          await resume();
          continue;
        }
        const outcome = await extractOne(versionId);
        queued.delete(versionId);
        if (outcome === "unavailable" && !closed) {
          // The worker cannot start: keep the job (and the row stays pending), back off.
          queue.unshift(versionId);
          queued.add(versionId);
          bootFailures++;
          if (bootFailures >= 3) {
            log("[documents] extraction worker cannot start; texts stay pending until restart");
            queue.length = 0;
            queued.clear();
            break;
          }
          retryTimer = setTimeout(() => {
            retryTimer = undefined;
            pump();
          }, 1_000 * bootFailures);
          retryTimer.unref();
          break;
        }
        if (outcome !== "unavailable") bootFailures = 0;
      }
    })()
      .catch((error) => log(`[documents] extraction queue error: ${describe(error)}`))
      .finally(() => {
        pumping = null;
        if (!closed && queue.length && !retryTimer && bootFailures < 3) pump();
      });
    track(pumping);
  }

  async function extractOne(versionId: string): Promise<"stored" | "skipped" | "unavailable"> {
    const row = await db
      .selectFrom("documentVersion")
      .select(["id", "blobHash", "mimeType", "extractionStatus"])
      .where("id", "=", versionId)
      .executeTakeFirst();
    if (!row || row.extractionStatus !== "pending" || closed) return "skipped";
    if (!isExtractable(row.mimeType)) {
      await store(versionId, "unsupported", null);
      return "stored";
    }
    let file: string;
    try {
      file = blobPath(filesPath, row.blobHash);
    } catch {
      await store(versionId, "failed", null, "invalid blob hash");
      return "stored";
    }
    const outcome = await worker.run({ file, mimeType: row.mimeType, maxChars });
    if (outcome.kind === "unavailable") return "unavailable";
    if (outcome.kind === "failed") {
      await store(versionId, "failed", null, outcome.error);
    } else {
      const text = outcome.text === null ? null : outcome.text.slice(0, maxChars);
      await store(versionId, outcome.status, text, outcome.error);
    }
    return "stored";
  }

  async function store(
    versionId: string,
    status: "done" | "failed" | "unsupported",
    text: string | null,
    error?: string,
  ) {
    if (status === "failed") {
      log(`[documents] text extraction failed for version ${versionId}: ${error ?? "unknown"}`);
    }
    await setExtractedText(db, { versionId, status, text });
  }

  async function removeFiles(hashes: string[]): Promise<number> {
    const valid = [...new Set(hashes)].filter((h) => /^[a-f0-9]{64}$/.test(h));
    if (valid.length === 0) return 0;
    // A version uploaded since the purge may share the content: its file must stay.
    const used = new Set<string>();
    try {
      for (let i = 0; i < valid.length; i += 500) {
        const rows = await db
          .selectFrom("documentVersion")
          .select("blobHash")
          .distinct()
          .where("blobHash", "in", valid.slice(i, i + 500))
          .execute();
        for (const r of rows) used.add(r.blobHash);
      }
    } catch (error) {
      log(`[documents] could not check files before removal: ${describe(error)}`);
      return 0;
    }
    let removed = 0;
    for (const hash of valid) {
      if (used.has(hash)) continue;
      try {
        const file = blobPath(filesPath, hash);
        if (!fs.existsSync(file)) continue;
        removeBlob(filesPath, hash);
        removed++;
      } catch (error) {
        log(`[documents] could not remove file ${hash}: ${describe(error)}`);
      }
    }
    return removed;
  }

  let purging: Promise<{ documents: number; files: number }> | null = null;
  function purgeNow({ now = new Date() }: { now?: Date } = {}) {
    purging ??= track(
      (async () => {
        const { documents, orphanHashes } = await purgeTrash(db, { now });
        const files = await removeFiles(orphanHashes);
        if (documents || files) {
          log(
            `[documents] trash purge: ${documents} document(s) deleted, ${files} file(s) removed`,
          );
        }
        return { documents, files };
      })().finally(() => {
        purging = null;
      }),
    );
    return purging;
  }

  let purgeTimer: NodeJS.Timeout | undefined;
  function schedulePurge(delay: number) {
    purgeTimer = setTimeout(() => {
      purgeNow()
        .catch((error) => log(`[documents] trash purge failed: ${describe(error)}`))
        .finally(() => {
          if (!closed) schedulePurge(purgeIntervalMs);
        });
    }, delay);
    purgeTimer.unref();
  }
  schedulePurge(purgeDelayMs);

  const resumeTimer = setTimeout(() => {
    track(resume()).catch((error) =>
      log(`[documents] could not resume extractions: ${describe(error)}`),
    );
  }, resumeDelayMs);
  resumeTimer.unref();

  let closing: Promise<void> | null = null;
  return {
    enqueueExtraction,
    removeFiles: (hashes) => track(removeFiles(hashes)),
    purgeNow,
    get workerPid() {
      return worker.pid;
    },
    close() {
      closing ??= (async () => {
        closed = true;
        clearTimeout(resumeTimer);
        clearTimeout(purgeTimer);
        clearTimeout(retryTimer);
        queue.length = 0;
        queued.clear();
        await worker.stop();
        // Let database work already under way finish before the caller closes the database.
        await settleWithin(Promise.allSettled([...inFlight]), 2_000);
      })();
      return closing;
    },
  };
}
