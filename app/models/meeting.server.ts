import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/client";
import type { DB } from "../../db/schema";

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
