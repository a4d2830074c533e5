import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, type OpenedDatabase } from "../../db/client";
import { migrations } from "../../db/migrations/index";

const MIGRATIONS_DIR = path.resolve("db", "migrations");

function migrationFiles(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /\.[cm]?[jt]s$/.test(f) && !/^index\.[cm]?[jt]s$/.test(f))
    .map((f) => f.replace(/\.[cm]?[jt]s$/, ""))
    .sort();
}

describe("migration list", () => {
  it("lists every file in db/migrations/ in db/migrations/index.ts, and nothing else", () => {
    const files = migrationFiles();
    expect(files.length).toBeGreaterThan(0);
    expect(Object.keys(migrations).sort()).toEqual(files);
  });

  it("names migrations NNNN_verb_noun, numbered without gaps", () => {
    const files = migrationFiles();
    for (const name of files) expect(name).toMatch(/^\d{4}_[a-z]+(_[a-z0-9]+)+$/);
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(files.map((_, i) => i + 1));
  });

  it("gives every migration an up and a down", () => {
    for (const [name, migration] of Object.entries(migrations)) {
      expect(typeof migration.up, name).toBe("function");
      expect(typeof migration.down, name).toBe("function");
    }
  });
});

describe("openDatabase and migrateToLatest", () => {
  const opened: OpenedDatabase[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.db.destroy().catch(() => {});
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  function tempFile(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-db-test-"));
    dirs.push(dir);
    // A folder that does not exist yet: openDatabase creates it.
    return path.join(dir, "nested", "hub.sqlite");
  }

  it("opens a file with WAL, synchronous FULL, foreign keys on and a 5 s busy timeout", () => {
    const file = tempFile();
    const o = openDatabase(file);
    opened.push(o);
    expect(fs.existsSync(file)).toBe(true);
    expect(o.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(o.sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(o.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(o.sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("applies every migration to a fresh database, and a second run is a no-op", async () => {
    const o = openDatabase(tempFile());
    opened.push(o);
    const first = await migrateToLatest(o.db);
    expect(first.results?.map((r) => r.migrationName)).toEqual(Object.keys(migrations).sort());
    expect(first.results?.every((r) => r.status === "Success")).toBe(true);

    const schemaBefore = o.sqlite
      .prepare("select type, name, sql from sqlite_master order by name")
      .all();
    const second = await migrateToLatest(o.db);
    expect(second.error).toBeUndefined();
    expect(second.results).toEqual([]);
    expect(
      o.sqlite.prepare("select type, name, sql from sqlite_master order by name").all(),
    ).toEqual(schemaBefore);
  });

  it("keeps the schema when the file is opened again (as at the next start)", async () => {
    const file = tempFile();
    const a = openDatabase(file);
    await migrateToLatest(a.db);
    await a.db.destroy();
    const b = openDatabase(file);
    opened.push(b);
    expect((await migrateToLatest(b.db)).results).toEqual([]);
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table'`.execute(b.db);
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        "user",
        "space",
        "membership",
        "session",
        "invitation",
        "passwordReset",
        "outboxMail",
      ]),
    );
  });

  it("enforces foreign keys", async () => {
    const o = openDatabase(tempFile());
    opened.push(o);
    await migrateToLatest(o.db);
    const now = new Date().toISOString();
    await expect(
      o.db
        .insertInto("session")
        .values({ id: "x", userId: "no-such-user", createdAt: now, lastSeenAt: now })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
  });
});
