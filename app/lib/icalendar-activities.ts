/**
 * A small RFC 5545 writer for the network's activity feed. Kept apart from the meetings' writer
 * (app/lib/icalendar.ts on another branch) with the same conventions, so the two can be merged:
 * CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character, TEXT values
 * escaped (backslash, semicolon, comma, newline), times in UTC, a stable UID per activity and a
 * SEQUENCE raised on every change so calendar programs replace what they hold.
 */

const encoder = new TextEncoder();

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds one content line into chunks of at most 75 octets (RFC 5545 §3.1); each continuation
 * starts with a space, which counts towards its 75. Characters are never split.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      out.push(current);
      current = " ";
      octets = 1;
      limit = 75;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n");
}

/** An ISO instant as an iCalendar UTC DATE-TIME, e.g. 20261203T160000Z. */
export function formatUtc(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export interface CalendarEvent {
  uid: string;
  sequence: number;
  startsAt: string;
  endsAt: string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  cancelled?: boolean;
  lastModified: string;
  categories?: string[];
}

/** A whole VCALENDAR with one VEVENT per event. */
export function buildCalendar({
  name,
  events,
  now = new Date(),
}: {
  name: string;
  events: CalendarEvent[];
  now?: Date;
}): string {
  const stamp = formatUtc(now.toISOString());
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Samarbejdshub//Aktiviteter//DA",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
    "X-WR-TIMEZONE:Europe/Copenhagen",
  ];
  for (const e of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${formatUtc(e.startsAt)}`,
      `DTEND:${formatUtc(e.endsAt)}`,
      `SEQUENCE:${e.sequence}`,
      `LAST-MODIFIED:${formatUtc(e.lastModified)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(",")}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push(`STATUS:${e.cancelled ? "CANCELLED" : "CONFIRMED"}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
