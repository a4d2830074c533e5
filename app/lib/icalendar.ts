/**
 * A small RFC 5545 (iCalendar) writer for meeting and activity feeds and .ics downloads, written by hand so
 * that every byte is ours to test: CRLF line ends, lines folded at 75 octets without splitting a
 * UTF-8 character, TEXT values escaped. Times are written in UTC ("…Z"), which Outlook, Google
 * and Apple Calendar read without a VTIMEZONE; the clients show them in the reader's own zone.
 */

export interface CalendarEvent {
  /** Stable across feeds and downloads, so a calendar updates the event instead of adding one. */
  uid: string;
  /** ISO-8601 UTC instants. */
  start: string;
  end: string;
  lastModified: string;
  /** Raised on every change a calendar must pick up (time, place, status). */
  sequence: number;
  cancelled: boolean;
  summary: string;
  location?: string;
  url?: string;
  description?: string;
  /** E.g. an activity's target group. */
  categories?: readonly string[];
}

export interface Calendar {
  /** Shown by clients as the subscribed calendar's name (X-WR-CALNAME, NAME). */
  name: string;
  /** How often a subscribing client should fetch the feed again, in minutes. */
  refreshMinutes?: number;
  events: readonly CalendarEvent[];
  /** DTSTAMP: when this calendar object was made. */
  now?: Date;
}

export const PRODID = "-//Samarbejdshub//DA";

const MAX_OCTETS = 75;

/** An instant as an iCalendar UTC DATE-TIME, e.g. "20260329T013000Z". */
export function formatUtc(instant: string | Date): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(instant)}`);
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/**
 * A TEXT value: backslash, semicolon and comma escaped, every line break as "\n". Other control
 * characters are not allowed in TEXT and are dropped (a tab is kept).
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n|\r|\n/g, "\n")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
      .replace(/[\\;,\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`))
  );
}

/** A URI value must not break the line; anything that could is dropped. */
function uriValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, "");
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * One content line folded as RFC 5545 §3.1 asks: no physical line longer than 75 octets (the
 * CRLF aside), continuation lines start with a space, and a multi-byte UTF-8 character (æ, ø, å,
 * emoji) is never cut in two.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n") + "\r\n";
}

function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}

function textProperty(name: string, value: string | undefined): string {
  return value ? property(name, escapeText(value)) : "";
}

function writeEvent(event: CalendarEvent, stamp: string): string {
  return [
    property("BEGIN", "VEVENT"),
    property("UID", escapeText(event.uid)),
    property("DTSTAMP", stamp),
    property("DTSTART", formatUtc(event.start)),
    property("DTEND", formatUtc(event.end)),
    property("SEQUENCE", String(Math.max(0, Math.trunc(event.sequence)))),
    property("LAST-MODIFIED", formatUtc(event.lastModified)),
    property("STATUS", event.cancelled ? "CANCELLED" : "CONFIRMED"),
    textProperty("SUMMARY", event.summary),
    textProperty("LOCATION", event.location),
    event.url ? property("URL;VALUE=URI", uriValue(event.url)) : "",
    textProperty("DESCRIPTION", event.description),
    event.categories?.length
      ? property("CATEGORIES", event.categories.map(escapeText).join(","))
      : "",
    // A cancelled event must not block time in the reader's calendar while it is still shown.
    property("TRANSP", event.cancelled ? "TRANSPARENT" : "OPAQUE"),
    property("END", "VEVENT"),
  ].join("");
}

/** A whole VCALENDAR (METHOD:PUBLISH) with its events, as the text of an .ics file. */
export function writeCalendar(calendar: Calendar): string {
  const stamp = formatUtc(calendar.now ?? new Date());
  const refresh = Math.max(15, Math.trunc(calendar.refreshMinutes ?? 60));
  const duration = refresh % 60 === 0 ? `PT${refresh / 60}H` : `PT${refresh}M`;
  return [
    property("BEGIN", "VCALENDAR"),
    property("VERSION", "2.0"),
    property("PRODID", escapeText(PRODID)),
    property("CALSCALE", "GREGORIAN"),
    property("METHOD", "PUBLISH"),
    textProperty("X-WR-CALNAME", calendar.name),
    textProperty("NAME", calendar.name),
    // Outlook reads X-PUBLISHED-TTL, RFC 7986 clients REFRESH-INTERVAL; Google polls on its own.
    property("X-PUBLISHED-TTL", duration),
    property("REFRESH-INTERVAL;VALUE=DURATION", duration),
    ...calendar.events.map((e) => writeEvent(e, stamp)),
    property("END", "VCALENDAR"),
  ].join("");
}
