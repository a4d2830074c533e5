import type { Database } from "../../db/client";
import { hashToken, generateToken } from "../auth/token.server";
import { newId, nowIso } from "../lib/ids.server";
import { normaliseEmail } from "./user.server";

export async function createInvitation(
  db: Database,
  input: {
    email: string;
    invitedById: string;
    ttlMs: number;
    spaceId?: string | null;
    role?: string | null;
    now?: Date;
  },
): Promise<{ id: string; token: string; expiresAt: string }> {
  const now = input.now ?? new Date();
  const token = generateToken();
  const id = newId();
  const expiresAt = nowIso(new Date(now.getTime() + input.ttlMs));
  const email = normaliseEmail(input.email);
  await db.transaction().execute(async (trx) => {
    // A new invitation replaces any still-open one: only the newest link works.
    await trx
      .updateTable("invitation")
      .set({ revokedAt: nowIso(now) })
      .where("email", "=", email)
      .where("acceptedAt", "is", null)
      .where("revokedAt", "is", null)
      .execute();
    await trx
      .insertInto("invitation")
      .values({
        id,
        email,
        tokenHash: hashToken(token),
        invitedById: input.invitedById,
        spaceId: input.spaceId ?? null,
        role: input.role ?? null,
        createdAt: nowIso(now),
        expiresAt,
      })
      .execute();
  });
  return { id, token, expiresAt };
}

/** The open invitation a link's token stands for; null when unknown, used, revoked or expired. */
export async function getOpenInvitation(
  db: Database,
  { token, now = new Date() }: { token: string; now?: Date },
) {
  return (
    (await db
      .selectFrom("invitation")
      .select(["id", "email", "spaceId", "role", "expiresAt"])
      .where("tokenHash", "=", hashToken(token))
      .where("acceptedAt", "is", null)
      .where("revokedAt", "is", null)
      .where("expiresAt", ">", nowIso(now))
      .executeTakeFirst()) ?? null
  );
}

export async function listOpenInvitations(db: Database, { now = new Date() }: { now?: Date } = {}) {
  return db
    .selectFrom("invitation")
    .select(["id", "email", "createdAt", "expiresAt"])
    .where("acceptedAt", "is", null)
    .where("revokedAt", "is", null)
    .where("expiresAt", ">", nowIso(now))
    .orderBy("createdAt", "desc")
    .execute();
}

/**
 * Turns an open invitation into an account, all or nothing. Returns the new user's id, or null
 * when the link is no longer valid (including a second use racing the first) or the email
 * already has an account.
 */
export async function acceptInvitation(
  db: Database,
  input: { token: string; name: string; passwordHash: string; now?: Date },
): Promise<string | null> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const invitation = await getOpenInvitation(trx, { token: input.token, now });
    if (!invitation) return null;
    const claimed = await trx
      .updateTable("invitation")
      .set({ acceptedAt: nowIso(now) })
      .where("id", "=", invitation.id)
      .where("acceptedAt", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return null;
    const existing = await trx
      .selectFrom("user")
      .select("id")
      .where("email", "=", invitation.email)
      .executeTakeFirst();
    if (existing) return null;
    const userId = newId();
    await trx
      .insertInto("user")
      .values({
        id: userId,
        email: invitation.email,
        name: input.name,
        title: null,
        organisationId: null,
        passwordHash: input.passwordHash,
        createdAt: nowIso(now),
        updatedAt: nowIso(now),
      })
      .execute();
    if (invitation.spaceId && invitation.role) {
      await trx
        .insertInto("membership")
        .values({
          id: newId(),
          spaceId: invitation.spaceId,
          userId,
          role: invitation.role,
          appointedAt: nowIso(now),
          leftAt: null,
        })
        .execute();
    }
    return userId;
  });
}
