import { newId, nowIso } from "../../app/lib/ids.server";
import type { Database } from "../../db/client";

/**
 * Meetings, agenda items, attendance and action items inserted straight into the database, for
 * tests of the features built on them (minutes, action items) without going through the meeting
 * pages. Rows follow db/migrations/0005_create_meetings.ts.
 */

export async function createTestMeeting(
  db: Database,
  m: {
    spaceId: string;
    createdById: string;
    title?: string;
    /** draft | published | held | approved | cancelled */
    status?: string;
    startsAt?: string;
    minutesStatus?: string;
    minutesVersion?: number;
  },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  const startsAt = m.startsAt ?? "2026-03-10T15:00:00.000Z";
  await db
    .insertInto("meeting")
    .values({
      id,
      spaceId: m.spaceId,
      seriesId: null,
      seriesDate: null,
      title: m.title ?? "Netværksmøde",
      description: "",
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 2 * 3_600_000).toISOString(),
      place: "Bispebjerg Bibliotek",
      onlineUrl: null,
      status: m.status ?? "held",
      publishedAt: m.status === "draft" ? null : now,
      cancelledAt: m.status === "cancelled" ? now : null,
      minutesStatus: m.minutesStatus ?? "none",
      minutesVersion: m.minutesVersion ?? 0,
      minutesCirculatedAt: null,
      calendarSequence: 0,
      createdById: m.createdById,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

export async function createTestAgendaItem(
  db: Database,
  a: {
    meetingId: string;
    spaceId: string;
    createdById: string;
    title: string;
    position: number;
    parentId?: string | null;
    /** accepted | proposed | declined */
    state?: string;
    /** A closed item (lukket punkt), seen only by `access`. */
    access?: string[];
    notes?: string;
    decision?: string;
  },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("agendaItem")
    .values({
      id,
      meetingId: a.meetingId,
      spaceId: a.spaceId,
      parentId: a.parentId ?? null,
      position: a.position,
      title: a.title,
      description: "",
      descriptionHtml: "",
      presenter: "",
      durationMinutes: 15,
      kind: "orientation",
      state: a.state ?? "accepted",
      proposedById: a.state && a.state !== "accepted" ? a.createdById : null,
      declineReason: null,
      isClosed: a.access ? 1 : 0,
      minutesNotes: a.notes ?? "",
      minutesDecision: a.decision ?? "",
      createdById: a.createdById,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  if (a.access?.length) {
    await db
      .insertInto("agendaItemAccess")
      .values(a.access.map((userId) => ({ agendaItemId: id, userId })))
      .execute();
  }
  return id;
}

export async function setTestAttendance(
  db: Database,
  a: { meetingId: string; userId: string; response: "attending" | "absent" | "maybe" },
): Promise<void> {
  await db
    .insertInto("attendance")
    .values({ ...a, note: "", respondedAt: nowIso() })
    .onConflict((oc) => oc.columns(["meetingId", "userId"]).doUpdateSet({ response: a.response }))
    .execute();
}

export async function createTestActionItem(
  db: Database,
  a: {
    spaceId: string;
    createdById: string;
    title: string;
    meetingId?: string | null;
    agendaItemId?: string | null;
    assigneeUserId?: string | null;
    assigneeOrganisationId?: string | null;
    dueDate?: string | null;
    status?: "open" | "in_progress" | "done";
  },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("actionItem")
    .values({
      id,
      spaceId: a.spaceId,
      meetingId: a.meetingId ?? null,
      agendaItemId: a.agendaItemId ?? null,
      title: a.title,
      description: "",
      assigneeUserId: a.assigneeUserId ?? null,
      assigneeOrganisationId: a.assigneeOrganisationId ?? null,
      dueDate: a.dueDate ?? null,
      status: a.status ?? "open",
      completedAt: a.status === "done" ? now : null,
      createdById: a.createdById,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}
