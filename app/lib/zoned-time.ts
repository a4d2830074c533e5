/**
 * Wall-clock time in Europe/Copenhagen ⇄ UTC instants. People enter and read times in Copenhagen;
 * the database stores UTC. Across the daylight-saving changes a wall-clock time can be missing
 * (the spring gap, 02:00–03:00 on the last Sunday of March) or happen twice (02:00–03:00 on the last
 * Sunday of October); like Temporal's "compatible" disambiguation, a missing time moves forward by
 * the gap and a repeated time means its first occurrence.
 */
import { TIME_ZONE } from "./dates";

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;

const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function wallClockOf(epochMs: number) {
  const parts: Record<string, string> = {};
  for (const p of partsFormat.formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Copenhagen's offset from UTC, in ms, at an instant (+1 h in winter, +2 h in summer). */
function offsetAt(epochMs: number): number {
  const w = wallClockOf(epochMs);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The UTC instant (ISO-8601, e.g. "2026-03-29T01:30:00.000Z") of a Copenhagen wall-clock time
 * given as "YYYY-MM-DDTHH:MM" (what `<input type="datetime-local">` sends); null when malformed or
 * not a real calendar date.
 */
export function copenhagenToUtc(local: string): string | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;

  const before = offsetAt(asUtc - DAY_MS);
  const after = offsetAt(asUtc + DAY_MS);
  const valid = [...new Set([before, after])]
    .map((offset) => asUtc - offset)
    .filter((instant) => asUtc - offsetAt(instant) === instant);
  // Repeated: the earlier instant. Missing: the offset before the change, which lands after the gap.
  const instant = valid.length ? Math.min(...valid) : asUtc - before;
  return new Date(instant).toISOString();
}

/** A Copenhagen wall-clock date and time for an instant: the value for a datetime-local input. */
export function utcToCopenhagen(iso: string): { date: string; time: string; local: string } {
  const w = wallClockOf(Date.parse(iso));
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
  const time = `${pad(w.hour)}:${pad(w.minute)}`;
  return { date, time, local: `${date}T${time}` };
}

/** Today's date in Copenhagen ("YYYY-MM-DD"), e.g. to tell which action items are overdue. */
export function copenhagenToday(now: Date = new Date()): string {
  return utcToCopenhagen(now.toISOString()).date;
}
