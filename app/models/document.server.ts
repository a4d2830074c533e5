import { sql } from "kysely";
import type { Database } from "../../db/client";
import { newId, nowIso } from "../lib/ids.server";
import { agendaItemVisibleTo, meetingVisible } from "./meeting.server";

/** A space's documents. Every function takes the space id and finds nothing outside it. */

export const TRASH_DAYS = 30;

export interface StoredFile {
  hash: string;
  size: number;
  mimeType: string;
  originalName: string;
}

export interface DocumentMetadata {
  title: string;
  description: string;
  folderId: string | null;
  documentDate: string | null;
  originOrganisationId: string | null;
  f2CaseNumber: string | null;
  f2DocumentNumber: string | null;
  edocCaseNumber: string | null;
  tags: string[];
}

export async function listFolders(db: Database, { spaceId }: { spaceId: string }) {
  return db
    .selectFrom("folder")
    .select(["id", "name"])
    .where("spaceId", "=", spaceId)
    .orderBy("name")
    .execute();
}

export async function getFolder(
  db: Database,
  { spaceId, folderId }: { spaceId: string; folderId: string },
) {
  return (
    (await db
      .selectFrom("folder")
      .select(["id", "name"])
      .where("spaceId", "=", spaceId)
      .where("id", "=", folderId)
      .executeTakeFirst()) ?? null
  );
}

export async function createFolder(
  db: Database,
  { spaceId, name }: { spaceId: string; name: string },
) {
  const id = newId();
  await db.insertInto("folder").values({ id, spaceId, name, createdAt: nowIso() }).execute();
  return id;
}

/** Documents not in the trash (or only those in it), newest first, with their current file. */
export async function listDocuments(
  db: Database,
  {
    spaceId,
    folderId,
    trash = false,
  }: { spaceId: string; folderId?: string | null; trash?: boolean },
) {
  const rows = await db
    .selectFrom("document")
    .leftJoin("documentVersion as v", "v.id", "document.currentVersionId")
    .leftJoin("folder", "folder.id", "document.folderId")
    .leftJoin("user as deleter", "deleter.id", "document.deletedById")
    .select([
      "document.id",
      "document.title",
      "document.documentDate",
      "document.folderId",
      "folder.name as folderName",
      "document.f2CaseNumber",
      "document.updatedAt",
      "document.deletedAt",
      "deleter.name as deletedByName",
      "v.versionNo",
      "v.size",
      "v.mimeType",
      "v.originalName",
    ])
    .where("document.spaceId", "=", spaceId)
    .where("document.deletedAt", trash ? "is not" : "is", null)
    .$if(folderId !== undefined, (q) =>
      folderId === null
        ? q.where("document.folderId", "is", null)
        : q.where("document.folderId", "=", folderId!),
    )
    .orderBy("document.updatedAt", "desc")
    .execute();
  // Two documents may share a title in a folder; the list says so rather than refusing.
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.folderId ?? ""}|${r.title.toLowerCase()}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return rows.map((r) => ({
    ...r,
    sharedTitle: (seen.get(`${r.folderId ?? ""}|${r.title.toLowerCase()}`) ?? 0) > 1,
  }));
}

export async function getDocument(
  db: Database,
  {
    spaceId,
    documentId,
    includeTrash = false,
  }: { spaceId: string; documentId: string; includeTrash?: boolean },
) {
  const doc = await db
    .selectFrom("document")
    .leftJoin("organisation", "organisation.id", "document.originOrganisationId")
    .leftJoin("folder", "folder.id", "document.folderId")
    .select([
      "document.id",
      "document.title",
      "document.description",
      "document.folderId",
      "folder.name as folderName",
      "document.documentDate",
      "document.originOrganisationId",
      "organisation.name as originOrganisationName",
      "document.f2CaseNumber",
      "document.f2DocumentNumber",
      "document.edocCaseNumber",
      "document.currentVersionId",
      "document.createdById",
      "document.createdAt",
      "document.updatedAt",
      "document.deletedAt",
    ])
    .where("document.spaceId", "=", spaceId)
    .where("document.id", "=", documentId)
    .$if(!includeTrash, (q) => q.where("document.deletedAt", "is", null))
    .executeTakeFirst();
  if (!doc) return null;
  const tags = await db
    .selectFrom("documentTag")
    .select("tag")
    .where("documentId", "=", doc.id)
    .orderBy("tag")
    .execute();
  return { ...doc, tags: tags.map((t) => t.tag) };
}

export async function listVersions(
  db: Database,
  { spaceId, documentId }: { spaceId: string; documentId: string },
) {
  return db
    .selectFrom("documentVersion as v")
    .innerJoin("user as uploader", "uploader.id", "v.uploadedById")
    .select([
      "v.id",
      "v.versionNo",
      "v.size",
      "v.mimeType",
      "v.originalName",
      "v.note",
      "v.createdAt",
      "v.extractionStatus",
      "uploader.name as uploaderName",
    ])
    .where("v.spaceId", "=", spaceId)
    .where("v.documentId", "=", documentId)
    .orderBy("v.versionNo", "desc")
    .execute();
}

/** One version of a live (not trashed) document in this space, or null. */
export async function getVersion(
  db: Database,
  { spaceId, documentId, versionId }: { spaceId: string; documentId: string; versionId: string },
) {
  return (
    (await db
      .selectFrom("documentVersion as v")
      .innerJoin("document", "document.id", "v.documentId")
      .select([
        "v.id",
        "v.versionNo",
        "v.blobHash",
        "v.size",
        "v.mimeType",
        "v.originalName",
        "document.title",
      ])
      .where("v.spaceId", "=", spaceId)
      .where("v.documentId", "=", documentId)
      .where("v.id", "=", versionId)
      .where("document.deletedAt", "is", null)
      .executeTakeFirst()) ?? null
  );
}

async function insertVersion(
  trx: Database,
  input: {
    spaceId: string;
    documentId: string;
    file: StoredFile;
    note: string;
    userId: string;
    now: string;
  },
) {
  const last = await trx
    .selectFrom("documentVersion")
    .select((eb) => eb.fn.max("versionNo").as("n"))
    .where("documentId", "=", input.documentId)
    .executeTakeFirst();
  const versionId = newId();
  const versionNo = Number(last?.n ?? 0) + 1;
  await trx
    .insertInto("documentVersion")
    .values({
      id: versionId,
      documentId: input.documentId,
      spaceId: input.spaceId,
      versionNo,
      blobHash: input.file.hash,
      size: input.file.size,
      mimeType: input.file.mimeType,
      originalName: input.file.originalName,
      note: input.note,
      uploadedById: input.userId,
      createdAt: input.now,
      extractedText: null,
    })
    .execute();
  await trx
    .updateTable("document")
    .set({ currentVersionId: versionId, updatedAt: input.now })
    .where("id", "=", input.documentId)
    .execute();
  return { versionId, versionNo };
}

async function replaceTags(trx: Database, documentId: string, tags: string[]) {
  await trx.deleteFrom("documentTag").where("documentId", "=", documentId).execute();
  if (tags.length) {
    await trx
      .insertInto("documentTag")
      .values(tags.map((tag) => ({ documentId, tag })))
      .execute();
  }
}

export async function createDocument(
  db: Database,
  input: {
    spaceId: string;
    userId: string;
    metadata: DocumentMetadata;
    file: StoredFile;
    note: string;
    now?: Date;
  },
): Promise<{ documentId: string; versionId: string }> {
  const now = nowIso(input.now);
  const documentId = newId();
  return db.transaction().execute(async (trx) => {
    const { tags, ...fields } = input.metadata;
    await trx
      .insertInto("document")
      .values({
        id: documentId,
        spaceId: input.spaceId,
        ...fields,
        currentVersionId: null,
        createdById: input.userId,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        deletedById: null,
      })
      .execute();
    await replaceTags(trx, documentId, tags);
    const { versionId } = await insertVersion(trx, {
      spaceId: input.spaceId,
      documentId,
      file: input.file,
      note: input.note,
      userId: input.userId,
      now,
    });
    return { documentId, versionId };
  });
}

/** Adds a version to a live document of this space; null when there is none. */
export async function addVersion(
  db: Database,
  input: {
    spaceId: string;
    documentId: string;
    userId: string;
    file: StoredFile;
    note: string;
    now?: Date;
  },
) {
  return db.transaction().execute(async (trx) => {
    const doc = await getDocument(trx, { spaceId: input.spaceId, documentId: input.documentId });
    if (!doc) return null;
    return insertVersion(trx, { ...input, now: nowIso(input.now) });
  });
}

/** Restoring an old version makes it the newest one again; the history keeps every step. */
export async function restoreVersion(
  db: Database,
  input: {
    spaceId: string;
    documentId: string;
    versionId: string;
    userId: string;
    note: string;
    now?: Date;
  },
) {
  return db.transaction().execute(async (trx) => {
    const version = await getVersion(trx, input);
    if (!version) return null;
    return insertVersion(trx, {
      spaceId: input.spaceId,
      documentId: input.documentId,
      file: {
        hash: version.blobHash,
        size: version.size,
        mimeType: version.mimeType,
        originalName: version.originalName,
      },
      note: input.note,
      userId: input.userId,
      now: nowIso(input.now),
    });
  });
}

export async function updateDocumentMetadata(
  db: Database,
  input: { spaceId: string; documentId: string; metadata: DocumentMetadata; now?: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const { tags, ...fields } = input.metadata;
    const result = await trx
      .updateTable("document")
      .set({ ...fields, updatedAt: nowIso(input.now) })
      .where("spaceId", "=", input.spaceId)
      .where("id", "=", input.documentId)
      .where("deletedAt", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await replaceTags(trx, input.documentId, tags);
    return true;
  });
}

export async function moveToTrash(
  db: Database,
  {
    spaceId,
    documentId,
    userId,
    now,
  }: { spaceId: string; documentId: string; userId: string; now?: Date },
): Promise<boolean> {
  const result = await db
    .updateTable("document")
    .set({ deletedAt: nowIso(now), deletedById: userId })
    .where("spaceId", "=", spaceId)
    .where("id", "=", documentId)
    .where("deletedAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function restoreFromTrash(
  db: Database,
  { spaceId, documentId }: { spaceId: string; documentId: string },
): Promise<boolean> {
  const result = await db
    .updateTable("document")
    .set({ deletedAt: null, deletedById: null })
    .where("spaceId", "=", spaceId)
    .where("id", "=", documentId)
    .where("deletedAt", "is not", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Deletes documents that have been in the trash longer than the retention period, in every
 * space. Returns the content hashes no version refers to any more: their files can go.
 */
export async function purgeTrash(db: Database, { now = new Date() }: { now?: Date } = {}) {
  const cutoff = nowIso(new Date(now.getTime() - TRASH_DAYS * 86_400_000));
  return db.transaction().execute(async (trx) => {
    const expired = await trx
      .selectFrom("document")
      .select("id")
      .where("deletedAt", "is not", null)
      .where("deletedAt", "<=", cutoff)
      .execute();
    if (expired.length === 0) return { documents: 0, orphanHashes: [] as string[] };
    const ids = expired.map((d) => d.id);
    const hashes = await trx
      .selectFrom("documentVersion")
      .select("blobHash")
      .distinct()
      .where("documentId", "in", ids)
      .execute();
    await trx.deleteFrom("document").where("id", "in", ids).execute();
    const stillUsed = await trx
      .selectFrom("documentVersion")
      .select("blobHash")
      .distinct()
      .where(
        "blobHash",
        "in",
        hashes.map((h) => h.blobHash),
      )
      .execute();
    const used = new Set(stillUsed.map((h) => h.blobHash));
    return {
      documents: ids.length,
      orphanHashes: hashes.map((h) => h.blobHash).filter((h) => !used.has(h)),
    };
  });
}

export async function setExtractedText(
  db: Database,
  {
    versionId,
    status,
    text,
  }: { versionId: string; status: "done" | "failed" | "unsupported"; text: string | null },
): Promise<void> {
  await db
    .updateTable("documentVersion")
    .set({ extractionStatus: status, extractedText: text })
    .where("id", "=", versionId)
    .execute();
}

// ---- Where a document is used ------------------------------------------------------------------

/** A document is linked to a thread through documentLink with this subject type. */
export const THREAD_SUBJECT = "thread";

/**
 * Everything the document is linked to that the viewer may see, each narrowed by the rule of
 * the page it links to: agenda items of meetings the viewer may see (no drafts without
 * `canReadDrafts`, closed items only for the people named, accepted items only, as on the
 * agenda), initiatives (the plan is read by every signed-in person), and consultations and
 * threads of the document's own space. What the viewer may not see is left out entirely, title
 * and all.
 */
export async function listDocumentUses(
  db: Database,
  {
    spaceId,
    documentId,
    viewerId,
    canReadDrafts,
  }: { spaceId: string; documentId: string; viewerId: string; canReadDrafts: boolean },
) {
  const linked = (subjectType: string) =>
    db
      .selectFrom("documentLink")
      .select("subjectId")
      .where("documentId", "=", documentId)
      .where("subjectType", "=", subjectType);
  const [agendaItems, initiatives, consultations, threads] = await Promise.all([
    db
      .selectFrom("agendaItem")
      .innerJoin("meeting", "meeting.id", "agendaItem.meetingId")
      .select([
        "agendaItem.id",
        "agendaItem.title",
        "meeting.id as meetingId",
        "meeting.title as meetingTitle",
        "meeting.startsAt",
      ])
      .where("agendaItem.id", "in", linked("agenda_item"))
      .where("agendaItem.spaceId", "=", spaceId)
      .where("meeting.spaceId", "=", spaceId)
      .where("agendaItem.state", "=", "accepted")
      .where(agendaItemVisibleTo(viewerId))
      // The rule is written for queries on meetings; here the meeting is joined to its items.
      .where(meetingVisible(canReadDrafts) as never)
      .orderBy("meeting.startsAt", "desc")
      .orderBy("agendaItem.position")
      .execute(),
    db
      .selectFrom("initiative")
      .select(["initiative.id", "initiative.title"])
      .where("initiative.id", "in", linked("initiative"))
      .orderBy("initiative.title")
      .execute(),
    db
      .selectFrom("consultation")
      .select(["consultation.id", "consultation.title", "consultation.deadline"])
      .where("consultation.id", "in", linked("consultation"))
      .where("consultation.spaceId", "=", spaceId)
      .orderBy("consultation.deadline", "desc")
      .execute(),
    db
      .selectFrom("thread")
      .select(["thread.id", "thread.title", "thread.lastPostAt"])
      .where("thread.id", "in", linked(THREAD_SUBJECT))
      .where("thread.spaceId", "=", spaceId)
      .orderBy("thread.lastPostAt", "desc")
      .execute(),
  ]);
  return { agendaItems, initiatives, consultations, threads };
}

export type DocumentUses = Awaited<ReturnType<typeof listDocumentUses>>;

/**
 * The live documents of the space linked to a thread, for the thread page: one query on the
 * documentLink_subject index and the document's primary key (the thread page is hot, ADR 0009).
 */
export async function listThreadDocuments(
  db: Database,
  { spaceId, threadId }: { spaceId: string; threadId: string },
) {
  return db
    .selectFrom("documentLink")
    .innerJoin("document", "document.id", "documentLink.documentId")
    .select(["document.id", "document.title"])
    .where("documentLink.subjectType", "=", THREAD_SUBJECT)
    .where("documentLink.subjectId", "=", threadId)
    .where("document.spaceId", "=", spaceId)
    .where("document.deletedAt", "is", null)
    .orderBy("document.title")
    .execute();
}

/**
 * Links a live document of the space to a thread of the same space; both are checked in the
 * same transaction as the insert. False when either is missing (or elsewhere, or trashed).
 */
export async function linkDocumentToThread(
  db: Database,
  { spaceId, documentId, threadId }: { spaceId: string; documentId: string; threadId: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom("document")
      .innerJoin("thread", (join) =>
        join.on("thread.id", "=", threadId).on("thread.spaceId", "=", spaceId),
      )
      .select("document.id")
      .where("document.id", "=", documentId)
      .where("document.spaceId", "=", spaceId)
      .where("document.deletedAt", "is", null)
      .executeTakeFirst();
    if (!found) return false;
    await trx
      .insertInto("documentLink")
      .values({ documentId, subjectType: THREAD_SUBJECT, subjectId: threadId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return true;
  });
}

/** Removes the link between a document of the space and a thread; whether there was one. */
export async function unlinkDocumentFromThread(
  db: Database,
  { spaceId, documentId, threadId }: { spaceId: string; documentId: string; threadId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom("documentLink")
    .where("documentId", "in", (eb) =>
      eb
        .selectFrom("document")
        .select("id")
        .where("id", "=", documentId)
        .where("spaceId", "=", spaceId),
    )
    .where("subjectType", "=", THREAD_SUBJECT)
    .where("subjectId", "=", threadId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Versions whose text was never extracted (e.g. the server stopped first): resumed at start. */
export async function listPendingExtractions(
  db: Database,
  { limit = 50 }: { limit?: number } = {},
) {
  return db
    .selectFrom("documentVersion")
    .select(["id", "blobHash", "mimeType"])
    .where("extractionStatus", "=", "pending")
    .orderBy(sql`createdAt`)
    .limit(limit)
    .execute();
}

/** Whether any version anywhere still refers to this content. */
export async function isBlobInUse(db: Database, { hash }: { hash: string }): Promise<boolean> {
  const row = await db
    .selectFrom("documentVersion")
    .select("id")
    .where("blobHash", "=", hash)
    .executeTakeFirst();
  return row != null;
}
