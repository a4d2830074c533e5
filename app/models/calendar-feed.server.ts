import type { Database } from "../../db/client";
import { can, type SpaceRole } from "../auth/permissions.server";
import { generateToken, hashToken } from "../auth/token.server";
import { nowIso } from "../lib/ids.server";
import { agendaItemVisibleTo, meetingVisible } from "./meeting.server";

/**
 * A person's private calendar feed. The URL carries a random token and only its SHA-256 is
 * stored, as with sessions: the URL can be shown once and never again, and renewing replaces
 * the hash, so the old URL stops working at once. The feed holds the meetings of the spaces the
 * person is a current member of, read with the same visibility rules as the meeting page.
 */

/** How far back the feed reaches; everything ahead of now is included. */
export const FEED_PAST_MONTHS = 12;

const TOKEN = /^[a-z2-7]{32}$/;

export async function getCalendarFeed(db: Database, { userId }: { userId: string }) {
  return (
    (await db
      .selectFrom("calendarFeed")
      .select(["userId", "createdAt"])
      .where("userId", "=", userId)
      .executeTakeFirst()) ?? null
  );
}

/**
 * A new feed for a person without one; returns the token, or null when the person already has
 * a feed (renew it instead: replacing it here would silently break a subscription).
 */
export async function createCalendarFeed(
  db: Database,
  { userId, now = new Date() }: { userId: string; now?: Date },
): Promise<{ token: string } | null> {
  const token = generateToken();
  const inserted = await db
    .insertInto("calendarFeed")
    .values({ userId, tokenHash: hashToken(token), createdAt: nowIso(now) })
    .onConflict((oc) => oc.column("userId").doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? { token } : null;
}

/** A new token for an existing feed; the old URL stops working. Null when there is no feed. */
export async function renewCalendarFeed(
  db: Database,
  { userId, now = new Date() }: { userId: string; now?: Date },
): Promise<{ token: string } | null> {
  const token = generateToken();
  const updated = await db
    .updateTable("calendarFeed")
    .set({ tokenHash: hashToken(token), createdAt: nowIso(now) })
    .where("userId", "=", userId)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1 ? { token } : null;
}

/** The active person a feed token belongs to, or null (malformed, unknown, renewed, deactivated). */
export async function getCalendarFeedOwner(db: Database, { token }: { token: string }) {
  if (!TOKEN.test(token)) return null;
  const row = await db
    .selectFrom("calendarFeed")
    .innerJoin("user", "user.id", "calendarFeed.userId")
    .select(["user.id", "user.name", "user.locale", "user.isSiteAdmin", "user.status"])
    .where("calendarFeed.tokenHash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.status !== "active") return null;
  return { id: row.id, name: row.name, locale: row.locale, isSiteAdmin: row.isSiteAdmin === 1 };
}

export interface CalendarMeeting {
  id: string;
  spaceId: string;
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
  /** The agenda as the reader may see it: accepted items, closed ones only when named on them. */
  agenda: { title: string; sub: boolean }[];
}

/**
 * The meetings in a person's feed: every non-draft meeting (cancelled ones too, so calendars
 * remove them) from FEED_PAST_MONTHS back and onwards, in each space where the person is a
 * current member allowed to read meetings.
 */
export async function listFeedMeetings(
  db: Database,
  { owner, now = new Date() }: { owner: { id: string; isSiteAdmin: boolean }; now?: Date },
): Promise<CalendarMeeting[]> {
  const memberships = await db
    .selectFrom("membership")
    .innerJoin("space", "space.id", "membership.spaceId")
    .select(["space.id", "space.slug", "space.name", "membership.role"])
    .where("membership.userId", "=", owner.id)
    .where("membership.leftAt", "is", null)
    .execute();
  const spaces = memberships.filter((m) =>
    can(owner, "meeting.read", { spaceRole: m.role as SpaceRole }),
  );
  if (spaces.length === 0) return [];

  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - FEED_PAST_MONTHS);
  const meetings = await db
    .selectFrom("meeting")
    .select(meetingColumns)
    .where(
      "spaceId",
      "in",
      spaces.map((s) => s.id),
    )
    // Drafts never reach a feed, not even the secretariat's: a feed is read outside the hub.
    .where(meetingVisible(false))
    .where("endsAt", ">=", nowIso(since))
    .orderBy("startsAt")
    .orderBy("id")
    .execute();
  const bySpace = new Map(spaces.map((s) => [s.id, s]));
  const agendas = await listVisibleAgendas(db, {
    spaceIds: spaces.map((s) => s.id),
    meetingIds: meetings.map((m) => m.id),
    viewerId: owner.id,
  });
  return meetings.map((m) => ({
    ...m,
    spaceSlug: bySpace.get(m.spaceId)!.slug,
    spaceName: bySpace.get(m.spaceId)!.name,
    agenda: agendas.get(m.id) ?? [],
  }));
}

const meetingColumns = [
  "id",
  "spaceId",
  "title",
  "description",
  "startsAt",
  "endsAt",
  "place",
  "onlineUrl",
  "status",
  "calendarSequence",
  "updatedAt",
] as const;

/** The agenda titles of one meeting as `viewerId` may see them (for a single .ics download). */
export async function listVisibleAgendaTitles(
  db: Database,
  { spaceId, meetingId, viewerId }: { spaceId: string; meetingId: string; viewerId: string },
) {
  const agendas = await listVisibleAgendas(db, {
    spaceIds: [spaceId],
    meetingIds: [meetingId],
    viewerId,
  });
  return agendas.get(meetingId) ?? [];
}

async function listVisibleAgendas(
  db: Database,
  {
    spaceIds,
    meetingIds,
    viewerId,
  }: { spaceIds: string[]; meetingIds: string[]; viewerId: string },
): Promise<Map<string, { title: string; sub: boolean }[]>> {
  const result = new Map<string, { title: string; sub: boolean }[]>();
  if (meetingIds.length === 0) return result;
  const items = [];
  // SQLite limits bound parameters; a feed can hold a few hundred meetings.
  for (let i = 0; i < meetingIds.length; i += 500) {
    items.push(
      ...(await db
        .selectFrom("agendaItem")
        .select(["id", "meetingId", "parentId", "position", "title"])
        .where("spaceId", "in", spaceIds)
        .where("meetingId", "in", meetingIds.slice(i, i + 500))
        .where("state", "=", "accepted")
        .where(agendaItemVisibleTo(viewerId))
        .orderBy("position")
        .execute()),
    );
  }
  const visible = new Set(items.map((i) => i.id));
  const children = new Map<string, typeof items>();
  for (const item of items) {
    if (item.parentId) {
      const list = children.get(item.parentId) ?? [];
      list.push(item);
      children.set(item.parentId, list);
    }
  }
  for (const item of items) {
    // A sub-item shows only under its item; under a hidden closed item it stays hidden too.
    if (item.parentId) continue;
    const list = result.get(item.meetingId) ?? [];
    list.push({ title: item.title, sub: false });
    for (const child of children.get(item.id) ?? []) {
      if (visible.has(child.id)) list.push({ title: child.title, sub: true });
    }
    result.set(item.meetingId, list);
  }
  return result;
}
