import { sql } from "kysely";
import type { Database } from "../../db/client";
import { newId, nowIso } from "../lib/ids.server";
import { addMonths, EXPERT_GROUP_SLUG, type Stance } from "../lib/plan";
import type { SpaceRole } from "../auth/roles";
import { agendaItemVisibleTo, meetingVisible } from "./meeting.server";

/**
 * The action plan: plans, their initiatives (with partner organisations, progress updates and
 * links to documents, threads, meetings and agenda items) and continuation-recommendation rounds.
 *
 * Plans and initiatives are a public municipal plan and belong to no space. What an initiative
 * links to does: every linked object is read through its own space's rules (current membership,
 * draft meetings for the secretariat only, closed agenda items for the people named on them),
 * so the initiative page never shows more than the object's own page would.
 */

// ---- Plans -----------------------------------------------------------------------------------

const planColumns = [
  "plan.id",
  "plan.title",
  "plan.periodStart",
  "plan.periodEnd",
  "plan.description",
  "plan.f2CaseNumber",
  "plan.f2DocumentNumber",
  "plan.edocCaseNumber",
] as const;

export async function listPlans(db: Database) {
  return db.selectFrom("plan").select(planColumns).orderBy("plan.periodStart").execute();
}

export async function getPlan(db: Database, { planId }: { planId: string }) {
  return (
    (await db
      .selectFrom("plan")
      .select(planColumns)
      .where("plan.id", "=", planId)
      .executeTakeFirst()) ?? null
  );
}

/** The plan running on `today`, else the latest one that has started, else the first. */
export async function getCurrentPlan(db: Database, { today }: { today: string }) {
  const plans = await listPlans(db);
  return (
    plans.find((p) => p.periodStart <= today && today <= p.periodEnd) ??
    plans.filter((p) => p.periodStart <= today).at(-1) ??
    plans[0] ??
    null
  );
}

export async function createPlan(
  db: Database,
  input: {
    title: string;
    periodStart: string;
    periodEnd: string;
    description: string;
    f2CaseNumber: string | null;
    f2DocumentNumber: string | null;
    edocCaseNumber: string | null;
    createdById: string | null;
    now?: Date;
  },
): Promise<string> {
  const id = newId();
  const now = nowIso(input.now);
  const { now: _now, ...fields } = input;
  await db
    .insertInto("plan")
    .values({ id, ...fields, createdAt: now, updatedAt: now })
    .execute();
  return id;
}

// ---- Who administers ---------------------------------------------------------------------------

/** The expert group's space id, or null when the hub has none. */
export async function getExpertGroupSpaceId(db: Database): Promise<string | null> {
  const row = await db
    .selectFrom("space")
    .select("id")
    .where("slug", "=", EXPERT_GROUP_SLUG)
    .executeTakeFirst();
  return row?.id ?? null;
}

// ---- Initiatives -----------------------------------------------------------------------------

export interface InitiativeFilter {
  targetGroup?: string;
  /** Owner or partner. */
  organisationId?: string;
  status?: string;
  /** Ends between `today` and `today` + this many months, both included. */
  endingWithinMonths?: number;
  /** Copenhagen's calendar date the window counts from. */
  today: string;
}

/** A plan's initiatives, ordered by end date, with owner and partner names. */
export async function listInitiatives(
  db: Database,
  { planId, filter }: { planId: string; filter: InitiativeFilter },
) {
  let query = db
    .selectFrom("initiative")
    .innerJoin("organisation as owner", "owner.id", "initiative.ownerOrganisationId")
    .select([
      "initiative.id",
      "initiative.title",
      "initiative.targetGroup",
      "initiative.ownerOrganisationId",
      "owner.name as ownerName",
      "initiative.fundingContext",
      "initiative.startDate",
      "initiative.endDate",
      "initiative.status",
    ])
    .where("initiative.planId", "=", planId);
  if (filter.targetGroup) query = query.where("initiative.targetGroup", "=", filter.targetGroup);
  if (filter.status) query = query.where("initiative.status", "=", filter.status);
  if (filter.organisationId) {
    const organisationId = filter.organisationId;
    query = query.where((eb) =>
      eb.or([
        eb("initiative.ownerOrganisationId", "=", organisationId),
        eb.exists(
          eb
            .selectFrom("initiativePartner")
            .select("initiativePartner.organisationId")
            .whereRef("initiativePartner.initiativeId", "=", "initiative.id")
            .where("initiativePartner.organisationId", "=", organisationId),
        ),
      ]),
    );
  }
  if (filter.endingWithinMonths) {
    query = query
      .where("initiative.endDate", ">=", filter.today)
      .where("initiative.endDate", "<=", addMonths(filter.today, filter.endingWithinMonths));
  }
  const rows = await query.orderBy("initiative.endDate").orderBy("initiative.title").execute();
  const partners = await listPartners(db, { initiativeIds: rows.map((r) => r.id) });
  return rows.map((r) => ({ ...r, partners: partners.get(r.id) ?? [] }));
}

export type InitiativeRow = Awaited<ReturnType<typeof listInitiatives>>[number];

async function listPartners(db: Database, { initiativeIds }: { initiativeIds: string[] }) {
  const byInitiative = new Map<string, { id: string; name: string }[]>();
  if (initiativeIds.length === 0) return byInitiative;
  const rows = await db
    .selectFrom("initiativePartner")
    .innerJoin("organisation", "organisation.id", "initiativePartner.organisationId")
    .select(["initiativePartner.initiativeId", "organisation.id", "organisation.name"])
    .where("initiativePartner.initiativeId", "in", initiativeIds)
    .orderBy("organisation.name")
    .execute();
  for (const r of rows) {
    const list = byInitiative.get(r.initiativeId) ?? [];
    list.push({ id: r.id, name: r.name });
    byInitiative.set(r.initiativeId, list);
  }
  return byInitiative;
}

export async function getInitiative(db: Database, { initiativeId }: { initiativeId: string }) {
  const row = await db
    .selectFrom("initiative")
    .innerJoin("organisation as owner", "owner.id", "initiative.ownerOrganisationId")
    .innerJoin("plan", "plan.id", "initiative.planId")
    .select([
      "initiative.id",
      "initiative.planId",
      "plan.title as planTitle",
      "initiative.title",
      "initiative.description",
      "initiative.targetGroup",
      "initiative.ownerOrganisationId",
      "owner.name as ownerName",
      "initiative.fundingContext",
      "initiative.startDate",
      "initiative.endDate",
      "initiative.status",
      "initiative.updatedAt",
    ])
    .where("initiative.id", "=", initiativeId)
    .executeTakeFirst();
  if (!row) return null;
  const partners = await listPartners(db, { initiativeIds: [row.id] });
  return { ...row, partners: partners.get(row.id) ?? [] };
}

export interface InitiativeInput {
  planId: string;
  title: string;
  description: string;
  targetGroup: string;
  ownerOrganisationId: string;
  partnerOrganisationIds: string[];
  fundingContext: string;
  startDate: string;
  endDate: string;
  status: string;
}

/** Whether every organisation id names an organisation (a form may send a stale one). */
export async function organisationsExist(db: Database, { ids }: { ids: string[] }) {
  if (ids.length === 0) return true;
  const found = await db
    .selectFrom("organisation")
    .select(sql<number>`count(*)`.as("n"))
    .where("id", "in", [...new Set(ids)])
    .executeTakeFirstOrThrow();
  return Number(found.n) === new Set(ids).size;
}

export async function createInitiative(
  db: Database,
  input: InitiativeInput & { createdById: string | null; now?: Date },
): Promise<string> {
  const id = newId();
  const now = nowIso(input.now);
  const { partnerOrganisationIds, createdById, now: _now, ...fields } = input;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("initiative")
      .values({ id, ...fields, createdById, createdAt: now, updatedAt: now })
      .execute();
    await setPartners(trx, {
      initiativeId: id,
      partnerOrganisationIds,
      ownerId: fields.ownerOrganisationId,
    });
  });
  return id;
}

export async function updateInitiative(
  db: Database,
  input: InitiativeInput & { initiativeId: string; now?: Date },
): Promise<void> {
  const { initiativeId, partnerOrganisationIds, now, ...fields } = input;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("initiative")
      .set({ ...fields, updatedAt: nowIso(now) })
      .where("id", "=", initiativeId)
      .execute();
    await trx.deleteFrom("initiativePartner").where("initiativeId", "=", initiativeId).execute();
    await setPartners(trx, {
      initiativeId,
      partnerOrganisationIds,
      ownerId: fields.ownerOrganisationId,
    });
  });
}

async function setPartners(
  db: Database,
  {
    initiativeId,
    partnerOrganisationIds,
    ownerId,
  }: { initiativeId: string; partnerOrganisationIds: string[]; ownerId: string },
) {
  // The owner is not also its own partner.
  const ids = [...new Set(partnerOrganisationIds)].filter((o) => o !== ownerId);
  if (ids.length === 0) return;
  await db
    .insertInto("initiativePartner")
    .values(ids.map((organisationId) => ({ initiativeId, organisationId })))
    .execute();
}

// ---- Progress updates ------------------------------------------------------------------------

export async function listUpdates(db: Database, { initiativeId }: { initiativeId: string }) {
  return db
    .selectFrom("initiativeUpdate")
    .innerJoin("user as author", "author.id", "initiativeUpdate.authorId")
    .leftJoin("organisation", "organisation.id", "author.organisationId")
    .select([
      "initiativeUpdate.id",
      "initiativeUpdate.bodyHtml",
      "initiativeUpdate.createdAt",
      "author.id as authorId",
      "author.name as authorName",
      "organisation.name as authorOrganisation",
    ])
    .where("initiativeUpdate.initiativeId", "=", initiativeId)
    .orderBy("initiativeUpdate.createdAt", "desc")
    .execute();
}

export async function addUpdate(
  db: Database,
  input: { initiativeId: string; authorId: string; body: string; bodyHtml: string; now?: Date },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("initiativeUpdate")
    .values({
      id,
      initiativeId: input.initiativeId,
      authorId: input.authorId,
      body: input.body,
      bodyHtml: input.bodyHtml,
      createdAt: nowIso(input.now),
    })
    .execute();
  return id;
}

// ---- Linked documents, threads, meetings -------------------------------------------------------

/** Spaces `userId` is a current member of, with the role. */
async function currentSpaces(db: Database, { userId }: { userId: string }) {
  return db
    .selectFrom("membership")
    .innerJoin("space", "space.id", "membership.spaceId")
    .select(["space.id", "space.slug", "space.name", "membership.role"])
    .where("membership.userId", "=", userId)
    .where("membership.leftAt", "is", null)
    .execute();
}

/** Documents linked to the initiative that the viewer may read (current member of its space). */
export async function listLinkedDocuments(
  db: Database,
  { initiativeId, userId }: { initiativeId: string; userId: string },
) {
  return db
    .selectFrom("documentLink")
    .innerJoin("document", "document.id", "documentLink.documentId")
    .innerJoin("space", "space.id", "document.spaceId")
    .innerJoin("membership", (join) =>
      join
        .onRef("membership.spaceId", "=", "document.spaceId")
        .on("membership.userId", "=", userId)
        .on("membership.leftAt", "is", null),
    )
    .select(["document.id", "document.title", "space.slug", "space.name as spaceName"])
    .where("documentLink.subjectType", "=", "initiative")
    .where("documentLink.subjectId", "=", initiativeId)
    .where("document.deletedAt", "is", null)
    .orderBy("document.title")
    .execute();
}

/** Documents the viewer may read and could link: every live document of their spaces. */
export async function listLinkableDocuments(db: Database, { userId }: { userId: string }) {
  return db
    .selectFrom("document")
    .innerJoin("space", "space.id", "document.spaceId")
    .innerJoin("membership", (join) =>
      join
        .onRef("membership.spaceId", "=", "document.spaceId")
        .on("membership.userId", "=", userId)
        .on("membership.leftAt", "is", null),
    )
    .select(["document.id", "document.title", "space.name as spaceName"])
    .where("document.deletedAt", "is", null)
    .orderBy("space.name")
    .orderBy("document.title")
    .limit(500)
    .execute();
}

/** The document if `userId` may read it (live, in a space they are a current member of). */
export async function getReadableDocument(
  db: Database,
  { documentId, userId }: { documentId: string; userId: string },
) {
  const docs = await db
    .selectFrom("document")
    .innerJoin("membership", (join) =>
      join
        .onRef("membership.spaceId", "=", "document.spaceId")
        .on("membership.userId", "=", userId)
        .on("membership.leftAt", "is", null),
    )
    .select(["document.id", "document.spaceId", "membership.role"])
    .where("document.id", "=", documentId)
    .where("document.deletedAt", "is", null)
    .executeTakeFirst();
  return docs ?? null;
}

export async function linkDocument(
  db: Database,
  { initiativeId, documentId }: { initiativeId: string; documentId: string },
) {
  await db
    .insertInto("documentLink")
    .values({ documentId, subjectType: "initiative", subjectId: initiativeId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function unlinkDocument(
  db: Database,
  { initiativeId, documentId }: { initiativeId: string; documentId: string },
) {
  await db
    .deleteFrom("documentLink")
    .where("documentId", "=", documentId)
    .where("subjectType", "=", "initiative")
    .where("subjectId", "=", initiativeId)
    .execute();
}

/** Discussion threads about the initiative in spaces the viewer is a current member of. */
export async function listLinkedThreads(
  db: Database,
  { initiativeId, userId }: { initiativeId: string; userId: string },
) {
  return db
    .selectFrom("thread")
    .innerJoin("space", "space.id", "thread.spaceId")
    .innerJoin("membership", (join) =>
      join
        .onRef("membership.spaceId", "=", "thread.spaceId")
        .on("membership.userId", "=", userId)
        .on("membership.leftAt", "is", null),
    )
    .select([
      "thread.id",
      "thread.title",
      "thread.replyCount",
      "thread.lastPostAt",
      "space.slug",
      "space.name as spaceName",
    ])
    .where("thread.subjectType", "=", "initiative")
    .where("thread.subjectId", "=", initiativeId)
    .orderBy("thread.lastPostAt", "desc")
    .execute();
}

type CanReadDrafts = (role: string) => boolean;

/**
 * Meetings and agenda items linked to the initiative, each only if the viewer may see it under
 * the meetings' own rules (meetingVisible, agendaItemVisibleTo) in a space they are a member of.
 */
export async function listLinkedMeetings(
  db: Database,
  {
    initiativeId,
    userId,
    canReadDrafts,
  }: { initiativeId: string; userId: string; canReadDrafts: CanReadDrafts },
) {
  const links = await db
    .selectFrom("initiativeLink")
    .select(["subjectType", "subjectId"])
    .where("initiativeId", "=", initiativeId)
    .execute();
  if (links.length === 0) return [];
  const meetingIds = links.filter((l) => l.subjectType === "meeting").map((l) => l.subjectId);
  const itemIds = links.filter((l) => l.subjectType === "agenda_item").map((l) => l.subjectId);
  const out: {
    subjectType: "meeting" | "agenda_item";
    subjectId: string;
    title: string;
    meetingId: string;
    meetingTitle: string;
    startsAt: string;
    slug: string;
    spaceName: string;
  }[] = [];
  for (const space of await currentSpaces(db, { userId })) {
    const drafts = canReadDrafts(space.role);
    if (meetingIds.length) {
      const meetings = await db
        .selectFrom("meeting")
        .select(["meeting.id", "meeting.title", "meeting.startsAt"])
        .where("meeting.spaceId", "=", space.id)
        .where("meeting.id", "in", meetingIds)
        .where(meetingVisible(drafts))
        .execute();
      for (const m of meetings) {
        out.push({
          subjectType: "meeting",
          subjectId: m.id,
          title: m.title,
          meetingId: m.id,
          meetingTitle: m.title,
          startsAt: m.startsAt,
          slug: space.slug,
          spaceName: space.name,
        });
      }
    }
    if (itemIds.length) {
      const items = await db
        .selectFrom("agendaItem")
        .innerJoin("meeting", "meeting.id", "agendaItem.meetingId")
        .select([
          "agendaItem.id",
          "agendaItem.title",
          "meeting.id as meetingId",
          "meeting.title as meetingTitle",
          "meeting.startsAt",
        ])
        .where("agendaItem.spaceId", "=", space.id)
        .where("meeting.spaceId", "=", space.id)
        .where("agendaItem.id", "in", itemIds)
        .where("agendaItem.state", "=", "accepted")
        .where(agendaItemVisibleTo(userId))
        .where(meetingVisible(drafts) as never)
        .execute();
      for (const i of items) {
        out.push({
          subjectType: "agenda_item",
          subjectId: i.id,
          title: i.title,
          meetingId: i.meetingId,
          meetingTitle: i.meetingTitle,
          startsAt: i.startsAt,
          slug: space.slug,
          spaceName: space.name,
        });
      }
    }
  }
  return out.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** Meetings and accepted agenda items the viewer may see and could link (latest first). */
export async function listLinkableMeetings(
  db: Database,
  { userId, canReadDrafts }: { userId: string; canReadDrafts: CanReadDrafts },
) {
  const out: { value: string; label: string }[] = [];
  for (const space of await currentSpaces(db, { userId })) {
    const drafts = canReadDrafts(space.role);
    const meetings = await db
      .selectFrom("meeting")
      .select(["meeting.id", "meeting.title", "meeting.startsAt"])
      .where("meeting.spaceId", "=", space.id)
      .where(meetingVisible(drafts))
      .orderBy("meeting.startsAt", "desc")
      .limit(50)
      .execute();
    for (const m of meetings) {
      out.push({ value: `meeting:${m.id}`, label: `${space.name}: ${m.title}` });
      const items = await db
        .selectFrom("agendaItem")
        .select(["agendaItem.id", "agendaItem.title"])
        .where("agendaItem.spaceId", "=", space.id)
        .where("agendaItem.meetingId", "=", m.id)
        .where("agendaItem.state", "=", "accepted")
        .where(agendaItemVisibleTo(userId))
        .orderBy("agendaItem.position")
        .execute();
      for (const i of items) {
        out.push({ value: `agenda_item:${i.id}`, label: `${space.name}: ${m.title} – ${i.title}` });
      }
    }
  }
  return out;
}

/** Whether the viewer may see the meeting or agenda item (the same rules as the list above). */
export async function isLinkableMeeting(
  db: Database,
  {
    userId,
    canReadDrafts,
    subjectType,
    subjectId,
  }: { userId: string; canReadDrafts: CanReadDrafts; subjectType: string; subjectId: string },
) {
  // Checked directly, not against the picker's list: that shows only each space's latest 50
  // meetings, and an older meeting is just as linkable.
  for (const space of await currentSpaces(db, { userId })) {
    const drafts = canReadDrafts(space.role);
    if (subjectType === "meeting") {
      const found = await db
        .selectFrom("meeting")
        .select("meeting.id")
        .where("meeting.spaceId", "=", space.id)
        .where("meeting.id", "=", subjectId)
        .where(meetingVisible(drafts))
        .executeTakeFirst();
      if (found) return true;
    } else if (subjectType === "agenda_item") {
      const found = await db
        .selectFrom("agendaItem")
        .innerJoin("meeting", "meeting.id", "agendaItem.meetingId")
        .select("agendaItem.id")
        .where("agendaItem.spaceId", "=", space.id)
        .where("agendaItem.id", "=", subjectId)
        .where("agendaItem.state", "=", "accepted")
        .where(agendaItemVisibleTo(userId))
        .where(meetingVisible(drafts))
        .executeTakeFirst();
      if (found) return true;
    }
  }
  return false;
}

export async function linkMeeting(
  db: Database,
  input: {
    initiativeId: string;
    subjectType: "meeting" | "agenda_item";
    subjectId: string;
    createdById: string;
    now?: Date;
  },
) {
  await db
    .insertInto("initiativeLink")
    .values({
      initiativeId: input.initiativeId,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      createdById: input.createdById,
      createdAt: nowIso(input.now),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function unlinkMeeting(
  db: Database,
  {
    initiativeId,
    subjectType,
    subjectId,
  }: { initiativeId: string; subjectType: string; subjectId: string },
) {
  await db
    .deleteFrom("initiativeLink")
    .where("initiativeId", "=", initiativeId)
    .where("subjectType", "=", subjectType)
    .where("subjectId", "=", subjectId)
    .execute();
}

// ---- Recommendation rounds -------------------------------------------------------------------

const roundColumns = [
  "recommendationRound.id",
  "recommendationRound.planId",
  "recommendationRound.spaceId",
  "recommendationRound.question",
  "recommendationRound.deadline",
  "recommendationRound.createdAt",
  "recommendationRound.closedAt",
] as const;

/** The plan's most recent round (open, past its deadline or closed), or null. */
export async function getLatestRound(db: Database, { planId }: { planId: string }) {
  return (
    (await db
      .selectFrom("recommendationRound")
      .select(roundColumns)
      .where("recommendationRound.planId", "=", planId)
      .orderBy("recommendationRound.createdAt", "desc")
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

export async function getRound(db: Database, { roundId }: { roundId: string }) {
  return (
    (await db
      .selectFrom("recommendationRound")
      .select(roundColumns)
      .where("recommendationRound.id", "=", roundId)
      .executeTakeFirst()) ?? null
  );
}

/** Whether a round takes answers at `now`: not closed and before its deadline. */
export function isRoundOpen(
  round: { closedAt: string | null; deadline: string },
  now: Date = new Date(),
): boolean {
  return round.closedAt === null && now.toISOString() < round.deadline;
}

export type OpenRoundResult = { status: "opened"; roundId: string } | { status: "alreadyOpen" };

/** Opens a round; refused while another round of the plan still takes answers. */
export async function openRound(
  db: Database,
  input: {
    planId: string;
    spaceId: string;
    question: string;
    deadline: string;
    openedById: string;
    now?: Date;
  },
): Promise<OpenRoundResult> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom("recommendationRound")
      .select("id")
      .where("planId", "=", input.planId)
      .where("closedAt", "is", null)
      .where("deadline", ">", now.toISOString())
      .executeTakeFirst();
    if (open) return { status: "alreadyOpen" as const };
    const roundId = newId();
    await trx
      .insertInto("recommendationRound")
      .values({
        id: roundId,
        planId: input.planId,
        spaceId: input.spaceId,
        question: input.question,
        deadline: input.deadline,
        openedById: input.openedById,
        createdAt: nowIso(now),
        closedAt: null,
      })
      .execute();
    return { status: "opened" as const, roundId };
  });
}

export async function closeRound(
  db: Database,
  { roundId, now }: { roundId: string; now?: Date },
): Promise<boolean> {
  const result = await db
    .updateTable("recommendationRound")
    .set({ closedAt: nowIso(now) })
    .where("id", "=", roundId)
    .where("closedAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export type SaveRecommendationResult = "saved" | "closed";

/**
 * Stores or replaces the person's answer for one initiative. The round is checked inside the
 * write transaction, so an answer racing the deadline or a close is refused, not half-kept.
 */
export async function saveRecommendation(
  db: Database,
  input: {
    roundId: string;
    initiativeId: string;
    userId: string;
    stance: Stance;
    reason: string;
    now?: Date;
  },
): Promise<SaveRecommendationResult> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const round = await trx
      .selectFrom("recommendationRound")
      .select(["id", "spaceId", "deadline", "closedAt"])
      .where("id", "=", input.roundId)
      .executeTakeFirst();
    if (!round || !isRoundOpen(round, now)) return "closed" as const;
    const at = nowIso(now);
    await trx
      .insertInto("recommendation")
      .values({
        id: newId(),
        roundId: round.id,
        spaceId: round.spaceId,
        initiativeId: input.initiativeId,
        userId: input.userId,
        stance: input.stance,
        reason: input.reason,
        createdAt: at,
        updatedAt: at,
      })
      .onConflict((oc) =>
        oc
          .columns(["roundId", "initiativeId", "userId"])
          .doUpdateSet({ stance: input.stance, reason: input.reason, updatedAt: at }),
      )
      .execute();
    return "saved" as const;
  });
}

export async function getOwnRecommendation(
  db: Database,
  { roundId, initiativeId, userId }: { roundId: string; initiativeId: string; userId: string },
) {
  return (
    (await db
      .selectFrom("recommendation")
      .select(["stance", "reason", "updatedAt"])
      .where("roundId", "=", roundId)
      .where("initiativeId", "=", initiativeId)
      .where("userId", "=", userId)
      .executeTakeFirst()) ?? null
  );
}

/** One initiative's answers in a round: counts per stance and every answer with its reason. */
export async function summariseRecommendations(
  db: Database,
  { roundId, initiativeId }: { roundId: string; initiativeId: string },
) {
  const answers = await db
    .selectFrom("recommendation")
    .innerJoin("user", "user.id", "recommendation.userId")
    .leftJoin("organisation", "organisation.id", "user.organisationId")
    .select([
      "recommendation.stance",
      "recommendation.reason",
      "recommendation.updatedAt",
      "user.id as userId",
      "user.name",
      "organisation.name as organisationName",
    ])
    .where("recommendation.roundId", "=", roundId)
    .where("recommendation.initiativeId", "=", initiativeId)
    .orderBy("recommendation.updatedAt")
    .execute();
  const counts: Record<Stance, number> = { continue: 0, adjust: 0, end: 0 };
  for (const a of answers) counts[a.stance as Stance] += 1;
  return { counts, answers };
}

// ---- The viewer ------------------------------------------------------------------------------

/** The viewer's organisation (for the owner-organisation rule) and role in the expert group. */
export async function getPlanViewer(db: Database, { userId }: { userId: string }) {
  const row = await db
    .selectFrom("user")
    .leftJoin("space", (join) => join.on("space.slug", "=", EXPERT_GROUP_SLUG))
    .leftJoin("membership", (join) =>
      join
        .onRef("membership.spaceId", "=", "space.id")
        .onRef("membership.userId", "=", "user.id")
        .on("membership.leftAt", "is", null),
    )
    .select([
      "user.organisationId",
      "space.id as expertGroupId",
      "space.slug as expertGroupSlug",
      "membership.role as expertGroupRole",
    ])
    .where("user.id", "=", userId)
    .executeTakeFirst();
  return {
    organisationId: row?.organisationId ?? null,
    expertGroupId: row?.expertGroupId ?? null,
    expertGroupSlug: row?.expertGroupSlug ?? null,
    expertGroupRole: (row?.expertGroupRole ?? null) as SpaceRole | null,
  };
}
