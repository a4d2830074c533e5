import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration.
//
// Unread counts per space (every page's navigation) add up `thread.lastSeq` over a space's
// threads. With (spaceId, lastSeq) SQLite reads that sum from the index alone instead of
// visiting every thread row: 0.2 ms instead of 2.6 ms for a space of 2,500 threads (ADR 0009).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("thread_space_lastSeq")
    .on("thread")
    .columns(["spaceId", "lastSeq"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("thread_space_lastSeq").execute();
}
