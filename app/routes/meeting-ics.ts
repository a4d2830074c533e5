import { can } from "../auth/permissions.server";
import { getHub, plainRefusal, requireSpaceForDownload } from "../auth/guard.server";
import { writeCalendar } from "../lib/icalendar";
import { icsFileName, meetingEvent } from "../lib/meeting-calendar.server";
import { getInstance } from "../middleware/i18next";
import { listVisibleAgendaTitles } from "../models/calendar-feed.server";
import { getMeeting } from "../models/meeting.server";
import type { Route } from "./+types/meeting-ics";

/**
 * One meeting as an .ics file, authorised exactly like the meeting page: a member of the space
 * gets it, a draft only the secretariat, and another space's or an unknown meeting is a 404.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const t = getInstance(context).t;
  const access = await requireSpaceForDownload(
    context,
    request,
    { slug: params.slug, action: "meeting.read" },
    t,
  );
  if (access instanceof Response) return access;
  const { user, space, role } = access;
  const { db, config } = getHub(context);
  const meeting = await getMeeting(db, {
    spaceId: space.id,
    meetingId: params.meetingId,
    canReadDrafts: can(user, "meeting.readDrafts", { spaceRole: role }),
  });
  if (!meeting) return plainRefusal(404, t);
  const agenda = await listVisibleAgendaTitles(db, {
    spaceId: space.id,
    meetingId: meeting.id,
    viewerId: user.id,
  });
  const body = writeCalendar({
    name: `${space.name}: ${meeting.title}`,
    events: [
      meetingEvent(
        { ...meeting, spaceSlug: space.slug, spaceName: space.name, agenda },
        { publicUrl: config.publicUrl, t },
      ),
    ],
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${icsFileName(meeting.title, meeting.startsAt)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
