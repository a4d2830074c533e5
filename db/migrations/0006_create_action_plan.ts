import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration.
// The action plan is a public municipal plan: plans and initiatives belong to no space. The
// recommendation round names the space whose members answer (the expert group).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("plan")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    // Calendar dates (YYYY-MM-DD) the plan runs from and to, both included.
    .addColumn("periodStart", "text", (c) => c.notNull())
    .addColumn("periodEnd", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    // Numbers in the municipality's records systems, as on documents.
    .addColumn("f2CaseNumber", "text")
    .addColumn("f2DocumentNumber", "text")
    .addColumn("edocCaseNumber", "text")
    .addColumn("createdById", "text", (c) => c.references("user.id"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("initiative")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("planId", "text", (c) => c.notNull().references("plan.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    // children_youth | adults | civil_society (børn og unge / voksne / civilsamfund)
    .addColumn("targetGroup", "text", (c) => c.notNull())
    // The organisation that runs it; its members write the progress updates.
    .addColumn("ownerOrganisationId", "text", (c) => c.notNull().references("organisation.id"))
    // E.g. the plan itself or the national "Et frit liv i Danmark".
    .addColumn("fundingContext", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("startDate", "text", (c) => c.notNull())
    .addColumn("endDate", "text", (c) => c.notNull())
    // running | ending | proposed_continuation | continued | ended
    .addColumn("status", "text", (c) => c.notNull().defaultTo("running"))
    .addColumn("createdById", "text", (c) => c.references("user.id"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("initiative_plan_end")
    .on("initiative")
    .columns(["planId", "endDate"])
    .execute();

  await db.schema
    .createTable("initiativePartner")
    .addColumn("initiativeId", "text", (c) =>
      c.notNull().references("initiative.id").onDelete("cascade"),
    )
    .addColumn("organisationId", "text", (c) => c.notNull().references("organisation.id"))
    .addPrimaryKeyConstraint("initiativePartner_pk", ["initiativeId", "organisationId"])
    .execute();

  // Progress updates: Markdown rendered once when written (raw HTML off), as posts are.
  await db.schema
    .createTable("initiativeUpdate")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("initiativeId", "text", (c) =>
      c.notNull().references("initiative.id").onDelete("cascade"),
    )
    .addColumn("authorId", "text", (c) => c.notNull().references("user.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("bodyHtml", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("initiativeUpdate_initiative")
    .on("initiativeUpdate")
    .columns(["initiativeId", "createdAt"])
    .execute();

  // Generic links to meetings and agenda items (subjectType meeting | agenda_item); the reader
  // checks the linked object's own visibility rules, so a link never reveals more than they do.
  await db.schema
    .createTable("initiativeLink")
    .addColumn("initiativeId", "text", (c) =>
      c.notNull().references("initiative.id").onDelete("cascade"),
    )
    .addColumn("subjectType", "text", (c) => c.notNull())
    .addColumn("subjectId", "text", (c) => c.notNull())
    .addColumn("createdById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("initiativeLink_pk", ["initiativeId", "subjectType", "subjectId"])
    .execute();

  // A round in which the members of a space (the expert group) recommend, per initiative,
  // whether it should continue in the next plan.
  await db.schema
    .createTable("recommendationRound")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("planId", "text", (c) => c.notNull().references("plan.id").onDelete("cascade"))
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("question", "text", (c) => c.notNull())
    // ISO UTC instant; answers are refused from then on, as they are once closedAt is set.
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("openedById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("closedAt", "text")
    .execute();
  await db.schema
    .createIndex("recommendationRound_plan")
    .on("recommendationRound")
    .columns(["planId", "createdAt"])
    .execute();

  await db.schema
    .createTable("recommendation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("roundId", "text", (c) =>
      c.notNull().references("recommendationRound.id").onDelete("cascade"),
    )
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("initiativeId", "text", (c) =>
      c.notNull().references("initiative.id").onDelete("cascade"),
    )
    .addColumn("userId", "text", (c) => c.notNull().references("user.id"))
    // continue | adjust | end
    .addColumn("stance", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  // One answer per person and initiative in a round: changing it updates the row.
  await db.schema
    .createIndex("recommendation_one_per_person")
    .on("recommendation")
    .columns(["roundId", "initiativeId", "userId"])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "recommendation",
    "recommendationRound",
    "initiativeLink",
    "initiativeUpdate",
    "initiativePartner",
    "initiative",
    "plan",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
