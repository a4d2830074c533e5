import os from "node:os";

/** Every knob of the benchmark, read once from the environment (see bench/README.md). */
export interface BenchConfig {
  /** Dataset size factor: 1 = 2,000 people, 5,000 threads, 200,000 replies. */
  scale: number;
  /** Seconds each HTTP scenario is measured. */
  duration: number;
  /** Seconds of discarded warm-up before each HTTP scenario. */
  warmup: number;
  /** Connection counts for the read scenarios. */
  connections: number[];
  /** Connections for the reply scenarios. */
  replyConnections: number;
  /** Viewer counts for the fan-out. */
  viewers: number[];
  /** Replies posted per fan-out level, and the spacing between their starts. */
  posts: number;
  postIntervalMs: number;
  /** Sockets held open for the idle-capacity measurement. */
  idleSockets: number;
  /** Sockets opened at once while connecting viewers. */
  connectConcurrency: number;
  /** Where the temporary database lives (default: the OS temp dir). */
  tmpDir: string;
  /** Keep the temporary folder (database, server log) after the run. */
  keepTmp: boolean;
  /** Rebuild even when build/server/index.js exists. */
  forceBuild: boolean;
  /** Seed of the random generator, so datasets are reproducible. */
  seed: number;
  /** The password of every seeded and generated person. */
  password: string;
}

function num(name: string, fallback: number, { min = 0 }: { min?: number } = {}): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function list(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const values = raw.split(",").map((v) => Number(v.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < 1)) {
    throw new Error(`${name} must be a comma-separated list of positive integers, got "${raw}"`);
  }
  return values;
}

const flag = (name: string) => ["1", "true", "yes"].includes(process.env[name] ?? "");

export function readConfig(): BenchConfig {
  const duration = num("BENCH_DURATION", 10, { min: 1 });
  return {
    scale: num("BENCH_SCALE", 1, { min: 0.001 }),
    duration,
    warmup: num("BENCH_WARMUP", Math.min(2, Math.max(1, Math.round(duration / 5)))),
    connections: list("BENCH_CONNECTIONS", [10, 50]),
    replyConnections: num("BENCH_REPLY_CONNECTIONS", 10, { min: 1 }),
    viewers: list("BENCH_VIEWERS", [100, 500, 1000]),
    posts: num("BENCH_POSTS", 30, { min: 1 }),
    postIntervalMs: num("BENCH_POST_INTERVAL_MS", 100, { min: 0 }),
    idleSockets: num("BENCH_IDLE_SOCKETS", 2000, { min: 0 }),
    connectConcurrency: num("BENCH_CONNECT_CONCURRENCY", 50, { min: 1 }),
    tmpDir: process.env.BENCH_TMPDIR || os.tmpdir(),
    keepTmp: flag("BENCH_KEEP_TMP"),
    forceBuild: flag("BENCH_BUILD"),
    seed: num("BENCH_SEED", 1),
    password: process.env.HUB_DEMO_PASSWORD || "hub-demo-2026",
  };
}
