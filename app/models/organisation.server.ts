import { sql } from "kysely";
import type { Database } from "../../db/client";
import type { Viewer } from "./person.server";

export { organisationTypes, type OrganisationType } from "../lib/organisation-types";

export async function listOrganisations(db: Database, { type }: { type?: string } = {}) {
  return db
    .selectFrom("organisation")
    .select(["id", "name", "type", "description"])
    .$if(!!type, (q) => q.where("type", "=", type!))
    .orderBy("name")
    .execute();
}

export async function getOrganisation(db: Database, { id }: { id: string }) {
  return (
    (await db
      .selectFrom("organisation")
      .select(["id", "name", "type", "description", "website"])
      .where("id", "=", id)
      .executeTakeFirst()) ?? null
  );
}

/**
 * Spaces the organisation takes part in (one of its people is a current member), limited to the
 * spaces the viewer may see: a private space's name is not revealed to outsiders.
 */
export async function listOrganisationSpaces(
  db: Database,
  { organisationId, viewer }: { organisationId: string; viewer: Viewer },
) {
  return db
    .selectFrom("space")
    .select(["space.slug", "space.name", "space.kind"])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("membership")
          .innerJoin("user", "user.id", "membership.userId")
          .select(sql.lit(1).as("one"))
          .whereRef("membership.spaceId", "=", "space.id")
          .where("membership.leftAt", "is", null)
          .where("user.organisationId", "=", organisationId)
          .where("user.status", "=", "active"),
      ),
    )
    .$if(!viewer.isSiteAdmin, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("membership as mine")
            .select(sql.lit(1).as("one"))
            .whereRef("mine.spaceId", "=", "space.id")
            .where("mine.userId", "=", viewer.id)
            .where("mine.leftAt", "is", null),
        ),
      ),
    )
    .orderBy("space.name")
    .execute();
}

export async function listOrganisationOptions(db: Database) {
  return db.selectFrom("organisation").select(["id", "name"]).orderBy("name").execute();
}
