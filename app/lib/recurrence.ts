/**
 * Recurring meetings: a rule ("first Tuesday of the month", "every second Wednesday") expanded
 * into concrete dates between a first date and an until-date. Pure: no database, no clock.
 *
 * A series keeps its wall-clock start time in Copenhagen ("17:00"), so each occurrence is turned
 * into UTC on its own date: 17:00 in January is 16:00Z and 17:00 in July is 15:00Z.
 */
import { copenhagenToUtc } from "./zoned-time";

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type RecurrenceRule =
  /** The `nth` weekday of each month; -1 means the last one ("sidste torsdag i måneden"). */
  | { kind: "monthly"; weekday: Weekday; nth: 1 | 2 | 3 | 4 | -1 }
  /** The weekday every `interval` weeks, starting from the first such weekday on or after firstDate. */
  | { kind: "weekly"; weekday: Weekday; interval: number };

/** No series makes more meetings than this, whatever its until-date. */
export const MAX_OCCURRENCES = 60;
/** Nor does it reach further than this many days past its first date (about two years). */
export const MAX_SPAN_DAYS = 731;

export interface Occurrence {
  /** The series date, YYYY-MM-DD in Copenhagen. */
  date: string;
  /** UTC instants, ISO-8601. */
  startsAt: string;
  endsAt: string;
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    return null;
  return ms;
}

const formatDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoWeekday = (ms: number) => (((new Date(ms).getUTCDay() + 6) % 7) + 1) as Weekday;

/** The `nth` (or last, -1) `weekday` of a month (month 0-based), as a UTC-midnight timestamp. */
function nthWeekdayOfMonth(year: number, month: number, weekday: Weekday, nth: number): number {
  if (nth === -1) {
    const last = Date.UTC(year, month + 1, 0);
    const back = (isoWeekday(last) - weekday + 7) % 7;
    return last - back * DAY_MS;
  }
  const first = Date.UTC(year, month, 1);
  const forward = (weekday - isoWeekday(first) + 7) % 7;
  return first + (forward + (nth - 1) * 7) * DAY_MS;
}

/** The series dates (YYYY-MM-DD) of `rule` from firstDate to untilDate inclusive, capped. */
export function expandDates(
  rule: RecurrenceRule,
  {
    firstDate,
    untilDate,
    max = MAX_OCCURRENCES,
  }: { firstDate: string; untilDate: string; max?: number },
): string[] {
  const from = parseDate(firstDate);
  const parsedUntil = parseDate(untilDate);
  if (from === null || parsedUntil === null || parsedUntil < from) return [];
  const until = Math.min(parsedUntil, from + MAX_SPAN_DAYS * DAY_MS);
  const dates: string[] = [];
  if (rule.kind === "weekly") {
    const step = Math.max(1, Math.floor(rule.interval)) * 7 * DAY_MS;
    let day = from + ((rule.weekday - isoWeekday(from) + 7) % 7) * DAY_MS;
    for (; day <= until && dates.length < max; day += step) dates.push(formatDay(day));
    return dates;
  }
  const start = new Date(from);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth();
  while (dates.length < max) {
    const day = nthWeekdayOfMonth(year, month, rule.weekday, rule.nth);
    if (day > until) break;
    // The 5th weekday does not exist in every month; nth ≤ 4 always lands inside the month.
    if (day >= from) dates.push(formatDay(day));
    month++;
    if (month === 12) {
      month = 0;
      year++;
    }
  }
  return dates;
}

/**
 * The occurrences of a series: each series date at `startTime` Copenhagen wall-clock time, lasting
 * `durationMinutes`. A start inside the spring-forward gap moves forward by the gap (see
 * copenhagenToUtc).
 */
export function expandRecurrence({
  rule,
  firstDate,
  untilDate,
  startTime,
  durationMinutes,
  max = MAX_OCCURRENCES,
}: {
  rule: RecurrenceRule;
  firstDate: string;
  untilDate: string;
  startTime: string;
  durationMinutes: number;
  max?: number;
}): Occurrence[] {
  const occurrences: Occurrence[] = [];
  for (const date of expandDates(rule, { firstDate, untilDate, max })) {
    const startsAt = copenhagenToUtc(`${date}T${startTime}`);
    if (!startsAt) return [];
    const endsAt = new Date(Date.parse(startsAt) + durationMinutes * 60_000).toISOString();
    occurrences.push({ date, startsAt, endsAt });
  }
  return occurrences;
}
