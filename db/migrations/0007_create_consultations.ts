import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  // A consultation (høring): the secretariat asks a question with a deadline; the people asked
  // answer until then; the secretariat closes it with what it did with the answers.
  await db.schema
    .createTable("consultation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    // Markdown as typed, and its HTML rendered once on the server (raw HTML off).
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("questionHtml", "text", (c) => c.notNull())
    .addColumn("deadline", "text", (c) => c.notNull())
    // all: every current member (not observers) when asked | chosen: the people picked.
    .addColumn("audience", "text", (c) => c.notNull())
    // members: every member of the space reads the answers | secretariat: only the secretariat.
    .addColumn("answerVisibility", "text", (c) => c.notNull())
    .addColumn("outcome", "text")
    .addColumn("outcomeHtml", "text")
    .addColumn("closedAt", "text")
    .addColumn("closedById", "text", (c) => c.references("user.id"))
    // Claimed by the reminder job before it sends, so the automatic reminder goes out once.
    .addColumn("autoRemindedAt", "text")
    .addColumn("createdById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("consultation_space_deadline")
    .on("consultation")
    .columns(["spaceId", "closedAt", "deadline"])
    .execute();

  // Who was asked, fixed when the question goes out: "all members" means those of that day.
  await db.schema
    .createTable("consultationRecipient")
    .addColumn("consultationId", "text", (c) =>
      c.notNull().references("consultation.id").onDelete("cascade"),
    )
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("userId", "text", (c) => c.notNull().references("user.id"))
    .addColumn("askedAt", "text", (c) => c.notNull())
    .addColumn("lastRemindedAt", "text")
    .addPrimaryKeyConstraint("consultationRecipient_pk", ["consultationId", "userId"])
    .execute();
  await db.schema
    .createIndex("consultationRecipient_user")
    .on("consultationRecipient")
    .column("userId")
    .execute();

  // One answer per person asked, edited in place until the deadline.
  await db.schema
    .createTable("consultationAnswer")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultationId", "text", (c) =>
      c.notNull().references("consultation.id").onDelete("cascade"),
    )
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("userId", "text", (c) => c.notNull().references("user.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("bodyHtml", "text", (c) => c.notNull())
    // agree | partly | disagree | none (no stance taken); null when the person gave none.
    .addColumn("stance", "text")
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("consultationAnswer_person")
    .on("consultationAnswer")
    .columns(["consultationId", "userId"])
    .unique()
    .execute();

  // Every reminder sent, by the secretariat (manual) or by the server's job (automatic).
  await db.schema
    .createTable("consultationReminder")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultationId", "text", (c) =>
      c.notNull().references("consultation.id").onDelete("cascade"),
    )
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    // manual | automatic
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("sentById", "text", (c) => c.references("user.id"))
    .addColumn("recipientCount", "integer", (c) => c.notNull())
    .addColumn("sentAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("consultationReminder_consultation")
    .on("consultationReminder")
    .columns(["consultationId", "sentAt"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "consultationReminder",
    "consultationAnswer",
    "consultationRecipient",
    "consultation",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
