import { approveMinutes, saveItemMinutes } from "../../../app/models/minutes.server";
import { minutesActionSchema } from "../../../app/schemas/minutes";
import { createTestAgendaItem, createTestMeeting } from "../../helpers/meeting-fixtures";
import type { MatrixContext, MatrixSection, PostRequest, Row } from "./types";

/**
 * The minutes page and its intents. Every POST cell gets a meeting of its own in the state the
 * intent needs (nothing written, a draft, circulated, approved), so cells do not interact.
 * Writing, circulating, approving and "make a change" are the secretariat's; writers comment.
 */
const MINUTES = "/spaces/:slug/meetings/:meetingId/minutes";

const SECRETARIAT_ONLY: Row = ["login", "404", "403", "403", "allow", "403", "403", "404", "login"];

// prettier-ignore
const rows: Record<string, Row> = {
  //                                   anonymous nonMember observer member secretariat chair  admin    removed deactivated
  [`GET ${MINUTES}`]:                  ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
  [`POST ${MINUTES} intent=saveItem`]: SECRETARIAT_ONLY,
  [`POST ${MINUTES} intent=circulate`]: SECRETARIAT_ONLY,
  [`POST ${MINUTES} intent=comment`]:  ["login", "404",   "403",   "allow", "allow", "allow", "403",   "404",   "login"],
  [`POST ${MINUTES} intent=approve`]:  SECRETARIAT_ONLY,
  [`POST ${MINUTES} intent=reopen`]:   SECRETARIAT_ONLY,
};

const ids: { meeting?: string; secretariat?: string } = {};

async function secretariatOf(ctx: MatrixContext) {
  return (ids.secretariat ??= ctx.users.get("secretariat")!);
}

/** A held meeting with one agenda item, its minutes in the given state. */
async function freshMeeting(
  ctx: MatrixContext,
  state: { minutesStatus: string; minutesVersion: number },
) {
  const createdById = await secretariatOf(ctx);
  const meetingId = await createTestMeeting(ctx.h.db, {
    spaceId: ctx.spaceId,
    createdById,
    title: `Matrixmøde ${ctx.serial()}`,
    ...state,
  });
  const itemId = await createTestAgendaItem(ctx.h.db, {
    meetingId,
    spaceId: ctx.spaceId,
    createdById,
    title: "Matrixpunkt",
    position: 1,
    notes: state.minutesStatus === "none" ? "" : "Referat",
  });
  return { meetingId, itemId, path: `/spaces/${ctx.slug}/meetings/${meetingId}/minutes` };
}

const section: MatrixSection = {
  rows,
  intents: [[MINUTES, minutesActionSchema]],

  async setup(ctx) {
    // Approved version 1, then version 2 being written: members read version 1, the secretariat 2.
    const { meetingId, itemId } = await freshMeeting(ctx, {
      minutesStatus: "none",
      minutesVersion: 0,
    });
    const scope = { spaceId: ctx.spaceId, meetingId };
    const secretariat = await secretariatOf(ctx);
    await saveItemMinutes(ctx.h.db, {
      ...scope,
      agendaItemId: itemId,
      writerId: secretariat,
      notes: "Matrixreferat",
      decision: "Besluttet",
    });
    await approveMinutes(ctx.h.db, { ...scope, version: 1, approverId: secretariat });
    ids.meeting = meetingId;
  },

  getPaths(pattern, ctx) {
    if (pattern !== MINUTES) return undefined;
    const path = `/spaces/${ctx.slug}/meetings/${ids.meeting}/minutes`;
    return [path, `${path}?version=1`, `${path}?print=1`];
  },

  async postFor({ pattern, intent }, _persona, ctx): Promise<PostRequest | undefined> {
    if (pattern !== MINUTES) return undefined;
    switch (intent) {
      case "saveItem": {
        const m = await freshMeeting(ctx, { minutesStatus: "none", minutesVersion: 0 });
        return {
          path: m.path,
          fields: { intent, agendaItemId: m.itemId, notes: "Nyt referat", decision: "" },
        };
      }
      case "circulate":
      case "approve": {
        const m = await freshMeeting(ctx, { minutesStatus: "draft", minutesVersion: 1 });
        return { path: m.path, fields: { intent, version: "1" } };
      }
      case "comment": {
        const m = await freshMeeting(ctx, { minutesStatus: "circulated", minutesVersion: 1 });
        return { path: m.path, fields: { intent, version: "1", body: "En kommentar" } };
      }
      case "reopen": {
        const m = await freshMeeting(ctx, { minutesStatus: "approved", minutesVersion: 1 });
        return { path: m.path, fields: { intent, version: "1" } };
      }
    }
    return undefined;
  },

  // Refused writes must leave the minutes of every meeting and item as they were.
  async snapshot(ctx) {
    const state: Record<string, string> = {};
    for (const m of await ctx.h.db
      .selectFrom("meeting")
      .select([
        "id",
        "status",
        "minutesStatus",
        "minutesVersion",
        "minutesCirculatedAt",
        "updatedAt",
      ])
      .execute()) {
      state[`meeting ${m.id}`] = JSON.stringify(m);
    }
    for (const a of await ctx.h.db
      .selectFrom("agendaItem")
      .select(["id", "minutesNotes", "minutesDecision", "updatedAt"])
      .execute()) {
      state[`agendaItem ${a.id}`] = JSON.stringify(a);
    }
    return state;
  },
};

export default section;
