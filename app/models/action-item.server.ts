import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "../../db/client";
import type { DB } from "../../db/schema";
import { newId, nowIso } from "../lib/ids.server";
import type { ActionItemFilter, ActionItemStatus } from "../schemas/action-item";
import { agendaItemVisibleTo } from "./meeting.server";

/**
 * Action items (opfølgningspunkter) of a space, from an agenda item or on their own. One visibility
 * rule serves the space's list, "My action items" and every update: an item from a closed agenda
 * item is seen only by those who may see that agenda item, and by its assignee (the person, or
 * anyone in the assignee organisation), who must be able to act on it.
 */

/** The viewer's own organisation, as a subquery (null when they have none). */
function organisationOf(eb: ExpressionBuilder<DB, "actionItem">, viewerId: string) {
  return eb.selectFrom("user").select("user.organisationId").where("user.id", "=", viewerId);
}

/** Whether the action item is assigned to the viewer or to the viewer's organisation. */
export function assignedTo(viewerId: string) {
  return (eb: ExpressionBuilder<DB, "actionItem">) =>
    eb.or([
      eb("actionItem.assigneeUserId", "=", viewerId),
      eb("actionItem.assigneeOrganisationId", "in", organisationOf(eb, viewerId)),
    ]);
}

/** Action items the viewer may see (within a space the viewer is a current member of). */
export function actionItemVisibleTo(viewerId: string) {
  return (eb: ExpressionBuilder<DB, "actionItem">) =>
    eb.or([
      eb("actionItem.agendaItemId", "is", null),
      assignedTo(viewerId)(eb),
      eb.exists(
        eb
          .selectFrom("agendaItem")
          .select("agendaItem.id")
          .whereRef("agendaItem.id", "=", "actionItem.agendaItemId")
          .where((inner) =>
            agendaItemVisibleTo(viewerId)(inner as unknown as ExpressionBuilder<DB, "agendaItem">),
          ),
      ),
    ]);
}

function baseQuery(db: Database, viewerId: string) {
  return (
    db
      .selectFrom("actionItem")
      .innerJoin("space", "space.id", "actionItem.spaceId")
      .leftJoin("user as assignee", "assignee.id", "actionItem.assigneeUserId")
      .leftJoin("organisation", "organisation.id", "actionItem.assigneeOrganisationId")
      .leftJoin("meeting", "meeting.id", "actionItem.meetingId")
      // Aliased: the visibility rule's subquery names its own "agendaItem".
      .leftJoin("agendaItem as sourceItem", "sourceItem.id", "actionItem.agendaItemId")
      .select((eb) => [
        "actionItem.id",
        "actionItem.spaceId",
        "actionItem.meetingId",
        "actionItem.agendaItemId",
        "actionItem.title",
        "actionItem.description",
        "actionItem.assigneeUserId",
        "actionItem.assigneeOrganisationId",
        "actionItem.dueDate",
        "actionItem.status",
        "actionItem.completedAt",
        "actionItem.createdAt",
        "space.slug as spaceSlug",
        "space.name as spaceName",
        "assignee.name as assigneeName",
        "organisation.name as organisationName",
        "meeting.title as meetingTitle",
        "sourceItem.title as agendaItemTitle",
        eb
          .exists(
            eb
              .selectFrom("user as me")
              .select("me.id")
              .where("me.id", "=", viewerId)
              .where((w) =>
                w.or([
                  w("actionItem.assigneeUserId", "=", viewerId),
                  w("actionItem.assigneeOrganisationId", "=", w.ref("me.organisationId")),
                ]),
              ),
          )
          .as("isAssignee"),
      ])
      .where(actionItemVisibleTo(viewerId))
  );
}

export type ActionItemRow = Awaited<ReturnType<typeof listSpaceActionItems>>[number];

/** Overdue: a due date before today (Copenhagen) on an item not done. */
export function isOverdue(item: { dueDate: string | null; status: string }, today: string) {
  return item.status !== "done" && item.dueDate !== null && item.dueDate < today;
}

/** A space's action items the viewer may see, filtered; open ones by due date, undated last. */
export async function listSpaceActionItems(
  db: Database,
  {
    spaceId,
    viewerId,
    filter,
    today,
  }: { spaceId: string; viewerId: string; filter: ActionItemFilter; today: string },
) {
  const rows = await baseQuery(db, viewerId)
    .where("actionItem.spaceId", "=", spaceId)
    .$if(filter === "open", (q) => q.where("actionItem.status", "!=", "done"))
    .$if(filter === "done", (q) => q.where("actionItem.status", "=", "done"))
    .$if(filter === "overdue", (q) =>
      q.where("actionItem.status", "!=", "done").where("actionItem.dueDate", "<", today),
    )
    .orderBy(sql`actionItem.dueDate is null`)
    .orderBy("actionItem.dueDate")
    .orderBy("actionItem.createdAt")
    .execute();
  return rows.map((r) => ({ ...r, isAssignee: Boolean(r.isAssignee) }));
}

/**
 * "My action items": assigned to the person or their organisation, in the spaces where they are a
 * current member (someone who left a space no longer sees its items); overdue first, then by due date.
 */
export async function listMyActionItems(
  db: Database,
  { userId, today }: { userId: string; today: string },
) {
  const rows = await baseQuery(db, userId)
    .where(assignedTo(userId))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("membership")
          .select("membership.id")
          .whereRef("membership.spaceId", "=", "actionItem.spaceId")
          .where("membership.userId", "=", userId)
          .where("membership.leftAt", "is", null),
      ),
    )
    .orderBy(sql`actionItem.status = 'done'`)
    .orderBy(
      sql`case when actionItem.status != 'done' and actionItem.dueDate < ${today} then 0 else 1 end`,
    )
    .orderBy(sql`actionItem.dueDate is null`)
    .orderBy("actionItem.dueDate")
    .orderBy("actionItem.createdAt")
    .execute();
  return rows.map((r) => ({ ...r, isAssignee: Boolean(r.isAssignee) }));
}

/** One action item of the space as the viewer may see it, or null. */
export async function getActionItem(
  db: Database,
  { spaceId, actionItemId, viewerId }: { spaceId: string; actionItemId: string; viewerId: string },
) {
  const row = await baseQuery(db, viewerId)
    .where("actionItem.spaceId", "=", spaceId)
    .where("actionItem.id", "=", actionItemId)
    .executeTakeFirst();
  return row ? { ...row, isAssignee: Boolean(row.isAssignee) } : null;
}

/** Action items made from the given agenda items (for the minutes page), as the viewer sees them. */
export async function listActionItemsOfMeeting(
  db: Database,
  { spaceId, meetingId, viewerId }: { spaceId: string; meetingId: string; viewerId: string },
) {
  const rows = await baseQuery(db, viewerId)
    .where("actionItem.spaceId", "=", spaceId)
    .where("actionItem.meetingId", "=", meetingId)
    .orderBy("actionItem.createdAt")
    .execute();
  return rows.map((r) => ({ ...r, isAssignee: Boolean(r.isAssignee) }));
}

export type CreateRefusal = "assignee" | "agendaItem";

/**
 * Creates an action item. The assignee must be a current, active member of the space or a known
 * organisation; an agenda item must belong to this space and be one the creator may see, and the
 * meeting comes from it (never from the form).
 */
export async function createActionItem(
  db: Database,
  input: {
    spaceId: string;
    creatorId: string;
    title: string;
    description: string;
    assigneeUserId: string | null;
    assigneeOrganisationId: string | null;
    dueDate: string | null;
    agendaItemId: string | null;
    now?: Date;
  },
): Promise<
  { status: "created"; id: string; meetingId: string | null } | { status: CreateRefusal }
> {
  const now = nowIso(input.now);
  return db.transaction().execute(async (trx) => {
    if (input.assigneeUserId) {
      const member = await trx
        .selectFrom("membership")
        .innerJoin("user", "user.id", "membership.userId")
        .select("membership.id")
        .where("membership.spaceId", "=", input.spaceId)
        .where("membership.userId", "=", input.assigneeUserId)
        .where("membership.leftAt", "is", null)
        .where("user.status", "=", "active")
        .executeTakeFirst();
      if (!member) return { status: "assignee" };
    }
    if (input.assigneeOrganisationId) {
      const organisation = await trx
        .selectFrom("organisation")
        .select("id")
        .where("id", "=", input.assigneeOrganisationId)
        .executeTakeFirst();
      if (!organisation) return { status: "assignee" };
    }
    let meetingId: string | null = null;
    if (input.agendaItemId) {
      const item = await trx
        .selectFrom("agendaItem")
        .select(["agendaItem.id", "agendaItem.meetingId"])
        .where("agendaItem.spaceId", "=", input.spaceId)
        .where("agendaItem.id", "=", input.agendaItemId)
        .where("agendaItem.state", "=", "accepted")
        .where(agendaItemVisibleTo(input.creatorId))
        .executeTakeFirst();
      if (!item) return { status: "agendaItem" };
      meetingId = item.meetingId;
    }
    const id = newId();
    await trx
      .insertInto("actionItem")
      .values({
        id,
        spaceId: input.spaceId,
        meetingId,
        agendaItemId: input.agendaItemId,
        title: input.title,
        description: input.description,
        assigneeUserId: input.assigneeUserId,
        assigneeOrganisationId: input.assigneeOrganisationId,
        dueDate: input.dueDate,
        status: "open",
        completedAt: null,
        createdById: input.creatorId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    return { status: "created", id, meetingId };
  });
}

/** Sets the status; done records when, any other status clears it. */
export async function setActionItemStatus(
  db: Database,
  {
    spaceId,
    actionItemId,
    status,
    now = new Date(),
  }: { spaceId: string; actionItemId: string; status: ActionItemStatus; now?: Date },
): Promise<boolean> {
  const result = await db
    .updateTable("actionItem")
    .set((eb) => ({
      status,
      // Saving "done" again keeps the first completion time.
      completedAt:
        status === "done"
          ? eb.fn.coalesce("completedAt", eb.val(nowIso(now)))
          : eb.val<string | null>(null),
      updatedAt: nowIso(now),
    }))
    .where("spaceId", "=", spaceId)
    .where("id", "=", actionItemId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The people and organisations an action item of the space may be assigned to. */
export async function listAssigneeOptions(db: Database, { spaceId }: { spaceId: string }) {
  const [people, organisations] = await Promise.all([
    db
      .selectFrom("membership")
      .innerJoin("user", "user.id", "membership.userId")
      .select(["user.id", "user.name"])
      .where("membership.spaceId", "=", spaceId)
      .where("membership.leftAt", "is", null)
      .where("user.status", "=", "active")
      .orderBy("user.name")
      .execute(),
    db.selectFrom("organisation").select(["id", "name"]).orderBy("name").execute(),
  ]);
  return { people, organisations };
}
