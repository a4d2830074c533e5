import type { Database } from "../../db/client";
import { newId, nowIso } from "../lib/ids.server";
import { recordAudit } from "./audit.server";
import { agendaItemVisibleTo } from "./meeting.server";

/**
 * The minutes (referat) of a meeting: notes and a decision per agenda item, and the workflow
 * none → draft → circulated → approved, where an approved version is frozen in minutesVersion and
 * a change starts the next version as a draft. Every function takes the space id and finds nothing
 * outside it; what a viewer sees is narrowed by `agendaItemVisibleTo`, the same rule as the agenda.
 */

export type MinutesStatus = "none" | "draft" | "circulated" | "approved";

/** One item as frozen at approval. `parentId` lets old versions keep sub-items under their item. */
export interface SnapshotEntry {
  agendaItemId: string;
  parentId?: string | null;
  title: string;
  isClosed: boolean;
  notes: string;
  decision: string;
}

export interface MinutesItem extends SnapshotEntry {
  parentId: string | null;
}

/** Why a change was refused; the route turns each into a status code and a message. */
export type Refusal =
  | { status: "notFound" }
  | { status: "frozen" }
  | { status: "alreadyApproved" }
  | { status: "stale"; version: number }
  | { status: "notDraft" }
  | { status: "notApproved" }
  | { status: "notCirculated" }
  | { status: "meetingNotReady" }
  | { status: "nothingToApprove" };

interface ItemRow {
  id: string;
  parentId: string | null;
  position: number;
  title: string;
  isClosed: number;
  minutesNotes: string;
  minutesDecision: string;
}

/**
 * Items in agenda order with each sub-item right after its item. A sub-item whose item is not in
 * `rows` (hidden from the viewer, or not accepted) is dropped: it belongs to that item.
 */
function inAgendaOrder(rows: ItemRow[]): MinutesItem[] {
  const byPosition = (a: ItemRow, b: ItemRow) =>
    a.position - b.position || a.id.localeCompare(b.id);
  const top = rows.filter((r) => r.parentId === null).sort(byPosition);
  const out: MinutesItem[] = [];
  for (const item of top) {
    out.push(toItem(item));
    for (const sub of rows.filter((r) => r.parentId === item.id).sort(byPosition)) {
      out.push(toItem(sub));
    }
  }
  return out;
}

function toItem(r: ItemRow): MinutesItem {
  return {
    agendaItemId: r.id,
    parentId: r.parentId,
    title: r.title,
    isClosed: r.isClosed === 1,
    notes: r.minutesNotes,
    decision: r.minutesDecision,
  };
}

function itemQuery(db: Database, { spaceId, meetingId }: { spaceId: string; meetingId: string }) {
  return (
    db
      .selectFrom("agendaItem")
      .select([
        "agendaItem.id",
        "agendaItem.parentId",
        "agendaItem.position",
        "agendaItem.title",
        "agendaItem.isClosed",
        "agendaItem.minutesNotes",
        "agendaItem.minutesDecision",
      ])
      .where("agendaItem.spaceId", "=", spaceId)
      .where("agendaItem.meetingId", "=", meetingId)
      // Proposed and declined items were never on the agenda, so they have no minutes.
      .where("agendaItem.state", "=", "accepted")
  );
}

/** The accepted agenda items the viewer may see, in agenda order, with their minutes. */
export async function listMinutesItems(
  db: Database,
  { spaceId, meetingId, viewerId }: { spaceId: string; meetingId: string; viewerId: string },
): Promise<MinutesItem[]> {
  const rows = await itemQuery(db, { spaceId, meetingId })
    .where(agendaItemVisibleTo(viewerId))
    .execute();
  return inAgendaOrder(rows);
}

async function lockMeeting(
  db: Database,
  { spaceId, meetingId }: { spaceId: string; meetingId: string },
) {
  return db
    .selectFrom("meeting")
    .select(["id", "status", "minutesStatus", "minutesVersion"])
    .where("spaceId", "=", spaceId)
    .where("id", "=", meetingId)
    .executeTakeFirst();
}

/**
 * Writes the notes and decision of one item the writer may see. The first write starts the
 * minutes (draft, version 1); approved minutes are frozen until someone makes a change.
 */
export async function saveItemMinutes(
  db: Database,
  input: {
    spaceId: string;
    meetingId: string;
    agendaItemId: string;
    writerId: string;
    notes: string;
    decision: string;
    now?: Date;
  },
): Promise<{ status: "saved" } | Refusal> {
  const now = nowIso(input.now);
  return db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, input);
    if (!meeting) return { status: "notFound" };
    const visible = await listMinutesItems(trx, {
      spaceId: input.spaceId,
      meetingId: input.meetingId,
      viewerId: input.writerId,
    });
    if (!visible.some((i) => i.agendaItemId === input.agendaItemId)) return { status: "notFound" };
    if (meeting.status === "draft" || meeting.status === "cancelled") {
      return { status: "meetingNotReady" };
    }
    if (meeting.minutesStatus === "approved") return { status: "frozen" };
    await trx
      .updateTable("agendaItem")
      .set({ minutesNotes: input.notes, minutesDecision: input.decision, updatedAt: now })
      .where("spaceId", "=", input.spaceId)
      .where("meetingId", "=", input.meetingId)
      .where("id", "=", input.agendaItemId)
      .execute();
    if (meeting.minutesStatus === "none") {
      await trx
        .updateTable("meeting")
        .set({
          minutesStatus: "draft",
          minutesVersion: Math.max(1, meeting.minutesVersion),
          updatedAt: now,
        })
        .where("id", "=", meeting.id)
        .execute();
    }
    return { status: "saved" };
  });
}

export interface MinutesRecipient {
  id: string;
  email: string;
  name: string;
  locale: string;
}

/**
 * Who gets the minutes for comments: the current members who said they attend; when no current
 * member answered at all, every current member (nobody told us who came).
 */
export async function listMinutesRecipients(
  db: Database,
  { spaceId, meetingId }: { spaceId: string; meetingId: string },
): Promise<MinutesRecipient[]> {
  const members = await db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.userId")
    .leftJoin("attendance", (join) =>
      join.onRef("attendance.userId", "=", "user.id").on("attendance.meetingId", "=", meetingId),
    )
    .select(["user.id", "user.email", "user.name", "user.locale", "attendance.response"])
    .where("membership.spaceId", "=", spaceId)
    .where("membership.leftAt", "is", null)
    .where("user.status", "=", "active")
    .orderBy("user.name")
    .execute();
  const answered = members.some((m) => m.response !== null);
  return members
    .filter((m) => !answered || m.response === "attending")
    .map(({ id, email, name, locale }) => ({ id, email, name, locale }));
}

/** draft → circulated; returns the people to mail. */
export async function circulateMinutes(
  db: Database,
  input: { spaceId: string; meetingId: string; version: number; now?: Date },
): Promise<{ status: "circulated"; recipients: MinutesRecipient[] } | Refusal> {
  const now = nowIso(input.now);
  return db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, input);
    if (!meeting) return { status: "notFound" };
    if (meeting.minutesVersion !== input.version) {
      return { status: "stale", version: meeting.minutesVersion };
    }
    if (meeting.minutesStatus !== "draft") return { status: "notDraft" };
    await trx
      .updateTable("meeting")
      .set({ minutesStatus: "circulated", minutesCirculatedAt: now, updatedAt: now })
      .where("id", "=", meeting.id)
      .execute();
    return { status: "circulated", recipients: await listMinutesRecipients(trx, input) };
  });
}

/** A comment on the version being circulated. */
export async function addMinutesComment(
  db: Database,
  input: {
    spaceId: string;
    meetingId: string;
    authorId: string;
    version: number;
    body: string;
    now?: Date;
  },
): Promise<{ status: "added"; id: string } | Refusal> {
  const now = nowIso(input.now);
  return db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, input);
    if (!meeting) return { status: "notFound" };
    if (meeting.minutesStatus !== "circulated") return { status: "notCirculated" };
    if (meeting.minutesVersion !== input.version) {
      return { status: "stale", version: meeting.minutesVersion };
    }
    const id = newId();
    await trx
      .insertInto("minutesComment")
      .values({
        id,
        meetingId: meeting.id,
        minutesVersion: meeting.minutesVersion,
        authorId: input.authorId,
        body: input.body,
        createdAt: now,
      })
      .execute();
    return { status: "added", id };
  });
}

export async function listMinutesComments(
  db: Database,
  { spaceId, meetingId }: { spaceId: string; meetingId: string },
) {
  return db
    .selectFrom("minutesComment")
    .innerJoin("meeting", "meeting.id", "minutesComment.meetingId")
    .innerJoin("user", "user.id", "minutesComment.authorId")
    .select([
      "minutesComment.id",
      "minutesComment.minutesVersion",
      "minutesComment.body",
      "minutesComment.createdAt",
      "user.name as authorName",
    ])
    .where("meeting.spaceId", "=", spaceId)
    .where("minutesComment.meetingId", "=", meetingId)
    .orderBy("minutesComment.createdAt")
    .orderBy("minutesComment.id")
    .execute();
}

/**
 * Approves the version the approver saw: freezes every accepted item (closed ones too; readers
 * are narrowed when reading) into minutesVersion and marks the meeting approved. A second approval
 * or a form for another version is refused and writes nothing.
 */
export async function approveMinutes(
  db: Database,
  input: { spaceId: string; meetingId: string; version: number; approverId: string; now?: Date },
): Promise<{ status: "approved" } | Refusal> {
  const now = nowIso(input.now);
  return db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, input);
    if (!meeting) return { status: "notFound" };
    if (meeting.minutesStatus === "approved") {
      return meeting.minutesVersion === input.version
        ? { status: "alreadyApproved" }
        : { status: "stale", version: meeting.minutesVersion };
    }
    if (meeting.minutesVersion !== input.version) {
      return { status: "stale", version: meeting.minutesVersion };
    }
    if (meeting.minutesStatus === "none") return { status: "nothingToApprove" };
    const items = inAgendaOrder(await itemQuery(trx, input).execute());
    await trx
      .insertInto("minutesVersion")
      .values({
        id: newId(),
        meetingId: meeting.id,
        versionNo: meeting.minutesVersion,
        snapshot: JSON.stringify(items satisfies SnapshotEntry[]),
        approvedById: input.approverId,
        approvedAt: now,
      })
      .execute();
    await trx
      .updateTable("meeting")
      .set({ minutesStatus: "approved", status: "approved", updatedAt: now })
      .where("id", "=", meeting.id)
      .execute();
    await recordAudit(trx, {
      actorId: input.approverId,
      action: "minutes.approved",
      subjectType: "meeting",
      subjectId: meeting.id,
      spaceId: input.spaceId,
      details: { version: meeting.minutesVersion },
    });
    return { status: "approved" };
  });
}

/** "Make a change": approved version N stays as it was; version N + 1 starts as a draft. */
export async function reopenMinutes(
  db: Database,
  input: { spaceId: string; meetingId: string; version: number; actorId: string; now?: Date },
): Promise<{ status: "reopened"; version: number } | Refusal> {
  const now = nowIso(input.now);
  return db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, input);
    if (!meeting) return { status: "notFound" };
    if (meeting.minutesVersion !== input.version) {
      return { status: "stale", version: meeting.minutesVersion };
    }
    if (meeting.minutesStatus !== "approved") return { status: "notApproved" };
    const version = meeting.minutesVersion + 1;
    await trx
      .updateTable("meeting")
      .set({
        minutesStatus: "draft",
        minutesVersion: version,
        minutesCirculatedAt: null,
        updatedAt: now,
      })
      .where("id", "=", meeting.id)
      .execute();
    await recordAudit(trx, {
      actorId: input.actorId,
      action: "minutes.reopened",
      subjectType: "meeting",
      subjectId: meeting.id,
      spaceId: input.spaceId,
      details: { version },
    });
    return { status: "reopened", version };
  });
}

/** The approved versions of a meeting's minutes, oldest first, with who approved them. */
export async function listMinutesVersions(
  db: Database,
  { spaceId, meetingId }: { spaceId: string; meetingId: string },
) {
  return db
    .selectFrom("minutesVersion")
    .innerJoin("meeting", "meeting.id", "minutesVersion.meetingId")
    .innerJoin("user", "user.id", "minutesVersion.approvedById")
    .select(["minutesVersion.versionNo", "minutesVersion.approvedAt", "user.name as approverName"])
    .where("meeting.spaceId", "=", spaceId)
    .where("minutesVersion.meetingId", "=", meetingId)
    .orderBy("minutesVersion.versionNo")
    .execute();
}

/**
 * One approved version as the viewer may read it today: a closed item (closed then, or closed
 * since) shows only to the people named on it now, exactly like the live agenda.
 */
export async function getApprovedMinutes(
  db: Database,
  {
    spaceId,
    meetingId,
    versionNo,
    viewerId,
  }: { spaceId: string; meetingId: string; versionNo: number; viewerId: string },
) {
  const row = await db
    .selectFrom("minutesVersion")
    .innerJoin("meeting", "meeting.id", "minutesVersion.meetingId")
    .innerJoin("user", "user.id", "minutesVersion.approvedById")
    .select([
      "minutesVersion.versionNo",
      "minutesVersion.snapshot",
      "minutesVersion.approvedAt",
      "user.name as approverName",
    ])
    .where("meeting.spaceId", "=", spaceId)
    .where("minutesVersion.meetingId", "=", meetingId)
    .where("minutesVersion.versionNo", "=", versionNo)
    .executeTakeFirst();
  if (!row) return null;
  const entries = parseSnapshot(row.snapshot);
  const ids = entries.map((e) => e.agendaItemId);
  const current = ids.length
    ? await db
        .selectFrom("agendaItem")
        .select(["id", "isClosed"])
        .where("meetingId", "=", meetingId)
        .where("id", "in", ids)
        .execute()
    : [];
  const named = ids.length
    ? await db
        .selectFrom("agendaItemAccess")
        .select("agendaItemId")
        .where("userId", "=", viewerId)
        .where("agendaItemId", "in", ids)
        .execute()
    : [];
  const closedNow = new Set(current.filter((c) => c.isClosed === 1).map((c) => c.id));
  const existing = new Set(current.map((c) => c.id));
  const access = new Set(named.map((n) => n.agendaItemId));
  const visible = (e: SnapshotEntry) => {
    // An item deleted since then has no access list left: a closed one stays hidden for everyone.
    if (!existing.has(e.agendaItemId)) return !e.isClosed;
    const closed = e.isClosed || closedNow.has(e.agendaItemId);
    return !closed || access.has(e.agendaItemId);
  };
  const shown = new Set(entries.filter(visible).map((e) => e.agendaItemId));
  return {
    versionNo: row.versionNo,
    approvedAt: row.approvedAt,
    approverName: row.approverName,
    items: entries.filter(
      (e) => shown.has(e.agendaItemId) && (!e.parentId || shown.has(e.parentId)),
    ),
  };
}

function parseSnapshot(text: string): SnapshotEntry[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.map((e: Record<string, unknown>) => ({
      agendaItemId: String(e.agendaItemId ?? ""),
      parentId: typeof e.parentId === "string" ? e.parentId : null,
      title: String(e.title ?? ""),
      isClosed: e.isClosed === true || e.isClosed === 1,
      notes: String(e.notes ?? ""),
      decision: String(e.decision ?? ""),
    }));
  } catch {
    return [];
  }
}

/**
 * How the minutes being written differ from the last approved version, among the items the viewer
 * may see in both: changed and new items by id, and the titles of items no longer there.
 */
export function diffMinutes(current: SnapshotEntry[], approved: SnapshotEntry[]) {
  const before = new Map(approved.map((e) => [e.agendaItemId, e]));
  const now = new Set(current.map((e) => e.agendaItemId));
  const changed: string[] = [];
  const added: string[] = [];
  for (const item of current) {
    const old = before.get(item.agendaItemId);
    if (!old) added.push(item.agendaItemId);
    else if (old.notes !== item.notes || old.decision !== item.decision || old.title !== item.title)
      changed.push(item.agendaItemId);
  }
  const removed = approved.filter((e) => !now.has(e.agendaItemId)).map((e) => e.title);
  return { changed, added, removed };
}
