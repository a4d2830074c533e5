import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/client";
import type { DB } from "../../db/schema";
import { newId, nowIso } from "../lib/ids.server";
import type { Occurrence, RecurrenceRule } from "../lib/recurrence";

/**
 * A space's meetings: the meeting, its series, agenda items (with closed items and proposals),
 * papers and attendance. Every function takes the space id and finds nothing outside it.
 *
 * Two visibility rules narrow what a member sees, and every reader of meetings uses them —
 * the meeting page, minutes, print view, calendar feeds, search and exports alike:
 * - a draft meeting is seen only by those who may read drafts (the secretariat);
 * - a closed agenda item (lukket punkt) is seen, with its papers and minutes, only by the people
 *   named on it (agendaItemAccess).
 */

/** Meetings the viewer may see: everything but drafts, unless the viewer may read drafts. */
export function meetingVisible(canReadDrafts: boolean) {
  return (eb: ExpressionBuilder<DB, "meeting">) =>
    canReadDrafts ? eb.lit(true) : eb("meeting.status", "!=", "draft");
}

/** Agenda items `viewerId` may see: every open item, and closed items that name the viewer. */
export function agendaItemVisibleTo(viewerId: string) {
  return (eb: ExpressionBuilder<DB, "agendaItem">) =>
    eb.or([
      eb("agendaItem.isClosed", "=", 0),
      eb.exists(
        eb
          .selectFrom("agendaItemAccess")
          .select("agendaItemAccess.userId")
          .whereRef("agendaItemAccess.agendaItemId", "=", "agendaItem.id")
          .where("agendaItemAccess.userId", "=", viewerId),
      ),
    ]);
}

/** A meeting of the space as the viewer may see it, or null (absent, another space's, a draft). */
export async function getMeeting(
  db: Database,
  {
    spaceId,
    meetingId,
    canReadDrafts,
  }: { spaceId: string; meetingId: string; canReadDrafts: boolean },
) {
  return (
    (await db
      .selectFrom("meeting")
      .select([
        "id",
        "spaceId",
        "seriesId",
        "seriesDate",
        "title",
        "description",
        "startsAt",
        "endsAt",
        "place",
        "onlineUrl",
        "status",
        "publishedAt",
        "cancelledAt",
        "minutesStatus",
        "minutesVersion",
        "minutesCirculatedAt",
        "calendarSequence",
        "updatedAt",
      ])
      .where("spaceId", "=", spaceId)
      .where("id", "=", meetingId)
      .where(meetingVisible(canReadDrafts))
      .executeTakeFirst()) ?? null
  );
}

export type MeetingStatus = "draft" | "published" | "held" | "approved" | "cancelled";
export type AttendanceResponse = "attending" | "absent" | "maybe";

/** A meeting's own editable fields; times are UTC instants. */
export interface MeetingFields {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineUrl: string | null;
}

/**
 * The space's meetings the viewer may see, soonest first, each with the viewer's own attendance
 * answer (null when not answered).
 */
export async function listMeetings(
  db: Database,
  {
    spaceId,
    viewerId,
    canReadDrafts,
  }: { spaceId: string; viewerId: string; canReadDrafts: boolean },
) {
  return db
    .selectFrom("meeting")
    .leftJoin("attendance", (join) =>
      join.onRef("attendance.meetingId", "=", "meeting.id").on("attendance.userId", "=", viewerId),
    )
    .select([
      "meeting.id",
      "meeting.title",
      "meeting.startsAt",
      "meeting.endsAt",
      "meeting.place",
      "meeting.onlineUrl",
      "meeting.status",
      "meeting.seriesId",
      "attendance.response",
    ])
    .where("meeting.spaceId", "=", spaceId)
    .where(meetingVisible(canReadDrafts))
    .orderBy("meeting.startsAt")
    .execute();
}

/** The next meeting that has not ended and is not cancelled, for the space's overview. */
export async function getNextMeeting(
  db: Database,
  { spaceId, canReadDrafts, now }: { spaceId: string; canReadDrafts: boolean; now: string },
) {
  return (
    (await db
      .selectFrom("meeting")
      .select(["id", "title", "startsAt", "endsAt", "place", "status"])
      .where("spaceId", "=", spaceId)
      .where(meetingVisible(canReadDrafts))
      .where("status", "!=", "cancelled")
      .where("endsAt", ">=", now)
      .orderBy("startsAt")
      .executeTakeFirst()) ?? null
  );
}

/** A new draft meeting. */
export async function createMeeting(
  db: Database,
  { spaceId, userId, fields }: { spaceId: string; userId: string; fields: MeetingFields },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("meeting")
    .values({
      id,
      spaceId,
      seriesId: null,
      seriesDate: null,
      ...fields,
      status: "draft",
      publishedAt: null,
      cancelledAt: null,
      minutesCirculatedAt: null,
      createdById: userId,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

/**
 * A series and its occurrences, all at once: each occurrence is an ordinary draft meeting that
 * remembers its series date, so it can later be moved or cancelled on its own.
 */
export async function createSeries(
  db: Database,
  {
    spaceId,
    userId,
    series,
    occurrences,
  }: {
    spaceId: string;
    userId: string;
    series: {
      title: string;
      rule: RecurrenceRule;
      startTime: string;
      durationMinutes: number;
      firstDate: string;
      untilDate: string;
      description: string;
      place: string;
      onlineUrl: string | null;
    };
    occurrences: Occurrence[];
  },
): Promise<{ seriesId: string; count: number }> {
  const seriesId = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("meetingSeries")
      .values({
        id: seriesId,
        spaceId,
        title: series.title,
        rule: JSON.stringify(series.rule),
        startTime: series.startTime,
        durationMinutes: series.durationMinutes,
        firstDate: series.firstDate,
        untilDate: series.untilDate,
        createdById: userId,
        createdAt: now,
      })
      .execute();
    await trx
      .insertInto("meeting")
      .values(
        occurrences.map((o) => ({
          id: newId(),
          spaceId,
          seriesId,
          seriesDate: o.date,
          title: series.title,
          description: series.description,
          startsAt: o.startsAt,
          endsAt: o.endsAt,
          place: series.place,
          onlineUrl: series.onlineUrl,
          status: "draft",
          publishedAt: null,
          cancelledAt: null,
          minutesCirculatedAt: null,
          createdById: userId,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute();
  });
  return { seriesId, count: occurrences.length };
}

/**
 * New details for a meeting. A change a calendar must pick up (time, place, link) raises its
 * calendar sequence; a moved occurrence keeps its series date.
 */
export async function updateMeetingDetails(
  db: Database,
  { spaceId, meetingId, fields }: { spaceId: string; meetingId: string; fields: MeetingFields },
): Promise<{ calendarChanged: boolean } | null> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("meeting")
      .select(["startsAt", "endsAt", "place", "onlineUrl"])
      .where("spaceId", "=", spaceId)
      .where("id", "=", meetingId)
      .executeTakeFirst();
    if (!current) return null;
    const calendarChanged =
      current.startsAt !== fields.startsAt ||
      current.endsAt !== fields.endsAt ||
      current.place !== fields.place ||
      current.onlineUrl !== fields.onlineUrl;
    await trx
      .updateTable("meeting")
      .set((eb) => ({
        ...fields,
        updatedAt: nowIso(),
        calendarSequence: calendarChanged
          ? eb("calendarSequence", "+", 1)
          : eb.ref("calendarSequence"),
      }))
      .where("spaceId", "=", spaceId)
      .where("id", "=", meetingId)
      .execute();
    return { calendarChanged };
  });
}

/**
 * Moves a meeting from one of `from` to `to`, raising its calendar sequence; false when its
 * status was not one of `from` (e.g. publishing twice), in which case nothing is written.
 */
export async function changeMeetingStatus(
  db: Database,
  {
    spaceId,
    meetingId,
    from,
    to,
  }: { spaceId: string; meetingId: string; from: MeetingStatus[]; to: MeetingStatus },
): Promise<boolean> {
  const now = nowIso();
  const result = await db
    .updateTable("meeting")
    .set((eb) => ({
      status: to,
      updatedAt: now,
      calendarSequence: eb("calendarSequence", "+", 1),
      ...(to === "published" ? { publishedAt: now } : {}),
      ...(to === "cancelled" ? { cancelledAt: now } : {}),
    }))
    .where("spaceId", "=", spaceId)
    .where("id", "=", meetingId)
    .where("status", "in", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a meeting that is still a draft (nobody but the secretariat has seen it). */
export async function deleteDraftMeeting(
  db: Database,
  { spaceId, meetingId }: { spaceId: string; meetingId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom("meeting")
    .where("spaceId", "=", spaceId)
    .where("id", "=", meetingId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/**
 * The space's current, active members as mail recipients (in their own language); with
 * `notAnsweredMeetingId`, only those who have not answered that meeting.
 */
export async function listMeetingRecipients(
  db: Database,
  { spaceId, notAnsweredMeetingId }: { spaceId: string; notAnsweredMeetingId?: string },
) {
  return db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.userId")
    .select(["user.id", "user.email", "user.name", "user.locale"])
    .where("membership.spaceId", "=", spaceId)
    .where("membership.leftAt", "is", null)
    .where("user.status", "=", "active")
    .$if(notAnsweredMeetingId !== undefined, (q) =>
      q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("attendance")
              .select("attendance.userId")
              .whereRef("attendance.userId", "=", "user.id")
              .where("attendance.meetingId", "=", notAnsweredMeetingId!),
          ),
        ),
      ),
    )
    .orderBy("user.name")
    .execute();
}

/** The person's answer to a meeting (a new answer replaces the old one). */
export async function respondToMeeting(
  db: Database,
  {
    meetingId,
    userId,
    response,
    note,
  }: { meetingId: string; userId: string; response: AttendanceResponse; note: string },
) {
  const respondedAt = nowIso();
  await db
    .insertInto("attendance")
    .values({ meetingId, userId, response, note, respondedAt })
    .onConflict((oc) =>
      oc.columns(["meetingId", "userId"]).doUpdateSet({ response, note, respondedAt }),
    )
    .execute();
}

export async function getAttendance(
  db: Database,
  { meetingId, userId }: { meetingId: string; userId: string },
) {
  return (
    (await db
      .selectFrom("attendance")
      .select(["response", "note", "respondedAt"])
      .where("meetingId", "=", meetingId)
      .where("userId", "=", userId)
      .executeTakeFirst()) ?? null
  );
}

/** Every current member with their answer (null: not answered), for the secretariat's table. */
export async function listAttendance(
  db: Database,
  { spaceId, meetingId }: { spaceId: string; meetingId: string },
) {
  return db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.userId")
    .leftJoin("attendance", (join) =>
      join.onRef("attendance.userId", "=", "user.id").on("attendance.meetingId", "=", meetingId),
    )
    .select([
      "user.id as userId",
      "user.name",
      "membership.role",
      "attendance.response",
      "attendance.note",
      "attendance.respondedAt",
    ])
    .where("membership.spaceId", "=", spaceId)
    .where("membership.leftAt", "is", null)
    .where("user.status", "=", "active")
    .orderBy("user.name")
    .execute();
}

/** The space a meeting belongs to, for socket events that name only the meeting. */
export async function getMeetingSpaceId(db: Database, { meetingId }: { meetingId: string }) {
  const row = await db
    .selectFrom("meeting")
    .select("spaceId")
    .where("id", "=", meetingId)
    .executeTakeFirst();
  return row?.spaceId ?? null;
}
