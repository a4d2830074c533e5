import fs from "node:fs";
import { loadConfig, type HubConfig } from "../app/lib/env.server";
import { migrateToLatest, openDatabase, type Database } from "../db/client";
import { DEMO_ACCOUNTS, isDatabaseEmpty, seedDemoData } from "../db/seed/index";

type Log = (message: string) => void;

export function readVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

export function configFromEnv(): HubConfig {
  return loadConfig(process.env, readVersion());
}

/** Opens the database, migrates it, and on first start of a demo setup fills it with demo data. */
export async function prepareDatabase(
  config: HubConfig,
  log: Log = console.log,
): Promise<Database> {
  const { db } = openDatabase(config.databasePath);
  try {
    const migrated = await migrateToLatest(db);
    for (const r of migrated.results ?? []) log(`[db] migrated ${r.migrationName}`);
    if (config.demo && (await isDatabaseEmpty(db))) {
      await seedDemoData(db, { password: config.demoPassword, filesDir: config.filesPath });
      logDemoAccounts(config, log);
    }
    return db;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

export function logDemoAccounts(config: HubConfig, log: Log = console.log) {
  log(
    [
      "[demo] Demo data created. Sign in with one of these accounts:",
      ...DEMO_ACCOUNTS.map((email) => `         ${email}`),
      `       Password (HUB_DEMO_PASSWORD): ${config.demoPassword}`,
    ].join("\n"),
  );
}
