import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/**
 * Child processes of the benchmark (the hub, the baseline) and what the kernel says about them.
 * Each child runs in its own process group so that it and its descendants (tsx runs the server
 * in a second node process) are stopped together, on success, error and Ctrl-C alike.
 */

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let exiting = false;

export function registerTempDir(dir: string) {
  tempDirs.add(dir);
}

export function unregisterTempDir(dir: string) {
  tempDirs.delete(dir);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Synchronous last resort: kill every child group and remove temp folders. */
export function cleanupNow() {
  for (const child of children) killGroup(child, "SIGKILL");
  children.clear();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export function installSignalHandlers() {
  const onSignal = (signal: NodeJS.Signals) => {
    if (exiting) return;
    exiting = true;
    process.stdout.write(`\n${signal}: stopping child processes and removing temporary files…\n`);
    cleanupNow();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("exit", cleanupNow);
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

export interface Managed {
  child: ChildProcess;
  pid: number;
  name: string;
  /** The last lines the process printed (stdout and stderr). */
  output: string[];
  /** Lines that look like errors: "[http] unexpected error", stack traces, uncaught. */
  errorLines: string[];
  /** How many error-looking lines were printed in all (errorLines keeps the last ones). */
  errorCount: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null;
  stop(): Promise<void>;
}

const MAX_LINES = 400;

export function startProcess(
  name: string,
  command: string,
  args: string[],
  { cwd, env, logFile }: { cwd: string; env: NodeJS.ProcessEnv; logFile?: string },
): Managed {
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  children.add(child);
  const log = logFile ? fs.createWriteStream(logFile) : null;
  const managed: Managed = {
    child,
    pid: child.pid,
    name,
    output: [],
    errorLines: [],
    errorCount: 0,
    exitInfo: null,
    exited: new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        managed.exitInfo = { code, signal };
        children.delete(child);
        log?.end();
        resolve({ code, signal });
      });
    }),
    async stop() {
      if (managed.exitInfo) return;
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
      await managed.exited;
      clearTimeout(timer);
      // Descendants that ignored SIGTERM (the group outlives its leader).
      killGroup(child, "SIGKILL");
    },
  };
  const onData = (chunk: Buffer) => {
    log?.write(chunk);
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      managed.output.push(line);
      if (managed.output.length > MAX_LINES) managed.output.shift();
      if (/unexpected error|Error:|uncaught|unhandled|FATAL|heap out of memory/i.test(line)) {
        managed.errorCount++;
        managed.errorLines.push(line);
        if (managed.errorLines.length > MAX_LINES) managed.errorLines.shift();
      }
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  return managed;
}

/** Waits until GET `url` answers 200, the process exits, or the timeout passes. */
export async function waitForHttp(managed: Managed, url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (managed.exitInfo) {
      throw new Error(
        `${managed.name} exited during start-up (code ${managed.exitInfo.code}, signal ${managed.exitInfo.signal}):\n` +
          managed.output.slice(-30).join("\n"),
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${managed.name} did not answer ${url} within ${timeoutMs} ms`);
}

// ---- /proc readings (Linux), instead of a pidusage-like dependency -------------------------

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** The pid and all its descendants. */
export function processTree(pid: number): number[] {
  const out: number[] = [];
  const visit = (p: number) => {
    out.push(p);
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const tid of tasks) {
      let children = "";
      try {
        children = fs.readFileSync(`/proc/${p}/task/${tid}/children`, "utf8");
      } catch {
        continue;
      }
      for (const c of children.trim().split(/\s+/).filter(Boolean)) visit(Number(c));
    }
  };
  visit(pid);
  return out;
}

/** utime + stime of one process, in seconds (0 when it is gone). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return (utime + stime) / ticksPerSecond();
  } catch {
    return 0;
  }
}

/** Resident memory of one process in bytes (0 when it is gone). */
export function rssBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function treeCpuSeconds(pid: number): number {
  return processTree(pid).reduce((s, p) => s + cpuSeconds(p), 0);
}

/**
 * The process that does the work: the descendant with the most memory (tsx's wrapper is small;
 * the node process it starts runs the server).
 */
export function mainProcess(pid: number): number {
  let best = pid;
  let bestRss = -1;
  for (const p of processTree(pid)) {
    const rss = rssBytes(p);
    if (rss > bestRss) {
      best = p;
      bestRss = rss;
    }
  }
  return best;
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
export function machineJiffies(): { busy: number; total: number } {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = v.reduce((s, x) => s + x, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

export interface Usage {
  /** CPU of the measured process tree, % of one core. */
  cpuPercent: number;
  cpuSeconds: number;
  wallSeconds: number;
  peakRssBytes: number;
  /** How busy the whole machine was (all processes, all cores), % of its capacity. */
  machineBusyPercent: number;
}

/** CPU use of a process tree between start() and stop(), as % of one core, and peak RSS. */
export class ResourceMeter {
  private machine0 = { busy: 0, total: 0 };
  private cpu0 = 0;
  private t0 = 0;
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly rootPid: number,
    private readonly rssPid: () => number,
  ) {}
  start() {
    this.cpu0 = treeCpuSeconds(this.rootPid);
    this.machine0 = machineJiffies();
    this.t0 = performance.now();
    this.peak = rssBytes(this.rssPid());
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, rssBytes(this.rssPid()));
    }, 250);
    this.timer.unref();
    return this;
  }
  /** CPU seconds of the tree since start(), without stopping. */
  cpuSecondsSoFar(): number {
    return treeCpuSeconds(this.rootPid) - this.cpu0;
  }
  stop(): Usage {
    clearInterval(this.timer);
    const m = machineJiffies();
    const machineTotal = m.total - this.machine0.total;
    const cpu = treeCpuSeconds(this.rootPid) - this.cpu0;
    const wall = (performance.now() - this.t0) / 1000;
    this.peak = Math.max(this.peak, rssBytes(this.rssPid()));
    return {
      cpuPercent: wall > 0 ? (cpu / wall) * 100 : 0,
      cpuSeconds: cpu,
      wallSeconds: wall,
      peakRssBytes: this.peak,
      machineBusyPercent:
        machineTotal > 0 ? ((m.busy - this.machine0.busy) / machineTotal) * 100 : NaN,
    };
  }
}

/** Waits until the tree uses less than `percent` of a core over 500 ms windows (or timeout). */
export async function waitForQuiet(rootPid: number, { percent = 15, timeoutMs = 20_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const c0 = treeCpuSeconds(rootPid);
    await new Promise((r) => setTimeout(r, 500));
    const used = ((treeCpuSeconds(rootPid) - c0) / 0.5) * 100;
    if (used < percent) return true;
  }
  return false;
}

export function projectRoot(): string {
  return path.resolve(import.meta.dirname, "..", "..");
}
