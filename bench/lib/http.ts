import autocannon from "autocannon";
import { ResourceMeter, waitForQuiet } from "./processes";
import { Samples, summarise, type Percentiles } from "./stats";

/** Signs in through the real login form and returns the Cookie header value of the session. */
export async function login(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  const cookies = res.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .filter((pair) => pair.includes("session=") && !pair.endsWith("="));
  if (res.status !== 302 || cookies.length === 0) {
    throw new Error(
      `login as ${email} failed: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`,
    );
  }
  return cookies.join("; ");
}

export interface HttpScenario {
  /** Stable key for the JSON, e.g. "thread-page". */
  key: string;
  label: string;
  base: string;
  connections: number;
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  /** Per request: a fresh path/body (for posts with a unique client id). */
  setupRequest?: (req: autocannon.Request) => autocannon.Request;
}

export interface HttpResult {
  key: string;
  label: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  ok: number;
  /** Successful (2xx) responses per second. */
  rps: number;
  latencyMs: Percentiles;
  /** autocannon's own histogram figures, for comparison. */
  autocannon: { p50: number; p99: number; reqPerSecAvg: number };
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  bytesPerResponse: number;
  /** The measured server: CPU (% of one core), CPU time per response, peak memory. */
  server: { cpuPercent: number; cpuMsPerRequest: number; peakRssMB: number } | null;
  /** The whole machine's CPU use during the run (all processes), % of all cores. */
  machineBusyPercent: number | null;
  ratioToBaseline?: number;
}

export async function runHttp(
  scenario: HttpScenario,
  {
    duration,
    warmup,
    meter,
    quietPid,
  }: {
    duration: number;
    warmup: number;
    meter?: () => ResourceMeter | null;
    /** Before warm-up and measurement, wait until this process tree has drained its backlog. */
    quietPid?: number;
  },
): Promise<HttpResult> {
  const request: autocannon.Request = {
    method: scenario.method ?? "GET",
    path: scenario.path,
    headers: scenario.headers,
    ...(scenario.setupRequest ? { setupRequest: scenario.setupRequest } : {}),
  };
  const options = (seconds: number): autocannon.Options => ({
    url: scenario.base,
    connections: scenario.connections,
    duration: seconds,
    requests: [request],
    timeout: 10,
  });
  const run = (opts: autocannon.Options) => {
    let done!: (result: autocannon.Result) => void;
    let fail!: (error: unknown) => void;
    const finished = new Promise<autocannon.Result>((resolve, reject) => {
      done = resolve;
      fail = reject;
    });
    const instance = autocannon(opts, (error, result) => (error ? fail(error) : done(result)));
    return { instance, finished };
  };
  // The server goes on with requests autocannon has given up on: without draining them, one
  // scenario's backlog would count against the next.
  const drain = async () => {
    if (quietPid !== undefined) await waitForQuiet(quietPid, { percent: 15, timeoutMs: 60_000 });
  };
  await drain();
  if (warmup > 0) {
    await run(options(warmup)).finished;
    await drain();
  }

  const latencies = new Samples();
  const statusCounts: Record<string, number> = {};
  const m = meter?.() ?? null;
  m?.start();
  const { instance, finished } = run(options(duration));
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
  });
  const result = await finished;
  const usage = m?.stop() ?? null;
  // Each connection had one request in flight when autocannon stopped; the server still works
  // on them. Their cost belongs to this scenario: count CPU until the server is quiet again and
  // divide by the responses plus those in-flight requests.
  await drain();
  const cpuWithTail = m?.cpuSecondsSoFar() ?? NaN;
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000 || duration;
  const ok = result["2xx"];
  return {
    key: scenario.key,
    label: scenario.label,
    connections: scenario.connections,
    durationSeconds: seconds,
    requests: latencies.length,
    ok,
    rps: ok / seconds,
    latencyMs: summarise(latencies.values()),
    autocannon: {
      p50: result.latency.p50,
      p99: result.latency.p99,
      reqPerSecAvg: result.requests.average,
    },
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: latencies.length ? result.throughput.total / latencies.length : 0,
    server: usage
      ? {
          cpuPercent: usage.cpuPercent,
          cpuMsPerRequest: (cpuWithTail * 1000) / (latencies.length + scenario.connections),
          peakRssMB: usage.peakRssBytes / 1024 / 1024,
        }
      : null,
    machineBusyPercent: usage?.machineBusyPercent ?? null,
  };
}
