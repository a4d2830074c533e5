import { addAgendaItem, linkDocument, proposeAgendaItem } from "../../../app/models/agenda.server";
import { changeMeetingStatus, createMeeting } from "../../../app/models/meeting.server";
import { meetingActionSchema, meetingListActionSchema } from "../../../app/schemas/meeting";
import { createTestDocument } from "../../helpers/fixtures";
import type { MatrixContext, MatrixSection, PostRequest, Row } from "./types";

/**
 * Meetings: the list, the meeting page with every intent, the print view, and the meeting room
 * over sockets. Each POST cell gets its own fresh meeting (and item, proposal, paper), made
 * straight through the models. Drafts are unknown to everyone but the secretariat, so the two
 * intents that act on a draft (publish, delete) answer members with 404.
 */
const LIST = "/spaces/:slug/meetings";
const MEETING = `${LIST}/:meetingId`;

// prettier-ignore
const READ: Row =    ["login", "404", "allow", "allow", "allow", "allow", "403", "404", "login"];
// prettier-ignore
const MANAGE: Row =  ["login", "404", "403",   "403",   "allow", "403",   "403", "404", "login"];
// prettier-ignore
const ON_DRAFT: Row = ["login", "404", "404",  "404",   "allow", "404",   "403", "404", "login"];
// prettier-ignore
const PROPOSE: Row = ["login", "404", "403",   "allow", "allow", "allow", "403", "404", "login"];

const MANAGE_INTENTS = [
  "edit",
  "markHeld",
  "cancel",
  "addItem",
  "editItem",
  "deleteItem",
  "moveUp",
  "moveDown",
  "addDocument",
  "removeDocument",
  "addLink",
  "removeLink",
  "accept",
  "decline",
  "remind",
];

const rows: Record<string, Row> = {
  [`GET ${LIST}`]: READ,
  [`GET ${MEETING}`]: READ,
  [`GET ${MEETING}/print`]: READ,
  [`POST ${LIST} intent=create`]: MANAGE,
  [`POST ${LIST} intent=createSeries`]: MANAGE,
  [`POST ${MEETING} intent=publish`]: ON_DRAFT,
  [`POST ${MEETING} intent=delete`]: ON_DRAFT,
  [`POST ${MEETING} intent=propose`]: PROPOSE,
  [`POST ${MEETING} intent=respond`]: READ,
  ...Object.fromEntries(MANAGE_INTENTS.map((i) => [`POST ${MEETING} intent=${i}`, MANAGE])),
  // prettier-ignore
  "SOCKET meeting:join":  ["login", "404",   "allow", "allow", "allow", "allow", "404",   "404",   "login"],
  // prettier-ignore
  "SOCKET meeting:leave": ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
};

const state: { meetingId?: string; documentId?: string; secretariatId?: string } = {};

async function freshMeeting(ctx: MatrixContext, { published = true } = {}) {
  const meetingId = await createMeeting(ctx.h.db, {
    spaceId: ctx.spaceId,
    userId: state.secretariatId!,
    fields: {
      title: `Matrixmøde ${ctx.serial()}`,
      description: "",
      startsAt: "2031-05-01T15:00:00.000Z",
      endsAt: "2031-05-01T17:00:00.000Z",
      place: "Bispebjerg",
      onlineUrl: null,
    },
  });
  if (published)
    await changeMeetingStatus(ctx.h.db, {
      spaceId: ctx.spaceId,
      meetingId,
      from: ["draft"],
      to: "published",
    });
  return meetingId;
}

async function freshItem(ctx: MatrixContext, meetingId: string, title = "Punkt") {
  return addAgendaItem(ctx.h.db, {
    spaceId: ctx.spaceId,
    meetingId,
    userId: state.secretariatId!,
    parentId: null,
    item: {
      title,
      description: "",
      descriptionHtml: "",
      presenter: "",
      durationMinutes: 10,
      kind: "orientation",
      isClosed: false,
      accessUserIds: [],
    },
  });
}

const itemFields = {
  title: "Matrixpunkt",
  description: "",
  presenter: "",
  durationMinutes: "15",
  kind: "discussion",
};

const section: MatrixSection = {
  rows,
  successRedirects: {
    [`POST ${LIST} intent=create`]: /^\/spaces\/bispebjerg-netvaerk\/meetings\/[0-9a-f-]{36}$/,
    [`POST ${MEETING} intent=delete`]: /^\/spaces\/bispebjerg-netvaerk\/meetings$/,
  },
  intents: [
    [LIST, meetingListActionSchema],
    [MEETING, meetingActionSchema],
  ],

  async setup(ctx) {
    state.secretariatId = ctx.users.get("secretariat")!;
    state.meetingId = await freshMeeting(ctx);
    await freshItem(ctx, state.meetingId, "Synligt punkt");
    state.documentId = (
      await createTestDocument(ctx.h.db, ctx.h.config.filesPath, {
        spaceId: ctx.spaceId,
        userId: state.secretariatId,
        title: "Matrixbilag",
      })
    ).documentId;
  },

  getPaths(pattern, ctx) {
    if (!pattern.startsWith(LIST)) return undefined;
    return [pattern.replace(":slug", ctx.slug).replace(":meetingId", state.meetingId!)];
  },

  async postFor({ pattern, intent }, _persona, ctx): Promise<PostRequest | undefined> {
    if (pattern === LIST) {
      const path = `/spaces/${ctx.slug}/meetings`;
      if (intent === "create")
        return {
          path,
          fields: {
            intent,
            title: `Nyt møde ${ctx.serial()}`,
            startsAt: "2031-06-01T17:00",
            endsAt: "2031-06-01T19:00",
          },
        };
      if (intent === "createSeries")
        return {
          path,
          fields: {
            intent,
            title: `Serie ${ctx.serial()}`,
            frequency: "monthly",
            nth: "1",
            weekday: "2",
            interval: "1",
            startTime: "17:00",
            durationMinutes: "90",
            firstDate: "2031-01-01",
            untilDate: "2031-03-31",
          },
        };
      return undefined;
    }
    if (pattern !== MEETING || !intent) return undefined;
    const onDraft = intent === "publish" || intent === "delete";
    const meetingId = await freshMeeting(ctx, { published: !onDraft });
    const path = `/spaces/${ctx.slug}/meetings/${meetingId}`;
    const db = ctx.h.db;
    const scope = { spaceId: ctx.spaceId, meetingId };
    switch (intent) {
      case "edit":
        return {
          path,
          fields: {
            intent,
            title: "Rettet møde",
            startsAt: "2031-05-01T18:00",
            endsAt: "2031-05-01T20:00",
            place: "Et andet sted",
          },
        };
      case "publish":
      case "delete":
      case "markHeld":
      case "cancel":
      case "remind":
        return { path, fields: { intent } };
      case "addItem":
        return { path, fields: { intent, ...itemFields } };
      case "propose":
        return { path, fields: { intent, ...itemFields } };
      case "respond":
        return { path, fields: { intent, response: "absent", note: "Ferie" } };
      case "editItem":
        return {
          path,
          fields: { intent, itemId: await freshItem(ctx, meetingId), ...itemFields },
        };
      case "deleteItem":
        return { path, fields: { intent, itemId: await freshItem(ctx, meetingId) } };
      case "moveUp":
      case "moveDown": {
        const first = await freshItem(ctx, meetingId, "Første");
        const second = await freshItem(ctx, meetingId, "Andet");
        return { path, fields: { intent, itemId: intent === "moveUp" ? second : first } };
      }
      case "addDocument":
        return {
          path,
          fields: {
            intent,
            itemId: await freshItem(ctx, meetingId),
            documentId: state.documentId!,
          },
        };
      case "removeDocument": {
        const itemId = await freshItem(ctx, meetingId);
        await linkDocument(db, { itemId, documentId: state.documentId! });
        return { path, fields: { intent, itemId, documentId: state.documentId! } };
      }
      case "addLink":
        return {
          path,
          fields: {
            intent,
            itemId: await freshItem(ctx, meetingId),
            title: "Handleplanen",
            url: "https://kk.dk",
          },
        };
      case "removeLink": {
        const itemId = await freshItem(ctx, meetingId);
        const link = await db
          .insertInto("agendaItemLink")
          .values({
            id: crypto.randomUUID(),
            agendaItemId: itemId,
            title: "Link",
            url: "https://kk.dk",
            createdAt: new Date().toISOString(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        return { path, fields: { intent, itemId, linkId: link.id } };
      }
      case "accept":
      case "decline": {
        const itemId = await proposeAgendaItem(db, {
          ...scope,
          userId: ctx.otherMemberId,
          item: { ...itemFields, durationMinutes: 15, kind: "discussion", descriptionHtml: "" },
        });
        return {
          path,
          fields: intent === "accept" ? { intent, itemId } : { intent, itemId, reason: "Nej tak" },
        };
      }
    }
    return undefined;
  },

  async socketCall(event, _persona, _ctx, send) {
    if (event === "meeting:join") return send(event, { meetingId: state.meetingId! });
    if (event === "meeting:leave") return send(event, { meetingId: state.meetingId! });
    return undefined;
  },

  // Refused changes must leave every meeting, agenda item and answer as it was.
  async snapshot(ctx) {
    const out: Record<string, string> = {};
    const db = ctx.h.db;
    for (const m of await db.selectFrom("meeting").selectAll().execute())
      out[`meeting ${m.id}`] = JSON.stringify(m);
    for (const i of await db.selectFrom("agendaItem").selectAll().execute())
      out[`agendaItem ${i.id}`] = JSON.stringify(i);
    for (const a of await db.selectFrom("attendance").selectAll().execute())
      out[`attendance ${a.meetingId} ${a.userId}`] = JSON.stringify(a);
    return out;
  },
};

export default section;
