/**
 * `npx tsx bench/profile-page.ts`: server CPU time per request for the pages and posts that
 * matter, quickly and repeatably, on a machine too busy for req/s to mean much. See
 * bench/README.md ("CPU per request").
 *
 * It builds a small dataset (the benchmark's own generator, with its 50-reply thread), starts
 * the production build as ONE node process (no tsx wrapper, so /proc shows exactly the server),
 * signs in as the benchmark's member and sends N sequential requests per scenario over one
 * kept-alive connection. CPU time comes from /proc/<pid>/stat before and after each batch: it
 * counts only the server's own work, however busy the other cores are. The plain `node:http`
 * hello world is measured the same way, as the baseline.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gunzipSync, brotliDecompressSync, inflateSync } from "node:zlib";
import {
  generateDataset,
  meetingProblem,
  threadListProblem,
  type DatasetInfo,
} from "./lib/dataset";
import { PARAGRAPHS } from "./lib/dataset-text";
import { login } from "./lib/http";
import { log } from "./lib/log";
import {
  cleanupNow,
  freePort,
  installSignalHandlers,
  projectRoot,
  registerTempDir,
  startProcess,
  waitForHttp,
  type Managed,
} from "./lib/processes";

const root = projectRoot();
process.chdir(root);
installSignalHandlers();

const env = (name: string, fallback: string) => process.env[name]?.trim() || fallback;
const N = Number(env("PROFILE_REQUESTS", "200"));
const WARMUP = Number(env("PROFILE_WARMUP", "40"));
const ROUND = Number(env("PROFILE_ROUND", "25"));
// What the client accepts, as the benchmark sends it (a browser); "identity" for none.
const ACCEPT_ENCODING = env("PROFILE_ENCODING", "gzip, deflate, br");
const SCALE = Number(env("PROFILE_SCALE", "1"));
const ONLY = process.env.PROFILE_ONLY?.split(",").map((s) => s.trim());
const CPU_PROFILE = process.env.PROFILE_CPU === "1";
const PASSWORD = process.env.HUB_DEMO_PASSWORD || "hub-demo-2026";
const BUILD_ENTRY = path.join(root, "build", "server", "index.js");

interface Reply {
  status: number;
  /** Bytes on the wire (compressed when the server compressed). */
  wireBytes: number;
  body: string;
  location?: string;
}

/** One kept-alive connection, like a browser tab; browser-like Accept-Encoding. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(
  base: string,
  {
    method = "GET",
    path: p,
    headers = {},
    body,
  }: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  const url = new URL(p, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          "Accept-Encoding": ACCEPT_ENCODING,
          ...(body === undefined ? {} : { "Content-Length": String(Buffer.byteLength(body)) }),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const enc = res.headers["content-encoding"];
          const text = (
            enc === "gzip"
              ? gunzipSync(raw)
              : enc === "br"
                ? brotliDecompressSync(raw)
                : enc === "deflate"
                  ? inflateSync(raw)
                  : raw
          ).toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            wireBytes: raw.length,
            body: text,
            location: res.headers.location,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

interface Scenario {
  key: string;
  label: string;
  /** The i-th request (warm-up requests count too, so posts stay unique). */
  make(i: number): {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
  };
  check(reply: Reply): string | null;
}

interface Result {
  key: string;
  label: string;
  requests: number;
  /** Median over rounds. */
  cpuMsPerRequest: number;
  cpuMsBestRound: number;
  wallMsPerRequest: number;
  wireBytes: number;
  bodyBytes: number;
}

/**
 * CPU time of every thread of the process (JavaScript, libuv's pool where zlib runs, V8's GC
 * helpers) in milliseconds, from /proc/<pid>/task/<tid>/schedstat: nanosecond resolution, where
 * /proc/<pid>/stat counts in 10 ms ticks. Threads that ended in between are lost; the server's
 * threads live as long as it does.
 */
function cpuMs(pid: number): number {
  let ns = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // the thread ended
    }
  }
  return ns / 1e6;
}

async function measure(pid: number, base: string, scenario: Scenario): Promise<Result> {
  let i = 0;
  const one = async () => {
    const reply = await request(base, scenario.make(i++));
    const problem = scenario.check(reply);
    if (problem) throw new Error(`${scenario.label}: ${problem} (HTTP ${reply.status})`);
    return reply;
  };
  for (let w = 0; w < WARMUP; w++) await one();
  // Rounds of ROUND requests: on a shared machine a round that other processes disturbed costs
  // more (caches, frequency), so the median round is reported, and the least disturbed one.
  const rounds: number[] = [];
  const t0 = performance.now();
  let wire = 0;
  let bytes = 0;
  for (let done = 0; done < N;) {
    const size = Math.min(ROUND, N - done);
    const cpu0 = cpuMs(pid);
    for (let n = 0; n < size; n++) {
      const reply = await one();
      wire += reply.wireBytes;
      bytes += Buffer.byteLength(reply.body);
    }
    rounds.push((cpuMs(pid) - cpu0) / size);
    done += size;
  }
  const wall = performance.now() - t0;
  const sorted = [...rounds].sort((a, b) => a - b);
  return {
    key: scenario.key,
    label: scenario.label,
    requests: N,
    cpuMsPerRequest: sorted[Math.floor(sorted.length / 2)]!,
    cpuMsBestRound: sorted[0]!,
    wallMsPerRequest: wall / N,
    wireBytes: wire / N,
    bodyBytes: bytes / N,
  };
}

async function startServer(
  dbPath: string,
  tmp: string,
): Promise<{ server: Managed; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(childEnv))
    if (key.startsWith("HUB_") || key === "SMTP_URL" || key === "NODE_OPTIONS")
      delete childEnv[key];
  Object.assign(childEnv, {
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: base,
    DATABASE_PATH: dbPath,
    HUB_DEMO: "0",
    LOGIN_LIMIT_PER_IP: "1000000",
  });
  const profileDir = path.join(tmp, "profiles");
  const args = [
    ...(CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    "--import",
    "tsx",
    "server/index.ts",
  ];
  const server = startProcess("hub", process.execPath, args, {
    cwd: root,
    env: childEnv,
    logFile: path.join(tmp, "server.log"),
  });
  await waitForHttp(server, `${base}/healthz`, 90_000);
  return { server, base };
}

async function main() {
  if (!fs.existsSync(BUILD_ENTRY)) {
    throw new Error("no production build: run `npx react-router build` first");
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hub-profile-"));
  registerTempDir(tmp);
  const dbPath = path.join(tmp, "hub.sqlite");
  log(`dataset (scale ${SCALE}) in ${tmp} …`);
  const ds: DatasetInfo = await generateDataset(dbPath, {
    scale: SCALE,
    seed: 1,
    password: PASSWORD,
  });
  log(
    `  ${ds.counts.userRows} people, ${ds.counts.threadRows} threads, ${ds.counts.postRows} posts`,
  );

  const { server, base } = await startServer(dbPath, tmp);
  const helloPort = await freePort();
  const hello = startProcess(
    "baseline",
    process.execPath,
    [path.join(root, "bench", "lib", "hello-server.mjs")],
    { cwd: root, env: { PATH: process.env.PATH, PORT: String(helloPort) } },
  );
  const helloBase = `http://127.0.0.1:${helloPort}`;
  await waitForHttp(hello, helloBase, 20_000);

  // Static files still served (the server answers only known file names from its folders).
  for (const p of ["/favicon.svg"]) {
    const res = await fetch(base + p);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${p}: HTTP ${res.status}`);
  }
  const cookie = await login(base, ds.memberEmail, PASSWORD);
  const slug = ds.knownThread.spaceSlug;
  const threadPath = `/spaces/${slug}/threads/${ds.knownThread.threadId}`;
  const html = { Cookie: cookie, Accept: "text/html,application/xhtml+xml" };
  const post = {
    Cookie: cookie,
    Origin: base,
    "Content-Type": "application/x-www-form-urlencoded",
  };
  const replyBody = (tag: string, i: number) =>
    new URLSearchParams({
      intent: "reply",
      body: PARAGRAPHS[i % PARAGRAPHS.length]!,
      clientId: `profile-${tag}-${i}-${randomUUID().slice(0, 8)}`,
    }).toString();
  const replyThread = (i: number) => ds.replyThreadIds[i % ds.replyThreadIds.length]!;
  const posts = ds.knownThread.replies + 1;
  const meetingPath = `/spaces/${ds.knownMeeting.spaceSlug}/meetings/${ds.knownMeeting.meetingId}`;
  const directoryPath = `/people?q=${encodeURIComponent(ds.directoryQuery)}`;

  const all: Scenario[] = [
    {
      key: "thread-html",
      label: "thread page HTML (50 replies)",
      make: () => ({ path: threadPath, headers: html }),
      check: (r) =>
        r.status !== 200
          ? "not 200"
          : (r.body.match(/<article class="post/g) ?? []).length !== posts
            ? `expected ${posts} posts`
            : null,
    },
    {
      key: "thread-data",
      label: "thread page .data (client navigation)",
      make: () => ({ path: `${threadPath}.data`, headers: { Cookie: cookie } }),
      check: (r) =>
        r.status !== 200 || !r.body.includes(ds.knownThread.marker) ? "marker missing" : null,
    },
    {
      key: "space-overview",
      label: "space overview HTML",
      make: () => ({ path: `/spaces/${slug}`, headers: html }),
      check: (r) => (r.status !== 200 ? "not 200" : null),
    },
    {
      key: "thread-list",
      label: "thread list of the space HTML",
      make: () => ({ path: `/spaces/${slug}/threads`, headers: html }),
      check: (r) => threadListProblem(ds, r.status, r.body),
    },
    {
      key: "meeting-html",
      label: "meeting page HTML (full agenda)",
      make: () => ({ path: meetingPath, headers: html }),
      check: (r) => meetingProblem(ds, r.status, r.body),
    },
    {
      key: "people-search",
      label: `member directory search "${ds.directoryQuery}"`,
      make: () => ({ path: directoryPath, headers: html }),
      check: (r) => (r.status !== 200 || !r.body.includes('class="card"') ? "nobody found" : null),
    },
    {
      key: "plan",
      label: "action-plan overview HTML",
      make: () => ({ path: "/plan", headers: html }),
      check: (r) =>
        r.status !== 200 || !r.body.includes("data-initiative=") ? "no initiatives" : null,
    },
    {
      key: "reply-data",
      label: "reply POST .data (with JavaScript)",
      make: (i) => ({
        method: "POST",
        path: `/spaces/${slug}/threads/${replyThread(i)}.data`,
        headers: post,
        body: replyBody("data", i),
      }),
      check: (r) => (r.status !== 200 ? "not 200" : null),
    },
    {
      key: "reply-form",
      label: "reply form POST (no JavaScript)",
      make: (i) => ({
        method: "POST",
        path: `/spaces/${slug}/threads/${replyThread(i)}`,
        headers: { ...post, Accept: "text/html,application/xhtml+xml" },
        body: replyBody("form", i),
      }),
      check: (r) =>
        r.status !== 200 && r.status !== 303 && r.status !== 302 ? "not 2xx/3xx" : null,
    },
  ];
  const scenarios = all.filter((s) => !ONLY || ONLY.includes(s.key));

  const results: Result[] = [];
  const helloScenario: Scenario = {
    key: "hello",
    label: "baseline node:http hello world",
    make: () => ({ path: "/" }),
    check: (r) => (r.status !== 200 ? "not 200" : null),
  };
  const helloResult = await measure(hello.pid, helloBase, { ...helloScenario });
  for (const s of scenarios) {
    log(`measuring ${s.label} …`);
    results.push(await measure(server.pid, base, s));
  }
  // The baseline again at the end: if it moved much, the machine changed under the run.
  const helloAfter = await measure(hello.pid, helloBase, helloScenario);
  const baseCpu = (helloResult.cpuMsPerRequest + helloAfter.cpuMsPerRequest) / 2;

  const pad = (s: string, n: number) => s.padEnd(n);
  const lines = [
    "",
    `server CPU ms per request (median of rounds of ${ROUND}; best round), ${N} sequential requests after ${WARMUP} warm-up, load avg ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")}`,
    `${pad("scenario", 40)} ${"CPU ms/req".padStart(10)} ${"best".padStart(6)} ${"× hello".padStart(8)} ${"wall ms".padStart(8)} ${"wire KB".padStart(8)} ${"body KB".padStart(8)}`,
    ...[helloResult, ...results, helloAfter].map(
      (r) =>
        `${pad(r.label, 40)} ${r.cpuMsPerRequest.toFixed(2).padStart(10)} ${r.cpuMsBestRound.toFixed(2).padStart(6)} ${(r.cpuMsPerRequest / baseCpu).toFixed(0).padStart(8)} ${r.wallMsPerRequest.toFixed(1).padStart(8)} ${(r.wireBytes / 1024).toFixed(1).padStart(8)} ${(r.bodyBytes / 1024).toFixed(1).padStart(8)}`,
    ),
  ];
  log(lines.join("\n"));
  fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  fs.writeFileSync(
    path.join(root, "bench", "results", "profile-latest.json"),
    `${JSON.stringify({ at: new Date().toISOString(), loadavg: os.loadavg(), n: N, warmup: WARMUP, scale: SCALE, hello: [helloResult, helloAfter], results }, null, 2)}\n`,
  );

  await server.stop();
  await hello.stop();
  if (CPU_PROFILE) {
    // One file per thread: the main thread's is the large one (tsx's loader thread is small).
    const dir = path.join(tmp, "profiles");
    const main = (fs.existsSync(dir) ? fs.readdirSync(dir) : [])
      .map((f) => path.join(dir, f))
      .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
    if (main) {
      const target = path.join(root, "bench", "results", "profile-latest.cpuprofile");
      fs.copyFileSync(main, target);
      const rel = path.relative(root, target);
      log(
        `CPU profile (whole server run): ${rel}; summary: npx tsx bench/cpuprofile-summary.ts ${rel}`,
      );
    } else {
      log("no CPU profile was written");
    }
  }
}

try {
  await main();
} finally {
  cleanupNow();
}
process.exit(0);
