import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PostView } from "../../app/lib/post-view";
import type { ClientToServerEvents, ServerToClientEvents } from "../../app/realtime/events";
import { mergePosts } from "../../app/realtime/use-thread-live";
import { Client } from "../helpers/hub";
import { freePort, seededRandom, sleep, tempDir, type Child } from "../failure/support";
import { bootHub, ensureBuild, hubEnv, readDatabase, storedThread } from "./child-hub";

/**
 * Thread viewers on socket.io while the production server is killed with kill -9 and started
 * again, several times, with replies landing before, between and after. Each viewer does what
 * the thread page does (app/realtime/use-thread-live.ts): on every (re)connect it joins with the
 * last seq it has and merges what comes back and what is pushed. Afterwards every viewer has
 * exactly the thread as stored: nothing lost, nothing doubled, in order.
 *
 * RESTART_ROUNDS (default 6) and RESTART_SEED (printed) replay or widen a run.
 */

const ROUNDS = Number(process.env.RESTART_ROUNDS ?? 6);
const SEED = Number(process.env.RESTART_SEED ?? Date.now() % 2 ** 31);
const NETWORK = "bispebjerg-netvaerk";
const REQUEST_MS = 10_000;

type HubClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A viewer of one thread, keeping its posts the way the thread page does. */
interface Viewer {
  name: string;
  socket: HubClientSocket;
  posts: PostView[];
  /** Every post received, from join replies and pushes, before merging. */
  deliveries: PostView[];
  joins: number;
}

describe("socket viewers across kill -9 restarts", () => {
  const random = seededRandom(SEED);
  let dir: string;
  let env: Record<string, string>;
  let base: string;
  let hub: Child | undefined;
  const viewers: Viewer[] = [];

  beforeAll(async () => {
    ensureBuild();
    dir = tempDir("hub-restart-");
    env = hubEnv(dir, await freePort());
    base = env.PUBLIC_URL!;
    hub = await bootHub(env);
  });

  afterAll(async () => {
    for (const v of viewers) v.socket.close();
    await hub?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function watch(name: string, client: Client, threadId: string): Viewer {
    const socket: HubClientSocket = io(base, {
      transports: ["websocket"],
      extraHeaders: { cookie: client.cookieHeader(), origin: base },
      reconnection: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      randomizationFactor: 0.5,
      timeout: 5_000,
      forceNew: true,
    });
    const viewer: Viewer = { name, socket, posts: [], deliveries: [], joins: 0 };
    const join = () => {
      const afterSeq = viewer.posts.at(-1)?.seq ?? 0;
      socket.emit("thread:join", { threadId, afterSeq }, (reply) => {
        if (!reply.ok) return;
        viewer.joins++;
        viewer.deliveries.push(...reply.posts);
        viewer.posts = mergePosts(viewer.posts, reply.posts);
      });
    };
    socket.on("connect", join);
    socket.on("post:created", ({ threadId: t, post }) => {
      if (t !== threadId) return;
      viewer.deliveries.push(post);
      viewer.posts = mergePosts(viewer.posts, [post]);
    });
    viewers.push(viewer);
    return viewer;
  }

  it(`viewers catch up after ${ROUNDS} kills with nothing lost or doubled (seed ${SEED})`, async () => {
    console.log(`[socket-restart] seed ${SEED}, ${ROUNDS} rounds`);
    const started = Date.now();
    const [yasmin, leyla, amira, hanne] = await Promise.all(
      [
        "ngo@bispebjerg.example",
        "leyla.ozdemir@bif.example",
        "amira.khalil@boernsvilkaar.example",
        "hanne.kristiansen@bakkehusene.example",
      ].map(async (email) => {
        const c = new Client(base);
        await c.login(email);
        return c;
      }),
    );
    const opened = await yasmin!.post(`/spaces/${NETWORK}/threads`, {
      title: "Genstart under samtalen",
      body: "Første indlæg",
      clientId: randomUUID(),
    });
    expect(opened.status).toBe(302);
    const threadPath = opened.headers.get("location")!;
    const threadId = threadPath.split("/").pop()!;

    // Two viewers reconnect by themselves; a third is offline across each restart and comes back
    // later with a fresh connection, as a page opened again would.
    const live = [watch("leyla", leyla!, threadId), watch("amira", amira!, threadId)];
    let away = watch("hanne", hanne!, threadId);
    await until(() => viewers.every((v) => v.joins > 0), "the first joins");

    const pending: { clientId: string; author: Client }[] = [];
    const acked: string[] = [];
    const send = async (author: Client, clientId: string) => {
      try {
        const res = await author.post(
          `${threadPath}.data`,
          { intent: "reply", body: `Svar ${clientId}`, clientId },
          { signal: AbortSignal.timeout(REQUEST_MS) },
        );
        if (res.status !== 200) throw new Error(`reply answered ${res.status}`);
        acked.push(clientId);
        return true;
      } catch (error) {
        if (error instanceof Error && error.message.startsWith("reply answered")) throw error;
        return false;
      }
    };

    for (let round = 1; round <= ROUNDS; round++) {
      let killed = false;
      const post = async (author: Client) => {
        for (let i = 0; !killed && i < 200; i++) {
          const clientId = randomUUID();
          if (!(await send(author, clientId))) {
            pending.push({ clientId, author });
            return;
          }
          await sleep(random() * 30);
        }
      };
      const posting = Promise.all([post(yasmin!), post(leyla!)]);
      await sleep(200 + random() * 1_000);
      if (random() < 0.5) {
        away.socket.close();
      }
      killed = true;
      await hub!.kill9();
      hub = undefined;
      await posting;
      // Down for a while: the live viewers keep trying to reconnect.
      await sleep(random() * 1_000);
      hub = await bootHub(env);
      for (const p of pending.splice(0)) expect(await send(p.author, p.clientId)).toBe(true);
      // Replies after the restart, before the viewer that was away comes back.
      for (let i = 0; i < 5; i++) expect(await send(amira!, randomUUID())).toBe(true);
      if (!away.socket.active) {
        const { posts, deliveries } = away;
        viewers.splice(viewers.indexOf(away), 1);
        away = watch("hanne", hanne!, threadId);
        away.posts = posts;
        away.deliveries = deliveries;
      }
    }

    const stored = readDatabase(env.DATABASE_PATH!, (sqlite) => storedThread(sqlite, threadId));
    await until(
      () => viewers.every((v) => v.posts.at(-1)?.seq === stored.thread!.lastSeq),
      "every viewer at the last post",
      15_000,
    );
    const expected = stored.posts.map((p) => ({ seq: p.seq, id: p.id, source: p.body }));
    for (const v of [...live, away]) {
      expect(
        v.posts.map((p) => ({ seq: p.seq, id: p.id, source: p.source })),
        v.name,
      ).toEqual(expected);
      // A seq was never delivered as two different posts.
      for (const d of v.deliveries) expect(d.id, v.name).toBe(stored.posts[d.seq - 1]!.id);
    }
    // Every acknowledged reply is in the thread once.
    const bodies = stored.posts.map((p) => p.body);
    for (const id of acked) expect(bodies.filter((b) => b === `Svar ${id}`)).toHaveLength(1);
    expect(stored.thread!.lastSeq).toBe(stored.posts.length);
    console.log(
      `[socket-restart] ${ROUNDS} kills, ${stored.posts.length} posts, joins per viewer ` +
        `${live.map((v) => v.joins).join("/")}, ${Math.round((Date.now() - started) / 1000)} s`,
    );
  });
});

async function until(check: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(20);
  }
}
