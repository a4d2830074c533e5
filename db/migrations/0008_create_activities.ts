import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration.
// Local activities of a network's member organisations, and the key-person training
// (nøglepersonsuddannelse) with its sessions, participants and attendance. Everything is owned
// by a space; the hub stores professionals only, never the citizens an activity is for.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("activity")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("startsAt", "text", (c) => c.notNull())
    .addColumn("endsAt", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    // children | youth | parents | women | men | families | professionals | everyone
    .addColumn("targetGroup", "text", (c) => c.notNull())
    .addColumn("organiserOrganisationId", "text", (c) =>
      c.references("organisation.id").onDelete("set null"),
    )
    // A professional contact at the organiser (name, e-mail or phone); never a citizen.
    .addColumn("contactName", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contactDetails", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("descriptionHtml", "text", (c) => c.notNull().defaultTo(""))
    // planned | cancelled — a cancelled activity stays so calendars can drop it (STATUS:CANCELLED).
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned"))
    .addColumn("cancelledAt", "text")
    // iCalendar SEQUENCE: raised on every change a subscribed calendar must pick up.
    .addColumn("calendarSequence", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("createdById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("activity_space_start")
    .on("activity")
    .columns(["spaceId", "startsAt"])
    .execute();

  await db.schema
    .createTable("trainingCourse")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("descriptionHtml", "text", (c) => c.notNull().defaultTo(""))
    // Free text: who runs it with the network, e.g. Nationalt Center mod Æresrelaterede Konflikter.
    .addColumn("organiser", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("createdById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("trainingCourse_space")
    .on("trainingCourse")
    .column("spaceId")
    .execute();

  await db.schema
    .createTable("trainingSession")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("courseId", "text", (c) =>
      c.notNull().references("trainingCourse.id").onDelete("cascade"),
    )
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("startsAt", "text", (c) => c.notNull())
    .addColumn("endsAt", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
    // Names as text: teachers are often guests from outside the hub.
    .addColumn("teachers", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("trainingSession_course")
    .on("trainingSession")
    .columns(["courseId", "startsAt"])
    .execute();

  // A member of the space on a course; completedAt makes the person a key person (nøgleperson).
  await db.schema
    .createTable("trainingParticipant")
    .addColumn("courseId", "text", (c) =>
      c.notNull().references("trainingCourse.id").onDelete("cascade"),
    )
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("addedById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("addedAt", "text", (c) => c.notNull())
    .addColumn("completedAt", "text")
    .addColumn("completedById", "text", (c) => c.references("user.id"))
    .addPrimaryKeyConstraint("trainingParticipant_pk", ["courseId", "userId"])
    .execute();
  await db.schema
    .createIndex("trainingParticipant_user")
    .on("trainingParticipant")
    .column("userId")
    .execute();

  await db.schema
    .createTable("trainingAttendance")
    .addColumn("sessionId", "text", (c) =>
      c.notNull().references("trainingSession.id").onDelete("cascade"),
    )
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("present", "integer", (c) => c.notNull())
    .addColumn("recordedById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("recordedAt", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("trainingAttendance_pk", ["sessionId", "userId"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "trainingAttendance",
    "trainingParticipant",
    "trainingSession",
    "trainingCourse",
    "activity",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
