import type { Database } from "../../db/client";
import type { SpaceRole } from "../auth/permissions.server";

/** The spaces where the person has a current membership, with their role. */
export async function listSpacesForUser(db: Database, { userId }: { userId: string }) {
  const rows = await db
    .selectFrom("membership")
    .innerJoin("space", "space.id", "membership.spaceId")
    .select([
      "space.id",
      "space.slug",
      "space.name",
      "space.kind",
      "space.purpose",
      "space.periodStart",
      "space.periodEnd",
      "membership.role",
    ])
    .where("membership.userId", "=", userId)
    .where("membership.leftAt", "is", null)
    .orderBy("space.name")
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as SpaceRole }));
}

export async function getSpaceBySlug(db: Database, { slug }: { slug: string }) {
  return (
    (await db
      .selectFrom("space")
      .select(["id", "slug", "name", "kind", "purpose", "periodStart", "periodEnd", "visibility"])
      .where("slug", "=", slug)
      .executeTakeFirst()) ?? null
  );
}

/** The person's current role in the space, or null when they are not (or no longer) a member. */
export async function getMembershipRole(
  db: Database,
  { spaceId, userId }: { spaceId: string; userId: string },
): Promise<SpaceRole | null> {
  const row = await db
    .selectFrom("membership")
    .select("role")
    .where("spaceId", "=", spaceId)
    .where("userId", "=", userId)
    .where("leftAt", "is", null)
    .executeTakeFirst();
  return (row?.role as SpaceRole | undefined) ?? null;
}

export async function countCurrentMembers(db: Database, { spaceId }: { spaceId: string }) {
  const row = await db
    .selectFrom("membership")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("spaceId", "=", spaceId)
    .where("leftAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every space, for administrators. */
export async function listAllSpaces(db: Database) {
  return db
    .selectFrom("space")
    .select(["id", "slug", "name", "kind", "purpose", "periodStart", "periodEnd"])
    .orderBy("name")
    .execute();
}
