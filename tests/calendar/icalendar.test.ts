import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  escapeText,
  foldLine,
  formatUtc,
  writeCalendar,
  type CalendarEvent,
} from "../../app/lib/icalendar";
import { copenhagenToUtc } from "../../app/lib/zoned-time";

/**
 * The iCalendar writer, read back with ical.js (a full RFC 5545 parser, as calendar clients
 * use): what we write must come back as the same events, and every physical line must obey the
 * format's rules that the parser forgives but Outlook does not.
 */

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: "meeting-5f0c7a2e@hub.example",
    start: "2026-12-01T14:00:00.000Z",
    end: "2026-12-01T15:30:00.000Z",
    lastModified: "2026-11-20T09:00:00.000Z",
    sequence: 0,
    cancelled: false,
    summary: "Netværksmøde",
    ...overrides,
  };
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    calendar,
    events: calendar.getAllSubcomponents("vevent"),
  };
}

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

/** Every physical line: CRLF-terminated, at most 75 octets without the CRLF. */
function checkLines(text: string) {
  expect(text.endsWith("\r\n")).toBe(true);
  const bytes = Buffer.from(text, "utf8");
  // No lone LF or CR anywhere.
  expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  const lines = text.slice(0, -2).split("\r\n");
  for (const line of lines) expect(utf8(line), line).toBeLessThanOrEqual(75);
  // Decoding the bytes line by line never meets half a character.
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      const line = bytes.subarray(start, i);
      expect(new TextDecoder("utf-8", { fatal: true }).decode(line)).toBeTypeOf("string");
      start = i + 2;
    }
  }
  return lines;
}

describe("writeCalendar", () => {
  it("writes a VCALENDAR that ical.js reads, with the headers subscribing clients need", () => {
    const text = writeCalendar({
      name: "Samarbejdshub: møder",
      refreshMinutes: 60,
      now: new Date("2026-11-25T12:00:00.000Z"),
      events: [event()],
    });
    const lines = checkLines(text);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toMatch(/Samarbejdshub/);
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Samarbejdshub: møder");
    expect(calendar.getFirstPropertyValue("x-published-ttl")).toBe("PT1H");
    expect(String(calendar.getFirstPropertyValue("refresh-interval"))).toBe("PT1H");
    expect(events).toHaveLength(1);
    const e = new ICAL.Event(events[0]!);
    expect(e.uid).toBe("meeting-5f0c7a2e@hub.example");
    expect(e.summary).toBe("Netværksmøde");
    expect(events[0]!.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(String(events[0]!.getFirstPropertyValue("dtstamp"))).toBe("2026-11-25T12:00:00Z");
    expect(String(events[0]!.getFirstPropertyValue("last-modified"))).toBe("2026-11-20T09:00:00Z");
  });

  it("keeps the stored UTC instants exactly, across both daylight-saving changes", () => {
    const cases = [
      ["2026-03-28T17:00", "2026-03-28T18:30"], // winter, +01
      ["2026-03-29T01:30", "2026-03-29T03:30"], // across the spring change
      ["2026-03-30T17:00", "2026-03-30T18:30"], // summer, +02
      ["2026-10-25T01:00", "2026-10-25T04:00"], // across the autumn change (3 h of wall clock, 4 real)
      ["2026-10-26T17:00", "2026-10-26T18:30"], // winter again
    ] as const;
    const events = cases.map(([from, to], i) =>
      event({ uid: `m${i}@hub.example`, start: copenhagenToUtc(from)!, end: copenhagenToUtc(to)! }),
    );
    const text = writeCalendar({ name: "x", events });
    checkLines(text);
    for (const line of text.split("\r\n").filter((l) => /^DT(START|END)/.test(l))) {
      expect(line).toMatch(/^DT(START|END):\d{8}T\d{6}Z$/);
    }
    const parsed = parse(text).events.map((v) => new ICAL.Event(v));
    parsed.forEach((e, i) => {
      expect(e.startDate.toJSDate().toISOString()).toBe(events[i]!.start);
      expect(e.endDate.toJSDate().toISOString()).toBe(events[i]!.end);
      expect(e.startDate.zone?.tzid).toBe("UTC");
    });
    // 17:00 is 16:00Z before the spring change and 15:00Z after it.
    expect(parsed[0]!.startDate.toString()).toBe("2026-03-28T16:00:00Z");
    expect(parsed[2]!.startDate.toString()).toBe("2026-03-30T15:00:00Z");
    expect(parsed[3]!.duration.toSeconds()).toBe(4 * 3600);
  });

  it("writes SEQUENCE, and STATUS:CANCELLED for a cancelled meeting", () => {
    const text = writeCalendar({
      name: "x",
      events: [
        event({ uid: "a@hub.example", sequence: 3 }),
        event({ uid: "b@hub.example", sequence: 1, cancelled: true }),
      ],
    });
    const [a, b] = parse(text).events;
    expect(a!.getFirstPropertyValue("sequence")).toBe(3);
    expect(a!.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(b!.getFirstPropertyValue("sequence")).toBe(1);
    expect(b!.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(b!.getFirstPropertyValue("transp")).toBe("TRANSPARENT");
  });

  it("escapes commas, semicolons, backslashes and line breaks so they read back as typed", () => {
    const summary = "Status; budget, plan \\ ønsker";
    const description = "Linje 1\nLinje 2\r\nLinje 3\rSlut; med, tegn\\n ikke linjeskift";
    const location = "Bakkehusene, salen; 1. sal";
    const text = writeCalendar({
      name: "Møder, København; 2026",
      events: [event({ summary, description, location, url: "https://hub.example/a?b=1,2;c" })],
    });
    checkLines(text);
    expect(text).toContain("SUMMARY:Status\\; budget\\, plan \\\\ ønsker");
    expect(text).toContain("LOCATION:Bakkehusene\\, salen\\; 1. sal");
    const { calendar, events } = parse(text);
    const e = new ICAL.Event(events[0]!);
    expect(e.summary).toBe(summary);
    expect(e.location).toBe(location);
    expect(e.description).toBe("Linje 1\nLinje 2\nLinje 3\nSlut; med, tegn\\n ikke linjeskift");
    // ical.js does not know X-WR-CALNAME's type and leaves it raw; clients read it as TEXT.
    expect(text).toContain("X-WR-CALNAME:Møder\\, København\\; 2026\r\n");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Møder\\, København\\; 2026");
    expect(events[0]!.getFirstPropertyValue("url")).toBe("https://hub.example/a?b=1,2;c");
  });

  it("folds long lines at 75 octets without splitting æ, ø or å, and unfolds to the same text", () => {
    const summary =
      "Lokalnetværket på Bispebjerg Bakke / Bispebjerg Nordvest: Netværksmøde om nøglepersonsuddannelsen, fællesaften og årsplan";
    const description = "æøåÆØÅ".repeat(40) + "\n" + "Blåbærgrød 🫐 ".repeat(20);
    const text = writeCalendar({ name: "x", events: [event({ summary, description })] });
    const lines = checkLines(text);
    expect(lines.filter((l) => l.startsWith(" ")).length).toBeGreaterThan(5);
    // Some fold falls right where a two-byte letter would straddle octet 75.
    const e = new ICAL.Event(parse(text).events[0]!);
    expect(e.summary).toBe(summary);
    expect(e.description).toBe(description);
  });

  it("drops control characters that TEXT may not hold", () => {
    const text = writeCalendar({ name: "x", events: [event({ summary: "A\u0000B\u0007C\tD" })] });
    expect(new ICAL.Event(parse(text).events[0]!).summary).toBe("ABC\tD");
  });
});

describe("foldLine", () => {
  it("splits at every possible position of a two-byte letter and never inside it", () => {
    for (let pad = 0; pad < 4; pad++) {
      const line = "X".repeat(70 + pad) + "ø".repeat(80);
      const folded = foldLine(line);
      const physical = folded.slice(0, -2).split("\r\n");
      for (const p of physical) {
        expect(utf8(p)).toBeLessThanOrEqual(75);
        expect(p).not.toContain("\uFFFD");
      }
      expect(utf8(physical[0]!)).toBeGreaterThanOrEqual(74);
      expect(physical.map((p, i) => (i ? p.slice(1) : p)).join("")).toBe(line);
    }
  });

  it("leaves a short line whole", () => {
    expect(foldLine("SUMMARY:Kort")).toBe("SUMMARY:Kort\r\n");
    const exactly75 = "S:" + "a".repeat(73);
    expect(foldLine(exactly75)).toBe(exactly75 + "\r\n");
    expect(foldLine(exactly75 + "b")).toBe(exactly75 + "\r\n b\r\n");
  });
});

describe("escapeText and formatUtc", () => {
  it("escape each special character once", () => {
    expect(escapeText("a\\b;c,d\ne")).toBe("a\\\\b\\;c\\,d\\ne");
    expect(escapeText("æøå: 12:00")).toBe("æøå: 12:00");
  });

  it("format instants as UTC date-times", () => {
    expect(formatUtc("2026-03-29T01:30:00.000Z")).toBe("20260329T013000Z");
    expect(() => formatUtc("ikke en dato")).toThrow(RangeError);
  });
});
