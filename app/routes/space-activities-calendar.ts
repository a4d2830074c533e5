import { getHub, plainRefusal, requireSpaceForDownload } from "../auth/guard.server";
import { writeCalendar } from "../lib/icalendar";
import { getInstance } from "../middleware/i18next";
import { hasLocalActivities, listActivities } from "../models/activity.server";
import type { Route } from "./+types/space-activities-calendar";

// How far back the feed reaches: enough for a calendar to see recent changes and cancellations.
const PAST_DAYS = 90;

/**
 * The network's activities as an iCalendar file, for members signed in (the browser's session
 * downloads it). Cancelled activities stay in with STATUS:CANCELLED so calendars drop them.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const t = getInstance(context).t;
  const allowed = await requireSpaceForDownload(
    context,
    request,
    { slug: params.slug, action: "activity.read" },
    t,
  );
  if (allowed instanceof Response) return allowed;
  const { space } = allowed;
  if (!hasLocalActivities(space)) return plainRefusal(404, t);
  const { db, config } = getHub(context);
  const activities = await listActivities(db, {
    spaceId: space.id,
    from: new Date(Date.now() - PAST_DAYS * 86_400_000).toISOString(),
    limit: 5_000,
  });
  const host = new URL(config.publicUrl).hostname;
  const body = writeCalendar({
    name: t("activities.feedName", { space: space.name }),
    events: activities.map((a) => ({
      uid: `activity-${a.id}@${host}`,
      sequence: a.calendarSequence,
      start: a.startsAt,
      end: a.endsAt,
      summary: a.title,
      location: a.place,
      description: [
        `${t("activities.targetGroup")}: ${t(`activities.groups.${a.targetGroup}` as never)}`,
        `${t("activities.organiser")}: ${a.organiserName ?? t("activities.noOrganiser")}`,
        a.contactName || a.contactDetails
          ? `${t("activities.contact")}: ${[a.contactName, a.contactDetails].filter(Boolean).join(", ")}`
          : "",
        a.description,
      ]
        .filter(Boolean)
        .join("\n\n"),
      url: `${config.publicUrl}/spaces/${space.slug}/activities/${a.id}`,
      cancelled: a.status === "cancelled",
      lastModified: a.updatedAt,
      categories: [t(`activities.groups.${a.targetGroup}` as never)],
    })),
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="aktiviteter-${space.slug}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
