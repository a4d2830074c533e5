import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "../../db/client";
import type { DB } from "../../db/schema";
import { foldForSearch } from "../lib/search-fold";
import { nowIso } from "../lib/ids.server";
import { isKeyPersonFor } from "./training.server";

/**
 * Who sees whom — the one rule behind the directory, profiles, organisation pages and exports:
 * a person is visible to a viewer who shares a space with them where the viewer is a current
 * member (the other may be a former member, shown as such). Administrators see everyone; every
 * person sees themselves. Deactivated accounts are visible to administrators only.
 */
export interface Viewer {
  id: string;
  isSiteAdmin: boolean;
}

function sharesSpaceWithViewer(eb: ExpressionBuilder<DB, "user">, viewerId: string) {
  return eb.exists(
    eb
      .selectFrom("membership as theirs")
      .innerJoin("membership as mine", "mine.spaceId", "theirs.spaceId")
      .select(sql.lit(1).as("one"))
      .whereRef("theirs.userId", "=", "user.id")
      .where("mine.userId", "=", viewerId)
      .where("mine.leftAt", "is", null),
  );
}

/** Both are current members of one space: the condition for seeing contact details. */
function sharesCurrentSpaceWithViewer(eb: ExpressionBuilder<DB, "user">, viewerId: string) {
  return eb.exists(
    eb
      .selectFrom("membership as theirs")
      .innerJoin("membership as mine", "mine.spaceId", "theirs.spaceId")
      .select(sql.lit(1).as("one"))
      .whereRef("theirs.userId", "=", "user.id")
      .where("theirs.leftAt", "is", null)
      .where("mine.userId", "=", viewerId)
      .where("mine.leftAt", "is", null),
  );
}

export function visibleToViewer(eb: ExpressionBuilder<DB, "user">, viewer: Viewer) {
  // A literal, not a bound value: SQLite cannot bind a JavaScript boolean.
  if (viewer.isSiteAdmin) return eb.lit(true);
  return eb.or([
    eb("user.id", "=", viewer.id),
    eb.and([eb("user.status", "=", "active"), sharesSpaceWithViewer(eb, viewer.id)]),
  ]);
}

/** Whether the viewer may see this person's email and phone (their own choice decides). */
export function contactVisibleToViewer(eb: ExpressionBuilder<DB, "user">, viewer: Viewer) {
  return eb.or([
    eb("user.id", "=", viewer.id),
    eb.and([
      eb("user.contactVisibility", "=", "members"),
      eb("user.status", "=", "active"),
      sharesCurrentSpaceWithViewer(eb, viewer.id),
    ]),
  ]);
}

/** Email and phone as columns, null wherever the person's choice hides them from the viewer. */
export function contactColumns(eb: ExpressionBuilder<DB, "user">, viewer: Viewer) {
  const visible = contactVisibleToViewer(eb, viewer);
  return [
    eb.case().when(visible).then(eb.ref("user.email")).else(null).end().as("email"),
    eb.case().when(visible).then(eb.ref("user.phone")).else(null).end().as("phone"),
  ] as const;
}

export interface DirectoryFilter {
  q?: string;
  organisationType?: string;
  organisationId?: string;
  role?: string;
  spaceId?: string;
}

/** People the viewer may see, with contact details only where allowed. */
export async function listVisiblePeople(
  db: Database,
  {
    viewer,
    filter = {},
    limit = 500,
    offset = 0,
  }: { viewer: Viewer; filter?: DirectoryFilter; limit?: number; offset?: number },
) {
  let query = db
    .selectFrom("user")
    .leftJoin("organisation", "organisation.id", "user.organisationId")
    .select((eb) => [
      "user.id",
      "user.name",
      "user.title",
      "user.status",
      "organisation.id as organisationId",
      "organisation.name as organisationName",
      "organisation.type as organisationType",
      ...contactColumns(eb, viewer),
      isKeyPersonFor(eb, viewer).as("isKeyPerson"),
      // Everyone the filter matches, before LIMIT/OFFSET cut out one page of them.
      sql<number>`count(*) over ()`.as("matchCount"),
    ])
    .where((eb) => visibleToViewer(eb, viewer));

  const terms = foldForSearch(filter.q ?? "")
    .split(" ")
    .filter(Boolean)
    .slice(0, 8);
  // Folded terms hold only letters, digits, "@" and ".", so they carry no LIKE wildcards.
  for (const term of terms) {
    query = query.where("user.searchText", "like", `%${term}%`);
  }
  if (filter.organisationId) {
    query = query.where("user.organisationId", "=", filter.organisationId);
  }
  if (filter.organisationType) {
    query = query.where("organisation.type", "=", filter.organisationType);
  }
  if (filter.role || filter.spaceId) {
    // Role and space filters only look at spaces the viewer is in, so they reveal nothing else.
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("membership as theirs")
          .select(sql.lit(1).as("one"))
          .whereRef("theirs.userId", "=", "user.id")
          .where("theirs.leftAt", "is", null)
          .$if(!!filter.role, (q) => q.where("theirs.role", "=", filter.role!))
          .$if(!!filter.spaceId, (q) => q.where("theirs.spaceId", "=", filter.spaceId!))
          .$if(!viewer.isSiteAdmin, (q) =>
            q.where((inner) =>
              inner.exists(
                inner
                  .selectFrom("membership as mine")
                  .select(sql.lit(1).as("one"))
                  .whereRef("mine.spaceId", "=", "theirs.spaceId")
                  .where("mine.userId", "=", viewer.id)
                  .where("mine.leftAt", "is", null),
              ),
            ),
          ),
      ),
    );
  }
  const people = await query
    .orderBy("user.name")
    .orderBy("user.id")
    .limit(limit)
    .offset(offset)
    .execute();
  const tags = await listExpertise(db, { userIds: people.map((p) => p.id) });
  return people.map((p) => ({
    ...p,
    isKeyPerson: Boolean(p.isKeyPerson),
    expertise: tags.get(p.id) ?? [],
  }));
}

/** One person's profile if the viewer may see it; null otherwise (the page answers 404). */
export async function getVisiblePerson(
  db: Database,
  { viewer, personId }: { viewer: Viewer; personId: string },
) {
  const person = await db
    .selectFrom("user")
    .leftJoin("organisation", "organisation.id", "user.organisationId")
    .select((eb) => [
      "user.id",
      "user.name",
      "user.title",
      "user.bio",
      "user.status",
      "organisation.id as organisationId",
      "organisation.name as organisationName",
      ...contactColumns(eb, viewer),
      isKeyPersonFor(eb, viewer).as("isKeyPerson"),
    ])
    .where("user.id", "=", personId)
    .where((eb) => visibleToViewer(eb, viewer))
    .executeTakeFirst();
  if (!person) return null;
  const [expertise, languages, memberships] = await Promise.all([
    listExpertise(db, { userIds: [person.id] }),
    db
      .selectFrom("userLanguage")
      .select("language")
      .where("userId", "=", person.id)
      .orderBy("language")
      .execute(),
    listMembershipsSeenBy(db, { viewer, personId: person.id }),
  ]);
  return {
    ...person,
    isKeyPerson: Boolean(person.isKeyPerson),
    expertise: expertise.get(person.id) ?? [],
    languages: languages.map((l) => l.language),
    memberships,
  };
}

/** The person's memberships (current and former) in spaces the viewer is a current member of. */
async function listMembershipsSeenBy(
  db: Database,
  { viewer, personId }: { viewer: Viewer; personId: string },
) {
  return db
    .selectFrom("membership")
    .innerJoin("space", "space.id", "membership.spaceId")
    .select([
      "space.slug",
      "space.name",
      "membership.role",
      "membership.appointedAt",
      "membership.leftAt",
    ])
    .where("membership.userId", "=", personId)
    .$if(!viewer.isSiteAdmin, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("membership as mine")
            .select(sql.lit(1).as("one"))
            .whereRef("mine.spaceId", "=", "membership.spaceId")
            .where("mine.userId", "=", viewer.id)
            .where("mine.leftAt", "is", null),
        ),
      ),
    )
    .orderBy("space.name")
    .orderBy("membership.appointedAt", "desc")
    .execute();
}

async function listExpertise(db: Database, { userIds }: { userIds: string[] }) {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom("userExpertise")
    .select(["userId", "tag"])
    .where("userId", "in", userIds)
    .orderBy("tag")
    .execute();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.tag]);
  return byUser;
}

/** The editable part of one's own profile. */
export async function getOwnProfile(db: Database, { userId }: { userId: string }) {
  const user = await db
    .selectFrom("user")
    .select(["id", "name", "title", "bio", "phone", "contactVisibility", "organisationId", "email"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const [expertise, languages] = await Promise.all([
    listExpertise(db, { userIds: [userId] }),
    db
      .selectFrom("userLanguage")
      .select("language")
      .where("userId", "=", userId)
      .orderBy("language")
      .execute(),
  ]);
  return {
    ...user,
    expertise: expertise.get(userId) ?? [],
    languages: languages.map((l) => l.language),
  };
}

export async function updateOwnProfile(
  db: Database,
  input: {
    userId: string;
    name: string;
    title: string | null;
    bio: string;
    phone: string | null;
    contactVisibility: "members" | "nobody";
    organisationId: string | null;
    expertise: string[];
    languages: string[];
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("user")
      .set({
        name: input.name,
        title: input.title,
        bio: input.bio,
        phone: input.phone,
        contactVisibility: input.contactVisibility,
        organisationId: input.organisationId,
        updatedAt: nowIso(),
      })
      .where("id", "=", input.userId)
      .execute();
    await trx.deleteFrom("userExpertise").where("userId", "=", input.userId).execute();
    if (input.expertise.length) {
      await trx
        .insertInto("userExpertise")
        .values(input.expertise.map((tag) => ({ userId: input.userId, tag })))
        .execute();
    }
    await trx.deleteFrom("userLanguage").where("userId", "=", input.userId).execute();
    if (input.languages.length) {
      await trx
        .insertInto("userLanguage")
        .values(input.languages.map((language) => ({ userId: input.userId, language })))
        .execute();
    }
    await refreshSearchText(trx, { userId: input.userId });
  });
}

/** Recomputes the folded search text from name, organisation, title and expertise. */
export async function refreshSearchText(
  db: Database,
  { userId }: { userId: string },
): Promise<void> {
  const user = await db
    .selectFrom("user")
    .leftJoin("organisation", "organisation.id", "user.organisationId")
    .select(["user.name", "user.title", "user.email", "organisation.name as organisationName"])
    .where("user.id", "=", userId)
    .executeTakeFirst();
  if (!user) return;
  const tags = await listExpertise(db, { userIds: [userId] });
  const text = foldForSearch(
    [user.name, user.organisationName ?? "", user.title ?? "", ...(tags.get(userId) ?? [])].join(
      " ",
    ),
  );
  await db.updateTable("user").set({ searchText: text }).where("id", "=", userId).execute();
}
