import { ConfigError } from "../app/lib/env.server";
import { createHub } from "./app";
import { configFromEnv, prepareDatabase } from "./boot";

async function main() {
  const config = configFromEnv();
  const db = await prepareDatabase(config);
  const hub = await createHub({ config, db });
  const address = await hub.listen();
  console.log(
    `[hub] ${config.mode} server listening on port ${address.port}; open ${config.publicUrl}`,
  );

  const shutdown = (signal: string) => {
    console.log(`[hub] ${signal}: shutting down`);
    hub.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
