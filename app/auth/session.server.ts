import type { Database } from "../../db/client";
import { nowIso } from "../lib/ids.server";
import { generateToken, hashToken } from "./token.server";

/** Session handling as in Lucia's guide: random token in the cookie, its SHA-256 as the row id. */

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isSiteAdmin: boolean;
  locale: string;
}

export interface ValidSession {
  sessionId: string;
  user: SessionUser;
  expiresAt: Date;
}

// Refreshing lastSeenAt on every request would turn every page view into a write.
const TOUCH_INTERVAL_MS = 60_000;

export async function createSession(
  db: Database,
  { userId, now = new Date() }: { userId: string; now?: Date },
): Promise<{ token: string; sessionId: string }> {
  const token = generateToken();
  const sessionId = hashToken(token);
  await db
    .insertInto("session")
    .values({ id: sessionId, userId, createdAt: nowIso(now), lastSeenAt: nowIso(now) })
    .execute();
  return { token, sessionId };
}

/** The session and its user for a cookie token, or null when unknown, expired or deactivated. */
export async function validateSessionToken(
  db: Database,
  { token, policy, now = new Date() }: { token: string; policy: SessionPolicy; now?: Date },
): Promise<ValidSession | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const sessionId = hashToken(token);
  const row = await db
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.userId")
    .select([
      "session.createdAt",
      "session.lastSeenAt",
      "user.id as userId",
      "user.email",
      "user.name",
      "user.isSiteAdmin",
      "user.status",
      "user.locale",
    ])
    .where("session.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) return null;

  const absoluteEnd = Date.parse(row.createdAt) + policy.absoluteMs;
  const idleEnd = Date.parse(row.lastSeenAt) + policy.idleMs;
  if (now.getTime() >= absoluteEnd || now.getTime() >= idleEnd || row.status !== "active") {
    await db.deleteFrom("session").where("id", "=", sessionId).execute();
    return null;
  }
  if (now.getTime() - Date.parse(row.lastSeenAt) >= TOUCH_INTERVAL_MS) {
    await db
      .updateTable("session")
      .set({ lastSeenAt: nowIso(now) })
      .where("id", "=", sessionId)
      .execute();
  }
  return {
    sessionId,
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      isSiteAdmin: row.isSiteAdmin === 1,
      locale: row.locale,
    },
    expiresAt: new Date(Math.min(absoluteEnd, now.getTime() + policy.idleMs)),
  };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.deleteFrom("session").where("id", "=", sessionId).execute();
}

export async function invalidateUserSessions(db: Database, userId: string): Promise<void> {
  await db.deleteFrom("session").where("userId", "=", userId).execute();
}

// Over HTTPS the cookie is `__Host-` prefixed and Secure: bound to this exact host and path.
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-hub_session" : "hub_session";
}

export function serializeSessionCookie(
  token: string,
  { secure, maxAgeMs }: { secure: boolean; maxAgeMs: number },
): string {
  const parts = [
    `${sessionCookieName(secure)}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${Math.floor(maxAgeMs / 1000)}`,
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function serializeBlankSessionCookie({ secure }: { secure: boolean }): string {
  const parts = [
    `${sessionCookieName(secure)}=`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    "Max-Age=0",
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/** Reads the session token from a Cookie header (HTTP requests and socket handshakes alike). */
export function readSessionToken(
  cookieHeader: string | null | undefined,
  secure: boolean,
): string | null {
  if (!cookieHeader) return null;
  const name = sessionCookieName(secure);
  for (const part of cookieHeader.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || null;
  }
  return null;
}
