import { actionItemActionSchema } from "../../../app/schemas/action-item";
import { createTestActionItem } from "../../helpers/meeting-fixtures";
import type { MatrixSection, PostRequest, Row } from "./types";

/**
 * Action items: the space's list and "My action items"; the secretariat creates; the assignee or
 * the secretariat set the status. "setStatus" aims at an item assigned to the persona itself,
 * "setStatus on another's" at one assigned to a member who is none of the personas, so both halves
 * of the assignee-or-secretariat rule are tested. Each cell gets an action item of its own.
 */
const LIST = "/spaces/:slug/action-items";

// prettier-ignore
const rows: Record<string, Row> = {
  //                                               anonymous nonMember observer member secretariat chair  admin    removed deactivated
  [`GET ${LIST}`]:                                 ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
  "GET /action-items":                             ["login", "allow", "allow", "allow", "allow", "allow", "allow", "allow", "login"],
  [`POST ${LIST} intent=create`]:                  ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
  [`POST ${LIST} intent=setStatus`]:               ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
  [`POST ${LIST} intent=setStatus on another's`]:  ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
};

const LIST_PATH = /^\/spaces\/bispebjerg-netvaerk\/action-items$/;

const section: MatrixSection = {
  rows,
  intents: [[LIST, actionItemActionSchema]],
  successRedirects: {
    [`POST ${LIST} intent=create`]:
      /^\/spaces\/bispebjerg-netvaerk\/action-items#action-[0-9a-f-]{36}$/,
    [`POST ${LIST} intent=setStatus`]: LIST_PATH,
    [`POST ${LIST} intent=setStatus on another's`]: LIST_PATH,
  },

  async setup(ctx) {
    // Something for the lists to show: one item assigned to each persona.
    for (const [, userId] of ctx.users) {
      await createTestActionItem(ctx.h.db, {
        spaceId: ctx.spaceId,
        createdById: ctx.users.get("secretariat")!,
        title: `Matrixopgave ${ctx.serial()}`,
        assigneeUserId: userId,
        dueDate: "2020-01-01",
      });
    }
  },

  getPaths(pattern, ctx) {
    if (pattern === LIST) {
      const path = `/spaces/${ctx.slug}/action-items`;
      return [path, `${path}?status=all`, `${path}?status=overdue`];
    }
    if (pattern === "/action-items") return ["/action-items"];
    return undefined;
  },

  async postFor({ pattern, intent, onAnothers }, persona, ctx): Promise<PostRequest | undefined> {
    if (pattern !== LIST) return undefined;
    const path = `/spaces/${ctx.slug}/action-items`;
    if (intent === "create") {
      return {
        path,
        fields: {
          intent,
          title: `Ny matrixopgave ${ctx.serial()}`,
          assignee: `user:${ctx.otherMemberId}`,
          dueDate: "2030-01-01",
        },
      };
    }
    if (intent === "setStatus") {
      const actionItemId = await createTestActionItem(ctx.h.db, {
        spaceId: ctx.spaceId,
        createdById: ctx.users.get("secretariat")!,
        title: `Statusopgave ${ctx.serial()}`,
        assigneeUserId: onAnothers ? ctx.otherMemberId : ctx.users.get(persona)!,
      });
      return { path, fields: { intent, actionItemId, status: "done" } };
    }
    return undefined;
  },

  // A refused status change must leave every action item as it was.
  async snapshot(ctx) {
    const state: Record<string, string> = {};
    for (const a of await ctx.h.db.selectFrom("actionItem").selectAll().execute()) {
      state[`actionItem ${a.id}`] = JSON.stringify(a);
    }
    return state;
  },
};

export default section;
