import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/hub";
import {
  freePort,
  seededRandom,
  sleep,
  startChild,
  tempDir,
  TSX,
  type Child,
} from "../failure/support";
import {
  bootHub,
  countByClientId,
  ensureBuild,
  hubEnv,
  integrityCheck,
  readDatabase,
  storedThread,
} from "./child-hub";

/**
 * kill -9 of the production server at random moments while four people post replies over
 * HTTP. A reply counts as acknowledged when the reply action answered 200; whatever was in
 * flight at the kill is retried after the restart with the same client id, as the page does.
 * After every restart each acknowledged reply is stored exactly once, every thread's posts run
 * 1..lastSeq without gaps, and `PRAGMA integrity_check` is ok.
 *
 * KILL_ROUNDS (default 20) and KILL_SEED (printed) replay or widen a run.
 */

const ROUNDS = Number(process.env.KILL_ROUNDS ?? 20);
const SEED = Number(process.env.KILL_SEED ?? Date.now() % 2 ** 31);
const NETWORK = "bispebjerg-netvaerk";
const POSTERS = [
  "ngo@bispebjerg.example",
  "leyla.ozdemir@bif.example",
  "amira.khalil@boernsvilkaar.example",
  "hanne.kristiansen@bakkehusene.example",
];
// Bounds: a round posts for at most this long before its kill, and a poster stops after
// this many replies in one round even if the kill has not come.
const MAX_POSTING_MS = 1_500;
const MAX_REPLIES_PER_ROUND = 200;
const REQUEST_MS = 10_000;

interface Reply {
  clientId: string;
  threadPath: string;
  threadId: string;
  author: number;
  acked: boolean;
  /** Sent as the page with JavaScript sends it (`.data`) or as a plain form post. */
  asData: boolean;
}

describe("kill -9 while replies are posted", () => {
  const random = seededRandom(SEED);
  let dir: string;
  let env: Record<string, string>;
  let hub: Child | undefined;
  let base: string;
  const replies: Reply[] = [];
  const threads: string[] = [];
  let posters: Client[] = [];

  beforeAll(async () => {
    ensureBuild();
    dir = tempDir("hub-kill-");
    env = hubEnv(dir, await freePort());
    base = env.PUBLIC_URL!;
    hub = await bootHub(env);
    posters = [];
    for (const email of POSTERS) {
      const client = new Client(base);
      await client.login(email);
      posters.push(client);
    }
  });

  afterAll(async () => {
    await hub?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Sends one reply; true when the action acknowledged it (200), false when it never answered. */
  async function send(reply: Reply): Promise<boolean> {
    try {
      const res = await posters[reply.author]!.post(
        reply.asData ? `${reply.threadPath}.data` : reply.threadPath,
        { intent: "reply", body: `Svar ${reply.clientId}`, clientId: reply.clientId },
        { signal: AbortSignal.timeout(REQUEST_MS) },
      );
      // The status line comes after the commit; the rest of the page may be cut off by the kill.
      if (res.status !== 200) throw new Error(`reply answered ${res.status}`);
      await res.arrayBuffer().catch(() => {});
      return true;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("reply answered")) throw error;
      return false; // connection refused or reset: the server is gone
    }
  }

  async function openThread(round: number): Promise<void> {
    const clientId = randomUUID();
    // Retried like a reply: a kill cannot come before this round's posting starts, but keep it honest.
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await posters[0]!.post(
        `/spaces/${NETWORK}/threads`,
        { title: `Runde ${round}`, body: "Første indlæg", clientId },
        { signal: AbortSignal.timeout(REQUEST_MS) },
      );
      if (res.status === 302) {
        threads.push(res.headers.get("location")!);
        return;
      }
      await sleep(200);
    }
    throw new Error("could not open this round's thread");
  }

  /** Checks the database as the restarted server has it. */
  function verify(label: string) {
    readDatabase(env.DATABASE_PATH!, (sqlite) => {
      expect(integrityCheck(sqlite), label).toEqual(["ok"]);
      const counts = countByClientId(sqlite);
      for (const r of replies) {
        const n = counts.get(r.clientId) ?? 0;
        if (r.acked) expect(n, `${label}: acknowledged ${r.clientId}`).toBe(1);
        else expect(n, `${label}: unacknowledged ${r.clientId}`).toBeLessThanOrEqual(1);
      }
      for (const threadPath of threads) {
        const { posts, thread } = storedThread(sqlite, threadPath.split("/").pop()!);
        expect(thread, label).toBeDefined();
        expect(
          posts.map((p) => p.seq),
          `${label}: ${threadPath}`,
        ).toEqual(posts.map((_, i) => i + 1));
        expect(thread!.lastSeq).toBe(posts.length);
        expect(thread!.replyCount).toBe(posts.length - 1);
      }
    });
  }

  it(`keeps every acknowledged reply exactly once over ${ROUNDS} kills (seed ${SEED})`, async () => {
    console.log(`[kill-restart] seed ${SEED}, ${ROUNDS} rounds`);
    const started = Date.now();
    const stats = { acked: 0, inFlight: 0, startupKills: 0 };

    for (let round = 1; round <= ROUNDS; round++) {
      if (!hub) {
        // Now and then a second crash while the server is still starting (migrations, listen).
        if (random() < 0.2) {
          const starting = startChild(TSX, ["server/index.ts"], env);
          await sleep(100 + random() * 1_400);
          await starting.kill9();
          stats.startupKills++;
        }
        hub = await bootHub(env);
        verify(`after restart ${round - 1}`);
      }

      // Whatever was in flight at the last kill is sent again with the same client id.
      for (const r of replies.filter((r) => !r.acked)) {
        r.acked = await send(r);
        expect(r.acked, `retry of ${r.clientId}`).toBe(true);
      }

      await openThread(round);
      const threadPath = threads.at(-1)!;
      const threadId = threadPath.split("/").pop()!;
      let killed = false;
      const post = async (author: number) => {
        for (let i = 0; !killed && i < MAX_REPLIES_PER_ROUND; i++) {
          const reply: Reply = {
            clientId: randomUUID(),
            threadPath,
            threadId,
            author,
            acked: false,
            asData: random() < 0.5,
          };
          replies.push(reply);
          reply.acked = await send(reply);
          if (!reply.acked) return;
        }
      };
      const posting = Promise.all(posters.map((_, n) => post(n)));
      await sleep(50 + random() * (MAX_POSTING_MS - 50));
      killed = true;
      await hub.kill9();
      hub = undefined;
      await posting;
      stats.acked = replies.filter((r) => r.acked).length;
      stats.inFlight += replies.filter((r) => !r.acked).length;
    }

    hub ??= await bootHub(env);
    verify(`after restart ${ROUNDS}`);
    for (const r of replies.filter((r) => !r.acked)) {
      r.acked = await send(r);
      expect(r.acked).toBe(true);
    }
    // A clean stop at the end: the file is whole and holds every reply, each once.
    await hub.stop();
    hub = undefined;
    verify("after a clean stop");
    readDatabase(env.DATABASE_PATH!, (sqlite) => {
      const counts = countByClientId(sqlite);
      expect(replies.filter((r) => counts.get(r.clientId) !== 1)).toEqual([]);
    });
    console.log(
      `[kill-restart] ${ROUNDS} kills (+${stats.startupKills} during start-up), ` +
        `${replies.length} replies, ${stats.inFlight} in flight at a kill and retried, ` +
        `${Math.round((Date.now() - started) / 1000)} s`,
    );
    expect(stats.acked).toBeGreaterThan(ROUNDS);
  });
});
