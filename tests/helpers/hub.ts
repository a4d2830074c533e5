import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig, type HubConfig } from "../../app/lib/env.server";
import { migrateToLatest, openDatabase, type Database } from "../../db/client";
import { seedDemoData } from "../../db/seed/index";
import { createHub, type Hub } from "../../server/app";

export const DEMO_PASSWORD = "hub-demo-2026";

export interface TestHub {
  url: string;
  hub: Hub;
  db: Database;
  config: HubConfig;
  logs: string[];
  dir: string;
  close(): Promise<void>;
}

/**
 * A real hub on a random loopback port with its own temporary SQLite file, built from the
 * production bundle (`npm test` builds first). Demo data unless `seed: false`.
 */
export async function startTestHub(
  options: { seed?: boolean; env?: Record<string, string>; dir?: string } = {},
): Promise<TestHub> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "hub-test-"));
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_PATH: path.join(dir, "hub.sqlite"),
    HUB_DEMO_PASSWORD: DEMO_PASSWORD,
    ...options.env,
  });
  const { db } = openDatabase(config.databasePath);
  await migrateToLatest(db);
  if (options.seed !== false && !options.dir)
    await seedDemoData(db, { password: DEMO_PASSWORD, filesDir: config.filesPath });
  const logs: string[] = [];
  const hub = await createHub({ config, db, log: (m) => logs.push(m) });
  const address = await hub.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    hub,
    db,
    config,
    logs,
    dir,
    async close() {
      await hub.close();
    },
  };
}

/** A minimal browser: keeps cookies, sends a same-origin Origin on posts, never follows redirects. */
export class Client {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(pathname: string, init: RequestInit & { origin?: string | null } = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    const method = (init.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD" && init.origin !== null && !headers.has("Origin")) {
      headers.set("Origin", init.origin ?? this.base);
    }
    const res = await fetch(this.base + pathname, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      if (attrs.some((a) => /max-age=0/i.test(a.trim())) || value === "")
        this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    return res;
  }

  get(pathname: string, init: RequestInit = {}) {
    return this.request(pathname, init);
  }

  post(
    pathname: string,
    fields: Record<string, string>,
    init: RequestInit & { origin?: string | null } = {},
  ) {
    return this.request(pathname, { ...init, method: "POST", body: new URLSearchParams(fields) });
  }

  async login(email: string, password = DEMO_PASSWORD) {
    const res = await this.post("/login", { email, password });
    if (res.status !== 302) throw new Error(`login as ${email} failed with ${res.status}`);
    return res;
  }
}
