import type { Database } from "../../db/client";
import { newId, nowIso } from "../lib/ids.server";
import { recordAudit } from "./audit.server";

/**
 * Local activities in a network's shared calendar. Every function takes the space id and finds
 * nothing outside it. An activity is for a target group (a broad group, never a person); two
 * activities for the same group at the same time compete for the same people, which is what the
 * overlap check warns about before anything is stored.
 */

/** Space kinds that run a local activity calendar and key-person training. */
export function hasLocalActivities(space: { kind: string }): boolean {
  return space.kind === "local_network";
}

export interface ActivityInput {
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  targetGroup: string;
  organiserOrganisationId: string | null;
  contactName: string;
  contactDetails: string;
  description: string;
  descriptionHtml: string;
}

const columns = [
  "activity.id",
  "activity.spaceId",
  "activity.title",
  "activity.startsAt",
  "activity.endsAt",
  "activity.place",
  "activity.targetGroup",
  "activity.organiserOrganisationId",
  "activity.contactName",
  "activity.contactDetails",
  "activity.description",
  "activity.descriptionHtml",
  "activity.status",
  "activity.cancelledAt",
  "activity.calendarSequence",
  "activity.createdById",
  "activity.createdAt",
  "activity.updatedAt",
  "organisation.name as organiserName",
  "creator.name as createdByName",
] as const;

function baseQuery(db: Database) {
  return db
    .selectFrom("activity")
    .leftJoin("organisation", "organisation.id", "activity.organiserOrganisationId")
    .innerJoin("user as creator", "creator.id", "activity.createdById")
    .select(columns);
}

export type ActivityRow = Awaited<ReturnType<typeof getActivity>> & {};

export async function getActivity(
  db: Database,
  { spaceId, activityId }: { spaceId: string; activityId: string },
) {
  return (
    (await baseQuery(db)
      .where("activity.spaceId", "=", spaceId)
      .where("activity.id", "=", activityId)
      .executeTakeFirst()) ?? null
  );
}

/**
 * Activities of the space, in start order: those ending after `from` and starting before `to`
 * (either bound optional), narrowed by target group and organiser.
 */
export async function listActivities(
  db: Database,
  {
    spaceId,
    from,
    to,
    targetGroup,
    organiserOrganisationId,
    limit = 500,
  }: {
    spaceId: string;
    from?: string;
    to?: string;
    targetGroup?: string;
    organiserOrganisationId?: string;
    limit?: number;
  },
) {
  return baseQuery(db)
    .where("activity.spaceId", "=", spaceId)
    .$if(from !== undefined, (q) => q.where("activity.endsAt", ">", from!))
    .$if(to !== undefined, (q) => q.where("activity.startsAt", "<", to!))
    .$if(!!targetGroup, (q) => q.where("activity.targetGroup", "=", targetGroup!))
    .$if(!!organiserOrganisationId, (q) =>
      q.where("activity.organiserOrganisationId", "=", organiserOrganisationId!),
    )
    .orderBy("activity.startsAt")
    .orderBy("activity.title")
    .limit(limit)
    .execute();
}

/** Organisations that organise at least one activity in the space, for the filter. */
export async function listActivityOrganisers(db: Database, { spaceId }: { spaceId: string }) {
  return db
    .selectFrom("activity")
    .innerJoin("organisation", "organisation.id", "activity.organiserOrganisationId")
    .select(["organisation.id", "organisation.name"])
    .distinct()
    .where("activity.spaceId", "=", spaceId)
    .orderBy("organisation.name")
    .execute();
}

/**
 * Planned activities of the space for the same target group whose time overlaps [startsAt,
 * endsAt). Touching is not overlapping: one may end at 17:00 and the next start at 17:00.
 */
export async function findOverlappingActivities(
  db: Database,
  {
    spaceId,
    targetGroup,
    startsAt,
    endsAt,
    excludeId,
  }: {
    spaceId: string;
    targetGroup: string;
    startsAt: string;
    endsAt: string;
    excludeId?: string;
  },
) {
  return db
    .selectFrom("activity")
    .leftJoin("organisation", "organisation.id", "activity.organiserOrganisationId")
    .select([
      "activity.id",
      "activity.title",
      "activity.startsAt",
      "activity.endsAt",
      "activity.place",
      "organisation.name as organiserName",
    ])
    .where("activity.spaceId", "=", spaceId)
    .where("activity.targetGroup", "=", targetGroup)
    .where("activity.status", "=", "planned")
    .where("activity.startsAt", "<", endsAt)
    .where("activity.endsAt", ">", startsAt)
    .$if(!!excludeId, (q) => q.where("activity.id", "!=", excludeId!))
    .orderBy("activity.startsAt")
    .execute();
}

export type Overlap = Awaited<ReturnType<typeof findOverlappingActivities>>[number];

export type SaveActivityResult =
  | { status: "saved"; activityId: string }
  | { status: "overlap"; overlaps: Overlap[] }
  | { status: "badOrganiser" }
  | { status: "notFound" };

/** A stale or tampered form can name an organisation that does not exist: refused, not a 500. */
async function organiserMissing(trx: Database, organisationId: string | null): Promise<boolean> {
  if (!organisationId) return false;
  const row = await trx
    .selectFrom("organisation")
    .select("id")
    .where("id", "=", organisationId)
    .executeTakeFirst();
  return !row;
}

/**
 * Stores a new activity unless it overlaps another for the same target group and the person
 * has not yet confirmed that: then nothing is written and the overlaps are returned. The check
 * and the write share one transaction, so no activity slips in between them unseen.
 */
export async function createActivity(
  db: Database,
  input: {
    spaceId: string;
    createdById: string;
    activity: ActivityInput;
    confirmOverlap: boolean;
    now?: Date;
  },
): Promise<SaveActivityResult> {
  const now = nowIso(input.now);
  return db.transaction().execute(async (trx) => {
    if (await organiserMissing(trx, input.activity.organiserOrganisationId)) {
      return { status: "badOrganiser" as const };
    }
    const overlaps = await findOverlappingActivities(trx, {
      spaceId: input.spaceId,
      targetGroup: input.activity.targetGroup,
      startsAt: input.activity.startsAt,
      endsAt: input.activity.endsAt,
    });
    if (overlaps.length && !input.confirmOverlap) return { status: "overlap" as const, overlaps };
    const activityId = newId();
    await trx
      .insertInto("activity")
      .values({
        id: activityId,
        spaceId: input.spaceId,
        ...input.activity,
        status: "planned",
        cancelledAt: null,
        calendarSequence: 0,
        createdById: input.createdById,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    return { status: "saved" as const, activityId };
  });
}

/** Changes an activity, with the same overlap rule as creating one; raises its SEQUENCE. */
export async function updateActivity(
  db: Database,
  input: {
    spaceId: string;
    activityId: string;
    activity: ActivityInput;
    confirmOverlap: boolean;
    now?: Date;
  },
): Promise<SaveActivityResult> {
  const now = nowIso(input.now);
  return db.transaction().execute(async (trx) => {
    const current = await getActivity(trx, input);
    if (!current) return { status: "notFound" as const };
    if (await organiserMissing(trx, input.activity.organiserOrganisationId)) {
      return { status: "badOrganiser" as const };
    }
    // A cancelled activity competes with nobody, so editing it never warns.
    const overlaps =
      current.status === "planned"
        ? await findOverlappingActivities(trx, {
            spaceId: input.spaceId,
            targetGroup: input.activity.targetGroup,
            startsAt: input.activity.startsAt,
            endsAt: input.activity.endsAt,
            excludeId: input.activityId,
          })
        : [];
    if (overlaps.length && !input.confirmOverlap) return { status: "overlap" as const, overlaps };
    await trx
      .updateTable("activity")
      .set((eb) => ({
        ...input.activity,
        calendarSequence: eb("calendarSequence", "+", 1),
        updatedAt: now,
      }))
      .where("spaceId", "=", input.spaceId)
      .where("id", "=", input.activityId)
      .execute();
    return { status: "saved" as const, activityId: input.activityId };
  });
}

/** Cancels (or reinstates) an activity: it stays in the calendar, marked, with SEQUENCE raised. */
export async function setActivityCancelled(
  db: Database,
  input: { spaceId: string; activityId: string; cancelled: boolean; now?: Date },
): Promise<boolean> {
  const now = nowIso(input.now);
  const result = await db
    .updateTable("activity")
    .set((eb) => ({
      status: input.cancelled ? "cancelled" : "planned",
      cancelledAt: input.cancelled ? now : null,
      calendarSequence: eb("calendarSequence", "+", 1),
      updatedAt: now,
    }))
    .where("spaceId", "=", input.spaceId)
    .where("id", "=", input.activityId)
    .where("status", "=", input.cancelled ? "planned" : "cancelled")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes an activity for good, with a line in the audit log saying who and what. */
export async function deleteActivity(
  db: Database,
  { spaceId, activityId, actorId }: { spaceId: string; activityId: string; actorId: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const activity = await getActivity(trx, { spaceId, activityId });
    if (!activity) return false;
    await trx
      .deleteFrom("activity")
      .where("spaceId", "=", spaceId)
      .where("id", "=", activityId)
      .execute();
    await recordAudit(trx, {
      actorId,
      action: "activity.deleted",
      subjectType: "activity",
      subjectId: activityId,
      spaceId,
      details: { title: activity.title, startsAt: activity.startsAt },
    });
    return true;
  });
}
