import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  // A recurring series ("first Tuesday of the month"); its occurrences are materialised as
  // ordinary meeting rows, so one can be moved or cancelled like any meeting.
  await db.schema
    .createTable("meetingSeries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    // JSON of app/lib/recurrence.ts's RecurrenceRule.
    .addColumn("rule", "text", (c) => c.notNull())
    // Wall-clock time in Europe/Copenhagen ("17:00"): stays put across daylight-saving changes.
    .addColumn("startTime", "text", (c) => c.notNull())
    .addColumn("durationMinutes", "integer", (c) => c.notNull())
    .addColumn("firstDate", "text", (c) => c.notNull())
    .addColumn("untilDate", "text", (c) => c.notNull())
    .addColumn("createdById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("meeting")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("seriesId", "text", (c) => c.references("meetingSeries.id").onDelete("set null"))
    // The series date this occurrence stands for (YYYY-MM-DD), kept when it is moved.
    .addColumn("seriesDate", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("startsAt", "text", (c) => c.notNull())
    .addColumn("endsAt", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("onlineUrl", "text")
    // draft | published | held | approved | cancelled
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("publishedAt", "text")
    .addColumn("cancelledAt", "text")
    // none | draft | circulated | approved — the minutes' own workflow.
    .addColumn("minutesStatus", "text", (c) => c.notNull().defaultTo("none"))
    // The number of the minutes version being written or last approved (1 once started).
    .addColumn("minutesVersion", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("minutesCirculatedAt", "text")
    // iCalendar SEQUENCE: raised on every change a calendar must pick up (time, place, status).
    .addColumn("calendarSequence", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("createdById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meeting_space_start")
    .on("meeting")
    .columns(["spaceId", "startsAt"])
    .execute();
  await db.schema.createIndex("meeting_series").on("meeting").column("seriesId").execute();

  await db.schema
    .createTable("agendaItem")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meetingId", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    // Sub-items point at their item; one level deep.
    .addColumn("parentId", "text", (c) => c.references("agendaItem.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("descriptionHtml", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("presenter", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("durationMinutes", "integer", (c) => c.notNull().defaultTo(0))
    // orientation | discussion | decision (orientering / drøftelse / beslutning)
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("orientation"))
    // accepted | proposed | declined — members propose, the secretariat decides.
    .addColumn("state", "text", (c) => c.notNull().defaultTo("accepted"))
    .addColumn("proposedById", "text", (c) => c.references("user.id"))
    .addColumn("declineReason", "text")
    // A closed item (lukket punkt) is seen, with its papers and minutes, only by agendaItemAccess.
    .addColumn("isClosed", "integer", (c) => c.notNull().defaultTo(0))
    // The minutes of the item: notes and the decision text (Markdown).
    .addColumn("minutesNotes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("minutesDecision", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("createdById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("agendaItem_meeting")
    .on("agendaItem")
    .columns(["meetingId", "position"])
    .execute();

  await db.schema
    .createTable("agendaItemAccess")
    .addColumn("agendaItemId", "text", (c) =>
      c.notNull().references("agendaItem.id").onDelete("cascade"),
    )
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("agendaItemAccess_pk", ["agendaItemId", "userId"])
    .execute();

  // Papers that are web links (documents in the library link through documentLink instead).
  await db.schema
    .createTable("agendaItemLink")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agendaItemId", "text", (c) =>
      c.notNull().references("agendaItem.id").onDelete("cascade"),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("attendance")
    .addColumn("meetingId", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    // attending | absent (afbud) | maybe
    .addColumn("response", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("respondedAt", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("attendance_pk", ["meetingId", "userId"])
    .execute();

  // Each approved version of the minutes, frozen: what was approved, by whom and when.
  await db.schema
    .createTable("minutesVersion")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meetingId", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("versionNo", "integer", (c) => c.notNull())
    // JSON: [{ agendaItemId, title, isClosed, notes, decision }] as approved.
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("approvedById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("approvedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("minutesVersion_meeting")
    .on("minutesVersion")
    .columns(["meetingId", "versionNo"])
    .unique()
    .execute();

  // Attendees' comments on circulated minutes.
  await db.schema
    .createTable("minutesComment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meetingId", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("minutesVersion", "integer", (c) => c.notNull())
    .addColumn("authorId", "text", (c) => c.notNull().references("user.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("actionItem")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("meetingId", "text", (c) => c.references("meeting.id").onDelete("set null"))
    .addColumn("agendaItemId", "text", (c) => c.references("agendaItem.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    // A person or an organisation (or neither, while unassigned).
    .addColumn("assigneeUserId", "text", (c) => c.references("user.id"))
    .addColumn("assigneeOrganisationId", "text", (c) => c.references("organisation.id"))
    // Calendar date (YYYY-MM-DD) in Copenhagen.
    .addColumn("dueDate", "text")
    // open | in_progress | done
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("completedAt", "text")
    .addColumn("createdById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("actionItem_space")
    .on("actionItem")
    .columns(["spaceId", "status", "dueDate"])
    .execute();
  await db.schema
    .createIndex("actionItem_assignee")
    .on("actionItem")
    .columns(["assigneeUserId", "status"])
    .execute();

  // A person's private calendar feed; renewing replaces the hash, so the old URL stops working.
  await db.schema
    .createTable("calendarFeed")
    .addColumn("userId", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("tokenHash", "text", (c) => c.notNull().unique())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "calendarFeed",
    "actionItem",
    "minutesComment",
    "minutesVersion",
    "attendance",
    "agendaItemLink",
    "agendaItemAccess",
    "agendaItem",
    "meeting",
    "meetingSeries",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
