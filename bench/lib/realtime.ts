import { monitorEventLoopDelay } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../app/realtime/events";
import { formatInt, log, progress } from "./log";
import { ResourceMeter, rssBytes, waitForQuiet } from "./processes";
import { round, Samples, summarise, type Percentiles } from "./stats";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Hub {
  base: string;
  rootPid: number;
  mainPid: () => number;
}

function connectOne(base: string, cookie: string, timeoutMs: number): Promise<ClientSocket> {
  const socket: ClientSocket = io(base, {
    transports: ["websocket"],
    extraHeaders: { Origin: base, Cookie: cookie },
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

/**
 * Opens `count` sockets, at most `concurrency` handshakes at a time so the connect storm stays
 * moderate; `onOpen` runs for each (e.g. joining the thread) inside the same slot.
 */
export async function openSockets(
  hub: Hub,
  {
    count,
    cookie,
    concurrency,
    label,
    onOpen,
  }: {
    count: number;
    cookie: string;
    concurrency: number;
    label: string;
    onOpen?: (socket: ClientSocket) => Promise<void>;
  },
): Promise<{ sockets: ClientSocket[]; failures: string[]; ms: number }> {
  const sockets: ClientSocket[] = [];
  const failures: string[] = [];
  const bar = progress(label, count);
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      try {
        const socket = await connectOne(hub.base, cookie, 20_000);
        sockets.push(socket);
        if (onOpen) await onOpen(socket);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
      bar.update(sockets.length + failures.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  bar.done(
    failures.length
      ? `(${failures.length} failed: ${[...new Set(failures)].slice(0, 3).join("; ")})`
      : "",
  );
  return { sockets, failures, ms: performance.now() - started };
}

export async function closeSockets(sockets: ClientSocket[]) {
  for (const s of sockets) s.close();
}

export interface FanoutResult {
  viewers: number;
  connected: number;
  connectFailures: number;
  joinFailures: number;
  joinSeconds: number;
  /** thread:presence messages the viewers got while everyone joined (each join tells the room). */
  presenceMessagesDuringJoin: number;
  posts: number;
  postFailures: string[];
  expectedDeliveries: number;
  deliveries: number;
  /** From just before sending the reply's POST to `post:created` at each viewer. */
  latencyMs: Percentiles;
  /** The POST's own response time. */
  postResponseMs: Percentiles;
  /** From the POST's response arriving to each receipt (negative: the event came first). */
  afterResponseMs: Percentiles;
  serverCpuPercent: number;
  /** Server CPU time per reply while posting: the action plus its fan-out to every viewer. */
  serverCpuMsPerPost: number;
  serverPeakRssMB: number;
  benchCpuPercent: number;
  benchEventLoopDelayP99Ms: number;
  machineBusyPercent: number;
}

/**
 * One poster, `viewers` sockets viewing the known thread. Each reply is posted over HTTP (the
 * real route action); every viewer records when its `post:created` arrives.
 */
export async function fanout(
  hub: Hub,
  {
    viewers,
    viewerCookie,
    threadId,
    post,
    posts,
    intervalMs,
    concurrency,
  }: {
    viewers: number;
    viewerCookie: string;
    threadId: string;
    post: (body: string) => Promise<Response>;
    posts: number;
    intervalMs: number;
    concurrency: number;
  },
): Promise<FanoutResult> {
  const runTag = `${viewers}-${Date.now().toString(36)}`;
  const sentAt = new Array<number>(posts).fill(NaN);
  const respondedAt = new Array<number>(posts).fill(NaN);
  const received: { post: number; at: number }[] = [];
  const perPost = new Array<number>(posts).fill(0);
  const markerRe = new RegExp(`\\[bench-fanout ${runTag}#(\\d+)\\]`);
  let presence = 0;
  let joinFailures = 0;

  let allDelivered: (() => void) | undefined;
  const onPost = (payload: Parameters<ServerToClientEvents["post:created"]>[0]) => {
    const at = performance.now();
    const match = markerRe.exec(payload.post.source);
    if (!match) return;
    const i = Number(match[1]);
    received.push({ post: i, at });
    perPost[i]!++;
    if (received.length === viewers * posts) allDelivered?.();
  };

  const { sockets, failures, ms } = await openSockets(hub, {
    count: viewers,
    cookie: viewerCookie,
    concurrency,
    label: `viewers joining`,
    onOpen: async (socket) => {
      socket.on("post:created", onPost);
      socket.on("thread:presence", () => presence++);
      const ack = await socket
        .timeout(30_000)
        .emitWithAck("thread:join", { threadId, afterSeq: 1_000_000 })
        .catch((error: unknown) => ({ ok: false as const, error: String(error) }));
      if (!ack.ok) joinFailures++;
    },
  });
  // Each join broadcasts presence to the whole room: let that storm finish before posting.
  await waitForQuiet(hub.rootPid, { percent: 20, timeoutMs: 60_000 });
  const presenceDuringJoin = presence;

  const connected = sockets.length;
  const expected = (connected - joinFailures) * posts;
  const postFailures: string[] = [];
  const serverMeter = new ResourceMeter(hub.rootPid, hub.mainPid).start();
  const cpu0 = process.cpuUsage();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t0 = performance.now();
  const delivered = new Promise<void>((resolve) => {
    allDelivered = resolve;
    if (expected === 0) resolve();
  });
  const inFlight: Promise<void>[] = [];
  const bar = progress("replies posted", posts);
  for (let i = 0; i < posts; i++) {
    const wait = t0 + i * intervalMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sentAt[i] = performance.now();
    inFlight.push(
      post(
        `Fan-out måling: et svar til alle, der følger tråden. [bench-fanout ${runTag}#${i}]`,
      ).then(
        async (res) => {
          respondedAt[i] = performance.now();
          if (!res.ok)
            postFailures.push(`post ${i}: HTTP ${res.status} ${(await res.text()).slice(0, 120)}`);
          else await res.arrayBuffer();
        },
        (error: unknown) => {
          respondedAt[i] = performance.now();
          postFailures.push(`post ${i}: ${String(error)}`);
        },
      ),
    );
    bar.update(i + 1);
  }
  await Promise.all(inFlight);
  const timeout = new Promise<void>((r) => setTimeout(r, 15_000).unref());
  await Promise.race([delivered, timeout]);
  bar.done(`(${formatInt(received.length)}/${formatInt(expected)} deliveries)`);
  loop.disable();
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) / 1000;
  const usage = serverMeter.stop();

  const latency = new Samples();
  const afterResponse = new Samples();
  for (const r of received) {
    latency.push(r.at - sentAt[r.post]!);
    afterResponse.push(r.at - respondedAt[r.post]!);
  }
  const responseTimes = sentAt.map((s, i) => respondedAt[i]! - s).filter(Number.isFinite);

  await closeSockets(sockets);
  // Every disconnect tells the remaining viewers about presence: let it settle.
  await waitForQuiet(hub.rootPid, { percent: 20, timeoutMs: 60_000 });

  return {
    viewers,
    connected,
    connectFailures: failures.length,
    joinFailures,
    joinSeconds: round(ms / 1000, 2),
    presenceMessagesDuringJoin: presenceDuringJoin,
    posts,
    postFailures,
    expectedDeliveries: expected,
    deliveries: received.length,
    latencyMs: summarise(latency.values()),
    postResponseMs: summarise(responseTimes),
    afterResponseMs: summarise(afterResponse.values()),
    serverCpuPercent: usage.cpuPercent,
    serverCpuMsPerPost: (usage.cpuSeconds * 1000) / posts,
    serverPeakRssMB: usage.peakRssBytes / 1024 / 1024,
    benchCpuPercent: ((cpu.user + cpu.system) / 1e6 / wall) * 100,
    benchEventLoopDelayP99Ms: loop.percentile(99) / 1e6,
    machineBusyPercent: usage.machineBusyPercent,
  };
}

export interface IdleResult {
  sockets: number;
  connected: number;
  failures: number;
  rssBeforeMB: number;
  rssAfterMB: number;
  bytesPerSocket: number;
  connectSeconds: number;
}

async function settledRss(pid: () => number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(rssBytes(pid()));
    await new Promise((r) => setTimeout(r, 200));
  }
  return samples.sort((a, b) => a - b)[2]!;
}

/** Memory per connected (signed-in, idle) socket: server RSS before and after, divided. */
export async function idleCapacity(
  hub: Hub,
  { count, cookie, concurrency }: { count: number; cookie: string; concurrency: number },
): Promise<IdleResult> {
  await waitForQuiet(hub.rootPid, { percent: 10, timeoutMs: 20_000 });
  const before = await settledRss(hub.mainPid);
  const { sockets, failures, ms } = await openSockets(hub, {
    count,
    cookie,
    concurrency,
    label: "idle sockets",
  });
  await waitForQuiet(hub.rootPid, { percent: 10, timeoutMs: 20_000 });
  await new Promise((r) => setTimeout(r, 1_000));
  const after = await settledRss(hub.mainPid);
  log(
    `  server RSS ${round(before / 1048576)} MB → ${round(after / 1048576)} MB with ${formatInt(sockets.length)} sockets`,
  );
  await closeSockets(sockets);
  return {
    sockets: count,
    connected: sockets.length,
    failures: failures.length,
    rssBeforeMB: before / 1048576,
    rssAfterMB: after / 1048576,
    bytesPerSocket: sockets.length ? (after - before) / sockets.length : NaN,
    connectSeconds: ms / 1000,
  };
}
