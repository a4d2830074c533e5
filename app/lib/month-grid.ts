/**
 * Calendar months as Copenhagen sees them, for the activities' month view. Months are "YYYY-MM",
 * days "YYYY-MM-DD"; weeks start on Monday, as in Denmark.
 */
import { copenhagenToday, copenhagenToUtc } from "./zoned-time";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const pad = (n: number) => String(n).padStart(2, "0");

export function currentMonth(now: Date = new Date()): string {
  return copenhagenToday(now).slice(0, 7);
}

export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** The UTC instants at which the month starts and the next one starts, in Copenhagen. */
export function monthRange(month: string): { from: string; to: string } {
  return {
    from: copenhagenToUtc(`${month}-01T00:00`)!,
    to: copenhagenToUtc(`${shiftMonth(month, 1)}-01T00:00`)!,
  };
}

/** The month's days in weeks of seven (Monday first); null pads the first and last week. */
export function monthWeeks(month: string): (string | null)[][] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  // getUTCDay: 0 = Sunday; Monday-first offset of the 1st.
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d++) cells.push(`${month}-${pad(d)}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** "december 2026" / "December 2026". */
export function formatMonth(month: string, locale: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "da-DK", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, 15)));
}

/** "torsdag den 3. december 2026" style heading for a Copenhagen day. */
export function formatDay(day: string, locale: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "da-DK", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}
