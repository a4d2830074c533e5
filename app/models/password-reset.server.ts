import type { Database } from "../../db/client";
import { generateToken, hashToken } from "../auth/token.server";
import { newId, nowIso } from "../lib/ids.server";

export async function createPasswordReset(
  db: Database,
  { userId, ttlMs, now = new Date() }: { userId: string; ttlMs: number; now?: Date },
): Promise<{ token: string; expiresAt: string }> {
  const token = generateToken();
  const expiresAt = nowIso(new Date(now.getTime() + ttlMs));
  await db
    .insertInto("passwordReset")
    .values({
      id: newId(),
      userId,
      tokenHash: hashToken(token),
      createdAt: nowIso(now),
      expiresAt,
      usedAt: null,
    })
    .execute();
  return { token, expiresAt };
}

export async function isPasswordResetOpen(
  db: Database,
  { token, now = new Date() }: { token: string; now?: Date },
): Promise<boolean> {
  const row = await db
    .selectFrom("passwordReset")
    .select("id")
    .where("tokenHash", "=", hashToken(token))
    .where("usedAt", "is", null)
    .where("expiresAt", ">", nowIso(now))
    .executeTakeFirst();
  return row != null;
}

/**
 * Uses a reset link once: sets the password, closes every other open link of the person and
 * ends all their sessions, in one transaction. Returns the user's id, or null for a dead link.
 */
export async function consumePasswordReset(
  db: Database,
  input: { token: string; passwordHash: string; now?: Date },
): Promise<string | null> {
  const now = nowIso(input.now ?? new Date());
  return db.transaction().execute(async (trx) => {
    const reset = await trx
      .selectFrom("passwordReset")
      .innerJoin("user", "user.id", "passwordReset.userId")
      .select(["passwordReset.id", "passwordReset.userId"])
      .where("passwordReset.tokenHash", "=", hashToken(input.token))
      .where("passwordReset.usedAt", "is", null)
      .where("passwordReset.expiresAt", ">", now)
      .where("user.status", "=", "active")
      .executeTakeFirst();
    if (!reset) return null;
    await trx
      .updateTable("passwordReset")
      .set({ usedAt: now })
      .where("userId", "=", reset.userId)
      .where("usedAt", "is", null)
      .execute();
    await trx
      .updateTable("user")
      .set({ passwordHash: input.passwordHash, updatedAt: now })
      .where("id", "=", reset.userId)
      .execute();
    await trx.deleteFrom("session").where("userId", "=", reset.userId).execute();
    return reset.userId;
  });
}
