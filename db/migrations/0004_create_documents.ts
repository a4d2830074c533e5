import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("folder")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("folder_space").on("folder").columns(["spaceId", "name"]).execute();

  await db.schema
    .createTable("document")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("folderId", "text", (c) => c.references("folder.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    // Calendar date of the paper itself (YYYY-MM-DD), not of the upload.
    .addColumn("documentDate", "text")
    .addColumn("originOrganisationId", "text", (c) => c.references("organisation.id"))
    // Numbers in the municipality's records systems, e.g. "2025 - 24329", "9764425", "2025-0370200".
    .addColumn("f2CaseNumber", "text")
    .addColumn("f2DocumentNumber", "text")
    .addColumn("edocCaseNumber", "text")
    .addColumn("currentVersionId", "text")
    .addColumn("createdById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    // In the trash since then; purged with its files 30 days later.
    .addColumn("deletedAt", "text")
    .addColumn("deletedById", "text", (c) => c.references("user.id"))
    .execute();
  await db.schema
    .createIndex("document_space_folder")
    .on("document")
    .columns(["spaceId", "deletedAt", "folderId"])
    .execute();

  await db.schema
    .createTable("documentTag")
    .addColumn("documentId", "text", (c) =>
      c.notNull().references("document.id").onDelete("cascade"),
    )
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("documentTag_pk", ["documentId", "tag"])
    .execute();

  await db.schema
    .createTable("documentVersion")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("documentId", "text", (c) =>
      c.notNull().references("document.id").onDelete("cascade"),
    )
    .addColumn("spaceId", "text", (c) => c.notNull().references("space.id").onDelete("cascade"))
    .addColumn("versionNo", "integer", (c) => c.notNull())
    // SHA-256 of the content: the stored file's name. The original name is only metadata.
    .addColumn("blobHash", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("mimeType", "text", (c) => c.notNull())
    .addColumn("originalName", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("uploadedById", "text", (c) => c.notNull().references("user.id"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    // pending | done | failed | unsupported — text kept for the search issue.
    .addColumn("extractionStatus", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("extractedText", "text")
    .execute();
  await db.schema
    .createIndex("documentVersion_document")
    .on("documentVersion")
    .columns(["documentId", "versionNo"])
    .unique()
    .execute();
  await db.schema
    .createIndex("documentVersion_blob")
    .on("documentVersion")
    .column("blobHash")
    .execute();

  // Generic links to what a document belongs to: meeting, agenda_item, thread, initiative.
  await db.schema
    .createTable("documentLink")
    .addColumn("documentId", "text", (c) =>
      c.notNull().references("document.id").onDelete("cascade"),
    )
    .addColumn("subjectType", "text", (c) => c.notNull())
    .addColumn("subjectId", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("documentLink_pk", ["documentId", "subjectType", "subjectId"])
    .execute();
  await db.schema
    .createIndex("documentLink_subject")
    .on("documentLink")
    .columns(["subjectType", "subjectId"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["documentLink", "documentVersion", "documentTag", "document", "folder"]) {
    await db.schema.dropTable(table).execute();
  }
}
