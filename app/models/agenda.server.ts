import type { Database } from "../../db/client";
import { newId, nowIso } from "../lib/ids.server";
import type { AgendaItemFields } from "../schemas/meeting";
import { agendaItemVisibleTo } from "./meeting.server";

/**
 * A meeting's agenda: items with one level of sub-items, proposals, papers and closed items.
 * Every function takes the space and meeting ids; closed items are filtered with
 * `agendaItemVisibleTo`, so a person not named on one cannot read, count, edit or move it.
 *
 * Positions are dense (1, 2, 3…) among the accepted siblings of one parent (or the top level);
 * proposed and declined items sit outside that order (position 0) until accepted.
 */

export type AgendaKind = AgendaItemFields["kind"];

export interface AgendaItemView {
  id: string;
  parentId: string | null;
  position: number;
  title: string;
  descriptionHtml: string;
  description: string;
  presenter: string;
  durationMinutes: number;
  kind: AgendaKind;
  isClosed: boolean;
  /** UTC instant the item starts, from the meeting's start and every earlier item's duration. */
  startsAt: string;
  accessUserIds: string[];
  documents: { id: string; title: string }[];
  links: { id: string; title: string; url: string }[];
  children: AgendaItemView[];
}

const itemColumns = [
  "agendaItem.id",
  "agendaItem.parentId",
  "agendaItem.position",
  "agendaItem.title",
  "agendaItem.description",
  "agendaItem.descriptionHtml",
  "agendaItem.presenter",
  "agendaItem.durationMinutes",
  "agendaItem.kind",
  "agendaItem.state",
  "agendaItem.isClosed",
  "agendaItem.proposedById",
  "agendaItem.declineReason",
] as const;

/**
 * The agenda as `viewerId` may see it, nested, each item with its computed start time. Start
 * times count every accepted item's duration, also of closed items the viewer cannot see, so
 * the times are the same for everyone; the hidden items themselves are left out entirely.
 */
export async function listAgenda(
  db: Database,
  {
    spaceId,
    meetingId,
    viewerId,
    meetingStartsAt,
  }: { spaceId: string; meetingId: string; viewerId: string; meetingStartsAt: string },
): Promise<AgendaItemView[]> {
  // Durations only, of every accepted item: nothing else about an invisible item leaves here.
  const timing = await db
    .selectFrom("agendaItem")
    .select(["id", "parentId", "position", "durationMinutes"])
    .where("spaceId", "=", spaceId)
    .where("meetingId", "=", meetingId)
    .where("state", "=", "accepted")
    .execute();
  const startOf = new Map<string, string>();
  let cursor = Date.parse(meetingStartsAt);
  const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;
  for (const top of timing.filter((i) => i.parentId === null).sort(byPosition)) {
    startOf.set(top.id, new Date(cursor).toISOString());
    cursor += top.durationMinutes * 60_000;
    for (const sub of timing.filter((i) => i.parentId === top.id).sort(byPosition)) {
      startOf.set(sub.id, new Date(cursor).toISOString());
      cursor += sub.durationMinutes * 60_000;
    }
  }

  const rows = await db
    .selectFrom("agendaItem")
    .select(itemColumns)
    .where("agendaItem.spaceId", "=", spaceId)
    .where("agendaItem.meetingId", "=", meetingId)
    .where("agendaItem.state", "=", "accepted")
    .where(agendaItemVisibleTo(viewerId))
    .orderBy("agendaItem.position")
    .execute();
  const ids = rows.map((r) => r.id);
  const [access, documents, links] = ids.length
    ? await Promise.all([
        db
          .selectFrom("agendaItemAccess")
          .innerJoin("user", "user.id", "agendaItemAccess.userId")
          .select(["agendaItemAccess.agendaItemId", "agendaItemAccess.userId"])
          .where("agendaItemAccess.agendaItemId", "in", ids)
          .execute(),
        db
          .selectFrom("documentLink")
          .innerJoin("document", "document.id", "documentLink.documentId")
          .select(["documentLink.subjectId", "document.id", "document.title"])
          .where("documentLink.subjectType", "=", "agenda_item")
          .where("documentLink.subjectId", "in", ids)
          .where("document.spaceId", "=", spaceId)
          .where("document.deletedAt", "is", null)
          .orderBy("document.title")
          .execute(),
        db
          .selectFrom("agendaItemLink")
          .select(["agendaItemId", "id", "title", "url"])
          .where("agendaItemId", "in", ids)
          .orderBy("createdAt")
          .execute(),
      ])
    : [[], [], []];

  const views = new Map<string, AgendaItemView>();
  for (const r of rows) {
    views.set(r.id, {
      id: r.id,
      parentId: r.parentId,
      position: r.position,
      title: r.title,
      description: r.description,
      descriptionHtml: r.descriptionHtml,
      presenter: r.presenter,
      durationMinutes: r.durationMinutes,
      kind: r.kind as AgendaKind,
      isClosed: r.isClosed === 1,
      startsAt: startOf.get(r.id) ?? meetingStartsAt,
      accessUserIds: access.filter((a) => a.agendaItemId === r.id).map((a) => a.userId),
      documents: documents
        .filter((d) => d.subjectId === r.id)
        .map((d) => ({ id: d.id, title: d.title })),
      links: links
        .filter((l) => l.agendaItemId === r.id)
        .map((l) => ({ id: l.id, title: l.title, url: l.url })),
      children: [],
    });
  }
  const top: AgendaItemView[] = [];
  for (const view of views.values()) {
    if (view.parentId === null) top.push(view);
    // A sub-item of a closed item the viewer cannot see stays hidden with its parent.
    else views.get(view.parentId)?.children.push(view);
  }
  return top;
}

/**
 * Proposals the viewer may see: the secretariat sees every open proposal; a proposer sees their
 * own, also declined ones with the reason.
 */
export async function listProposals(
  db: Database,
  {
    spaceId,
    meetingId,
    viewerId,
    canManage,
  }: { spaceId: string; meetingId: string; viewerId: string; canManage: boolean },
) {
  const rows = await db
    .selectFrom("agendaItem")
    .innerJoin("user", "user.id", "agendaItem.proposedById")
    .select([...itemColumns, "user.name as proposedByName", "agendaItem.createdAt"])
    .where("agendaItem.spaceId", "=", spaceId)
    .where("agendaItem.meetingId", "=", meetingId)
    .where("agendaItem.state", "in", ["proposed", "declined"])
    .where(agendaItemVisibleTo(viewerId))
    .where((eb) =>
      canManage
        ? eb.or([
            eb("agendaItem.state", "=", "proposed"),
            eb("agendaItem.proposedById", "=", viewerId),
          ])
        : eb("agendaItem.proposedById", "=", viewerId),
    )
    .orderBy("agendaItem.createdAt")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    descriptionHtml: r.descriptionHtml,
    presenter: r.presenter,
    durationMinutes: r.durationMinutes,
    kind: r.kind as AgendaKind,
    state: r.state as "proposed" | "declined",
    declineReason: r.declineReason,
    proposedByName: r.proposedByName,
    isMine: r.proposedById === viewerId,
  }));
}

/** One agenda item the viewer may see (any state), or null. */
export async function getAgendaItem(
  db: Database,
  {
    spaceId,
    meetingId,
    itemId,
    viewerId,
  }: { spaceId: string; meetingId: string; itemId: string; viewerId: string },
) {
  const row = await db
    .selectFrom("agendaItem")
    .select([...itemColumns, "agendaItem.createdById"])
    .where("agendaItem.spaceId", "=", spaceId)
    .where("agendaItem.meetingId", "=", meetingId)
    .where("agendaItem.id", "=", itemId)
    .where(agendaItemVisibleTo(viewerId))
    .executeTakeFirst();
  if (!row) return null;
  // A sub-item of a closed item is hidden with it, so it cannot be reached by its id either.
  if (row.parentId) {
    const parent = await getAgendaItem(db, { spaceId, meetingId, itemId: row.parentId, viewerId });
    if (!parent) return null;
  }
  return row;
}

type Executor = Database;

async function nextPosition(
  db: Executor,
  { meetingId, parentId }: { meetingId: string; parentId: string | null },
) {
  const row = await db
    .selectFrom("agendaItem")
    .select((eb) => eb.fn.max<number>("position").as("max"))
    .where("meetingId", "=", meetingId)
    .where("state", "=", "accepted")
    .where((eb) => (parentId ? eb("parentId", "=", parentId) : eb("parentId", "is", null)))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/** Renumbers the accepted siblings of one parent 1, 2, 3… in their current order. */
async function compactPositions(
  db: Executor,
  { meetingId, parentId }: { meetingId: string; parentId: string | null },
) {
  const siblings = await db
    .selectFrom("agendaItem")
    .select(["id", "position"])
    .where("meetingId", "=", meetingId)
    .where("state", "=", "accepted")
    .where((eb) => (parentId ? eb("parentId", "=", parentId) : eb("parentId", "is", null)))
    .orderBy("position")
    .orderBy("createdAt")
    .execute();
  for (const [i, s] of siblings.entries()) {
    if (s.position !== i + 1)
      await db
        .updateTable("agendaItem")
        .set({ position: i + 1 })
        .where("id", "=", s.id)
        .execute();
  }
}

/** Who may see a closed item: the named people (current members only) and its creator. */
async function setAccess(
  db: Executor,
  {
    spaceId,
    itemId,
    userIds,
    creatorId,
  }: { spaceId: string; itemId: string; userIds: string[]; creatorId: string },
) {
  await db.deleteFrom("agendaItemAccess").where("agendaItemId", "=", itemId).execute();
  const members = await db
    .selectFrom("membership")
    .select("userId")
    .where("spaceId", "=", spaceId)
    .where("leftAt", "is", null)
    .where("userId", "in", [...new Set([...userIds, creatorId])])
    .execute();
  const allowed = new Set([creatorId, ...members.map((m) => m.userId)]);
  await db
    .insertInto("agendaItemAccess")
    .values([...allowed].map((userId) => ({ agendaItemId: itemId, userId })))
    .execute();
}

export interface ItemInput extends AgendaItemFields {
  descriptionHtml: string;
  isClosed: boolean;
  accessUserIds: string[];
}

/** Appends an accepted item (or a sub-item of `parentId`) to the agenda. */
export async function addAgendaItem(
  db: Database,
  {
    spaceId,
    meetingId,
    userId,
    parentId,
    item,
  }: {
    spaceId: string;
    meetingId: string;
    userId: string;
    parentId: string | null;
    item: ItemInput;
  },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("agendaItem")
      .values({
        id,
        meetingId,
        spaceId,
        parentId,
        position: await nextPosition(trx, { meetingId, parentId }),
        title: item.title,
        description: item.description,
        descriptionHtml: item.descriptionHtml,
        presenter: item.presenter,
        durationMinutes: item.durationMinutes,
        kind: item.kind,
        state: "accepted",
        proposedById: null,
        declineReason: null,
        isClosed: item.isClosed ? 1 : 0,
        createdById: userId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    if (item.isClosed)
      await setAccess(trx, { spaceId, itemId: id, userIds: item.accessUserIds, creatorId: userId });
  });
  return id;
}

export async function updateAgendaItem(
  db: Database,
  {
    spaceId,
    meetingId,
    itemId,
    userId,
    item,
  }: { spaceId: string; meetingId: string; itemId: string; userId: string; item: ItemInput },
) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("agendaItem")
      .set({
        title: item.title,
        description: item.description,
        descriptionHtml: item.descriptionHtml,
        presenter: item.presenter,
        durationMinutes: item.durationMinutes,
        kind: item.kind,
        isClosed: item.isClosed ? 1 : 0,
        updatedAt: nowIso(),
      })
      .where("spaceId", "=", spaceId)
      .where("meetingId", "=", meetingId)
      .where("id", "=", itemId)
      .execute();
    if (item.isClosed)
      // The editor names themselves by editing: they must not lock themselves out.
      await setAccess(trx, { spaceId, itemId, userIds: item.accessUserIds, creatorId: userId });
    else await trx.deleteFrom("agendaItemAccess").where("agendaItemId", "=", itemId).execute();
  });
}

/** Deletes an item (its sub-items, access and papers go with it) and closes the gap. */
export async function deleteAgendaItem(
  db: Database,
  {
    spaceId,
    meetingId,
    itemId,
    parentId,
  }: { spaceId: string; meetingId: string; itemId: string; parentId: string | null },
) {
  await db.transaction().execute(async (trx) => {
    const children = await trx
      .selectFrom("agendaItem")
      .select("id")
      .where("parentId", "=", itemId)
      .execute();
    await trx
      .deleteFrom("documentLink")
      .where("subjectType", "=", "agenda_item")
      .where("subjectId", "in", [itemId, ...children.map((c) => c.id)])
      .execute();
    await trx
      .deleteFrom("agendaItem")
      .where("spaceId", "=", spaceId)
      .where("meetingId", "=", meetingId)
      .where("id", "=", itemId)
      .execute();
    await compactPositions(trx, { meetingId, parentId });
  });
}

/**
 * Moves an item one place up or down among the siblings the viewer can see, swapping positions
 * with that neighbour; closed items the viewer cannot see keep their places. False when there is
 * nowhere to move.
 */
export async function moveAgendaItem(
  db: Database,
  {
    spaceId,
    meetingId,
    itemId,
    parentId,
    viewerId,
    direction,
  }: {
    spaceId: string;
    meetingId: string;
    itemId: string;
    parentId: string | null;
    viewerId: string;
    direction: "up" | "down";
  },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const siblings = await trx
      .selectFrom("agendaItem")
      .select(["agendaItem.id", "agendaItem.position"])
      .where("agendaItem.spaceId", "=", spaceId)
      .where("agendaItem.meetingId", "=", meetingId)
      .where("agendaItem.state", "=", "accepted")
      .where((eb) =>
        parentId ? eb("agendaItem.parentId", "=", parentId) : eb("agendaItem.parentId", "is", null),
      )
      .where(agendaItemVisibleTo(viewerId))
      .orderBy("agendaItem.position")
      .execute();
    const index = siblings.findIndex((s) => s.id === itemId);
    const other = siblings[direction === "up" ? index - 1 : index + 1];
    if (index < 0 || !other) return false;
    const self = siblings[index]!;
    await trx
      .updateTable("agendaItem")
      .set({ position: other.position })
      .where("id", "=", self.id)
      .execute();
    await trx
      .updateTable("agendaItem")
      .set({ position: self.position })
      .where("id", "=", other.id)
      .execute();
    return true;
  });
}

/** A member's proposal: seen by the proposer and the secretariat until decided. */
export async function proposeAgendaItem(
  db: Database,
  {
    spaceId,
    meetingId,
    userId,
    item,
  }: {
    spaceId: string;
    meetingId: string;
    userId: string;
    item: AgendaItemFields & { descriptionHtml: string };
  },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("agendaItem")
    .values({
      id,
      meetingId,
      spaceId,
      parentId: null,
      position: 0,
      ...item,
      state: "proposed",
      proposedById: userId,
      declineReason: null,
      isClosed: 0,
      createdById: userId,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

/**
 * Accepts (appending it to the agenda) or declines (with a reason) an open proposal; false when
 * it is no longer open.
 */
export async function decideProposal(
  db: Database,
  {
    spaceId,
    meetingId,
    itemId,
    decision,
  }: {
    spaceId: string;
    meetingId: string;
    itemId: string;
    decision: { accept: true } | { accept: false; reason: string };
  },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("agendaItem")
      .set(
        decision.accept
          ? {
              state: "accepted",
              position: await nextPosition(trx, { meetingId, parentId: null }),
              updatedAt: nowIso(),
            }
          : { state: "declined", declineReason: decision.reason, updatedAt: nowIso() },
      )
      .where("spaceId", "=", spaceId)
      .where("meetingId", "=", meetingId)
      .where("id", "=", itemId)
      .where("state", "=", "proposed")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  });
}

/** Links a document of the same space (checked by the caller) to an item as a paper. */
export async function linkDocument(
  db: Database,
  { itemId, documentId }: { itemId: string; documentId: string },
) {
  await db
    .insertInto("documentLink")
    .values({ documentId, subjectType: "agenda_item", subjectId: itemId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function unlinkDocument(
  db: Database,
  { itemId, documentId }: { itemId: string; documentId: string },
) {
  await db
    .deleteFrom("documentLink")
    .where("documentId", "=", documentId)
    .where("subjectType", "=", "agenda_item")
    .where("subjectId", "=", itemId)
    .execute();
}

export async function addItemLink(
  db: Database,
  { itemId, title, url }: { itemId: string; title: string; url: string },
) {
  const id = newId();
  await db
    .insertInto("agendaItemLink")
    .values({ id, agendaItemId: itemId, title, url, createdAt: nowIso() })
    .execute();
  return id;
}

export async function removeItemLink(
  db: Database,
  { itemId, linkId }: { itemId: string; linkId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom("agendaItemLink")
    .where("agendaItemId", "=", itemId)
    .where("id", "=", linkId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The space's documents that can be attached as papers (not in the trash). */
export async function listPaperOptions(db: Database, { spaceId }: { spaceId: string }) {
  return db
    .selectFrom("document")
    .select(["id", "title"])
    .where("spaceId", "=", spaceId)
    .where("deletedAt", "is", null)
    .orderBy("title")
    .execute();
}
