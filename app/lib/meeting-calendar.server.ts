import type { TFunction } from "i18next";
import type { CalendarEvent } from "./icalendar";
import { utcToCopenhagen } from "./zoned-time";

/** What a meeting contributes to a calendar event (a feed row or a single meeting). */
export interface MeetingForCalendar {
  id: string;
  spaceSlug: string;
  spaceName: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineUrl: string | null;
  status: string;
  calendarSequence: number;
  updatedAt: string;
  agenda: readonly { title: string; sub: boolean }[];
}

/** The meeting page's absolute address, from the hub's configured public URL (never the Host). */
export function meetingPageUrl(publicUrl: string, m: { spaceSlug: string; id: string }): string {
  return `${publicUrl}/spaces/${encodeURIComponent(m.spaceSlug)}/meetings/${encodeURIComponent(m.id)}`;
}

/**
 * The calendar event of a meeting. The UID depends only on the meeting and the hub's host, so the
 * feed and a downloaded .ics describe the same event and a client updates it in place; the
 * agenda lists only the titles given (the caller has already left out what the reader may not see).
 */
export function meetingEvent(
  m: MeetingForCalendar,
  { publicUrl, t }: { publicUrl: string; t: TFunction },
): CalendarEvent {
  const host = new URL(publicUrl).hostname;
  const url = meetingPageUrl(publicUrl, m);
  const title = `${m.spaceName}: ${m.title}`;
  const cancelled = m.status === "cancelled";
  const description = [
    m.description.trim(),
    m.agenda.length
      ? [
          t("calendar.agenda"),
          ...m.agenda.map((item) => `${item.sub ? "    – " : "– "}${item.title}`),
        ].join("\n")
      : "",
    m.onlineUrl ? t("calendar.online", { url: m.onlineUrl }) : "",
    t("calendar.meetingPage", { url }),
  ]
    .filter(Boolean)
    .join("\n\n");
  return {
    uid: `meeting-${m.id}@${host}`,
    start: m.startsAt,
    end: m.endsAt,
    lastModified: m.updatedAt,
    sequence: m.calendarSequence,
    cancelled,
    summary: cancelled ? t("calendar.cancelledSummary", { title }) : title,
    location: [m.place.trim(), m.onlineUrl ?? ""].filter(Boolean).join(", ") || undefined,
    url,
    description,
  };
}

/** An ASCII file name for Content-Disposition: Danish letters spelt out, the rest as dashes. */
export function icsFileName(title: string, startsAt: string): string {
  const base = title
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${base || "moede"}-${utcToCopenhagen(startsAt).date}.ics`;
}
