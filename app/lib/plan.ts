/** Vocabulary and date arithmetic of the action plan, shared by the server, forms and charts. */

export const targetGroups = ["children_youth", "adults", "civil_society"] as const;
export type TargetGroup = (typeof targetGroups)[number];

export const initiativeStatuses = [
  "running",
  "ending",
  "proposed_continuation",
  "continued",
  "ended",
] as const;
export type InitiativeStatus = (typeof initiativeStatuses)[number];

export const stances = ["continue", "adjust", "end"] as const;
export type Stance = (typeof stances)[number];

/** The windows the overview offers for "ending within N months". */
export const endingWithinOptions = [3, 6, 12, 24] as const;

/** The space whose secretariat administers the plan and whose members recommend. */
export const EXPERT_GROUP_SLUG = "ekspertgruppen";

/**
 * A calendar date (YYYY-MM-DD) `months` later, clamped to the month's last day (31 Jan + 1
 * month = 28/29 Feb), the way people count "within six months".
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** Days since 1970-01-01 of a calendar date: a linear scale for the timeline chart. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}
