import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("user")
    .addColumn("bio", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.alterTable("user").addColumn("phone", "text").execute();
  // members: people who share a current space may see email and phone; nobody: only the person.
  await db.schema
    .alterTable("user")
    .addColumn("contactVisibility", "text", (c) => c.notNull().defaultTo("members"))
    .execute();
  // Name, organisation, title and expertise folded for accent- and æøå-insensitive search.
  await db.schema
    .alterTable("user")
    .addColumn("searchText", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  await db.schema
    .createTable("userExpertise")
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("userExpertise_pk", ["userId", "tag"])
    .execute();
  await db.schema.createIndex("userExpertise_tag").on("userExpertise").column("tag").execute();

  await db.schema
    .createTable("userLanguage")
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("language", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("userLanguage_pk", ["userId", "language"])
    .execute();

  await db.schema
    .createIndex("invitation_space")
    .on("invitation")
    .columns(["spaceId", "email"])
    .execute();
  await db.schema
    .createIndex("audit_space")
    .on("auditLog")
    .columns(["spaceId", "createdAt"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_space").execute();
  await db.schema.dropIndex("invitation_space").execute();
  await db.schema.dropTable("userLanguage").execute();
  await db.schema.dropTable("userExpertise").execute();
  for (const column of ["searchText", "contactVisibility", "phone", "bio"]) {
    await db.schema.alterTable("user").dropColumn(column).execute();
  }
}
