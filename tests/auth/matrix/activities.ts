import { createActivity, setActivityCancelled } from "../../../app/models/activity.server";
import {
  addParticipant,
  addSession,
  createCourse,
  setCompleted,
} from "../../../app/models/training.server";
import { activityIntentSchema } from "../../../app/schemas/activity";
import { courseActionSchema } from "../../../app/schemas/training";
import { createMembership, createPerson } from "../../helpers/fixtures";
import type { MatrixContext, MatrixSection, PostRequest, Row } from "./types";

/**
 * Local activities and the key-person training in bispebjerg-netvaerk. Members read; writers
 * post activities; the poster (own rows) or the secretariat (rows "on another's") change one;
 * only the secretariat runs the training. Site administrators have no content access (403).
 * Every cell gets its own activity or course, so cells do not interact.
 */
const LIST = "/spaces/:slug/activities";
const ACTIVITY = `${LIST}/:activityId`;
const FEED = `${LIST}/calendar.ics`;
const TRAINING = "/spaces/:slug/training";
const COURSE = `${TRAINING}/:courseId`;

const READ: Row = ["login", "404", "allow", "allow", "allow", "allow", "403", "404", "login"];
const WRITE: Row = ["login", "404", "403", "allow", "allow", "allow", "403", "404", "login"];
const SECRETARIAT: Row = ["login", "404", "403", "403", "allow", "403", "403", "404", "login"];

const activityIntents = ["edit", "cancel", "reinstate", "delete"] as const;
const courseIntents = [
  "addSession",
  "deleteSession",
  "addParticipant",
  "removeParticipant",
  "recordAttendance",
  "complete",
  "uncomplete",
] as const;

const rows: Record<string, Row> = {
  [`GET ${LIST}`]: READ,
  [`GET ${FEED}`]: READ,
  [`GET ${ACTIVITY}`]: READ,
  [`GET ${TRAINING}`]: READ,
  [`GET ${COURSE}`]: READ,
  [`POST ${LIST}`]: WRITE,
  [`POST ${TRAINING}`]: SECRETARIAT,
};
for (const intent of activityIntents) {
  rows[`POST ${ACTIVITY} intent=${intent}`] = WRITE;
  rows[`POST ${ACTIVITY} intent=${intent} on another's`] = SECRETARIAT;
}
for (const intent of courseIntents) rows[`POST ${COURSE} intent=${intent}`] = SECRETARIAT;

const ACTIVITY_URL = /^\/spaces\/bispebjerg-netvaerk\/activities\/[0-9a-f-]{36}$/;
const COURSE_URL = /^\/spaces\/bispebjerg-netvaerk\/training\/[0-9a-f-]{36}$/;
const successRedirects: Record<string, RegExp> = {
  [`POST ${LIST}`]: ACTIVITY_URL,
  [`POST ${TRAINING}`]: COURSE_URL,
};
for (const intent of activityIntents) {
  const to = intent === "delete" ? /^\/spaces\/bispebjerg-netvaerk\/activities$/ : ACTIVITY_URL;
  successRedirects[`POST ${ACTIVITY} intent=${intent}`] = to;
  successRedirects[`POST ${ACTIVITY} intent=${intent} on another's`] = to;
}
for (const intent of courseIntents)
  successRedirects[`POST ${COURSE} intent=${intent}`] = COURSE_URL;

const ids: { activity?: string; course?: string } = {};

function activityFields(serial: number) {
  return {
    title: `Matrixaktivitet ${serial}`,
    startsAt: "2032-05-04T16:00",
    endsAt: "2032-05-04T18:00",
    place: "Bispebjerg Bibliotek",
    targetGroup: "parents",
    organiserOrganisationId: "",
    contactName: "Kontakt",
    contactDetails: "kontakt@example.org",
    description: "Om aktiviteten",
    // Every cell's activity lies at the same time: the overlap is confirmed up front.
    confirmOverlap: "1",
  };
}

async function freshActivity(ctx: MatrixContext, createdById: string, cancelled = false) {
  const result = await createActivity(ctx.h.db, {
    spaceId: ctx.spaceId,
    createdById,
    confirmOverlap: true,
    activity: {
      title: `Matrixaktivitet ${ctx.serial()}`,
      startsAt: "2032-05-04T14:00:00.000Z",
      endsAt: "2032-05-04T16:00:00.000Z",
      place: "Bispebjerg",
      targetGroup: "parents",
      organiserOrganisationId: null,
      contactName: "",
      contactDetails: "",
      description: "",
      descriptionHtml: "",
    },
  });
  if (result.status !== "saved") throw new Error("matrix activity not stored");
  if (cancelled) {
    await setActivityCancelled(ctx.h.db, {
      spaceId: ctx.spaceId,
      activityId: result.activityId,
      cancelled: true,
    });
  }
  return result.activityId;
}

async function freshCourse(ctx: MatrixContext) {
  return createCourse(ctx.h.db, {
    spaceId: ctx.spaceId,
    createdById: ctx.personId,
    title: `Matrixforløb ${ctx.serial()}`,
    organiser: "",
    description: "",
    descriptionHtml: "",
  });
}

const section: MatrixSection = {
  rows,
  successRedirects,
  intents: [
    [ACTIVITY, activityIntentSchema],
    [COURSE, courseActionSchema],
  ],

  async setup(ctx) {
    ids.activity = await freshActivity(ctx, ctx.otherMemberId);
    ids.course = await freshCourse(ctx);
    const scope = { spaceId: ctx.spaceId, courseId: ids.course };
    await addSession(ctx.h.db, {
      ...scope,
      startsAt: "2032-05-04T11:00:00.000Z",
      endsAt: "2032-05-04T14:00:00.000Z",
      place: "Lokaludvalget",
      teachers: "Undervisere",
    });
    await addParticipant(ctx.h.db, {
      ...scope,
      userId: ctx.otherMemberId,
      addedById: ctx.personId,
    });
  },

  getPaths(pattern, ctx) {
    if (pattern === ACTIVITY) return [`/spaces/${ctx.slug}/activities/${ids.activity}`];
    if (pattern === COURSE) return [`/spaces/${ctx.slug}/training/${ids.course}`];
    return undefined;
  },

  async postFor({ pattern, intent, onAnothers }, persona, ctx): Promise<PostRequest | undefined> {
    const me = ctx.users.get(persona)!;
    switch (pattern) {
      case LIST:
        return { path: `/spaces/${ctx.slug}/activities`, fields: activityFields(ctx.serial()) };
      case ACTIVITY: {
        const owner = onAnothers ? ctx.otherMemberId : me;
        const id = await freshActivity(ctx, owner, intent === "reinstate");
        const path = `/spaces/${ctx.slug}/activities/${id}`;
        if (intent === "edit") return { path, fields: { intent, ...activityFields(ctx.serial()) } };
        return { path, fields: { intent: intent! } };
      }
      case TRAINING:
        return {
          path: `/spaces/${ctx.slug}/training`,
          fields: { title: `Matrixforløb ${ctx.serial()}`, organiser: "NCAK" },
        };
      case COURSE: {
        const courseId = await freshCourse(ctx);
        const scope = { spaceId: ctx.spaceId, courseId };
        const path = `/spaces/${ctx.slug}/training/${courseId}`;
        const participant = async (completed = false) => {
          await addParticipant(ctx.h.db, {
            ...scope,
            userId: ctx.otherMemberId,
            addedById: ctx.personId,
          });
          if (completed) {
            await setCompleted(ctx.h.db, {
              ...scope,
              userId: ctx.otherMemberId,
              completed: true,
              byId: ctx.personId,
            });
          }
          return ctx.otherMemberId;
        };
        const session = () =>
          addSession(ctx.h.db, {
            ...scope,
            startsAt: "2032-05-04T11:00:00.000Z",
            endsAt: "2032-05-04T14:00:00.000Z",
            place: "",
            teachers: "",
          });
        switch (intent) {
          case "addSession":
            return {
              path,
              fields: { intent, startsAt: "2032-06-01T13:00", endsAt: "2032-06-01T16:00" },
            };
          case "deleteSession":
            return { path, fields: { intent, sessionId: await session() } };
          case "addParticipant": {
            const person = await createPerson(ctx.h.db, {
              email: ctx.freshEmail("participant"),
              name: `Deltager ${ctx.serial()}`,
            });
            await createMembership(ctx.h.db, {
              spaceId: ctx.spaceId,
              userId: person,
              role: "member",
            });
            return { path, fields: { intent, userId: person } };
          }
          case "removeParticipant":
          case "complete":
            return { path, fields: { intent, userId: await participant() } };
          case "uncomplete":
            return { path, fields: { intent, userId: await participant(true) } };
          case "recordAttendance": {
            const sessionId = await session();
            const userId = await participant();
            return { path, fields: { intent, sessionId, userId, status: "present" } };
          }
        }
        break;
      }
    }
    return undefined;
  },

  async snapshot(ctx) {
    const state: Record<string, string> = {};
    const db = ctx.h.db;
    for (const a of await db.selectFrom("activity").selectAll().execute())
      state[`activity ${a.id}`] = JSON.stringify(a);
    for (const p of await db.selectFrom("trainingParticipant").selectAll().execute())
      state[`trainingParticipant ${p.courseId} ${p.userId}`] = JSON.stringify(p);
    for (const a of await db.selectFrom("trainingAttendance").selectAll().execute())
      state[`trainingAttendance ${a.sessionId} ${a.userId}`] = JSON.stringify(a);
    for (const s of await db.selectFrom("trainingSession").selectAll().execute())
      state[`trainingSession ${s.id}`] = JSON.stringify(s);
    return state;
  },
};

export default section;
