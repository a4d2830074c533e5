import { randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import { io, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../app/lib/env.server";
import type { ClientToServerEvents, ServerToClientEvents } from "../../app/realtime/events";
import { cloneClient, rowCounts, signIn } from "../helpers/fixtures";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import { looksLikeStackTrace, sleep } from "./support";

/**
 * Clients that send slowly, stall, or send garbage, over raw TCP and socket.io: each is cut off
 * or refused on its own, and meanwhile a normal visitor's pages and /healthz answer quickly.
 * The hub runs with short HTTP timeouts here (the defaults are 20 s for headers, 120 s for a
 * whole request) so that cutting off takes a second or two, not minutes.
 */

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_500;
/** How long a normal visitor's request may take while the hub is under attack. */
const QUICK_MS = 1_500;
const NETWORK = "bispebjerg-netvaerk";

type HubClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let h: TestHub;
let port: number;
let member: Client; // a member of the network space
let poster: Client; // another member
const sockets: net.Socket[] = [];
const ioSockets: HubClientSocket[] = [];

beforeAll(async () => {
  h = await startTestHub({
    env: {
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    },
  });
  port = Number(new URL(h.url).port);
  [member, poster] = await Promise.all([
    signIn(h, "ngo@bispebjerg.example"),
    signIn(h, "leyla.ozdemir@bif.example"),
  ]);
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const s of ioSockets.splice(0)) s.close();
});
afterAll(async () => {
  await h?.close();
  if (h) fs.rmSync(h.dir, { recursive: true, force: true });
});

/** A raw TCP connection to the hub that records what comes back and when it was closed. */
interface Raw {
  socket: net.Socket;
  received: () => string;
  /** Milliseconds from connecting until the server closed the connection. */
  closed: Promise<number>;
  isClosed: () => boolean;
}

function raw(): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1");
    sockets.push(socket);
    let text = "";
    let done = false;
    socket.on("data", (b) => (text += b.toString("latin1")));
    // A reset is as good a close as any here.
    socket.on("error", () => {});
    const closed = new Promise<number>((r) =>
      socket.once("close", () => {
        done = true;
        r(Date.now() - started);
      }),
    );
    socket.once("connect", () =>
      resolve({ socket, received: () => text, closed, isClosed: () => done }),
    );
    socket.once("error", reject);
  });
}

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);

async function visit(path: string) {
  const t0 = performance.now();
  const res = await fetch(h.url + path, { signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer();
  return { path, status: res.status, ms: Math.round(performance.now() - t0) };
}

/**
 * Runs `attack` while a normal visitor keeps loading the sign-in page and /healthz, one after
 * the other; checks that every one of those answered 200 quickly: within QUICK_MS, or four times
 * the slowest of a few visits just before, should the machine itself be busy.
 */
async function staysResponsive<T>(attack: () => Promise<T>): Promise<T> {
  const before: number[] = [];
  for (let i = 0; i < 6; i++) before.push((await visit(i % 2 ? "/healthz" : "/login")).ms);
  const limit = Math.max(QUICK_MS, 4 * Math.max(...before));
  let done = false;
  const timings: { path: string; status: number; ms: number }[] = [];
  const visitor = (async () => {
    // At least two visits, however quickly the attack is over; at most 500.
    for (let i = 0; (!done || i < 2) && i < 500; i++) {
      timings.push(await visit(i % 2 ? "/healthz" : "/login"));
      await sleep(25);
    }
  })();
  try {
    return await attack();
  } finally {
    done = true;
    await visitor;
    expect(timings.filter((t) => t.status !== 200)).toEqual([]);
    expect(timings.filter((t) => t.ms > limit)).toEqual([]);
  }
}

const unexpectedErrors = () => h.logs.filter((l) => /unexpected|unhandled/i.test(l));

describe("slow clients", () => {
  it("has HTTP timeouts by default, settable, with the headers' within the request's", () => {
    const defaults = loadConfig({});
    expect(defaults.headersTimeoutMs).toBe(20_000);
    expect(defaults.requestTimeoutMs).toBe(120_000);
    expect(h.hub.httpServer.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
    expect(h.hub.httpServer.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
    expect(h.hub.httpServer.keepAliveTimeout).toBe(5_000);
    expect(() =>
      loadConfig({ HTTP_HEADERS_TIMEOUT_MS: "30000", HTTP_REQUEST_TIMEOUT_MS: "10000" }),
    ).toThrow(ConfigError);
    expect(() => loadConfig({ HTTP_REQUEST_TIMEOUT_MS: "0" })).toThrow(/HTTP_REQUEST_TIMEOUT_MS/);
  });

  it("slowloris: 50 connections sending headers a byte at a time are cut off after the headers timeout", async () => {
    const conns = await Promise.all(Array.from({ length: 50 }, raw));
    const head = `GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${"a".repeat(200)}`;
    await staysResponsive(async () => {
      // One byte per connection every 100 ms; never a complete header block. Stops by itself.
      for (let i = 0; i < head.length && conns.some((c) => !c.isClosed()); i++) {
        for (const c of conns) if (!c.isClosed()) c.socket.write(head[i]!);
        await sleep(100);
      }
    });
    const closedAfter = await Promise.all(conns.map((c) => c.closed));
    // The headers timeout, plus Node's check interval (a quarter of it) and some scheduling slack.
    expect(Math.max(...closedAfter)).toBeLessThan(HEADERS_TIMEOUT_MS * 2 + 1_000);
    for (const c of conns) expect([0, 408]).toContain(statusOf(c.received()));
  });

  it("connections that never send a byte are closed as well", async () => {
    const conns = await Promise.all(Array.from({ length: 50 }, raw));
    const closedAfter = await staysResponsive(() => Promise.all(conns.map((c) => c.closed)));
    expect(Math.max(...closedAfter)).toBeLessThan(HEADERS_TIMEOUT_MS * 2 + 1_000);
  });

  it("requests that declare a large body and stall are cut off after the request timeout, storing nothing", async () => {
    const threadPath = await newThread(member);
    const before = await rowCounts(h.db);
    const targets = [
      { path: "/login", cookie: "" },
      { path: "/password/forgot", cookie: "" },
      { path: threadPath, cookie: member.cookieHeader() },
      { path: `${threadPath}.data`, cookie: member.cookieHeader() },
    ];
    const conns = await Promise.all(Array.from({ length: 20 }, raw));
    conns.forEach((c, i) => {
      const { path, cookie } = targets[i % targets.length]!;
      c.socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${h.url}\r\n` +
          (cookie ? `Cookie: ${cookie}\r\n` : "") +
          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 500000\r\n\r\n" +
          "intent=reply&clientId=stalled-upload-1&body=Det+her+bliver+aldrig+f",
      );
    });
    const closedAfter = await staysResponsive(() => Promise.all(conns.map((c) => c.closed)));
    expect(Math.max(...closedAfter)).toBeLessThan(REQUEST_TIMEOUT_MS * 2 + 1_000);
    expect(Math.min(...closedAfter)).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    for (const c of conns) {
      expect([0, 408]).toContain(statusOf(c.received()));
      expect(looksLikeStackTrace(c.received())).toBe(false);
    }
    expect(await rowCounts(h.db)).toEqual(before);
    expect(unexpectedErrors()).toEqual([]);
  });

  it("a body refused before it was read leaves the kept-alive connection usable", async () => {
    // 405 (a page without a form), 404 (an unknown space) and a redirect to sign in: each is
    // answered before the action reads the body.
    for (const path of ["/accessibility", `/spaces/findes-ikke/threads`, "/profile"]) {
      const c = await raw();
      const body = `body=${"x".repeat(300_000)}`;
      c.socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${h.url}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      c.socket.write(body);
      await until(() => /\r\n\r\n/.test(c.received()), `an answer to POST ${path}`);
      expect([302, 404, 405]).toContain(statusOf(c.received()));
      c.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      await until(() => c.received().includes('"database":"ok"'), `/healthz after POST ${path}`);
      c.socket.destroy();
    }
  });
});

describe("malformed input", () => {
  const hugeHeader = `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${"b".repeat(20_000)}\r\n\r\n`;
  const cases: [string, string | Buffer][] = [
    ["a request line that is not HTTP", "GARBAGE\r\n\r\n"],
    ["an unknown HTTP version", "GET / HTTP/9.9\r\nHost: a\r\n\r\n"],
    ["a NUL byte in the path", "GET /\u0000 HTTP/1.1\r\nHost: a\r\n\r\n"],
    ["a header without a colon", "GET / HTTP/1.1\r\nHost a\r\n\r\n"],
    ["a space before the colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n"],
    [
      "two different Content-Lengths",
      "POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
    ],
    [
      "Content-Length and chunked together (smuggling)",
      "POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ],
    ["a negative Content-Length", "POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"],
    [
      "a broken chunk size",
      "POST /login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ],
    ["headers over 16 KB", hugeHeader],
    ["a TLS handshake on the plain port", Buffer.from("160301020001000100030370", "hex")],
    ["random bytes", Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256))],
    ["no request line at all", "\r\n\r\n\r\n\r\n"],
  ];

  it.each(cases)("%s gets a 4xx and a closed connection", async (_, payload) => {
    const c = await raw();
    c.socket.write(payload);
    const closedAfter = await c.closed;
    expect(closedAfter).toBeLessThan(REQUEST_TIMEOUT_MS * 2);
    const status = statusOf(c.received());
    expect(status === 0 || (status >= 400 && status < 500), c.received().slice(0, 200)).toBe(true);
    expect(looksLikeStackTrace(c.received())).toBe(false);
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it("all of them at once, 20 times over, while a visitor keeps browsing", async () => {
    await staysResponsive(() =>
      Promise.all(
        Array.from({ length: 20 }).flatMap(() =>
          cases.map(async ([, payload]) => {
            const c = await raw();
            c.socket.write(payload);
            await c.closed;
          }),
        ),
      ),
    );
    expect(unexpectedErrors()).toEqual([]);
  });

  it("a body larger than MAX_BODY_BYTES, sent anyway, is refused with 413 and the connection closed", async () => {
    const c = await raw();
    const size = h.config.maxBodyBytes + 1024 * 1024;
    c.socket.write(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${h.url}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${size}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024, "a");
    await staysResponsive(async () => {
      for (let sent = 0; sent < size && !c.isClosed(); sent += chunk.length) {
        if (!c.socket.write(chunk)) await new Promise((r) => setTimeout(r, 5));
      }
      await c.closed;
    });
    expect(statusOf(c.received())).toBe(413);
  });
});

describe("broken multipart bodies", () => {
  const boundary = "----hubtest";
  const multipart = (body: string, type = `multipart/form-data; boundary=${boundary}`) => ({
    body,
    type,
  });
  const bodies: [string, { body: string; type: string }][] = [
    ["no boundary parameter", multipart(`--${boundary}\r\n`, "multipart/form-data")],
    ["an empty boundary", multipart("--\r\n\r\n--", "multipart/form-data; boundary=")],
    ["a boundary that never occurs", multipart("email=a@b.dk&password=x")],
    [
      "an unterminated part",
      multipart(
        `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\nngo@bispebjerg`,
      ),
    ],
    [
      "a part without Content-Disposition",
      multipart(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--\r\n`),
    ],
    [
      "a part without a name",
      multipart(`--${boundary}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${boundary}--\r\n`),
    ],
    [
      "part headers without an end",
      multipart(
        `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n${"X-A: b\r\n".repeat(2000)}`,
      ),
    ],
    [
      "a file where text belongs",
      multipart(
        `--${boundary}\r\nContent-Disposition: form-data; name="body"; filename="a.bin"\r\n` +
          `Content-Type: application/octet-stream\r\n\r\n\u0000\u0001\u0002\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nreply\r\n--${boundary}--\r\n`,
      ),
    ],
    [
      "a JSON body sent as a form",
      { body: '{"intent":"reply","body":"x"}', type: "application/json" },
    ],
    ["no Content-Type at all", { body: "intent=reply&body=x", type: "" }],
  ];

  let threadPath: string;
  beforeAll(async () => {
    threadPath = await newThread(member);
  });

  it.each(bodies)("%s: never a 500 or a stack trace, nothing stored", async (_, { body, type }) => {
    for (const path of ["/login", threadPath, `${threadPath}.data`, `/spaces/${NETWORK}/threads`]) {
      const before = await rowCounts(h.db);
      const client = path === "/login" ? new Client(h.url) : cloneClient(member, h.url);
      const headers = new Headers(type ? { "Content-Type": type } : {});
      const res = await client.request(path, { method: "POST", body, headers });
      const text = await res.text();
      expect(res.status, `${path}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(looksLikeStackTrace(text)).toBe(false);
      expect(await rowCounts(h.db)).toEqual(before);
    }
  });
});

describe("socket floods", () => {
  it("20 members flooding events and 100 handshakes without a session leave a viewer and visitors served", async () => {
    const threadPath = await newThread(member);
    const threadId = threadPath.split("/").pop()!;

    const viewer = await connectSocket(poster.cookieHeader());
    const joined = await viewer
      .timeout(3_000)
      .emitWithAck("thread:join", { threadId, afterSeq: 0 });
    expect(joined.ok).toBe(true);
    const received: number[] = [];
    viewer.on("post:created", ({ post }) => received.push(post.seq));

    const flooders = await Promise.all(
      Array.from({ length: 20 }, () => connectSocket(member.cookieHeader())),
    );
    const disconnected = flooders.map(
      (s) => new Promise<string>((r) => s.once("disconnect", (reason) => r(reason))),
    );

    await staysResponsive(async () => {
      const refused = Array.from({ length: 100 }, () => handshakeWithoutSession());
      for (const [n, s] of flooders.entries()) {
        for (let i = 0; i < 150; i++) {
          if (i % 3 === 0) s.emit("thread:join", { threadId, afterSeq: 0 }, () => {});
          else if (i % 3 === 1) s.emit("thread:typing", { threadId: `${n}-${"x".repeat(1000)}` });
          else (s.emit as (...args: unknown[]) => void)("no:such-event", { junk: i });
        }
      }
      expect(await Promise.all(disconnected)).toEqual(
        Array(flooders.length).fill("io server disconnect"),
      );
      expect(new Set(await Promise.all(refused))).toEqual(new Set([false]));
    });

    // The viewer was not disconnected and still gets new posts at once.
    expect(viewer.connected).toBe(true);
    const res = await poster.post(threadPath, {
      intent: "reply",
      body: "Stadig her",
      clientId: randomUUID(),
    });
    expect(res.status).toBe(200);
    await until(() => received.includes(2), "the viewer's post:created");
    expect(unexpectedErrors()).toEqual([]);
  });
});

// ---- helpers ----

async function until(check: () => boolean, what: string, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(10);
  }
}

async function newThread(member: Client): Promise<string> {
  const res = await member.post(`/spaces/${NETWORK}/threads`, {
    title: `Tråd ${randomUUID().slice(0, 8)}`,
    body: "Første indlæg",
    clientId: randomUUID(),
  });
  expect(res.status).toBe(302);
  return res.headers.get("location")!;
}

async function connectSocket(cookie: string): Promise<HubClientSocket> {
  const socket: HubClientSocket = io(h.url, {
    transports: ["websocket"],
    extraHeaders: { cookie, origin: h.url },
    reconnection: false,
    forceNew: true,
    timeout: 5_000,
  });
  ioSockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

/** Resolves true if a handshake without a session cookie was accepted (it must not be). */
function handshakeWithoutSession(): Promise<boolean> {
  const socket: HubClientSocket = io(h.url, {
    transports: ["websocket"],
    extraHeaders: { origin: h.url },
    reconnection: false,
    forceNew: true,
    timeout: 5_000,
  });
  ioSockets.push(socket);
  return new Promise((resolve) => {
    socket.once("connect", () => resolve(true));
    socket.once("connect_error", () => resolve(false));
  });
}
