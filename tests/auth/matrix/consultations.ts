import { renderPost } from "../../../app/lib/markdown.server";
import { utcToCopenhagen } from "../../../app/lib/zoned-time";
import { createConsultation } from "../../../app/models/consultation.server";
import { consultationActionSchema } from "../../../app/schemas/consultation";
import type { MatrixContext, MatrixSection, Persona, PostRequest } from "./types";

// Consultations (høringer): members read; the secretariat asks, reminds and closes; only the
// people asked answer. "answer" aims at a consultation that asks every persona by name (so the
// observer's and the administrator's cells test the rule, not who was asked); "answer on
// another's" at one that asks none of them.

const LIST = "/spaces/:slug/consultations";
const ONE = `${LIST}/:consultationId`;
const WEEK = 7 * 86_400_000;

let readable = "";

async function freshConsultation(ctx: MatrixContext, { askPersonas = false } = {}) {
  const { h, spaceId } = ctx;
  const question = `Matrixhøring ${ctx.serial()}`;
  const created = await createConsultation(h.db, {
    spaceId,
    createdById: ctx.personId,
    title: question,
    question,
    questionHtml: renderPost(question).html,
    deadline: new Date(Date.now() + WEEK).toISOString(),
    audience: "chosen",
    recipientIds: [ctx.otherMemberId],
    answerVisibility: "members",
    documentIds: [],
  });
  if (created.status !== "created") throw new Error(`matrix consultation: ${created.status}`);
  if (askPersonas) {
    // Written directly: the model asks only current members, and the point here is that being
    // asked is not enough for someone who is not (or no longer) a member.
    const personas = [...new Set(ctx.users.values())];
    await h.db
      .insertInto("consultationRecipient")
      .values(
        personas.map((userId) => ({
          consultationId: created.consultationId,
          spaceId,
          userId,
          askedAt: new Date().toISOString(),
          lastRemindedAt: null,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return `/spaces/${ctx.slug}/consultations/${created.consultationId}`;
}

const section: MatrixSection = {
  // prettier-ignore
  rows: {
    //                                             anonymous nonMember observer member secretariat chair  admin    removed deactivated
    [`GET ${LIST}`]:                               ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
    [`GET ${ONE}`]:                                ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
    [`POST ${LIST}`]:                              ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
    [`POST ${ONE} intent=answer`]:                 ["login", "404",   "allow", "allow", "allow", "allow", "403",   "404",   "login"],
    [`POST ${ONE} intent=answer on another's`]:    ["login", "404",   "403",   "403",   "403",   "403",   "403",   "404",   "login"],
    [`POST ${ONE} intent=remind`]:                 ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
    [`POST ${ONE} intent=close`]:                  ["login", "404",   "403",   "403",   "allow", "403",   "403",   "404",   "login"],
  },
  successRedirects: {
    [`POST ${LIST}`]: /^\/spaces\/bispebjerg-netvaerk\/consultations\/[0-9a-f-]{36}$/,
  },
  intents: [[ONE, consultationActionSchema]],

  async setup(ctx) {
    readable = await freshConsultation(ctx);
  },

  getPaths(pattern, ctx) {
    if (pattern === LIST) return [`/spaces/${ctx.slug}/consultations`];
    if (pattern === ONE) return [readable];
    return undefined;
  },

  async postFor(
    { pattern, intent, onAnothers },
    _persona: Persona,
    ctx,
  ): Promise<PostRequest | undefined> {
    if (pattern === LIST) {
      return {
        path: `/spaces/${ctx.slug}/consultations`,
        fields: {
          title: `Ny matrixhøring ${ctx.serial()}`,
          question: "Hvad mener I?",
          deadline: utcToCopenhagen(new Date(Date.now() + WEEK).toISOString()).local,
          audience: "chosen",
          recipientIds: [ctx.otherMemberId],
          answerVisibility: "members",
        },
      };
    }
    if (pattern !== ONE) return undefined;
    const path = await freshConsultation(ctx, { askPersonas: intent === "answer" && !onAnothers });
    switch (intent) {
      case "answer":
        return { path, fields: { intent, body: "Mit svar", stance: "agree" } };
      case "remind":
        return { path, fields: { intent } };
      case "close":
        return { path, fields: { intent, outcome: "Vi har brugt svarene." } };
    }
    return undefined;
  },

  async snapshot(ctx) {
    const state: Record<string, string> = {};
    for (const c of await ctx.h.db.selectFrom("consultation").selectAll().execute()) {
      state[`consultation ${c.id}`] = JSON.stringify(c);
    }
    for (const r of await ctx.h.db.selectFrom("consultationRecipient").selectAll().execute()) {
      state[`consultationRecipient ${r.consultationId} ${r.userId}`] = JSON.stringify(r);
    }
    for (const a of await ctx.h.db.selectFrom("consultationAnswer").selectAll().execute()) {
      state[`consultationAnswer ${a.id}`] = JSON.stringify(a);
    }
    return state;
  },
};

export default section;
