import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type MigrationResultSet } from "kysely";
import { migrations } from "./migrations/index";
import type { DB } from "./schema";

export type Database = Kysely<DB>;

export interface OpenedDatabase {
  db: Database;
  /** The raw handle, for SQLite-only work (backups, integrity checks) that stays in this module's users. */
  sqlite: SQLite.Database;
}

// The pragmas every connection must run with; checked after setting because SQLite ignores
// unknown or refused pragmas silently (e.g. WAL is impossible for ":memory:").
const REQUIRED_PRAGMAS = {
  journal_mode: "wal",
  synchronous: 2, // FULL: a committed write survives power loss
  foreign_keys: 1,
  busy_timeout: 5000,
} as const;

/** Opens (creating folders as needed) the SQLite file, applies and verifies the pragmas. */
export function openDatabase(file: string): OpenedDatabase {
  const inMemory = file === ":memory:";
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma(`journal_mode = ${REQUIRED_PRAGMAS.journal_mode}`);
  sqlite.pragma(`synchronous = FULL`);
  sqlite.pragma(`foreign_keys = ON`);
  sqlite.pragma(`busy_timeout = ${REQUIRED_PRAGMAS.busy_timeout}`);
  checkPragmas(sqlite, inMemory);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, sqlite };
}

function checkPragmas(sqlite: SQLite.Database, inMemory: boolean) {
  const actual = {
    journal_mode: sqlite.pragma("journal_mode", { simple: true }),
    synchronous: sqlite.pragma("synchronous", { simple: true }),
    foreign_keys: sqlite.pragma("foreign_keys", { simple: true }),
    busy_timeout: sqlite.pragma("busy_timeout", { simple: true }),
  };
  for (const [name, expected] of Object.entries(REQUIRED_PRAGMAS)) {
    if (name === "journal_mode" && inMemory) continue; // in-memory databases use "memory"
    if (actual[name as keyof typeof actual] !== expected) {
      sqlite.close();
      throw new Error(
        `SQLite pragma ${name} is ${String(actual[name as keyof typeof actual])}, expected ${expected}`,
      );
    }
  }
}

/** Brings the schema to the newest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Database): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    throw new Error(`Migration ${failed?.migrationName ?? "?"} failed: ${String(result.error)}`);
  }
  return result;
}

/**
 * Copies the live database to `target` with SQLite's online backup API. All pages go over in one
 * step under a single read snapshot: in WAL mode that never blocks the server's writers, and it
 * cannot be restarted endlessly by their commits as a page-by-page copy would.
 */
export async function backupDatabase(
  sqlite: SQLite.Database,
  target: string,
): Promise<{ totalPages: number }> {
  const { totalPages } = await sqlite.backup(target, { progress: () => 0x7fffffff });
  return { totalPages };
}

/** `PRAGMA integrity_check` on a database file: `["ok"]`, or the problems SQLite found. */
export function checkIntegrity(file: string): string[] {
  const sqlite = new SQLite(file, { fileMustExist: true });
  try {
    const rows = sqlite.pragma("integrity_check") as { integrity_check: unknown }[];
    return rows.map((row) => String(row.integrity_check));
  } finally {
    sqlite.close();
  }
}
