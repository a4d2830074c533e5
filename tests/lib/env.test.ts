import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../app/lib/env.server";

const HOUR = 3_600_000;

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  it("has a working default for every setting of the embedded setup", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databasePath).toBe("./data/hub.sqlite");
    expect(config.sessionIdleMs).toBe(8 * HOUR);
    expect(config.sessionAbsoluteMs).toBe(7 * 24 * HOUR);
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.smtpUrl).toBeUndefined();
    expect(config.demoPassword).toBe("hub-demo-2026");
    expect(config.maxBodyBytes).toBeGreaterThan(0);
    expect(config.loginLimitPerIp).toBeGreaterThan(0);
    expect(config.loginLimitPerAccount).toBeGreaterThan(0);
    expect(config.trustProxy).toBe(false);
    expect(config.mode).toBe("development");
  });

  it("reads the settings it is given", () => {
    const config = loadConfig({
      PORT: "8080",
      DATABASE_PATH: "/srv/hub/hub.sqlite",
      SESSION_IDLE_HOURS: "2",
      SESSION_ABSOLUTE_DAYS: "1",
      PUBLIC_URL: "https://hub.kk.dk/",
      MAX_BODY_BYTES: "2048",
      TRUST_PROXY: "1",
    });
    expect(config.port).toBe(8080);
    expect(config.databasePath).toBe("/srv/hub/hub.sqlite");
    expect(config.sessionIdleMs).toBe(2 * HOUR);
    expect(config.sessionAbsoluteMs).toBe(24 * HOUR);
    expect(config.publicUrl).toBe("https://hub.kk.dk");
    expect(config.maxBodyBytes).toBe(2048);
    expect(config.trustProxy).toBe(true);
  });

  it.each([
    ["PORT", "not-a-port"],
    ["PORT", "70000"],
    ["SESSION_IDLE_HOURS", "0"],
    ["SESSION_ABSOLUTE_DAYS", "-1"],
    ["SESSION_IDLE_HOURS", "1.5"],
    ["NODE_ENV", "staging"],
    ["HUB_DEMO", "yes"],
    ["PUBLIC_URL", "not a url"],
    ["HUB_DEMO_PASSWORD", "short"],
    ["MAX_BODY_BYTES", "lots"],
    ["LOGIN_LIMIT_PER_IP", "0"],
  ])("refuses %s=%s with a ConfigError naming the variable", (name, value) => {
    const error = configError({ [name]: value });
    expect(error.message).toContain(name);
  });

  it("names every bad variable at once", () => {
    const error = configError({ PORT: "x", SESSION_ABSOLUTE_DAYS: "0" });
    expect(error.message).toContain("PORT");
    expect(error.message).toContain("SESSION_ABSOLUTE_DAYS");
  });

  it("adds no demo data in production unless HUB_DEMO=1", () => {
    expect(loadConfig({ NODE_ENV: "production" }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", HUB_DEMO: "0" }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", HUB_DEMO: "1" }).demo).toBe(true);
    expect(loadConfig({ NODE_ENV: "development" }).demo).toBe(true);
    expect(loadConfig({ NODE_ENV: "test" }).demo).toBe(true);
  });
});
