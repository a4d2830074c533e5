import type { Database } from "../../db/client";
import { newId, nowIso } from "../lib/ids.server";
import type { Stance } from "../schemas/consultation";

/**
 * Consultations (høringer) of a space: the question, who was asked, their answers, reminders
 * and the outcome. Every function takes the space id and finds nothing outside it.
 */

/** Documents are linked to a consultation through documentLink with this subject type. */
export const DOCUMENT_SUBJECT = "consultation";

/** The automatic reminder goes out this long before the deadline. */
export const AUTO_REMINDER_WINDOW_MS = 48 * 60 * 60 * 1000;

// "All members" asks those who take part in the space's work; the secretariat asks, and
// observers only follow along unless chosen by name (see the rule in permissions.server.ts).
const ASKED_BY_DEFAULT = ["chair", "member"];

/** Someone a mail goes to, in their own language. */
export interface MailPerson {
  userId: string;
  email: string;
  name: string;
  locale: string;
}

export interface ConsultationSummary {
  id: string;
  title: string;
  deadline: string;
  closedAt: string | null;
  answerVisibility: string;
  askedCount: number;
  answeredCount: number;
  /** Whether the viewer is asked, and whether they have answered. */
  viewerAsked: boolean;
  viewerAnswered: boolean;
}

/** Open consultations (deadline soonest first) and closed ones (latest closed first). */
export async function listConsultations(
  db: Database,
  { spaceId, userId }: { spaceId: string; userId: string },
): Promise<{ open: ConsultationSummary[]; closed: ConsultationSummary[] }> {
  const rows = await db
    .selectFrom("consultation as c")
    .select((eb) => [
      "c.id",
      "c.title",
      "c.deadline",
      "c.closedAt",
      "c.answerVisibility",
      eb
        .selectFrom("consultationRecipient as r")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("r.consultationId", "=", "c.id")
        .as("askedCount"),
      eb
        .selectFrom("consultationAnswer as a")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("a.consultationId", "=", "c.id")
        .as("answeredCount"),
      eb
        .exists(
          eb
            .selectFrom("consultationRecipient as r")
            .select("r.userId")
            .whereRef("r.consultationId", "=", "c.id")
            .where("r.userId", "=", userId),
        )
        .as("viewerAsked"),
      eb
        .exists(
          eb
            .selectFrom("consultationAnswer as a")
            .select("a.id")
            .whereRef("a.consultationId", "=", "c.id")
            .where("a.userId", "=", userId),
        )
        .as("viewerAnswered"),
    ])
    .where("c.spaceId", "=", spaceId)
    .execute();
  const all = rows.map((r) => ({
    ...r,
    askedCount: Number(r.askedCount ?? 0),
    answeredCount: Number(r.answeredCount ?? 0),
    viewerAsked: Boolean(r.viewerAsked),
    viewerAnswered: Boolean(r.viewerAnswered),
  }));
  return {
    open: all.filter((c) => !c.closedAt).sort((a, b) => a.deadline.localeCompare(b.deadline)),
    closed: all.filter((c) => c.closedAt).sort((a, b) => b.closedAt!.localeCompare(a.closedAt!)),
  };
}

export async function getConsultation(
  db: Database,
  { spaceId, consultationId }: { spaceId: string; consultationId: string },
) {
  return (
    (await db
      .selectFrom("consultation as c")
      .innerJoin("user as author", "author.id", "c.createdById")
      .leftJoin("user as closer", "closer.id", "c.closedById")
      .select([
        "c.id",
        "c.title",
        "c.question",
        "c.questionHtml",
        "c.deadline",
        "c.audience",
        "c.answerVisibility",
        "c.outcome",
        "c.outcomeHtml",
        "c.closedAt",
        "closer.name as closedByName",
        "c.autoRemindedAt",
        "c.createdById",
        "author.name as createdByName",
        "c.createdAt",
      ])
      .where("c.spaceId", "=", spaceId)
      .where("c.id", "=", consultationId)
      .executeTakeFirst()) ?? null
  );
}

/** Whether answers are shown to this viewer: always to the secretariat, else as chosen. */
export function answersVisible(
  consultation: { answerVisibility: string },
  { canManage }: { canManage: boolean },
): boolean {
  return canManage || consultation.answerVisibility === "members";
}

/** The papers: live documents of this space linked to the consultation. */
export async function listConsultationPapers(
  db: Database,
  { spaceId, consultationId }: { spaceId: string; consultationId: string },
) {
  return db
    .selectFrom("documentLink as l")
    .innerJoin("document as d", "d.id", "l.documentId")
    .select(["d.id", "d.title"])
    .where("l.subjectType", "=", DOCUMENT_SUBJECT)
    .where("l.subjectId", "=", consultationId)
    .where("d.spaceId", "=", spaceId)
    .where("d.deletedAt", "is", null)
    .orderBy("d.title")
    .execute();
}

/** Whether the person is among those asked. */
export async function isAsked(
  db: Database,
  { spaceId, consultationId, userId }: { spaceId: string; consultationId: string; userId: string },
): Promise<boolean> {
  const row = await db
    .selectFrom("consultationRecipient")
    .select("userId")
    .where("spaceId", "=", spaceId)
    .where("consultationId", "=", consultationId)
    .where("userId", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Everyone asked, with whether they answered. `reachable` is false for people who have left
 * the space or been deactivated since: they are counted, but get no more mail about it.
 */
export async function listRecipients(
  db: Database,
  { spaceId, consultationId }: { spaceId: string; consultationId: string },
) {
  const rows = await db
    .selectFrom("consultationRecipient as r")
    .innerJoin("user as u", "u.id", "r.userId")
    .leftJoin("consultationAnswer as a", (join) =>
      join.onRef("a.consultationId", "=", "r.consultationId").onRef("a.userId", "=", "r.userId"),
    )
    .leftJoin("organisation as o", "o.id", "u.organisationId")
    .select((eb) => [
      "r.userId",
      "u.name",
      "u.email",
      "u.locale",
      "u.status",
      "o.name as organisationName",
      "r.lastRemindedAt",
      "a.updatedAt as answeredAt",
      eb
        .exists(
          eb
            .selectFrom("membership as m")
            .select("m.id")
            .whereRef("m.userId", "=", "r.userId")
            .where("m.spaceId", "=", spaceId)
            .where("m.leftAt", "is", null),
        )
        .as("isMember"),
    ])
    .where("r.spaceId", "=", spaceId)
    .where("r.consultationId", "=", consultationId)
    .orderBy("u.name")
    .execute();
  return rows.map(({ isMember, status, ...r }) => ({
    ...r,
    answered: r.answeredAt !== null,
    reachable: Boolean(isMember) && status === "active",
  }));
}

export async function listAnswers(
  db: Database,
  { spaceId, consultationId }: { spaceId: string; consultationId: string },
) {
  return db
    .selectFrom("consultationAnswer as a")
    .innerJoin("user as u", "u.id", "a.userId")
    .leftJoin("organisation as o", "o.id", "u.organisationId")
    .select([
      "a.id",
      "a.userId",
      "u.name as authorName",
      "o.name as organisationName",
      "a.bodyHtml",
      "a.stance",
      "a.createdAt",
      "a.updatedAt",
    ])
    .where("a.spaceId", "=", spaceId)
    .where("a.consultationId", "=", consultationId)
    .orderBy("a.createdAt")
    .execute();
}

export async function getAnswer(
  db: Database,
  { spaceId, consultationId, userId }: { spaceId: string; consultationId: string; userId: string },
) {
  return (
    (await db
      .selectFrom("consultationAnswer")
      .select(["id", "body", "bodyHtml", "stance", "createdAt", "updatedAt"])
      .where("spaceId", "=", spaceId)
      .where("consultationId", "=", consultationId)
      .where("userId", "=", userId)
      .executeTakeFirst()) ?? null
  );
}

export async function listReminders(
  db: Database,
  { spaceId, consultationId }: { spaceId: string; consultationId: string },
) {
  return db
    .selectFrom("consultationReminder as r")
    .leftJoin("user as u", "u.id", "r.sentById")
    .select(["r.id", "r.kind", "r.recipientCount", "r.sentAt", "u.name as sentByName"])
    .where("r.spaceId", "=", spaceId)
    .where("r.consultationId", "=", consultationId)
    .orderBy("r.sentAt", "desc")
    .execute();
}

/** Current, active members the secretariat can choose to ask. */
export async function listAskableMembers(db: Database, { spaceId }: { spaceId: string }) {
  return db
    .selectFrom("membership as m")
    .innerJoin("user as u", "u.id", "m.userId")
    .select(["u.id", "u.name", "m.role"])
    .where("m.spaceId", "=", spaceId)
    .where("m.leftAt", "is", null)
    .where("u.status", "=", "active")
    .orderBy("u.name")
    .execute();
}

function mailPeople(db: Database, userIds: string[]): Promise<MailPerson[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("user")
    .select(["id as userId", "email", "name", "locale"])
    .where("id", "in", userIds)
    .orderBy("name")
    .execute();
}

export type CreateConsultationResult =
  | { status: "created"; consultationId: string; asked: MailPerson[] }
  | { status: "badRecipient" }
  | { status: "badDocument" }
  | { status: "noRecipients" };

/**
 * Asks the question. "All" takes the space's current chairs and members; "chosen" takes the
 * people picked, each of whom must be a current, active member. Papers must be live documents
 * of the same space. Nothing is written unless everything holds.
 */
export async function createConsultation(
  db: Database,
  input: {
    spaceId: string;
    createdById: string;
    title: string;
    question: string;
    questionHtml: string;
    deadline: string;
    audience: "all" | "chosen";
    recipientIds: string[];
    answerVisibility: "members" | "secretariat";
    documentIds: string[];
    now?: Date;
  },
): Promise<CreateConsultationResult> {
  const now = nowIso(input.now);
  const result = await db.transaction().execute(async (trx) => {
    const members = await trx
      .selectFrom("membership as m")
      .innerJoin("user as u", "u.id", "m.userId")
      .select(["u.id", "m.role"])
      .where("m.spaceId", "=", input.spaceId)
      .where("m.leftAt", "is", null)
      .where("u.status", "=", "active")
      .execute();
    let askedIds: string[];
    if (input.audience === "all") {
      askedIds = members.filter((m) => ASKED_BY_DEFAULT.includes(m.role)).map((m) => m.id);
    } else {
      const current = new Set(members.map((m) => m.id));
      askedIds = [...new Set(input.recipientIds)];
      if (askedIds.some((id) => !current.has(id))) return { status: "badRecipient" as const };
    }
    if (askedIds.length === 0) return { status: "noRecipients" as const };

    const documentIds = [...new Set(input.documentIds)];
    if (documentIds.length) {
      const found = await trx
        .selectFrom("document")
        .select("id")
        .where("spaceId", "=", input.spaceId)
        .where("deletedAt", "is", null)
        .where("id", "in", documentIds)
        .execute();
      if (found.length !== documentIds.length) return { status: "badDocument" as const };
    }

    const consultationId = newId();
    await trx
      .insertInto("consultation")
      .values({
        id: consultationId,
        spaceId: input.spaceId,
        title: input.title,
        question: input.question,
        questionHtml: input.questionHtml,
        deadline: input.deadline,
        audience: input.audience,
        answerVisibility: input.answerVisibility,
        outcome: null,
        outcomeHtml: null,
        closedAt: null,
        closedById: null,
        autoRemindedAt: null,
        createdById: input.createdById,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await trx
      .insertInto("consultationRecipient")
      .values(
        askedIds.map((userId) => ({
          consultationId,
          spaceId: input.spaceId,
          userId,
          askedAt: now,
          lastRemindedAt: null,
        })),
      )
      .execute();
    if (documentIds.length) {
      await trx
        .insertInto("documentLink")
        .values(
          documentIds.map((documentId) => ({
            documentId,
            subjectType: DOCUMENT_SUBJECT,
            subjectId: consultationId,
          })),
        )
        .execute();
    }
    return { status: "created" as const, consultationId, askedIds };
  });
  if (result.status !== "created") return result;
  return {
    status: "created",
    consultationId: result.consultationId,
    asked: await mailPeople(db, result.askedIds),
  };
}

export type SaveAnswerResult = "created" | "updated" | "notFound" | "notAsked" | "closed" | "late";

/**
 * Stores or replaces the person's answer. Checked inside the transaction, so an answer cannot
 * slip in after the consultation closed or its deadline passed.
 */
export async function saveAnswer(
  db: Database,
  input: {
    spaceId: string;
    consultationId: string;
    userId: string;
    body: string;
    bodyHtml: string;
    stance: Stance | null;
    now?: Date;
  },
): Promise<SaveAnswerResult> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const consultation = await trx
      .selectFrom("consultation")
      .select(["deadline", "closedAt"])
      .where("spaceId", "=", input.spaceId)
      .where("id", "=", input.consultationId)
      .executeTakeFirst();
    if (!consultation) return "notFound";
    if (!(await isAsked(trx, input))) return "notAsked";
    if (consultation.closedAt) return "closed";
    if (Date.parse(consultation.deadline) <= now.getTime()) return "late";
    const existing = await getAnswer(trx, input);
    const at = nowIso(now);
    if (existing) {
      await trx
        .updateTable("consultationAnswer")
        .set({ body: input.body, bodyHtml: input.bodyHtml, stance: input.stance, updatedAt: at })
        .where("id", "=", existing.id)
        .execute();
      return "updated";
    }
    await trx
      .insertInto("consultationAnswer")
      .values({
        id: newId(),
        consultationId: input.consultationId,
        spaceId: input.spaceId,
        userId: input.userId,
        body: input.body,
        bodyHtml: input.bodyHtml,
        stance: input.stance,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    return "created";
  });
}

export type RemindResult =
  | { status: "sent"; reminded: MailPerson[] }
  | { status: "notFound" }
  | { status: "closed" }
  | { status: "late" };

/**
 * Records a reminder to the people asked who have not answered (and can still be reached) and
 * returns them, for the caller to mail after the commit. Nobody to remind records nothing.
 */
export async function remindNonResponders(
  db: Database,
  input: {
    spaceId: string;
    consultationId: string;
    kind: "manual" | "automatic";
    sentById: string | null;
    now?: Date;
  },
): Promise<RemindResult> {
  const now = input.now ?? new Date();
  const at = nowIso(now);
  return db.transaction().execute(async (trx) => {
    const consultation = await trx
      .selectFrom("consultation")
      .select(["deadline", "closedAt", "autoRemindedAt"])
      .where("spaceId", "=", input.spaceId)
      .where("id", "=", input.consultationId)
      .executeTakeFirst();
    if (!consultation) return { status: "notFound" as const };
    if (consultation.closedAt) return { status: "closed" as const };
    if (Date.parse(consultation.deadline) <= now.getTime()) return { status: "late" as const };
    if (input.kind === "automatic") {
      // The claim: a second run (or a second server) finds it taken and sends nothing.
      const claimed = await trx
        .updateTable("consultation")
        .set({ autoRemindedAt: at })
        .where("id", "=", input.consultationId)
        .where("autoRemindedAt", "is", null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return { status: "sent" as const, reminded: [] };
    }
    const pending = (await listRecipients(trx, input)).filter((r) => !r.answered && r.reachable);
    if (pending.length === 0) return { status: "sent" as const, reminded: [] };
    await trx
      .insertInto("consultationReminder")
      .values({
        id: newId(),
        consultationId: input.consultationId,
        spaceId: input.spaceId,
        kind: input.kind,
        sentById: input.sentById,
        recipientCount: pending.length,
        sentAt: at,
      })
      .execute();
    await trx
      .updateTable("consultationRecipient")
      .set({ lastRemindedAt: at })
      .where("consultationId", "=", input.consultationId)
      .where(
        "userId",
        "in",
        pending.map((p) => p.userId),
      )
      .execute();
    return {
      status: "sent" as const,
      reminded: pending.map(({ userId, email, name, locale }) => ({ userId, email, name, locale })),
    };
  });
}

export type CloseResult =
  | { status: "closed"; participants: MailPerson[] }
  | { status: "notFound" }
  | { status: "alreadyClosed" };

/**
 * Closes the consultation with its outcome and returns everyone to tell: each person asked
 * (answerers are among them), as long as they are still current, active members: someone who
 * has left the space is no longer sent its content.
 */
export async function closeConsultation(
  db: Database,
  input: {
    spaceId: string;
    consultationId: string;
    userId: string;
    outcome: string;
    outcomeHtml: string;
    now?: Date;
  },
): Promise<CloseResult> {
  const at = nowIso(input.now);
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("consultation")
      .set({
        outcome: input.outcome,
        outcomeHtml: input.outcomeHtml,
        closedAt: at,
        closedById: input.userId,
        updatedAt: at,
      })
      .where("spaceId", "=", input.spaceId)
      .where("id", "=", input.consultationId)
      .where("closedAt", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      const exists = await getConsultation(trx, input);
      return { status: exists ? ("alreadyClosed" as const) : ("notFound" as const) };
    }
    const participants = (await listRecipients(trx, input))
      .filter((r) => r.reachable)
      .map(({ userId, email, name, locale }) => ({ userId, email, name, locale }));
    return { status: "closed" as const, participants };
  });
}

/**
 * Open consultations whose deadline is less than 48 hours away and whose automatic reminder has
 * not gone out. One asked with less notice than that is skipped: the question's own mail
 * already named the near deadline.
 */
export async function listDueAutomaticReminders(db: Database, { now }: { now: Date }) {
  const from = nowIso(now);
  const until = nowIso(new Date(now.getTime() + AUTO_REMINDER_WINDOW_MS));
  const rows = await db
    .selectFrom("consultation as c")
    .innerJoin("space as s", "s.id", "c.spaceId")
    .select([
      "c.id",
      "c.spaceId",
      "c.title",
      "c.deadline",
      "c.createdAt",
      "s.slug as spaceSlug",
      "s.name as spaceName",
    ])
    .where("c.closedAt", "is", null)
    .where("c.autoRemindedAt", "is", null)
    .where("c.deadline", ">", from)
    .where("c.deadline", "<=", until)
    .orderBy("c.deadline")
    .execute();
  return rows.filter(
    (r) => Date.parse(r.deadline) - Date.parse(r.createdAt) > AUTO_REMINDER_WINDOW_MS,
  );
}
