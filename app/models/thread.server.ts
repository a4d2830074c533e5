import { sql } from "kysely";
import type { Database } from "../../db/client";
import { newId, nowIso } from "../lib/ids.server";

/**
 * Threads and their posts. Every function takes the space id and finds nothing outside it.
 * A post's `seq` is its position in the thread (1 = opening post), assigned inside the write
 * transaction: SQLite serialises writers, so seqs are gap-free and readers catch up with
 * "everything after the last seq I saw".
 */

export const subjectTypes = ["meeting", "agenda_item", "document", "initiative"] as const;
export type SubjectType = (typeof subjectTypes)[number];

/**
 * A space's threads for its list: pinned ones first, then the rest, each by latest activity.
 *
 * Two queries, not one `order by pinnedAt is null, lastPostAt desc`: that expression keeps
 * SQLite from reading `thread_space_activity (spaceId, pinnedAt, lastPostAt)` in order, so it
 * sorted every thread of the space (2,500 in the benchmark) to return 100. Here the few pinned
 * threads are one small range of that index, and `pinnedAt is null` is an equality on it, so
 * the rest is a backwards index walk that stops after `limit` rows (ADR 0009, addendum).
 */
export async function listThreads(
  db: Database,
  { spaceId, userId, limit = 100 }: { spaceId: string; userId: string; limit?: number },
) {
  const query = (pinned: boolean, take: number) =>
    db
      .selectFrom("thread")
      .innerJoin("user as author", "author.id", "thread.authorId")
      .leftJoin("threadReader as reader", (join) =>
        join.onRef("reader.threadId", "=", "thread.id").on("reader.userId", "=", userId),
      )
      .select([
        "thread.id",
        "thread.title",
        "thread.replyCount",
        "thread.lastSeq",
        "thread.lastPostAt",
        "thread.pinnedAt",
        "thread.lockedAt",
        "thread.subjectType",
        "thread.subjectId",
        "author.name as authorName",
        "reader.subscription",
        sql<number>`thread.lastSeq - coalesce(reader.lastReadSeq, 0)`.as("unread"),
      ])
      .where("thread.spaceId", "=", spaceId)
      .where("thread.pinnedAt", pinned ? "is not" : "is", null)
      .orderBy("thread.lastPostAt", "desc")
      .limit(take)
      .execute();
  const pinned = await query(true, limit);
  if (pinned.length >= limit) return pinned;
  return [...pinned, ...(await query(false, limit - pinned.length))];
}

/** Titles of the space's threads, latest activity first: the choices for linking a document. */
export async function listThreadOptions(
  db: Database,
  { spaceId, limit = 200 }: { spaceId: string; limit?: number },
) {
  return db
    .selectFrom("thread")
    .select(["id", "title"])
    .where("spaceId", "=", spaceId)
    .orderBy("lastPostAt", "desc")
    .limit(limit)
    .execute();
}

export async function getThread(
  db: Database,
  { spaceId, threadId }: { spaceId: string; threadId: string },
) {
  return (
    (await db
      .selectFrom("thread")
      .innerJoin("user as author", "author.id", "thread.authorId")
      .select([
        "thread.id",
        "thread.spaceId",
        "thread.title",
        "thread.authorId",
        "thread.lastSeq",
        "thread.replyCount",
        "thread.pinnedAt",
        "thread.lockedAt",
        "thread.subjectType",
        "thread.subjectId",
        "thread.createdAt",
        "author.name as authorName",
      ])
      .where("thread.spaceId", "=", spaceId)
      .where("thread.id", "=", threadId)
      .executeTakeFirst()) ?? null
  );
}

/** The space a thread belongs to, for socket events that name only the thread. */
export async function getThreadSpaceId(db: Database, { threadId }: { threadId: string }) {
  const row = await db
    .selectFrom("thread")
    .select("spaceId")
    .where("id", "=", threadId)
    .executeTakeFirst();
  return row?.spaceId ?? null;
}

export interface NewPost {
  body: string;
  html: string;
  mentionedUserIds: string[];
  clientId?: string | null;
}

export interface CreateThreadResult {
  /**
   * "duplicate": a retry, answered with the thread it opened the first time; "conflict": the
   * client id already belongs to another kind of post (its ids are given, nothing is stored).
   */
  status: "created" | "duplicate" | "conflict";
  threadId: string;
  postId: string;
}

/**
 * Opens a thread with its first post. A retry with a client id the author already used for an
 * opening post in this space returns that thread ("duplicate") instead of opening a second one.
 */
export async function createThread(
  db: Database,
  input: {
    spaceId: string;
    authorId: string;
    title: string;
    post: NewPost;
    subjectType?: SubjectType | null;
    subjectId?: string | null;
    now?: Date;
  },
): Promise<CreateThreadResult> {
  const now = nowIso(input.now);
  const threadId = newId();
  const postId = newId();
  return db.transaction().execute(async (trx) => {
    if (input.post.clientId) {
      const existing = await trx
        .selectFrom("post")
        .select(["id", "threadId", "spaceId", "seq"])
        .where("authorId", "=", input.authorId)
        .where("clientId", "=", input.post.clientId)
        .executeTakeFirst();
      if (existing) {
        const retry = existing.seq === 1 && existing.spaceId === input.spaceId;
        return {
          status: retry ? ("duplicate" as const) : ("conflict" as const),
          threadId: existing.threadId,
          postId: existing.id,
        };
      }
    }
    await trx
      .insertInto("thread")
      .values({
        id: threadId,
        spaceId: input.spaceId,
        title: input.title,
        authorId: input.authorId,
        subjectType: input.subjectType ?? null,
        subjectId: input.subjectId ?? null,
        lastSeq: 1,
        replyCount: 0,
        lastPostAt: now,
        pinnedAt: null,
        lockedAt: null,
        createdAt: now,
      })
      .execute();
    await insertPost(trx, {
      id: postId,
      threadId,
      spaceId: input.spaceId,
      seq: 1,
      authorId: input.authorId,
      post: input.post,
      now,
    });
    await trx
      .insertInto("threadReader")
      .values({
        threadId,
        userId: input.authorId,
        lastReadSeq: 1,
        previousReadSeq: 1,
        subscription: "follow",
        updatedAt: now,
      })
      .execute();
    return { status: "created" as const, threadId, postId };
  });
}

async function insertPost(
  trx: Database,
  p: {
    id: string;
    threadId: string;
    spaceId: string;
    seq: number;
    authorId: string;
    post: NewPost;
    now: string;
  },
) {
  await trx
    .insertInto("post")
    .values({
      id: p.id,
      threadId: p.threadId,
      spaceId: p.spaceId,
      seq: p.seq,
      authorId: p.authorId,
      clientId: p.post.clientId ?? null,
      body: p.post.body,
      bodyHtml: p.post.html,
      createdAt: p.now,
      editedAt: null,
      deletedAt: null,
      hiddenAt: null,
      hiddenById: null,
      hiddenReason: null,
    })
    .execute();
  if (p.post.mentionedUserIds.length) {
    await trx
      .insertInto("postMention")
      .values(p.post.mentionedUserIds.map((userId) => ({ postId: p.id, userId })))
      .execute();
  }
}

export type AddReplyResult =
  | { status: "created"; postId: string; seq: number }
  | { status: "duplicate"; postId: string; seq: number }
  | { status: "notFound" }
  | { status: "locked" };

/**
 * Appends a reply. A retry with a client id the author already used returns the stored post
 * ("duplicate") instead of storing it twice.
 */
export async function addReply(
  db: Database,
  input: { spaceId: string; threadId: string; authorId: string; post: NewPost; now?: Date },
): Promise<AddReplyResult> {
  const now = nowIso(input.now);
  return db.transaction().execute(async (trx) => {
    if (input.post.clientId) {
      const existing = await trx
        .selectFrom("post")
        .select(["id", "seq", "threadId"])
        .where("authorId", "=", input.authorId)
        .where("clientId", "=", input.post.clientId)
        .executeTakeFirst();
      if (existing) {
        return existing.threadId === input.threadId
          ? { status: "duplicate" as const, postId: existing.id, seq: existing.seq }
          : { status: "notFound" as const };
      }
    }
    const thread = await trx
      .updateTable("thread")
      .set((eb) => ({
        lastSeq: eb("lastSeq", "+", 1),
        replyCount: eb("replyCount", "+", 1),
        lastPostAt: now,
      }))
      .where("id", "=", input.threadId)
      .where("spaceId", "=", input.spaceId)
      .where("lockedAt", "is", null)
      .returning(["lastSeq"])
      .executeTakeFirst();
    if (!thread) {
      const exists = await getThread(trx, { spaceId: input.spaceId, threadId: input.threadId });
      return { status: exists ? ("locked" as const) : ("notFound" as const) };
    }
    const postId = newId();
    await insertPost(trx, {
      id: postId,
      threadId: input.threadId,
      spaceId: input.spaceId,
      seq: thread.lastSeq,
      authorId: input.authorId,
      post: input.post,
      now,
    });
    await markRead(trx, {
      threadId: input.threadId,
      userId: input.authorId,
      seq: thread.lastSeq,
      now: input.now,
    });
    return { status: "created" as const, postId, seq: thread.lastSeq };
  });
}

/** Posts of a thread in order, optionally only those after a seq (catch-up). */
export async function listPosts(
  db: Database,
  {
    spaceId,
    threadId,
    afterSeq = 0,
    limit = 500,
  }: { spaceId: string; threadId: string; afterSeq?: number; limit?: number },
) {
  const rows = await db
    .selectFrom("post")
    .innerJoin("user as author", "author.id", "post.authorId")
    .leftJoin("organisation", "organisation.id", "author.organisationId")
    .select([
      "post.id",
      "post.seq",
      "post.authorId",
      "post.body",
      "post.bodyHtml",
      "post.createdAt",
      "post.editedAt",
      "post.deletedAt",
      "post.hiddenAt",
      "post.hiddenReason",
      "author.name as authorName",
      "organisation.name as organisationName",
    ])
    .where("post.spaceId", "=", spaceId)
    .where("post.threadId", "=", threadId)
    .where("post.seq", ">", afterSeq)
    .orderBy("post.seq")
    .limit(limit)
    .execute();
  return rows;
}

export type PostRow = Awaited<ReturnType<typeof listPosts>>[number];

export async function getPost(
  db: Database,
  { spaceId, postId }: { spaceId: string; postId: string },
) {
  return (
    (await db
      .selectFrom("post")
      .select(["id", "threadId", "seq", "authorId", "body", "deletedAt", "hiddenAt"])
      .where("spaceId", "=", spaceId)
      .where("id", "=", postId)
      .executeTakeFirst()) ?? null
  );
}

/** Replaces a post's text, keeping the old text as a revision. */
export async function editPost(
  db: Database,
  input: { spaceId: string; postId: string; editorId: string; post: NewPost; now?: Date },
): Promise<boolean> {
  const now = nowIso(input.now);
  return db.transaction().execute(async (trx) => {
    const current = await getPost(trx, { spaceId: input.spaceId, postId: input.postId });
    if (!current || current.deletedAt) return false;
    await trx
      .insertInto("postRevision")
      .values({
        id: newId(),
        postId: current.id,
        body: current.body,
        editorId: input.editorId,
        replacedAt: now,
      })
      .execute();
    await trx
      .updateTable("post")
      .set({ body: input.post.body, bodyHtml: input.post.html, editedAt: now })
      .where("id", "=", current.id)
      .execute();
    await trx.deleteFrom("postMention").where("postId", "=", current.id).execute();
    if (input.post.mentionedUserIds.length) {
      await trx
        .insertInto("postMention")
        .values(input.post.mentionedUserIds.map((userId) => ({ postId: current.id, userId })))
        .execute();
    }
    return true;
  });
}

/** Deletes a post's content; a tombstone keeps its place so the thread still reads in order. */
export async function deletePost(
  db: Database,
  { spaceId, postId, now }: { spaceId: string; postId: string; now?: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("post")
      .set({ body: "", bodyHtml: "", deletedAt: nowIso(now) })
      .where("spaceId", "=", spaceId)
      .where("id", "=", postId)
      .where("deletedAt", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    // The author asked for the text to go: its earlier versions go with it.
    await trx.deleteFrom("postRevision").where("postId", "=", postId).execute();
    await trx.deleteFrom("postMention").where("postId", "=", postId).execute();
    return true;
  });
}

export async function listRevisions(
  db: Database,
  { spaceId, postId }: { spaceId: string; postId: string },
) {
  return db
    .selectFrom("postRevision")
    .innerJoin("post", "post.id", "postRevision.postId")
    .innerJoin("user as editor", "editor.id", "postRevision.editorId")
    .select([
      "postRevision.id",
      "postRevision.body",
      "postRevision.replacedAt",
      "editor.name as editorName",
    ])
    .where("post.spaceId", "=", spaceId)
    .where("post.id", "=", postId)
    .orderBy("postRevision.replacedAt", "desc")
    .execute();
}

/** Hides (with a reason) or shows a post again: moderation by the secretariat. */
export async function setPostHidden(
  db: Database,
  input: {
    spaceId: string;
    postId: string;
    moderatorId: string;
    reason: string | null;
    now?: Date;
  },
): Promise<boolean> {
  const hide = input.reason !== null;
  const result = await db
    .updateTable("post")
    .set({
      hiddenAt: hide ? nowIso(input.now) : null,
      hiddenById: hide ? input.moderatorId : null,
      hiddenReason: input.reason,
    })
    .where("spaceId", "=", input.spaceId)
    .where("id", "=", input.postId)
    .where("deletedAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setThreadFlag(
  db: Database,
  input: {
    spaceId: string;
    threadId: string;
    flag: "pinnedAt" | "lockedAt";
    on: boolean;
    now?: Date;
  },
): Promise<boolean> {
  const result = await db
    .updateTable("thread")
    .set({ [input.flag]: input.on ? nowIso(input.now) : null })
    .where("spaceId", "=", input.spaceId)
    .where("id", "=", input.threadId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Moves the person's read position forward (never back), and never past the thread's last post:
 * a position beyond it would hide later posts from the unread counts.
 */
export async function markRead(
  db: Database,
  { threadId, userId, seq, now }: { threadId: string; userId: string; seq: number; now?: Date },
): Promise<void> {
  const lastSeq = db.selectFrom("thread").select("lastSeq").where("id", "=", threadId);
  await db
    .insertInto("threadReader")
    .values({
      threadId,
      userId,
      lastReadSeq: sql<number>`min(${seq}, coalesce((${lastSeq}), 0))`,
      previousReadSeq: 0,
      subscription: null,
      updatedAt: nowIso(now),
    })
    .onConflict((oc) =>
      oc.columns(["threadId", "userId"]).doUpdateSet({
        lastReadSeq: sql`max(threadReader.lastReadSeq, excluded.lastReadSeq)`,
        updatedAt: nowIso(now),
      }),
    )
    .execute();
}

/**
 * Opening a thread: returns where the person had read to (the "new since your last visit"
 * marker) and marks everything up to `seq` read.
 */
export async function openThreadForReader(
  db: Database,
  { threadId, userId, seq, now }: { threadId: string; userId: string; seq: number; now?: Date },
): Promise<{ lastReadSeq: number; subscription: string | null }> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("threadReader")
      .select(["lastReadSeq", "subscription"])
      .where("threadId", "=", threadId)
      .where("userId", "=", userId)
      .executeTakeFirst();
    // Nothing new since the last visit: reading the page need not write (each write is a sync).
    if (before && before.lastReadSeq >= seq) {
      return { lastReadSeq: before.lastReadSeq, subscription: before.subscription };
    }
    await trx
      .insertInto("threadReader")
      .values({
        threadId,
        userId,
        lastReadSeq: seq,
        previousReadSeq: before?.lastReadSeq ?? 0,
        subscription: null,
        updatedAt: nowIso(now),
      })
      .onConflict((oc) =>
        oc.columns(["threadId", "userId"]).doUpdateSet({
          previousReadSeq: sql`threadReader.lastReadSeq`,
          lastReadSeq: sql`max(threadReader.lastReadSeq, excluded.lastReadSeq)`,
          updatedAt: nowIso(now),
        }),
      )
      .execute();
    return { lastReadSeq: before?.lastReadSeq ?? 0, subscription: before?.subscription ?? null };
  });
}

export async function setSubscription(
  db: Database,
  {
    threadId,
    userId,
    subscription,
  }: { threadId: string; userId: string; subscription: "follow" | "mute" | null },
): Promise<void> {
  await db
    .insertInto("threadReader")
    .values({
      threadId,
      userId,
      lastReadSeq: 0,
      previousReadSeq: 0,
      subscription,
      updatedAt: nowIso(),
    })
    .onConflict((oc) =>
      oc.columns(["threadId", "userId"]).doUpdateSet({ subscription, updatedAt: nowIso() }),
    )
    .execute();
}

/**
 * Unread posts per space for one person, muted threads left out: Σ (lastSeq − lastReadSeq) over
 * the space's threads, computed as Σ lastSeq (read from the index thread_space_lastSeq alone)
 * minus what the person's own reader rows account for (a muted thread counts as fully read).
 * Joining every thread of the space to the reader table instead cost ten times as much on every
 * page (ADR 0009).
 */
export async function countUnreadBySpace(db: Database, { userId }: { userId: string }) {
  const rows = await db
    .selectFrom("membership")
    .select((eb) => [
      "membership.spaceId",
      eb
        .selectFrom("thread")
        .select(sql<number>`coalesce(sum(thread.lastSeq), 0)`.as("posts"))
        .whereRef("thread.spaceId", "=", "membership.spaceId")
        .as("posts"),
      eb
        .selectFrom("threadReader as reader")
        .innerJoin("thread", "thread.id", "reader.threadId")
        .select(
          sql<number>`coalesce(sum(case when reader.subscription = 'mute' then thread.lastSeq else reader.lastReadSeq end), 0)`.as(
            "read",
          ),
        )
        .whereRef("reader.userId", "=", "membership.userId")
        .whereRef("thread.spaceId", "=", "membership.spaceId")
        .as("read"),
    ])
    .where("membership.userId", "=", userId)
    .where("membership.leftAt", "is", null)
    .execute();
  return new Map(rows.map((r) => [r.spaceId, Number(r.posts) - Number(r.read)]));
}
