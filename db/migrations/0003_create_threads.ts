import { sql, type Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("thread")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("authorId", "text", (c) => c.notNull().references("user.id"))
    // Generic link to what the thread is about: meeting, agenda_item, document, initiative.
    .addColumn("subjectType", "text")
    .addColumn("subjectId", "text")
    // Highest post sequence number in the thread: readers catch up from the last one they saw.
    .addColumn("lastSeq", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("replyCount", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("lastPostAt", "text", (c) => c.notNull())
    .addColumn("pinnedAt", "text")
    .addColumn("lockedAt", "text")
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("thread_space_activity")
    .on("thread")
    .columns(["spaceId", "pinnedAt", "lastPostAt"])
    .execute();
  await db.schema
    .createIndex("thread_subject")
    .on("thread")
    .columns(["subjectType", "subjectId"])
    .execute();

  await db.schema
    .createTable("post")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("threadId", "text", (c) => c.notNull().references("thread.id").onDelete("cascade"))
    // Repeated from the thread so every query can be scoped by space without a join.
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    // 1 for the opening post, then 2, 3, … in the order the database committed them.
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("authorId", "text", (c) => c.notNull().references("user.id"))
    // Chosen by the sender's browser: a retried post with the same id is stored once.
    .addColumn("clientId", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("bodyHtml", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("editedAt", "text")
    .addColumn("deletedAt", "text")
    .addColumn("hiddenAt", "text")
    .addColumn("hiddenById", "text", (c) => c.references("user.id"))
    .addColumn("hiddenReason", "text")
    .execute();
  await db.schema
    .createIndex("post_thread_seq")
    .on("post")
    .columns(["threadId", "seq"])
    .unique()
    .execute();
  await db.schema
    .createIndex("post_author_client")
    .on("post")
    .columns(["authorId", "clientId"])
    .unique()
    .where(sql.ref("clientId"), "is not", null)
    .execute();

  await db.schema
    .createTable("postRevision")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("postId", "text", (c) => c.notNull().references("post.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("editorId", "text", (c) => c.notNull().references("user.id"))
    // When this text was replaced.
    .addColumn("replacedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("postRevision_post").on("postRevision").column("postId").execute();

  await db.schema
    .createTable("postMention")
    .addColumn("postId", "text", (c) => c.notNull().references("post.id").onDelete("cascade"))
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("postMention_pk", ["postId", "userId"])
    .execute();
  await db.schema.createIndex("postMention_user").on("postMention").column("userId").execute();

  // Per person and thread: how far they have read, and whether they follow or mute it.
  await db.schema
    .createTable("threadReader")
    .addColumn("threadId", "text", (c) => c.notNull().references("thread.id").onDelete("cascade"))
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("lastReadSeq", "integer", (c) => c.notNull().defaultTo(0))
    // The read position when the person opened the thread last: the "new since" marker.
    .addColumn("previousReadSeq", "integer", (c) => c.notNull().defaultTo(0))
    // follow | mute | null (default: notified only when mentioned or when one wrote in it)
    .addColumn("subscription", "text")
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("threadReader_pk", ["threadId", "userId"])
    .execute();
  await db.schema.createIndex("threadReader_user").on("threadReader").column("userId").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["threadReader", "postMention", "postRevision", "post", "thread"]) {
    await db.schema.dropTable(table).execute();
  }
}
