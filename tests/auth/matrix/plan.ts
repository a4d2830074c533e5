import { newId, nowIso } from "../../../app/lib/ids.server";
import { createInitiative, openRound } from "../../../app/models/plan.server";
import { initiativeActionSchema, planActionSchema } from "../../../app/schemas/plan";
import { createTestDocument, organisationId, spaceId, userId } from "../../helpers/fixtures";
import type { MatrixContext, MatrixSection, Persona, PostRequest, Row } from "./types";

/**
 * The action plan. It is a public municipal plan, so every signed-in persona reads it. Its
 * administrators are the secretariat of ekspertgruppen (the `secretariat` persona, secretariat
 * of every space) and site admins. Progress updates and links come from the owner
 * organisation's people: each cell acts on a fresh initiative owned by Mellemfolkeligt
 * Samvirke, the `member` persona's organisation. Recommendations and discussions are the expert
 * group's: of the personas, `nonMember` (ekspert@boernsvilkaar) and `removed`
 * (jonas.vestergaard, who left only the network) are current ekspertgruppen members.
 * A document or meeting the persona may not read is, to them, one that does not exist (404).
 */
const PLAN = "/plan";
const INITIATIVE = "/plan/:id";
const UUID = "[0-9a-f-]{36}";

// prettier-ignore
const rows: Record<string, Row> = {
  //                                                 anonymous nonMember observer member secretariat chair  admin    removed deactivated
  "GET /plan":                                        ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
  "GET /plan/new":                                    ["login", "403",   "403",   "403",   "allow", "403",   "allow", "403",   "login"],
  "GET /plan/:id":                                    ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
  "GET /plan/:id/edit":                               ["login", "403",   "403",   "403",   "allow", "403",   "allow", "403",   "login"],
  "POST /plan intent=createPlan":                     ["login", "403",   "403",   "403",   "allow", "403",   "allow", "403",   "login"],
  "POST /plan intent=openRound":                      ["login", "403",   "403",   "403",   "allow", "403",   "allow", "403",   "login"],
  "POST /plan intent=closeRound":                     ["login", "403",   "403",   "403",   "allow", "403",   "allow", "403",   "login"],
  "POST /plan/new":                                   ["login", "403",   "403",   "403",   "allow", "403",   "allow", "403",   "login"],
  "POST /plan/:id/edit":                              ["login", "403",   "403",   "403",   "allow", "403",   "allow", "403",   "login"],
  "POST /plan/:id intent=addUpdate":                  ["login", "403",   "403",   "allow", "allow", "403",   "allow", "403",   "login"],
  "POST /plan/:id intent=linkDocument":               ["login", "403",   "403",   "allow", "allow", "403",   "404",   "403",   "login"],
  "POST /plan/:id intent=unlinkDocument":             ["login", "403",   "403",   "allow", "allow", "403",   "allow", "403",   "login"],
  "POST /plan/:id intent=linkMeeting":                ["login", "403",   "403",   "allow", "allow", "403",   "404",   "403",   "login"],
  "POST /plan/:id intent=unlinkMeeting":              ["login", "403",   "403",   "allow", "allow", "403",   "allow", "403",   "login"],
  "POST /plan/:id intent=recommend":                  ["login", "allow", "403",   "403",   "allow", "403",   "403",   "allow", "login"],
  "POST /plan/:id intent=startDiscussion":            ["login", "allow", "403",   "403",   "allow", "403",   "403",   "allow", "login"],
};

const toPlan = new RegExp(`^/plan\\?plan=${UUID}$`);
const toInitiative = new RegExp(`^/plan/${UUID}$`);

const successRedirects: Record<string, RegExp> = {
  "POST /plan intent=createPlan": toPlan,
  "POST /plan intent=openRound": toPlan,
  "POST /plan intent=closeRound": toPlan,
  "POST /plan/new": toInitiative,
  "POST /plan/:id/edit": toInitiative,
  "POST /plan/:id intent=addUpdate": toInitiative,
  "POST /plan/:id intent=linkDocument": toInitiative,
  "POST /plan/:id intent=unlinkDocument": toInitiative,
  "POST /plan/:id intent=linkMeeting": toInitiative,
  "POST /plan/:id intent=unlinkMeeting": toInitiative,
  "POST /plan/:id intent=recommend": toInitiative,
  "POST /plan/:id intent=startDiscussion": new RegExp(`^/spaces/ekspertgruppen/threads/${UUID}$`),
};

const ids: { plan?: string; initiative?: string; owner?: string; secretariat?: string } = {};

async function seededPlan(ctx: MatrixContext) {
  const row = await ctx.h.db
    .selectFrom("plan")
    .select("id")
    .where("title", "=", "Handleplan til forebyggelse af negativ social kontrol 2024-2026")
    .executeTakeFirstOrThrow();
  return row.id;
}

function initiativeFields(title: string) {
  return {
    planId: ids.plan!,
    title,
    description: "",
    targetGroup: "civil_society",
    ownerOrganisationId: ids.owner!,
    fundingContext: "",
    startDate: "2024-01-01",
    endDate: "2026-12-31",
    status: "running",
  };
}

/** A fresh initiative of its own for one cell, owned by the `member` persona's organisation. */
async function freshInitiative(ctx: MatrixContext) {
  const n = ctx.serial();
  return createInitiative(ctx.h.db, {
    ...initiativeFields(`Matrixindsats ${n}`),
    partnerOrganisationIds: [],
    createdById: ids.secretariat!,
  });
}

/** Closes every round of the plan that still takes answers. */
async function closeOpenRounds(ctx: MatrixContext) {
  await ctx.h.db
    .updateTable("recommendationRound")
    .set({ closedAt: nowIso() })
    .where("planId", "=", ids.plan!)
    .where("closedAt", "is", null)
    .execute();
}

async function freshRound(ctx: MatrixContext) {
  await closeOpenRounds(ctx);
  const result = await openRound(ctx.h.db, {
    planId: ids.plan!,
    spaceId: await spaceId(ctx.h.db, "ekspertgruppen"),
    question: `Matrixrunde ${ctx.serial()}`,
    deadline: new Date(Date.now() + 86_400_000).toISOString(),
    openedById: ids.secretariat!,
  });
  if (result.status !== "opened") throw new Error("matrix round not opened");
  return result.roundId;
}

/** A published meeting in the network, seen by its members (not by the site admin). */
async function freshMeeting(ctx: MatrixContext) {
  const id = newId();
  const now = nowIso();
  await ctx.h.db
    .insertInto("meeting")
    .values({
      id,
      spaceId: ctx.spaceId,
      title: `Matrixmøde ${ctx.serial()}`,
      startsAt: "2026-12-08T16:00:00.000Z",
      endsAt: "2026-12-08T18:00:00.000Z",
      status: "published",
      publishedAt: now,
      createdById: ids.secretariat!,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

const section: MatrixSection = {
  rows,
  successRedirects,
  intents: [
    [PLAN, planActionSchema],
    [INITIATIVE, initiativeActionSchema],
  ],

  async setup(ctx) {
    ids.plan = await seededPlan(ctx);
    ids.owner = await organisationId(ctx.h.db, "Mellemfolkeligt Samvirke");
    ids.secretariat = await userId(ctx.h.db, "sekretariat@bif.example");
    ids.initiative = await freshInitiative(ctx);
  },

  getPaths(pattern) {
    switch (pattern) {
      case "/plan":
        return ["/plan", "/plan?endingWithin=12&status=ending"];
      case "/plan/new":
        return ["/plan/new"];
      case "/plan/:id":
        return [`/plan/${ids.initiative}`];
      case "/plan/:id/edit":
        return [`/plan/${ids.initiative}/edit`];
    }
    return undefined;
  },

  async postFor({ pattern, intent }, _persona: Persona, ctx): Promise<PostRequest | undefined> {
    if (pattern === PLAN) {
      switch (intent) {
        case "createPlan":
          return {
            path: PLAN,
            fields: {
              intent,
              title: `Handleplan ${ctx.serial()}`,
              periodStart: "2027-01-01",
              periodEnd: "2030-12-31",
            },
          };
        case "openRound":
          await closeOpenRounds(ctx);
          return {
            path: PLAN,
            fields: {
              intent,
              planId: ids.plan!,
              question: "Bør indsatsen videreføres?",
              deadline: `${new Date().getUTCFullYear() + 1}-06-01T12:00`,
            },
          };
        case "closeRound":
          return { path: PLAN, fields: { intent, roundId: await freshRound(ctx) } };
      }
      return undefined;
    }
    if (pattern === "/plan/new") {
      return { path: "/plan/new", fields: initiativeFields(`Ny matrixindsats ${ctx.serial()}`) };
    }
    if (pattern === "/plan/:id/edit") {
      const id = await freshInitiative(ctx);
      return { path: `/plan/${id}/edit`, fields: initiativeFields(`Rettet ${ctx.serial()}`) };
    }
    if (pattern !== INITIATIVE) return undefined;

    const id = await freshInitiative(ctx);
    const path = `/plan/${id}`;
    const db = ctx.h.db;
    switch (intent) {
      case "addUpdate":
        return { path, fields: { intent, body: "Status fra matrixen" } };
      case "linkDocument":
      case "unlinkDocument": {
        const { documentId } = await createTestDocument(db, ctx.h.config.filesPath, {
          spaceId: ctx.spaceId,
          userId: ctx.otherMemberId,
          title: `Matrixbilag ${ctx.serial()}`,
        });
        if (intent === "unlinkDocument") {
          await db
            .insertInto("documentLink")
            .values({ documentId, subjectType: "initiative", subjectId: id })
            .execute();
        }
        return { path, fields: { intent, documentId } };
      }
      case "linkMeeting":
        return { path, fields: { intent, target: `meeting:${await freshMeeting(ctx)}` } };
      case "unlinkMeeting": {
        const meetingId = await freshMeeting(ctx);
        await db
          .insertInto("initiativeLink")
          .values({
            initiativeId: id,
            subjectType: "meeting",
            subjectId: meetingId,
            createdById: ids.secretariat!,
            createdAt: nowIso(),
          })
          .execute();
        return { path, fields: { intent, subjectType: "meeting", subjectId: meetingId } };
      }
      case "recommend": {
        const open = await db
          .selectFrom("recommendationRound")
          .select("id")
          .where("planId", "=", ids.plan!)
          .where("closedAt", "is", null)
          .where("deadline", ">", nowIso())
          .executeTakeFirst();
        const roundId = open?.id ?? (await freshRound(ctx));
        return {
          path,
          fields: { intent, roundId, stance: "continue", reason: "Virker efter hensigten" },
        };
      }
      case "startDiscussion":
        return {
          path,
          fields: { intent, title: `Drøftelse ${ctx.serial()}`, body: "Hvad mener I?" },
        };
    }
    return undefined;
  },

  async snapshot(ctx) {
    const state: Record<string, string> = {};
    const db = ctx.h.db;
    for (const r of await db.selectFrom("initiative").selectAll().execute()) {
      state[`initiative ${r.id}`] = JSON.stringify(r);
    }
    for (const r of await db.selectFrom("recommendationRound").selectAll().execute()) {
      state[`recommendationRound ${r.id}`] = JSON.stringify(r);
    }
    for (const r of await db.selectFrom("recommendation").selectAll().execute()) {
      state[`recommendation ${r.id}`] = JSON.stringify(r);
    }
    return state;
  },
};

export default section;
