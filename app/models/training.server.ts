import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "../../db/client";
import type { DB } from "../../db/schema";
import { newId, nowIso } from "../lib/ids.server";

/**
 * The key-person training (nøglepersonsuddannelse): courses with sessions, participants who are
 * members of the space, attendance per session, and completion, which makes the participant a key
 * person (nøgleperson). Every function takes the space id and finds nothing outside it; the
 * secretariat is the only writer (checked in the routes).
 */

export async function listCourses(db: Database, { spaceId }: { spaceId: string }) {
  return db
    .selectFrom("trainingCourse as course")
    .select((eb) => [
      "course.id",
      "course.title",
      "course.organiser",
      "course.createdAt",
      eb
        .selectFrom("trainingSession")
        .select(sql<string | null>`min(startsAt)`.as("first"))
        .whereRef("trainingSession.courseId", "=", "course.id")
        .as("firstSessionAt"),
      eb
        .selectFrom("trainingSession")
        .select(sql<string | null>`max(endsAt)`.as("last"))
        .whereRef("trainingSession.courseId", "=", "course.id")
        .as("lastSessionAt"),
      eb
        .selectFrom("trainingSession")
        .select((s) => s.fn.countAll<number>().as("n"))
        .whereRef("trainingSession.courseId", "=", "course.id")
        .as("sessionCount"),
      eb
        .selectFrom("trainingParticipant")
        .select((s) => s.fn.countAll<number>().as("n"))
        .whereRef("trainingParticipant.courseId", "=", "course.id")
        .as("participantCount"),
      eb
        .selectFrom("trainingParticipant")
        .select((s) => s.fn.countAll<number>().as("n"))
        .whereRef("trainingParticipant.courseId", "=", "course.id")
        .where("trainingParticipant.completedAt", "is not", null)
        .as("completedCount"),
    ])
    .where("course.spaceId", "=", spaceId)
    .orderBy("course.createdAt", "desc")
    .execute();
}

export async function getCourse(
  db: Database,
  { spaceId, courseId }: { spaceId: string; courseId: string },
) {
  return (
    (await db
      .selectFrom("trainingCourse")
      .select([
        "id",
        "spaceId",
        "title",
        "organiser",
        "description",
        "descriptionHtml",
        "createdAt",
        "updatedAt",
      ])
      .where("spaceId", "=", spaceId)
      .where("id", "=", courseId)
      .executeTakeFirst()) ?? null
  );
}

export async function createCourse(
  db: Database,
  input: {
    spaceId: string;
    createdById: string;
    title: string;
    organiser: string;
    description: string;
    descriptionHtml: string;
    now?: Date;
  },
): Promise<string> {
  const now = nowIso(input.now);
  const id = newId();
  await db
    .insertInto("trainingCourse")
    .values({
      id,
      spaceId: input.spaceId,
      title: input.title,
      organiser: input.organiser,
      description: input.description,
      descriptionHtml: input.descriptionHtml,
      createdById: input.createdById,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

export async function listSessions(
  db: Database,
  { spaceId, courseId }: { spaceId: string; courseId: string },
) {
  return db
    .selectFrom("trainingSession")
    .select(["id", "courseId", "startsAt", "endsAt", "place", "teachers"])
    .where("spaceId", "=", spaceId)
    .where("courseId", "=", courseId)
    .orderBy("startsAt")
    .execute();
}

export async function addSession(
  db: Database,
  input: {
    spaceId: string;
    courseId: string;
    startsAt: string;
    endsAt: string;
    place: string;
    teachers: string;
    now?: Date;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("trainingSession")
    .values({
      id,
      courseId: input.courseId,
      spaceId: input.spaceId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      place: input.place,
      teachers: input.teachers,
      createdAt: nowIso(input.now),
    })
    .execute();
  return id;
}

/** Removes a session of this course (its attendance goes with it); false when there is none. */
export async function deleteSession(
  db: Database,
  { spaceId, courseId, sessionId }: { spaceId: string; courseId: string; sessionId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom("trainingSession")
    .where("spaceId", "=", spaceId)
    .where("courseId", "=", courseId)
    .where("id", "=", sessionId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The course's participants with their attendance count and completion. */
export async function listParticipants(
  db: Database,
  { spaceId, courseId }: { spaceId: string; courseId: string },
) {
  return db
    .selectFrom("trainingParticipant as p")
    .innerJoin("user", "user.id", "p.userId")
    .leftJoin("organisation", "organisation.id", "user.organisationId")
    .select((eb) => [
      "p.userId",
      "user.name",
      "organisation.name as organisationName",
      "p.addedAt",
      "p.completedAt",
      eb
        .selectFrom("trainingAttendance as a")
        .innerJoin("trainingSession as s", "s.id", "a.sessionId")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("a.userId", "=", "p.userId")
        .whereRef("s.courseId", "=", "p.courseId")
        .where("a.present", "=", 1)
        .as("presentCount"),
    ])
    .where("p.spaceId", "=", spaceId)
    .where("p.courseId", "=", courseId)
    .orderBy("user.name")
    .execute();
}

/** Recorded attendance of every session of the course. */
export async function listAttendance(
  db: Database,
  { spaceId, courseId }: { spaceId: string; courseId: string },
) {
  return db
    .selectFrom("trainingAttendance as a")
    .innerJoin("trainingSession as s", "s.id", "a.sessionId")
    .select(["a.sessionId", "a.userId", "a.present"])
    .where("a.spaceId", "=", spaceId)
    .where("s.courseId", "=", courseId)
    .execute();
}

/** Current members of the space who are not yet on the course: whom the secretariat may add. */
export async function listAddableMembers(
  db: Database,
  { spaceId, courseId }: { spaceId: string; courseId: string },
) {
  return db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.userId")
    .select(["user.id", "user.name"])
    .where("membership.spaceId", "=", spaceId)
    .where("membership.leftAt", "is", null)
    .where("user.status", "=", "active")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("trainingParticipant as p")
            .select(sql.lit(1).as("one"))
            .whereRef("p.userId", "=", "user.id")
            .where("p.courseId", "=", courseId),
        ),
      ),
    )
    .orderBy("user.name")
    .execute();
}

async function isParticipant(
  db: Database,
  { spaceId, courseId, userId }: { spaceId: string; courseId: string; userId: string },
) {
  const row = await db
    .selectFrom("trainingParticipant")
    .select(["userId", "completedAt"])
    .where("spaceId", "=", spaceId)
    .where("courseId", "=", courseId)
    .where("userId", "=", userId)
    .executeTakeFirst();
  return row ?? null;
}

export async function addParticipant(
  db: Database,
  input: { spaceId: string; courseId: string; userId: string; addedById: string; now?: Date },
): Promise<"added" | "notMember" | "already"> {
  return db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom("membership")
      .innerJoin("user", "user.id", "membership.userId")
      .select("membership.id")
      .where("membership.spaceId", "=", input.spaceId)
      .where("membership.userId", "=", input.userId)
      .where("membership.leftAt", "is", null)
      .where("user.status", "=", "active")
      .executeTakeFirst();
    if (!member) return "notMember" as const;
    if (await isParticipant(trx, input)) return "already" as const;
    await trx
      .insertInto("trainingParticipant")
      .values({
        courseId: input.courseId,
        userId: input.userId,
        spaceId: input.spaceId,
        addedById: input.addedById,
        addedAt: nowIso(input.now),
        completedAt: null,
        completedById: null,
      })
      .execute();
    return "added" as const;
  });
}

/** Takes a person off the course, with their attendance on its sessions. */
export async function removeParticipant(
  db: Database,
  input: { spaceId: string; courseId: string; userId: string },
): Promise<"removed" | "notParticipant"> {
  return db.transaction().execute(async (trx) => {
    if (!(await isParticipant(trx, input))) return "notParticipant" as const;
    await trx
      .deleteFrom("trainingAttendance")
      .where("userId", "=", input.userId)
      .where("spaceId", "=", input.spaceId)
      .where("sessionId", "in", (eb) =>
        eb.selectFrom("trainingSession").select("id").where("courseId", "=", input.courseId),
      )
      .execute();
    await trx
      .deleteFrom("trainingParticipant")
      .where("spaceId", "=", input.spaceId)
      .where("courseId", "=", input.courseId)
      .where("userId", "=", input.userId)
      .execute();
    return "removed" as const;
  });
}

export type AttendanceResult = "recorded" | "notParticipant" | "sessionNotInCourse";

/** Records present/absent for a participant at a session of the same course. */
export async function recordAttendance(
  db: Database,
  input: {
    spaceId: string;
    courseId: string;
    sessionId: string;
    userId: string;
    present: boolean;
    recordedById: string;
    now?: Date;
  },
): Promise<AttendanceResult> {
  const now = nowIso(input.now);
  return db.transaction().execute(async (trx) => {
    const session = await trx
      .selectFrom("trainingSession")
      .select("id")
      .where("spaceId", "=", input.spaceId)
      .where("courseId", "=", input.courseId)
      .where("id", "=", input.sessionId)
      .executeTakeFirst();
    if (!session) return "sessionNotInCourse" as const;
    if (!(await isParticipant(trx, input))) return "notParticipant" as const;
    await trx
      .insertInto("trainingAttendance")
      .values({
        sessionId: input.sessionId,
        userId: input.userId,
        spaceId: input.spaceId,
        present: input.present ? 1 : 0,
        recordedById: input.recordedById,
        recordedAt: now,
      })
      .onConflict((oc) =>
        oc.columns(["sessionId", "userId"]).doUpdateSet({
          present: input.present ? 1 : 0,
          recordedById: input.recordedById,
          recordedAt: now,
        }),
      )
      .execute();
    return "recorded" as const;
  });
}

/** Marks a participant's course completed (a key person from then on), or takes it back. */
export async function setCompleted(
  db: Database,
  input: {
    spaceId: string;
    courseId: string;
    userId: string;
    completed: boolean;
    byId: string;
    now?: Date;
  },
): Promise<"done" | "notParticipant"> {
  const result = await db
    .updateTable("trainingParticipant")
    .set({
      completedAt: input.completed ? nowIso(input.now) : null,
      completedById: input.completed ? input.byId : null,
    })
    .where("spaceId", "=", input.spaceId)
    .where("courseId", "=", input.courseId)
    .where("userId", "=", input.userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? "done" : "notParticipant";
}

/**
 * Whether the person (the `user` row of the query) has completed a key-person course, as the
 * viewer may know it: only courses of spaces the viewer is a current member of count, like the
 * memberships a profile shows. Administrators see every completion.
 */
export function isKeyPersonFor(
  eb: ExpressionBuilder<DB, "user">,
  viewer: { id: string; isSiteAdmin: boolean },
) {
  return eb.exists(
    eb
      .selectFrom("trainingParticipant as kp")
      .select(sql.lit(1).as("one"))
      .whereRef("kp.userId", "=", "user.id")
      .where("kp.completedAt", "is not", null)
      .$if(!viewer.isSiteAdmin, (q) =>
        q.where((inner) =>
          inner.exists(
            inner
              .selectFrom("membership as kpViewer")
              .select(sql.lit(1).as("one"))
              .whereRef("kpViewer.spaceId", "=", "kp.spaceId")
              .where("kpViewer.userId", "=", viewer.id)
              .where("kpViewer.leftAt", "is", null),
          ),
        ),
      ),
  );
}
