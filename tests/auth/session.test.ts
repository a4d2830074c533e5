import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createSession,
  readSessionToken,
  validateSessionToken,
  type SessionPolicy,
} from "../../app/auth/session.server";
import { loadConfig } from "../../app/lib/env.server";
import { createUser } from "../../app/models/user.server";
import { migrateToLatest, openDatabase, type Database } from "../../db/client";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date("2026-03-02T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

// The policy the hub runs with when nothing is configured: 8 h idle, 7 days absolute.
const defaults = loadConfig({});
const policy: SessionPolicy = {
  idleMs: defaults.sessionIdleMs,
  absoluteMs: defaults.sessionAbsoluteMs,
};

describe("validateSessionToken", () => {
  let db: Database;
  let userId: string;

  beforeEach(async () => {
    db = openDatabase(":memory:").db;
    await migrateToLatest(db);
    userId = await createUser(db, {
      email: "person@hub.example",
      name: "Person Test",
      passwordHash: null,
    });
  });
  afterEach(async () => {
    await db.destroy();
  });

  const sessionRow = (id: string) =>
    db.selectFrom("session").select(["id", "lastSeenAt"]).where("id", "=", id).executeTakeFirst();

  it("uses the defaults of 8 hours idle and 7 days absolute", () => {
    expect(policy).toEqual({ idleMs: 8 * HOUR, absoluteMs: 7 * DAY });
  });

  it("returns the person for a fresh session", async () => {
    const { token, sessionId } = await createSession(db, { userId, now: T0 });
    const session = await validateSessionToken(db, { token, policy, now: at(1_000) });
    expect(session).not.toBeNull();
    expect(session!.sessionId).toBe(sessionId);
    expect(session!.user).toMatchObject({
      id: userId,
      email: "person@hub.example",
      isSiteAdmin: false,
    });
    expect(session!.expiresAt.getTime()).toBe(at(1_000).getTime() + 8 * HOUR);
  });

  it("ends a session left idle for 8 hours and deletes its row", async () => {
    // Two sessions from the same moment: one used just inside the window, one just after it.
    const { token, sessionId } = await createSession(db, { userId, now: T0 });
    const { token: idle, sessionId: idleId } = await createSession(db, { userId, now: T0 });
    expect(await validateSessionToken(db, { token, policy, now: at(8 * HOUR - 1) })).not.toBeNull();
    expect(await validateSessionToken(db, { token: idle, policy, now: at(8 * HOUR) })).toBeNull();
    expect(await sessionRow(idleId)).toBeUndefined();
    expect(await sessionRow(sessionId)).toBeDefined();
  });

  it("extends a session that is used within the idle window", async () => {
    const { token, sessionId } = await createSession(db, { userId, now: T0 });
    expect(await validateSessionToken(db, { token, policy, now: at(5 * HOUR) })).not.toBeNull();
    expect((await sessionRow(sessionId))?.lastSeenAt).toBe(at(5 * HOUR).toISOString());
    // 10 h after sign-in, but only 5 h since the last use.
    const later = await validateSessionToken(db, { token, policy, now: at(10 * HOUR) });
    expect(later).not.toBeNull();
    expect(later!.expiresAt.getTime()).toBe(at(18 * HOUR).getTime());
    // And idle 8 h after that last use, it ends.
    expect(await validateSessionToken(db, { token, policy, now: at(18 * HOUR) })).toBeNull();
    expect(await sessionRow(sessionId)).toBeUndefined();
  });

  it("ends a session after 7 days however busy it is, and deletes its row", async () => {
    const { token, sessionId } = await createSession(db, { userId, now: T0 });
    let t = 0;
    while (t + 6 * HOUR < 7 * DAY) {
      t += 6 * HOUR;
      expect(
        await validateSessionToken(db, { token, policy, now: at(t) }),
        `at ${t / HOUR} h`,
      ).not.toBeNull();
    }
    // Near the end the session may not outlive its absolute lifetime.
    const last = await validateSessionToken(db, { token, policy, now: at(7 * DAY - HOUR) });
    expect(last!.expiresAt.getTime()).toBe(at(7 * DAY).getTime());
    expect(await validateSessionToken(db, { token, policy, now: at(7 * DAY) })).toBeNull();
    expect(await sessionRow(sessionId)).toBeUndefined();
  });

  it("follows a configured policy", async () => {
    const short = loadConfig({ SESSION_IDLE_HOURS: "1", SESSION_ABSOLUTE_DAYS: "1" });
    const custom = { idleMs: short.sessionIdleMs, absoluteMs: short.sessionAbsoluteMs };
    const { token } = await createSession(db, { userId, now: T0 });
    expect(
      await validateSessionToken(db, { token, policy: custom, now: at(59 * 60_000) }),
    ).not.toBeNull();
    expect(await validateSessionToken(db, { token, policy: custom, now: at(2 * HOUR) })).toBeNull();
  });

  it("ends the session of a deactivated person", async () => {
    const { token, sessionId } = await createSession(db, { userId, now: T0 });
    await db.updateTable("user").set({ status: "deactivated" }).where("id", "=", userId).execute();
    expect(await validateSessionToken(db, { token, policy, now: at(60_000) })).toBeNull();
    expect(await sessionRow(sessionId)).toBeUndefined();
  });

  it("returns null for malformed and unknown tokens, touching nothing", async () => {
    const { token, sessionId } = await createSession(db, { userId, now: T0 });
    const malformed = [
      "",
      "abc",
      token.toUpperCase(),
      token + "a",
      token.slice(1),
      sessionId, // the stored hash is not a token
      "' OR 1=1 --",
      "a".repeat(10_000),
      token.slice(0, 31) + "!",
    ];
    for (const bad of malformed) {
      expect(
        await validateSessionToken(db, { token: bad, policy, now: at(1_000) }),
        bad.slice(0, 40),
      ).toBeNull();
    }
    const unknown = "a".repeat(32);
    expect(await validateSessionToken(db, { token: unknown, policy, now: at(1_000) })).toBeNull();
    // The real session is unharmed.
    expect(await validateSessionToken(db, { token, policy, now: at(2_000) })).not.toBeNull();
  });
});

describe("readSessionToken", () => {
  it("reads the plain cookie over http and the __Host- cookie over https only", () => {
    const header = "lng=ImRhIg%3D%3D; hub_session=abc; __Host-hub_session=def";
    expect(readSessionToken(header, false)).toBe("abc");
    expect(readSessionToken(header, true)).toBe("def");
    expect(readSessionToken("hub_session=abc", true)).toBeNull();
    expect(readSessionToken(undefined, false)).toBeNull();
    expect(readSessionToken("hub_session=", false)).toBeNull();
  });
});
