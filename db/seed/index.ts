import { hashPassword } from "../../app/auth/password.server";
import { newId, nowIso } from "../../app/lib/ids.server";
import { mentionHandle, renderPost, type Mentionable } from "../../app/lib/markdown.server";
import { listMentionableMembers } from "../../app/models/membership.server";
import { refreshSearchText } from "../../app/models/person.server";
import { addReply, createThread, markRead, setThreadFlag } from "../../app/models/thread.server";
import type { Database } from "../client";
import { APPOINTED_AT_BY_SPACE, ORGANISATIONS, PEOPLE, SPACES, type SpaceSlug } from "./data";
import { seedConsultations } from "./consultations";
import { seedActivities } from "./activities";
import { seedDocuments } from "./documents";
import { checkMeetings, seedMeetings } from "./meetings";
import { seedPlan } from "./plan";
import { SEED_THREADS_BEFORE, THREADS } from "./threads";

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

export interface SeedCounts {
  users: number;
  spaces: number;
  organisations: number;
  threads: number;
  posts: number;
  documents: number;
  meetings: number;
}

/**
 * Fills an empty database with the demo. The demo documents' files are written into `filesDir`
 * (the hub's files folder); without it no documents are seeded, since rows without their files
 * would only give broken downloads.
 */
export async function seedDemoData(
  db: Database,
  { password, filesDir }: { password: string; filesDir?: string },
): Promise<SeedCounts> {
  // Before anything is written: a mistake in the thread data must not leave half a demo behind.
  checkThreads();
  checkMeetings();

  // One hash shared by every person: argon2id per person would make seeding take seconds, and
  // the demo password is the same for everyone anyway.
  const passwordHash = await hashPassword(password);

  const counts = await db.transaction().execute(async (trx) => {
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

  // The threads go through the same model functions as real posts. Those open their own
  // transactions, which Kysely cannot nest in the one above, so they run after it has committed
  // (and so only after the emptiness check has passed).
  const discussion = await seedThreads(db);
  const documents = filesDir ? await seedDocuments(db, { filesDir }) : 0;
  // After the documents, which the agendas link to as papers.
  const meetings = await seedMeetings(db);
  await seedPlan(db);
  await seedConsultations(db);
  await seedActivities(db);
  return { ...counts, ...discussion, documents, meetings };
}

async function seedThreads(db: Database): Promise<{ threads: number; posts: number }> {
  const spaceIds = new Map(
    (await db.selectFrom("space").select(["id", "slug"]).execute()).map((s) => [s.slug, s.id]),
  );
  const userIds = new Map(
    (await db.selectFrom("user").select(["id", "email"]).execute()).map((u) => [u.email, u.id]),
  );
  const mentionables = new Map<string, Mentionable[]>();
  let posts = 0;

  for (const thread of THREADS) {
    const spaceId = lookup(spaceIds, thread.space);
    let members = mentionables.get(spaceId);
    if (!members) {
      members = await listMentionableMembers(db, { spaceId });
      mentionables.set(spaceId, members);
    }
    const [opening, ...replies] = thread.posts;

    const created = await createThread(db, {
      spaceId,
      authorId: lookup(userIds, opening.author),
      title: thread.title,
      post: renderSeedPost(opening.body, members),
      now: new Date(opening.at),
    });
    if (created.status !== "created") {
      throw new Error(`Seed thread "${thread.title}" was not stored: ${created.status}`);
    }
    const { threadId } = created;
    for (const reply of replies) {
      const result = await addReply(db, {
        spaceId,
        threadId,
        authorId: lookup(userIds, reply.author),
        post: renderSeedPost(reply.body, members),
        now: new Date(reply.at),
      });
      if (result.status !== "created") {
        throw new Error(`Seed reply in "${thread.title}" was not stored: ${result.status}`);
      }
    }
    posts += thread.posts.length;

    if (thread.pinned) {
      await setThreadFlag(db, {
        spaceId,
        threadId,
        flag: "pinnedAt",
        on: true,
        now: minutesAfter(opening.at, 5),
      });
    }

    // The demo accounts have read the thread up to where the data says; the model functions
    // above already marked each author's own posts read.
    for (const email of DEMO_ACCOUNTS) {
      if (!isCurrentMember(email, thread.space)) continue;
      const readSeq = thread.posts.length - (thread.unreadFor?.[email] ?? 0);
      if (readSeq < 1) continue;
      await markRead(db, {
        threadId,
        userId: lookup(userIds, email),
        seq: readSeq,
        now: minutesAfter(thread.posts[readSeq - 1]!.at, 20),
      });
    }
  }

  return { threads: THREADS.length, posts };
}

function renderSeedPost(body: string, members: Mentionable[]) {
  const { html, mentionedUserIds } = renderPost(body, members);
  return { body, html, mentionedUserIds };
}

// The same shape the Markdown renderer turns into a mention.
const MENTION = /(^|[^\p{L}\p{N}_.@])@([\p{L}\p{N}][\p{L}\p{N}.-]*[\p{L}\p{N}])/gu;

/**
 * Checks the thread data against the people and spaces: authors are current members who take
 * part (not observers, not former members, not the site admin), posts are in order and in the
 * past of the demo, mentions name current members of the same space, and unread counts leave
 * a person's own posts read.
 */
function checkThreads() {
  const people = new Map(PEOPLE.map((p) => [p.email, p]));
  for (const thread of THREADS) {
    const where = `Seed thread "${thread.title}"`;
    const replies = thread.posts.length - 1;
    if (replies < 2 || replies > 6) throw new Error(`${where} has ${replies} replies, not 2–6`);
    const replyAuthors = thread.posts.slice(1).map((p) => p.author);
    if (new Set(replyAuthors).size !== replyAuthors.length) {
      throw new Error(`${where} has two replies by the same person`);
    }

    let previous = "";
    for (const post of thread.posts) {
      const person = people.get(post.author);
      if (!person || person.isSiteAdmin || !isParticipant(person.email, thread.space)) {
        throw new Error(`${where}: ${post.author} is not a participating member of the space`);
      }
      if (!(post.at > previous && post.at < SEED_THREADS_BEFORE)) {
        throw new Error(`${where}: post at ${post.at} is out of order or too late`);
      }
      previous = post.at;
      for (const match of post.body.matchAll(MENTION)) {
        const handle = mentionHandle(match[2]!);
        const mentioned = PEOPLE.find((p) => mentionHandle(p.name) === handle);
        if (!mentioned || !isParticipant(mentioned.email, thread.space)) {
          throw new Error(`${where}: @${match[2]} is not a participating member of the space`);
        }
      }
    }

    for (const [email, unread] of Object.entries(thread.unreadFor ?? {})) {
      if (!(DEMO_ACCOUNTS as readonly string[]).includes(email)) {
        throw new Error(`${where}: unreadFor names ${email}, which is not a demo account`);
      }
      const readSeq = thread.posts.length - unread;
      if (thread.posts.some((p, i) => p.author === email && i + 1 > readSeq)) {
        throw new Error(`${where}: ${email} cannot have their own post unread`);
      }
    }
  }
}

function currentMemberships(email: string, space: SpaceSlug) {
  const person = PEOPLE.find((p) => p.email === email);
  return (person?.memberships ?? []).filter((m) => m.space === space && !m.leftAt);
}

function isCurrentMember(email: string, space: SpaceSlug): boolean {
  return currentMemberships(email, space).length > 0;
}

/** A current member who writes: observers only read. */
function isParticipant(email: string, space: SpaceSlug): boolean {
  return currentMemberships(email, space).some((m) => m.role !== "observer");
}

function minutesAfter(iso: string, minutes: number): Date {
  return new Date(Date.parse(iso) + minutes * 60_000);
}

function lookup(ids: Map<string, string>, key: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Seed data refers to unknown "${key}"`);
  return id;
}
