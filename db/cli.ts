import { configFromEnv, logDemoAccounts } from "../server/boot";
import { migrateToLatest, openDatabase } from "./client";
import { isDatabaseEmpty, seedDemoData } from "./seed/index";

// `npm run db:migrate` and `npm run db:seed`: the same steps the server runs at start.
async function main(command: string | undefined) {
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
      await seedDemoData(db, { password: config.demoPassword });
      logDemoAccounts(config);
    } else if (command !== "migrate") {
      throw new Error("usage: tsx db/cli.ts migrate|seed");
    }
  } finally {
    await db.destroy();
  }
}

main(process.argv[2]).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
