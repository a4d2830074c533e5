import { sql } from "kysely";
import type { Database } from "../../db/client";
import type { SpaceRole } from "../auth/permissions.server";
import { newId, nowIso } from "../lib/ids.server";
import { contactColumns, type Viewer } from "./person.server";

/**
 * A space's members, current first, then former ones (history is kept, never deleted). Contact
 * details follow each person's own choice, exactly as in the directory.
 */
export async function listSpaceMembers(
  db: Database,
  { spaceId, viewer }: { spaceId: string; viewer: Viewer },
) {
  return db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.userId")
    .leftJoin("organisation", "organisation.id", "user.organisationId")
    .select((eb) => [
      "membership.id",
      "membership.role",
      "membership.appointedAt",
      "membership.leftAt",
      "user.id as userId",
      "user.name",
      "user.title",
      "user.status",
      "organisation.name as organisationName",
      "organisation.type as organisationType",
      ...contactColumns(eb, viewer),
    ])
    .where("membership.spaceId", "=", spaceId)
    .$if(!viewer.isSiteAdmin, (q) => q.where("user.status", "=", "active"))
    .orderBy(sql`membership.leftAt is not null`)
    .orderBy("user.name")
    .execute();
}

/** A membership of this space (current or former); an id from another space finds nothing. */
export async function getSpaceMembership(
  db: Database,
  { spaceId, membershipId }: { spaceId: string; membershipId: string },
) {
  return (
    (await db
      .selectFrom("membership")
      .innerJoin("user", "user.id", "membership.userId")
      .select([
        "membership.id",
        "membership.userId",
        "membership.role",
        "membership.leftAt",
        "user.name",
      ])
      .where("membership.spaceId", "=", spaceId)
      .where("membership.id", "=", membershipId)
      .executeTakeFirst()) ?? null
  );
}

export async function addMembership(
  db: Database,
  {
    spaceId,
    userId,
    role,
    now = new Date(),
  }: { spaceId: string; userId: string; role: SpaceRole; now?: Date },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("membership")
    .values({ id, spaceId, userId, role, appointedAt: nowIso(now), leftAt: null })
    .execute();
  return id;
}

/** Changes the role of a current membership; false when there is none with that id here. */
export async function changeMembershipRole(
  db: Database,
  { spaceId, membershipId, role }: { spaceId: string; membershipId: string; role: SpaceRole },
): Promise<boolean> {
  const result = await db
    .updateTable("membership")
    .set({ role })
    .where("spaceId", "=", spaceId)
    .where("id", "=", membershipId)
    .where("leftAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends a current membership; the row stays as history. False when there is none here. */
export async function endMembership(
  db: Database,
  {
    spaceId,
    membershipId,
    now = new Date(),
  }: { spaceId: string; membershipId: string; now?: Date },
): Promise<boolean> {
  const result = await db
    .updateTable("membership")
    .set({ leftAt: nowIso(now) })
    .where("spaceId", "=", spaceId)
    .where("id", "=", membershipId)
    .where("leftAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countSecretariat(db: Database, { spaceId }: { spaceId: string }) {
  const row = await db
    .selectFrom("membership")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("spaceId", "=", spaceId)
    .where("role", "=", "secretariat")
    .where("leftAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Who joined and who left, newest first: the overview's "what is happening" until threads arrive. */
export async function listMembershipChanges(
  db: Database,
  { spaceId, limit }: { spaceId: string; limit: number },
) {
  const joined = db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.userId")
    .select([
      "membership.id",
      "user.name",
      "membership.appointedAt as at",
      sql<string>`'joined'`.as("kind"),
    ])
    .where("membership.spaceId", "=", spaceId)
    .where("user.status", "=", "active");
  const left = db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.userId")
    .select([
      "membership.id",
      "user.name",
      sql<string>`membership.leftAt`.as("at"),
      sql<string>`'left'`.as("kind"),
    ])
    .where("membership.spaceId", "=", spaceId)
    .where("membership.leftAt", "is not", null)
    .where("user.status", "=", "active");
  const rows = await joined.unionAll(left).orderBy("at", "desc").limit(limit).execute();
  return rows.map((r) => ({ ...r, kind: r.kind as "joined" | "left" }));
}

/** Current members of a space who can be @mentioned there. */
export async function listMentionableMembers(db: Database, { spaceId }: { spaceId: string }) {
  return db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.userId")
    .select(["user.id", "user.name"])
    .where("membership.spaceId", "=", spaceId)
    .where("membership.leftAt", "is", null)
    .where("user.status", "=", "active")
    .orderBy("user.name")
    .execute();
}
