import os from "node:os";
import type { HttpResult } from "./http";
import type { FanoutResult, IdleResult } from "./realtime";
import { formatInt } from "./log";

export interface Machine {
  cpuModel: string;
  cpuCount: number;
  totalMemoryGB: number;
  node: string;
  os: string;
  loadAverageAtStart: number[];
}

export function machineInfo(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cpuCount: cpus.length,
    totalMemoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export interface Target {
  name: string;
  /** What was measured, in words with the number. */
  measured: string;
  ok: boolean | null;
}

/** A plain-text table with right-aligned numbers and left-aligned text. */
export function table(header: string[], rows: (string | number)[][], leftColumns = 1): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) =>
        i < leftColumns || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!),
      )
      .join("  ")
      .trimEnd();
  return [
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...cells.slice(1).map(line),
  ].join("\n");
}

const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(1)) : "–");
const pct = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? "–" : `${Math.round(v)} %`;

export function httpTable(results: HttpResult[], duration: number): string {
  const rows = results.map((r) => {
    const bad =
      Object.entries(r.statusCounts)
        .filter(([code]) => !code.startsWith("2"))
        .reduce((s, [, n]) => s + n, 0) + r.errors; // errors include timeouts
    return [
      r.label,
      r.connections,
      formatInt(r.rps),
      r.ratioToBaseline === undefined ? "–" : r.ratioToBaseline.toFixed(3),
      ms(r.latencyMs.p50),
      ms(r.latencyMs.p95),
      ms(r.latencyMs.p99),
      formatInt(r.requests),
      bad ? formatInt(bad) : "0",
      pct(r.server?.cpuPercent),
      r.server ? ms(r.server.cpuMsPerRequest) : "–",
      pct(r.machineBusyPercent ?? undefined),
      r.server ? `${Math.round(r.server.peakRssMB)}` : "–",
      `${(r.bytesPerResponse / 1024).toFixed(1)}`,
    ];
  });
  return table(
    [
      `HTTP (autocannon, ${duration} s each)`,
      "conns",
      "req/s",
      "× base",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "requests",
      "failed",
      "srv CPU",
      "CPU ms/req",
      "machine",
      "RSS MB",
      "KB/resp",
    ],
    rows,
  );
}

export function fanoutTable(results: FanoutResult[], posts: number, intervalMs: number): string {
  return table(
    [
      `Fan-out (${posts} replies, ${intervalMs} ms apart)`,
      "joined",
      "delivered",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "max ms",
      "POST p50",
      "srv CPU",
      "ms/post",
      "bench CPU",
      "machine",
      "join s",
    ],
    results.map((r) => [
      `${formatInt(r.viewers)} viewers`,
      formatInt(r.connected - r.joinFailures),
      `${formatInt(r.deliveries)}/${formatInt(r.expectedDeliveries)}`,
      ms(r.latencyMs.p50),
      ms(r.latencyMs.p95),
      ms(r.latencyMs.p99),
      ms(r.latencyMs.max),
      ms(r.postResponseMs.p50),
      pct(r.serverCpuPercent),
      ms(r.serverCpuMsPerPost),
      pct(r.benchCpuPercent),
      pct(r.machineBusyPercent),
      r.joinSeconds.toFixed(1),
    ]),
  );
}

export function idleLine(r: IdleResult): string {
  return (
    `Idle capacity: ${formatInt(r.connected)}/${formatInt(r.sockets)} signed-in sockets connected in ${r.connectSeconds.toFixed(1)} s; ` +
    `server RSS ${r.rssBeforeMB.toFixed(1)} → ${r.rssAfterMB.toFixed(1)} MB = ${(r.bytesPerSocket / 1024).toFixed(1)} KB per socket`
  );
}

export function targetsTable(targets: Target[]): string {
  return table(
    ["Target", "measured", "result"],
    targets.map((t) => [
      t.name,
      t.measured,
      t.ok === null ? "NOT MEASURED" : t.ok ? "OK" : "NOT MET",
    ]),
    2,
  );
}
