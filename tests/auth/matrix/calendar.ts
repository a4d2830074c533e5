import { createCalendarFeed, renewCalendarFeed } from "../../../app/models/calendar-feed.server";
import { newId, nowIso } from "../../../app/lib/ids.server";
import { calendarActionSchema } from "../../../app/schemas/calendar";
import type { MatrixContext, MatrixSection, Persona } from "./types";

/**
 * The calendar page, its feed and the per-meeting download.
 *
 * The feed is fetched by calendar clients without a session: the token in the URL is the whole
 * credential, so no cell of its row is "login". Each cell fetches the feed with a token minted
 * just then for that persona's own account (a renewal, so cells run in parallel never share a
 * token); "anonymous" — a calendar client, no cookie — uses a plain network member's valid token
 * (not the chair's, which the chair's own cell renews at the same time). Every active person may
 * keep a feed (calendar.feed: signed in): the site admin's and the former member's feeds answer
 * 200, only with fewer meetings (tests/calendar/feed-http.test.ts checks the contents). The
 * deactivated person's token answers 404, like an unknown one.
 *
 * "create" runs for a person without a feed (the cell removes the persona's feed first) and
 * "renew" for one with a feed (the cell makes one first), so each cell tests the rule and not
 * the state; a refused cell must leave every feed's hash as it was (snapshot).
 *
 * The .ics download is authorised like the meeting page: members (observers too) may read a
 * published meeting, the site admin sees the space but not its meetings (403), a former member
 * or outsider gets 404.
 */
const CALENDAR = "/calendar";
const FEED = "/calendar/feed/:file";
const ICS = "/spaces/:slug/meetings/:meetingId/calendar.ics";

let meetingId = "";

function ownerOf(persona: Persona, ctx: MatrixContext): string {
  return persona === "anonymous" ? ctx.otherMemberId : ctx.users.get(persona)!;
}

async function mintToken(ctx: MatrixContext, userId: string): Promise<string> {
  const made =
    (await renewCalendarFeed(ctx.h.db, { userId })) ??
    (await createCalendarFeed(ctx.h.db, { userId }));
  if (!made) throw new Error(`could not mint a calendar token for ${userId}`);
  return made.token;
}

const section: MatrixSection = {
  // prettier-ignore
  rows: {
    //                                                      anonymous nonMember observer member secretariat chair  admin    removed deactivated
    [`GET ${CALENDAR}`]:                                    ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
    [`POST ${CALENDAR} intent=create`]:                     ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
    [`POST ${CALENDAR} intent=renew`]:                      ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
    [`GET ${FEED}`]:                                        ["allow", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "404"],
    [`GET ${ICS}`]:                                         ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
  },
  intents: [[CALENDAR, calendarActionSchema]],

  async setup(ctx) {
    meetingId = newId();
    const now = nowIso();
    await ctx.h.db
      .insertInto("meeting")
      .values({
        id: meetingId,
        spaceId: ctx.spaceId,
        title: "Matrixmøde",
        startsAt: "2027-02-02T14:00:00.000Z",
        endsAt: "2027-02-02T15:30:00.000Z",
        status: "published",
        publishedAt: now,
        createdById: ctx.personId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  },

  async getPaths(pattern, ctx, persona) {
    if (pattern === FEED) {
      return [`/calendar/feed/${await mintToken(ctx, ownerOf(persona, ctx))}.ics`];
    }
    if (pattern === ICS) {
      return [ICS.replace(":slug", ctx.slug).replace(":meetingId", meetingId)];
    }
    return undefined;
  },

  async postFor({ pattern, intent }, persona, ctx) {
    if (pattern !== CALENDAR) return undefined;
    const userId = ctx.users.get(persona)!;
    if (intent === "create") {
      await ctx.h.db.deleteFrom("calendarFeed").where("userId", "=", userId).execute();
    } else {
      await mintToken(ctx, userId);
    }
    return { path: CALENDAR, fields: { intent: intent! } };
  },

  async snapshot(ctx) {
    const state: Record<string, string> = {};
    for (const f of await ctx.h.db.selectFrom("calendarFeed").selectAll().execute()) {
      state[`calendarFeed ${f.userId}`] = `${f.tokenHash} ${f.createdAt}`;
    }
    return state;
  },
};

export default section;
