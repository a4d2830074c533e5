import { hashPassword } from "../../app/auth/password.server";
import { newId, nowIso } from "../../app/lib/ids.server";
import { refreshSearchText } from "../../app/models/person.server";
import type { Database } from "../client";
import { APPOINTED_AT_BY_SPACE, ORGANISATIONS, PEOPLE, SPACES } from "./data";

export const DEMO_ACCOUNTS = [
  "admin@hub.example",
  "sekretariat@bif.example",
  "ekspert@boernsvilkaar.example",
  "ngo@bispebjerg.example",
  "medarbejder@jobcenter.example",
] as const;

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const user = await db.selectFrom("user").select("id").limit(1).executeTakeFirst();
  const space = await db.selectFrom("space").select("id").limit(1).executeTakeFirst();
  return user === undefined && space === undefined;
}

export async function seedDemoData(
  db: Database,
  { password }: { password: string },
): Promise<{ users: number; spaces: number; organisations: number }> {
  // One hash shared by every person: argon2id per person would make seeding take seconds, and
  // the demo password is the same for everyone anyway.
  const passwordHash = await hashPassword(password);

  return db.transaction().execute(async (trx) => {
    // Checked inside the transaction so that two concurrent seeds cannot both pass.
    if (!(await isDatabaseEmpty(trx))) {
      throw new Error("Refusing to seed: the database already has users or spaces.");
    }

    const now = nowIso();

    const organisationIds = new Map<string, string>();
    for (const organisation of ORGANISATIONS) {
      const id = newId();
      organisationIds.set(organisation.name, id);
      await trx
        .insertInto("organisation")
        .values({
          id,
          name: organisation.name,
          type: organisation.type,
          description: organisation.description,
          website: organisation.website,
          createdAt: now,
        })
        .execute();
    }

    const spaceIds = new Map<string, string>();
    for (const space of SPACES) {
      const id = newId();
      spaceIds.set(space.slug, id);
      await trx
        .insertInto("space")
        .values({
          id,
          slug: space.slug,
          name: space.name,
          kind: space.kind,
          purpose: space.purpose,
          periodStart: space.periodStart,
          periodEnd: space.periodEnd,
          visibility: space.visibility,
          createdAt: now,
        })
        .execute();
    }

    for (const person of PEOPLE) {
      const userId = newId();
      await trx
        .insertInto("user")
        .values({
          id: userId,
          email: person.email.trim().toLowerCase(),
          name: person.name,
          title: person.title,
          organisationId: lookup(organisationIds, person.organisation),
          passwordHash,
          isSiteAdmin: person.isSiteAdmin ? 1 : 0,
          status: "active",
          locale: "da",
          bio: person.bio,
          phone: person.phone ?? null,
          contactVisibility: person.contactVisibility ?? "members",
          createdAt: now,
          updatedAt: now,
        })
        .execute();

      if (person.expertise.length > 0) {
        await trx
          .insertInto("userExpertise")
          .values(person.expertise.map((tag) => ({ userId, tag })))
          .execute();
      }
      if (person.languages.length > 0) {
        await trx
          .insertInto("userLanguage")
          .values(person.languages.map((language) => ({ userId, language })))
          .execute();
      }
      // After the expertise rows, which the search text includes.
      await refreshSearchText(trx, { userId });

      for (const membership of person.memberships) {
        await trx
          .insertInto("membership")
          .values({
            id: newId(),
            spaceId: lookup(spaceIds, membership.space),
            userId,
            role: membership.role,
            appointedAt: membership.appointedAt ?? APPOINTED_AT_BY_SPACE[membership.space],
            leftAt: membership.leftAt ?? null,
          })
          .execute();
      }
    }

    return { users: PEOPLE.length, spaces: SPACES.length, organisations: ORGANISATIONS.length };
  });
}

function lookup(ids: Map<string, string>, key: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Seed data refers to unknown "${key}"`);
  return id;
}
