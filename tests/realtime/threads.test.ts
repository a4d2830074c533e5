import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PostView } from "../../app/lib/post-view";
import type { ClientToServerEvents, ServerToClientEvents, Viewer } from "../../app/realtime/events";
import { Client, startTestHub, type TestHub } from "../helpers/hub";
import { cloneClient, mainOf, membershipId, signIn, spaceId, userId } from "../helpers/fixtures";

/**
 * Threads over real sockets on a real hub: what each person's browser receives while viewing a
 * thread, what it gets back after being offline (also across a server restart), and what a
 * removed member, a stranger or a misbehaving client can no longer get or break.
 */

type HubClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type JoinReply =
  | { ok: true; posts: PostView[]; viewers: Viewer[]; lastSeq: number }
  | { ok: false; error: string };

const NETWORK = "bispebjerg-netvaerk";
const EXPERTS = "ekspertgruppen";
const ACK_MS = 3_000;
const REMOVAL_MS = 5_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 10 ms until it holds; fails after `ms` with `what`. */
async function waitUntil(check: () => boolean | Promise<boolean>, what: string, ms = ACK_MS) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** Everything `socket` receives of `event`, in order. */
function record<E extends keyof ServerToClientEvents>(socket: HubClientSocket, event: E) {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => {
    seen.push(payload);
  }) as never);
  return seen;
}

const open: HubClientSocket[] = [];

/**
 * A socket with a person's session cookie and the hub's Origin, resolved once the server has put
 * it in its rooms (the person's and their spaces'), so that nothing published after this is missed.
 */
async function connect(h: TestHub, client: Client): Promise<HubClientSocket> {
  const socket: HubClientSocket = io(h.url, {
    transports: ["websocket"],
    extraHeaders: { cookie: client.cookieHeader(), origin: h.url },
    reconnection: false,
    forceNew: true,
    timeout: ACK_MS,
  });
  open.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  // why: the server joins a new socket's rooms just after "connect" reaches the client; reading
  // the server's own room list is the only way to know that has happened.
  await waitUntil(
    () => (h.hub.io.sockets.sockets.get(socket.id!)?.rooms.size ?? 0) > 1,
    "the socket's rooms",
  );
  return socket;
}

function join(socket: HubClientSocket, threadId: string, afterSeq = 0): Promise<JoinReply> {
  return socket.timeout(ACK_MS).emitWithAck("thread:join", { threadId, afterSeq });
}

async function joined(socket: HubClientSocket, threadId: string, afterSeq = 0) {
  const reply = await join(socket, threadId, afterSeq);
  if (!reply.ok) throw new Error(`could not join ${threadId}: ${reply.error}`);
  return reply;
}

/** Resolves with the reason when the socket disconnects; rejects after `ms`. */
function disconnection(socket: HubClientSocket, ms = ACK_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

async function createThread(client: Client, title: string, slug = NETWORK): Promise<string> {
  const res = await client.post(`/spaces/${slug}/threads`, {
    title,
    body: `Første indlæg: ${title}`,
    clientId: randomUUID(),
  });
  expect(res.status).toBe(302);
  return res.headers.get("location")!.split("/").pop()!;
}

function reply(client: Client, threadId: string, body: string, clientId = randomUUID()) {
  return client.post(`/spaces/${NETWORK}/threads/${threadId}`, {
    intent: "reply",
    body,
    clientId,
  });
}

async function replyOk(client: Client, threadId: string, body: string, slug = NETWORK) {
  const res = await client.post(`/spaces/${slug}/threads/${threadId}`, {
    intent: "reply",
    body,
    clientId: randomUUID(),
  });
  expect(res.status).toBe(200);
}

const seqs = (posts: { seq: number }[]) => posts.map((p) => p.seq);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

describe("threads over sockets", () => {
  let h: TestHub;
  let yasmin: Client; // member
  let leyla: Client; // chair
  let amira: Client; // member
  let mette: Client; // secretariat
  let sofie: Client; // ekspertgruppen only
  let hanne: Client; // member, removed during a test
  let ids: Record<"yasmin" | "leyla" | "amira" | "network", string>;

  beforeAll(async () => {
    h = await startTestHub();
    [yasmin, leyla, amira, mette, sofie, hanne] = await Promise.all([
      signIn(h, "ngo@bispebjerg.example"),
      signIn(h, "leyla.ozdemir@bif.example"),
      signIn(h, "amira.khalil@boernsvilkaar.example"),
      signIn(h, "sekretariat@bif.example"),
      signIn(h, "ekspert@boernsvilkaar.example"),
      signIn(h, "hanne.kristiansen@bakkehusene.example"),
    ]);
    ids = {
      yasmin: await userId(h.db, "ngo@bispebjerg.example"),
      leyla: await userId(h.db, "leyla.ozdemir@bif.example"),
      amira: await userId(h.db, "amira.khalil@boernsvilkaar.example"),
      network: await spaceId(h.db, NETWORK),
    };
  });
  afterAll(async () => {
    await h?.close();
  });

  it("two people viewing a thread both receive a reply posted over HTTP, once each", async () => {
    const threadId = await createThread(yasmin, "Fællesspisning i december");
    const [a, b, stranger] = await Promise.all([
      connect(h, yasmin),
      connect(h, leyla),
      connect(h, sofie),
    ]);
    expect(await joined(a, threadId, 1)).toMatchObject({ posts: [], lastSeq: 1 });
    expect(seqs((await joined(b, threadId, 0)).posts)).toEqual([1]);
    const [atA, atB, atStranger] = [a, b, stranger].map((s) => record(s, "post:created"));

    await replyOk(leyla, threadId, "Jeg kommer gerne og tager **dessert** med.");
    await waitUntil(() => atA.length === 1 && atB.length === 1, "the first reply on both sockets");
    expect(atA[0]).toEqual(atB[0]);
    expect(atA[0]!.threadId).toBe(threadId);
    expect(atA[0]!.post).toMatchObject({
      seq: 2,
      authorId: ids.leyla,
      authorName: "Leyla Özdemir",
      state: "visible",
      html: "<p>Jeg kommer gerne og tager <strong>dessert</strong> med.</p>\n",
    });

    await replyOk(yasmin, threadId, "Dejligt, tak!");
    await waitUntil(() => atB.length === 2 && atA.length === 2, "the second reply");
    expect(atB[1]!.post).toMatchObject({ seq: 3, authorId: ids.yasmin });

    // A retry of a stored reply, an empty one and one in a foreign space broadcast nothing...
    const clientId = randomUUID();
    expect((await reply(leyla, threadId, "Også kaffe", clientId)).status).toBe(200);
    expect((await reply(leyla, threadId, "Også kaffe", clientId)).status).toBe(200);
    expect((await reply(leyla, threadId, "   ")).status).toBe(400);
    expect((await reply(sofie, threadId, "Udefra")).status).toBe(404);
    // ...which the next real reply, delivered in order after them, proves.
    await replyOk(yasmin, threadId, "Sidste svar");
    await waitUntil(() => atA.length === 4 && atB.length === 4, "the fence reply");
    expect(seqs(atA.map((e) => e.post))).toEqual([2, 3, 4, 5]);
    expect(seqs(atB.map((e) => e.post))).toEqual([2, 3, 4, 5]);
    expect(atStranger).toEqual([]);
  });

  it("presence lists both viewers after they join and drops one when it disconnects", async () => {
    const threadId = await createThread(yasmin, "Hvem læser med?");
    const a = await connect(h, yasmin);
    const atA = record(a, "thread:presence");
    expect((await joined(a, threadId)).viewers.map((v) => v.id)).toEqual([ids.yasmin]);

    const b = await connect(h, leyla);
    const both = [ids.leyla, ids.yasmin].sort();
    expect((await joined(b, threadId)).viewers.map((v) => v.id).sort()).toEqual(both);
    await waitUntil(() => atA.at(-1)?.viewers.length === 2, "presence with two viewers");
    expect(atA.at(-1)).toEqual({
      threadId,
      viewers: [
        { id: ids.leyla, name: "Leyla Özdemir" },
        { id: ids.yasmin, name: "Yasmin Haddad" },
      ],
    });

    // A second tab of the same person is still one viewer.
    const b2 = await connect(h, leyla);
    expect((await joined(b2, threadId)).viewers).toHaveLength(2);

    b.disconnect();
    b2.disconnect();
    await waitUntil(() => atA.at(-1)?.viewers.length === 1, "presence without Leyla");
    expect(atA.at(-1)).toEqual({ threadId, viewers: [{ id: ids.yasmin, name: "Yasmin Haddad" }] });

    // Leaving the thread (navigating away) is announced the same way.
    const c = await connect(h, amira);
    await joined(c, threadId);
    await waitUntil(() => atA.at(-1)?.viewers.length === 2, "presence with Amira");
    expect(await c.timeout(ACK_MS).emitWithAck("thread:leave", { threadId })).toEqual({ ok: true });
    await waitUntil(() => atA.at(-1)?.viewers.length === 1, "presence after Amira left");
  });

  it("typing reaches the other viewers, not the sender and not someone outside the thread", async () => {
    const threadId = await createThread(yasmin, "Hvem skriver?");
    const [a, b, c] = await Promise.all([connect(h, yasmin), connect(h, leyla), connect(h, amira)]);
    await joined(a, threadId);
    await joined(b, threadId);
    const [atA, atB, atC] = [a, b, c].map((s) => record(s, "thread:typing"));

    expect(await b.timeout(ACK_MS).emitWithAck("thread:typing", { threadId })).toEqual({
      ok: true,
    });
    await waitUntil(() => atA.length === 1, "Leyla's typing at Yasmin");
    expect(atA[0]).toEqual({ threadId, user: { id: ids.leyla, name: "Leyla Özdemir" } });

    // Amira is connected but not viewing: she may not type there and sees nobody typing.
    expect(await c.timeout(ACK_MS).emitWithAck("thread:typing", { threadId })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await a.timeout(ACK_MS).emitWithAck("thread:typing", { threadId })).toEqual({
      ok: true,
    });
    await waitUntil(() => atB.length === 1, "Yasmin's typing at Leyla");
    await sleep(100);
    expect(atA).toHaveLength(1);
    expect(atB).toEqual([{ threadId, user: { id: ids.yasmin, name: "Yasmin Haddad" } }]);
    expect(atC).toEqual([]);
  });

  it("a client offline while 50 replies land gets exactly those 50, in order, when it rejoins", async () => {
    const threadId = await createThread(yasmin, "Planlægning af foråret");
    const first = await connect(h, yasmin);
    const seen = (await joined(first, threadId)).posts;
    const lastSeen = seen.at(-1)!.seq;
    expect(lastSeen).toBe(1);
    first.disconnect();

    for (let i = 1; i <= 50; i++) await replyOk(leyla, threadId, `Svar nummer ${i}`);

    const again = await connect(h, yasmin);
    const caughtUp = await joined(again, threadId, lastSeen);
    expect(caughtUp.lastSeq).toBe(51);
    expect(seqs(caughtUp.posts)).toEqual(range(2, 51));
    expect(caughtUp.posts.map((p) => p.html)).toEqual(
      range(1, 50).map((i) => `<p>Svar nummer ${i}</p>\n`),
    );
    expect(new Set(caughtUp.posts.map((p) => p.id)).size).toBe(50);
    // Up to date: joining again from the newest seq brings nothing twice.
    expect((await joined(again, threadId, 51)).posts).toEqual([]);
  });

  it("a removed member gets membership:ended within 5 s and nothing more from the space", async () => {
    const threadId = await createThread(yasmin, "Netværkets julefrokost");
    const [removed, viewer] = await Promise.all([connect(h, hanne), connect(h, yasmin)]);
    await joined(removed, threadId);
    await joined(viewer, threadId);
    const created = record(removed, "post:created");
    const activity = record(removed, "space:activity");
    const ended = record(removed, "membership:ended");
    const atViewer = record(viewer, "post:created");

    await replyOk(leyla, threadId, "Før");
    await waitUntil(() => created.length === 1 && activity.length === 1, "Hanne's last reply");

    const started = Date.now();
    const res = await mette.post(`/spaces/${NETWORK}/members`, {
      intent: "end",
      membershipId: await membershipId(h.db, NETWORK, "hanne.kristiansen@bakkehusene.example"),
    });
    expect(res.status).toBe(200);
    await waitUntil(() => ended.length === 1, "membership:ended", REMOVAL_MS);
    expect(Date.now() - started).toBeLessThan(REMOVAL_MS);
    expect(ended).toEqual([{ spaceId: ids.network }]);

    await replyOk(leyla, threadId, "Efter");
    await waitUntil(() => atViewer.length === 2, "the reply after the removal at Yasmin");
    await sleep(200);
    expect(created.map((e) => e.post.seq)).toEqual([2]);
    expect(activity.map((e) => e.lastSeq)).toEqual([2]);

    // She cannot come back in over the socket, nor through a new connection.
    expect(await join(removed, threadId)).toEqual({ ok: false, error: "not_found" });
    expect(await removed.timeout(ACK_MS).emitWithAck("thread:typing", { threadId })).toEqual({
      ok: false,
      error: "not_found",
    });
    const fresh = await connect(h, hanne);
    expect(await join(fresh, threadId)).toEqual({ ok: false, error: "not_found" });
    const freshSeen = [record(fresh, "post:created"), record(fresh, "space:activity")];
    await replyOk(leyla, threadId, "Stadig efter");
    await waitUntil(() => atViewer.length === 3, "the next reply at Yasmin");
    await sleep(200);
    expect(freshSeen.flat()).toEqual([]);
    expect(created).toHaveLength(1);
    expect(removed.connected).toBe(true);
  });

  it("a foreign thread, a forged id and a malformed id cannot be joined", async () => {
    const foreign = await createThread(sofie, "Ekspertgruppens høringssvar", EXPERTS);
    const own = await createThread(yasmin, "Vores egen tråd");
    const socket = await connect(h, yasmin);
    const received = record(socket, "post:created");
    await joined(socket, own);

    expect(await join(socket, foreign)).toEqual({ ok: false, error: "not_found" });
    expect(await join(socket, randomUUID())).toEqual({ ok: false, error: "not_found" });
    const malformed: unknown[] = [
      { threadId: "not-a-uuid", afterSeq: 0 },
      { threadId: `${foreign}' OR 1=1 --`, afterSeq: 0 },
      { threadId: foreign.toUpperCase().replace(/-/g, ""), afterSeq: 0 },
      { threadId: foreign, afterSeq: -1 },
      { threadId: foreign, afterSeq: 1.5 },
      { threadId: foreign, afterSeq: "0" },
      { threadId: foreign },
      { threadId: [foreign], afterSeq: 0 },
      null,
      "thread",
    ];
    for (const payload of malformed) {
      const reply = await socket.timeout(ACK_MS).emitWithAck("thread:join", payload as never);
      expect(reply, JSON.stringify(payload)).toEqual({ ok: false, error: "invalid" });
    }
    for (const event of ["thread:typing", "thread:read"] as const) {
      const reply = await socket
        .timeout(ACK_MS)
        .emitWithAck(event, { threadId: foreign, seq: 1 } as never);
      expect(reply, event).toEqual({ ok: false, error: "not_found" });
    }
    const readers = await h.db
      .selectFrom("threadReader")
      .select("userId")
      .where("threadId", "=", foreign)
      .where("userId", "=", ids.yasmin)
      .execute();
    expect(readers).toEqual([]);

    // Replies in the foreign thread never reach her; one in her own thread does.
    await replyOk(sofie, foreign, "Internt i ekspertgruppen", EXPERTS);
    await replyOk(leyla, own, "Til netværket");
    await waitUntil(() => received.length >= 1, "the reply in her own thread");
    await sleep(100);
    expect(received.map((e) => e.threadId)).toEqual([own]);
  });

  it("an unknown event or a malformed payload gets an error ack and never crashes the server", async () => {
    const threadId = await createThread(yasmin, "Robusthed");
    const socket = await connect(h, yasmin);
    const raw = socket as unknown as Socket;

    expect(await raw.timeout(ACK_MS).emitWithAck("admin:delete-everything", {})).toEqual({
      ok: false,
      error: "unknown_event",
    });
    expect(await raw.timeout(ACK_MS).emitWithAck("thread:join")).toEqual({
      ok: false,
      error: "invalid",
    });
    const cases: [string, unknown][] = [
      ["thread:leave", 123],
      ["thread:leave", { threadId: "nope" }],
      ["thread:typing", "typing"],
      ["thread:typing", { threadId: null }],
      ["thread:read", { threadId, seq: -1 }],
      ["thread:read", { threadId, seq: "5" }],
      ["thread:read", { threadId, seq: Number.MAX_VALUE }],
      ["thread:read", [threadId, 5]],
    ];
    for (const [event, payload] of cases) {
      const reply = await raw.timeout(ACK_MS).emitWithAck(event, payload);
      expect(reply, `${event} ${JSON.stringify(payload)}`).toEqual({ ok: false, error: "invalid" });
    }
    // Without an ack to answer, bad events are dropped quietly.
    raw.emit("thread:join", { threadId: "x" });
    raw.emit("thread:read", null);
    raw.emit("thread:typing");
    raw.emit("no:such-event", 1, 2, 3);
    expect(socket.connected).toBe(true);
    expect((await joined(socket, threadId)).lastSeq).toBe(1);

    // Frames that are no valid packet (broken JSON; the server's own reserved event name, with
    // ack id 7) close that one connection and nothing else.
    for (const frame of ['2["thread:join", {', '27["disconnecting"]']) {
      const broken = await connect(h, leyla);
      const gone = disconnection(broken);
      broken.io.engine.send(frame);
      expect(await gone, frame).toBe("transport close");
    }
    expect(socket.connected).toBe(true);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect(h.logs.filter((l) => /unexpected|unhandled/i.test(l))).toEqual([]);
  });

  it("the flood limit refuses events over 40 in 10 s and disconnects a socket far beyond it", async () => {
    const threadId = await createThread(yasmin, "Flodbølge");
    const [flooder, bystander] = await Promise.all([connect(h, yasmin), connect(h, yasmin)]);
    // Acks may come back in any order: each is kept at the place of the event it answers.
    const replies: ({ ok: boolean; error?: string } | undefined)[] = Array(45).fill(undefined);
    for (let i = 0; i < 45; i++) {
      flooder.emit("thread:leave", { threadId }, (r) => (replies[i] = r as never));
    }
    await waitUntil(() => replies.every(Boolean), "45 acks");
    expect(replies.slice(0, 40).every((r) => r?.ok)).toBe(true);
    expect(replies.slice(40)).toEqual(Array(5).fill({ ok: false, error: "rate_limited" }));

    const gone = disconnection(flooder);
    for (let i = 0; i < 100; i++) flooder.emit("thread:leave", { threadId });
    expect(await gone).toBe("io server disconnect");
    // Another connection of the same person is not punished.
    expect(bystander.connected).toBe(true);
    expect((await joined(bystander, threadId)).lastSeq).toBe(1);
  });

  it("a socket message over 64 KB disconnects that socket only", async () => {
    const threadId = await createThread(yasmin, "Store beskeder");
    const [big, other] = await Promise.all([connect(h, yasmin), connect(h, leyla)]);
    await joined(other, threadId);

    // Just under the limit is only bad input.
    const near = await big
      .timeout(ACK_MS)
      .emitWithAck("thread:typing", { threadId: "x".repeat(60 * 1024) });
    expect(near).toEqual({ ok: false, error: "invalid" });
    expect(big.connected).toBe(true);

    const gone = disconnection(big);
    big.emit("thread:typing", { threadId: "x".repeat(70 * 1024) });
    expect(await gone).toBe("transport close");
    expect(other.connected).toBe(true);
    expect((await joined(other, threadId)).lastSeq).toBe(1);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });

  it("space:activity reaches members who are not viewing; read positions drive the unread counts", async () => {
    const threadId = await createThread(yasmin, "Ulæst via sockets");
    const [member, stranger] = await Promise.all([connect(h, amira), connect(h, sofie)]);
    const activity = record(member, "space:activity");
    const strangerActivity = record(stranger, "space:activity");
    const unread = async () => {
      const res = await amira.get(`/spaces/${NETWORK}/threads`);
      const item = mainOf(await res.text())
        .split('<li class="thread-list__item">')
        .find((chunk) => chunk.includes(`/threads/${threadId}"`));
      return Number(/<p class="unread">(\d+) /.exec(item ?? "")?.[1] ?? 0);
    };

    await replyOk(leyla, threadId, "Første svar");
    await waitUntil(() => activity.length === 1, "space:activity");
    expect(activity[0]).toEqual({ spaceId: ids.network, threadId, lastSeq: 2 });
    expect(await unread()).toBe(2);

    const read = (seq: number) =>
      member.timeout(ACK_MS).emitWithAck("thread:read", { threadId, seq });
    expect(await read(2)).toEqual({ ok: true });
    expect(await unread()).toBe(0);
    // A read position never moves back...
    expect(await read(1)).toEqual({ ok: true });
    expect(await unread()).toBe(0);
    // ...nor past the end of the thread, so later replies still count as unread.
    expect(await read(1_000_000)).toEqual({ ok: true });
    await replyOk(yasmin, threadId, "Andet svar");
    await waitUntil(() => activity.length === 2, "the second space:activity");
    expect(activity[1]).toMatchObject({ threadId, lastSeq: 3 });
    expect(await unread()).toBe(1);
    const header = await (await amira.get("/")).text();
    expect(header).toMatch(
      /href="\/spaces\/bispebjerg-netvaerk"[^>]*>[^<]*<span class="nav-badge">/,
    );

    // Catching up from the last seen seq brings exactly the new reply.
    const caught = await joined(member, threadId, 2);
    expect(seqs(caught.posts)).toEqual([3]);
    expect(strangerActivity).toEqual([]);
  });

  it("catch-up follows the page's rules: hidden text only for the secretariat, deleted for nobody", async () => {
    const threadId = await createThread(yasmin, "Moderation i genafspilning");
    await replyOk(amira, threadId, "Et indlæg der skjules");
    await replyOk(yasmin, threadId, "Et indlæg der slettes");
    const [memberSocket, secretariatSocket] = await Promise.all([
      connect(h, leyla),
      connect(h, mette),
    ]);
    await joined(memberSocket, threadId, 3);
    const updates = record(memberSocket, "post:updated");
    const posts = await h.db
      .selectFrom("post")
      .select(["id", "seq"])
      .where("threadId", "=", threadId)
      .orderBy("seq")
      .execute();
    const url = `/spaces/${NETWORK}/threads/${threadId}`;
    const hide = { intent: "hide", postId: posts[1]!.id, reason: "Personoplysninger" };
    expect((await mette.post(url, hide)).status).toBe(200);
    expect((await yasmin.post(url, { intent: "delete", postId: posts[2]!.id })).status).toBe(200);
    await waitUntil(() => updates.length === 2, "two post:updated events");
    expect(updates.map((u) => u.postId)).toEqual([posts[1]!.id, posts[2]!.id]);

    const asMember = (await joined(memberSocket, threadId, 1)).posts;
    expect(asMember[0]).toMatchObject({
      seq: 2,
      state: "hidden",
      html: "",
      source: "",
      hiddenReason: "Personoplysninger",
    });
    expect(asMember[1]).toMatchObject({ seq: 3, state: "deleted", html: "", source: "" });
    const asSecretariat = (await joined(secretariatSocket, threadId, 1)).posts;
    expect(asSecretariat[0]).toMatchObject({
      state: "hidden",
      html: "<p>Et indlæg der skjules</p>\n",
    });
    expect(asSecretariat[1]).toMatchObject({ state: "deleted", html: "" });
  });
});

describe("catch-up across a server restart", () => {
  let h: TestHub | undefined;

  afterAll(async () => {
    await h?.close();
  });

  it("a client that was away while the hub restarted gets exactly the 50 replies, in order", async () => {
    h = await startTestHub();
    const yasmin = await signIn(h, "ngo@bispebjerg.example");
    const leyla = await signIn(h, "leyla.ozdemir@bif.example");
    const threadId = await createThread(yasmin, "Genstart af serveren");

    const before = await connect(h, yasmin);
    const lastSeen = (await joined(before, threadId)).posts.at(-1)!.seq;
    const live = await connect(h, leyla);
    await joined(live, threadId);
    before.disconnect();
    for (let i = 1; i <= 25; i++) await replyOk(leyla, threadId, `Svar nummer ${i}`);

    const dropped = disconnection(live);
    const { dir } = h;
    await h.close();
    expect(await dropped).toBeTruthy();
    h = await startTestHub({ dir });

    // Same database, same sessions: the cookies from before the restart still work.
    const leylaAfter = cloneClient(leyla, h.url);
    const yasminAfter = cloneClient(yasmin, h.url);
    for (let i = 26; i <= 50; i++) await replyOk(leylaAfter, threadId, `Svar nummer ${i}`);

    const after = await connect(h, yasminAfter);
    const caughtUp = await joined(after, threadId, lastSeen);
    expect(caughtUp.lastSeq).toBe(lastSeen + 50);
    expect(seqs(caughtUp.posts)).toEqual(range(lastSeen + 1, lastSeen + 50));
    expect(caughtUp.posts.map((p) => p.html)).toEqual(
      range(1, 50).map((i) => `<p>Svar nummer ${i}</p>\n`),
    );
    expect(new Set(caughtUp.posts.map((p) => p.id)).size).toBe(50);
  });
});
