import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { checkIntegrity } from "../../db/client";
import { cloneClient, signIn } from "../helpers/fixtures";
import { startTestHub, type Client, type TestHub } from "../helpers/hub";
import { sleep, startChild, tempDir, TSX, type Child } from "./support";

/**
 * `npm run db:backup` while the hub keeps taking replies: the copy passes SQLite's integrity
 * check, holds every reply acknowledged before the backup started (and no half-written one), and
 * a hub started on the copy serves them.
 */

const NETWORK = "bispebjerg-netvaerk";
const PRE_BACKUP_REPLIES = 20;
// Bounds of the write loop, which otherwise stops when the backup process has exited.
const MAX_REPLIES = 3_000;
const MAX_WRITE_MS = 60_000;

// Concurrent: the refusals run while the first test is busy writing.
describe.concurrent("online backup", () => {
  let live: TestHub | undefined;
  let restored: TestHub | undefined;
  let cli: Child | undefined;
  const dirs: string[] = [];

  afterAll(async () => {
    await cli?.stop();
    await live?.close();
    await restored?.close();
    for (const dir of [...dirs, live?.dir, restored?.dir]) {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("copies a consistent database while replies keep landing, and the copy restores", async () => {
    live = await startTestHub();
    const writers = await Promise.all([
      signIn(live, "ngo@bispebjerg.example"),
      signIn(live, "leyla.ozdemir@bif.example"),
    ]);
    const opened = await writers[0]!.post(`/spaces/${NETWORK}/threads`, {
      title: "Under sikkerhedskopiering",
      body: "Første indlæg",
      clientId: randomUUID(),
    });
    expect(opened.status).toBe(302);
    const threadPath = opened.headers.get("location")!;
    const threadId = threadPath.split("/").pop()!;

    // Acknowledged replies, in the order their 200 arrived.
    const acked: string[] = [];
    let stop = false;
    const started = Date.now();
    const write = async (client: Client, who: string) => {
      for (let i = 0; !stop && acked.length < MAX_REPLIES; i++) {
        if (Date.now() - started > MAX_WRITE_MS) break;
        const clientId = `${who}-${i}-${randomUUID()}`;
        // As the page with JavaScript posts: the action alone, no page rendered after it.
        const res = await client.post(`${threadPath}.data`, {
          intent: "reply",
          body: clientId,
          clientId,
        });
        await res.arrayBuffer();
        expect(res.status).toBe(200);
        acked.push(clientId);
      }
    };
    const writing = Promise.all(writers.map((c, n) => write(c, `w${n}`)));

    while (acked.length < PRE_BACKUP_REPLIES) await sleep(5);
    const beforeBackup = [...acked];
    const backupDir = tempDir("hub-backup-");
    dirs.push(backupDir);
    const target = path.join(backupDir, "nested", "hub-copy.sqlite");
    cli = startChild("npx", ["tsx", "db/cli.ts", "backup", target], {
      DATABASE_PATH: live.config.databasePath,
    });
    const timeout = setTimeout(() => void cli?.stop(), 45_000);
    const exit = await cli.exited;
    clearTimeout(timeout);
    const duringBackup = acked.length - beforeBackup.length;
    stop = true;
    await writing;

    expect(exit, cli.output()).toEqual({ code: 0, signal: null });
    expect(cli.output()).toContain("integrity check of the backup: ok");
    // The writes really went on while the backup process ran.
    expect(duringBackup).toBeGreaterThan(0);
    expect(checkIntegrity(target)).toEqual(["ok"]);
    expect(fs.existsSync(`${target}.partial`)).toBe(false);

    // Restore: the copy alone in a fresh data folder, a hub started on it.
    const restoreDir = tempDir("hub-restore-");
    fs.copyFileSync(target, path.join(restoreDir, "hub.sqlite"));
    restored = await startTestHub({ dir: restoreDir });

    const rows = await restored.db
      .selectFrom("post")
      .select(["seq", "clientId", "body"])
      .where("threadId", "=", threadId)
      .orderBy("seq")
      .execute();
    const thread = await restored.db
      .selectFrom("thread")
      .select(["lastSeq", "replyCount"])
      .where("id", "=", threadId)
      .executeTakeFirstOrThrow();
    const stored = rows.slice(1).map((r) => r.clientId!);
    // Every reply acknowledged before the backup began, each once.
    for (const id of beforeBackup) expect(stored.filter((s) => s === id)).toHaveLength(1);
    // A snapshot: posts 1..lastSeq without gaps, the thread's counters agree, nothing unacknowledged.
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(thread.lastSeq).toBe(rows.length);
    expect(thread.replyCount).toBe(rows.length - 1);
    expect(new Set(stored).size).toBe(stored.length);
    for (const id of stored) expect(acked).toContain(id);
    expect(stored.length).toBeGreaterThanOrEqual(beforeBackup.length);

    // The restored hub serves them to a member whose session was in the copy too.
    const reader = cloneClient(writers[0]!, restored.url);
    const page = await reader.get(threadPath);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const id of beforeBackup) expect(html).toContain(`<p>${id}</p>`);
    const health = await fetch(`${restored.url}/healthz`);
    expect(await health.json()).toMatchObject({ status: "ok", database: "ok" });
  });

  it("refuses to overwrite an existing file, and exits non-zero without a database", async () => {
    const dir = tempDir("hub-backup-refuse-");
    dirs.push(dir);
    const database = path.join(dir, "hub.sqlite");
    new SQLite(database)
      .exec("create table note (text text); insert into note values ('x')")
      .close();
    const existing = path.join(dir, "exists.sqlite");
    fs.writeFileSync(existing, "someone's file");
    const [overwrite, missing] = [
      startChild(TSX, ["db/cli.ts", "backup", existing], { DATABASE_PATH: database }),
      startChild(TSX, ["db/cli.ts", "backup", path.join(dir, "copy.sqlite")], {
        DATABASE_PATH: path.join(dir, "no-such.sqlite"),
      }),
    ];
    expect((await overwrite.exited).code).toBe(1);
    expect(overwrite.output()).toContain("already exists");
    expect(fs.readFileSync(existing, "utf8")).toBe("someone's file");
    expect((await missing.exited).code).toBe(1);
    expect(missing.output()).toContain("nothing to back up");
    expect(fs.existsSync(path.join(dir, "no-such.sqlite"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "copy.sqlite"))).toBe(false);
  });
});
