import { can } from "../auth/permissions.server";
import { getHub, plainRefusal } from "../auth/guard.server";
import { writeCalendar } from "../lib/icalendar";
import { meetingEvent } from "../lib/meeting-calendar.server";
import { getInstance } from "../middleware/i18next";
import { getCalendarFeedOwner, listFeedMeetings } from "../models/calendar-feed.server";
import type { Route } from "./+types/calendar-feed";

/**
 * A person's calendar feed. Calendar clients fetch it without a session, so the token in the
 * URL is the credential: an unknown or renewed token, or a deactivated person, gets the same
 * plain 404 as a page that does not exist, and nothing else.
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  const i18n = getInstance(context);
  const match = /^([a-z2-7]{32})\.ics$/.exec(params.file);
  const { db, config } = getHub(context);
  const owner = match ? await getCalendarFeedOwner(db, { token: match[1]! }) : null;
  if (!owner || !can(owner, "calendar.feed")) return plainRefusal(404, i18n.t);

  const t = i18n.getFixedT(owner.locale === "en" ? "en" : "da");
  const now = new Date();
  const meetings = await listFeedMeetings(db, { owner, now });
  const body = writeCalendar({
    name: t("calendar.feedName"),
    refreshMinutes: 60,
    now,
    events: meetings.map((m) => meetingEvent(m, { publicUrl: config.publicUrl, t })),
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="moeder.ics"',
      // A secret URL: no shared cache may keep it, and search engines must not list it.
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
