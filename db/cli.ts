import fs from "node:fs";
import path from "node:path";
import { configFromEnv, logDemoAccounts } from "../server/boot";
import { backupDatabase, checkIntegrity, migrateToLatest, openDatabase } from "./client";
import { isDatabaseEmpty, seedDemoData } from "./seed/index";

const USAGE = "usage: tsx db/cli.ts migrate | seed | backup [target.sqlite]";

// `npm run db:migrate` and `npm run db:seed`: the same steps the server runs at start.
async function migrateOrSeed(command: "migrate" | "seed") {
  const config = configFromEnv();
  const { db } = openDatabase(config.databasePath);
  try {
    const result = await migrateToLatest(db);
    const applied = result.results ?? [];
    console.log(
      applied.length
        ? applied.map((r) => `[db] migrated ${r.migrationName}`).join("\n")
        : "[db] schema is up to date",
    );
    if (command === "seed") {
      if (!(await isDatabaseEmpty(db))) {
        console.log(`[db] ${config.databasePath} already has data; demo data not added.`);
        return;
      }
      await seedDemoData(db, { password: config.demoPassword, filesDir: config.filesPath });
      logDemoAccounts(config);
    }
  } finally {
    await db.destroy();
  }
}

/** `hub-2026-01-31T12-00-00Z.sqlite`: UTC, sortable, no characters that file systems refuse. */
function defaultBackupPath(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-");
  return path.join("data", "backups", `hub-${stamp}.sqlite`);
}

/**
 * `npm run db:backup [target]`: an online backup of DATABASE_PATH, safe while the server keeps
 * writing, then an integrity check of the copy. The copy is written under a `.partial` name and
 * only gets its final name once the check has passed, so a file with the final name is usable.
 * Exits non-zero when anything fails.
 */
async function backup(targetArg: string | undefined): Promise<boolean> {
  const config = configFromEnv();
  const source = path.resolve(config.databasePath);
  if (config.databasePath === ":memory:" || !fs.existsSync(source)) {
    console.error(`[db] no database at ${source} (DATABASE_PATH): nothing to back up.`);
    return false;
  }
  const target = path.resolve(targetArg ?? defaultBackupPath());
  if (target === source) {
    console.error("[db] the backup target is the database itself.");
    return false;
  }
  if (fs.existsSync(target)) {
    console.error(`[db] ${target} already exists; choose another name.`);
    return false;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });

  const started = performance.now();
  // No migration here: a backup must not change the live database.
  const { sqlite } = openDatabase(source);
  let totalPages: number;
  try {
    ({ totalPages } = await backupDatabase(sqlite, partial));
  } finally {
    sqlite.close();
  }
  const ms = Math.round(performance.now() - started);
  const bytes = fs.statSync(partial).size;
  console.log(
    `[db] backup of ${source}: ${totalPages} pages, ${(bytes / 1024 / 1024).toFixed(2)} MB in ${ms} ms`,
  );

  let problems: string[];
  try {
    problems = checkIntegrity(partial);
  } catch (error) {
    problems = [error instanceof Error ? error.message : String(error)];
  }
  const ok = problems.length === 1 && problems[0] === "ok";
  console.log(`[db] integrity check of the backup: ${problems.join("\n")}`);
  if (!ok) {
    console.error(`[db] the backup failed its integrity check; left as ${partial}`);
    return false;
  }
  fs.renameSync(partial, target);
  console.log(`[db] backup written to ${target}`);
  return true;
}

async function main([command, arg]: string[]) {
  if (command === "migrate" || command === "seed") return migrateOrSeed(command);
  if (command === "backup") {
    if (!(await backup(arg))) process.exitCode = 1;
    return;
  }
  throw new Error(USAGE);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
