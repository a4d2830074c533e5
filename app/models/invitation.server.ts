import type { Database } from "../../db/client";
import { hashToken, generateToken } from "../auth/token.server";
import { newId, nowIso } from "../lib/ids.server";
import { refreshSearchText } from "./person.server";
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
    // A new invitation replaces a still-open one to the same place: only the newest link works.
    await trx
      .updateTable("invitation")
      .set({ revokedAt: nowIso(now) })
      .where("email", "=", email)
      .where((eb) =>
        input.spaceId ? eb("spaceId", "=", input.spaceId) : eb("spaceId", "is", null),
      )
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
    // Without its folded search text the new person could not be found in the directory.
    await refreshSearchText(trx, { userId });
    // Every open invitation to this address becomes a membership: a person invited to two
    // spaces before accepting joins both.
    const pending = await trx
      .selectFrom("invitation")
      .select(["id", "spaceId", "role"])
      .where("email", "=", invitation.email)
      .where("acceptedAt", "is", null)
      .where("revokedAt", "is", null)
      .where("expiresAt", ">", nowIso(now))
      .execute();
    const joined = new Set<string>();
    for (const open of [invitation, ...pending]) {
      if (!open.spaceId || !open.role || joined.has(open.spaceId)) continue;
      joined.add(open.spaceId);
      await trx
        .insertInto("membership")
        .values({
          id: newId(),
          spaceId: open.spaceId,
          userId,
          role: open.role,
          appointedAt: nowIso(now),
          leftAt: null,
        })
        .execute();
    }
    if (pending.length) {
      await trx
        .updateTable("invitation")
        .set({ acceptedAt: nowIso(now) })
        .where(
          "id",
          "in",
          pending.map((p) => p.id),
        )
        .execute();
    }
    return userId;
  });
}

/** Open invitations into one space, for its secretariat. */
export async function listSpaceInvitations(
  db: Database,
  { spaceId, now = new Date() }: { spaceId: string; now?: Date },
) {
  return db
    .selectFrom("invitation")
    .select(["id", "email", "role", "createdAt", "expiresAt"])
    .where("spaceId", "=", spaceId)
    .where("acceptedAt", "is", null)
    .where("revokedAt", "is", null)
    .where("expiresAt", ">", nowIso(now))
    .orderBy("createdAt", "desc")
    .execute();
}

/** An open invitation of this space; an id from another space finds nothing. */
export async function getSpaceInvitation(
  db: Database,
  { spaceId, invitationId }: { spaceId: string; invitationId: string },
) {
  return (
    (await db
      .selectFrom("invitation")
      .select(["id", "email", "role"])
      .where("spaceId", "=", spaceId)
      .where("id", "=", invitationId)
      .where("acceptedAt", "is", null)
      .where("revokedAt", "is", null)
      .executeTakeFirst()) ?? null
  );
}

export async function hasOpenSpaceInvitation(
  db: Database,
  { spaceId, email, now = new Date() }: { spaceId: string; email: string; now?: Date },
) {
  const row = await db
    .selectFrom("invitation")
    .select("id")
    .where("spaceId", "=", spaceId)
    .where("email", "=", normaliseEmail(email))
    .where("acceptedAt", "is", null)
    .where("revokedAt", "is", null)
    .where("expiresAt", ">", nowIso(now))
    .executeTakeFirst();
  return row != null;
}

export async function revokeSpaceInvitation(
  db: Database,
  {
    spaceId,
    invitationId,
    now = new Date(),
  }: { spaceId: string; invitationId: string; now?: Date },
): Promise<boolean> {
  const result = await db
    .updateTable("invitation")
    .set({ revokedAt: nowIso(now) })
    .where("spaceId", "=", spaceId)
    .where("id", "=", invitationId)
    .where("acceptedAt", "is", null)
    .where("revokedAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
