import { sql, type Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("website", "text")
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("user")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("organisationId", "text", (c) => c.references("organisation.id"))
    .addColumn("passwordHash", "text")
    .addColumn("isSiteAdmin", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("da"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("user_organisation").on("user").column("organisationId").execute();

  await db.schema
    .createTable("space")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("periodStart", "text")
    .addColumn("periodEnd", "text")
    .addColumn("visibility", "text", (c) => c.notNull().defaultTo("private"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("membership")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("appointedAt", "text", (c) => c.notNull())
    .addColumn("leftAt", "text")
    .execute();
  // At most one current membership per person and space; ended ones stay as history.
  await db.schema
    .createIndex("membership_current")
    .on("membership")
    .columns(["spaceId", "userId"])
    .unique()
    .where(sql.ref("leftAt"), "is", null)
    .execute();
  await db.schema.createIndex("membership_user").on("membership").column("userId").execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("lastSeenAt", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("session_user").on("session").column("userId").execute();

  await db.schema
    .createTable("invitation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("tokenHash", "text", (c) => c.notNull().unique())
    .addColumn("invitedById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("spaceId", "text", (c) => c.references("space.id").onDelete("cascade"))
    .addColumn("role", "text")
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("expiresAt", "text", (c) => c.notNull())
    .addColumn("acceptedAt", "text")
    .addColumn("revokedAt", "text")
    .execute();
  await db.schema.createIndex("invitation_email").on("invitation").column("email").execute();

  await db.schema
    .createTable("passwordReset")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("tokenHash", "text", (c) => c.notNull().unique())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("expiresAt", "text", (c) => c.notNull())
    .addColumn("usedAt", "text")
    .execute();

  await db.schema
    .createTable("outboxMail")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("toAddress", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("transport", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("sentAt", "text")
    .addColumn("error", "text")
    .execute();
  await db.schema.createIndex("outbox_created").on("outboxMail").column("createdAt").execute();

  await db.schema
    .createTable("auditLog")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("actorId", "text", (c) => c.references("user.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subjectType", "text", (c) => c.notNull())
    .addColumn("subjectId", "text")
    .addColumn("spaceId", "text")
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_created").on("auditLog").column("createdAt").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "auditLog",
    "outboxMail",
    "passwordReset",
    "invitation",
    "session",
    "membership",
    "space",
    "user",
    "organisation",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
