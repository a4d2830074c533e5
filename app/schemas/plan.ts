import { z } from "zod";
import { initiativeStatuses, stances, targetGroups } from "../lib/plan";

const requiredText = (max: number) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, "validation.tooLong");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => v ?? "");

// F2 and eDoc numbers look like "2025 - 24329", "9764425" or "2025-0370200".
const CASE_NUMBER = /^[0-9A-Za-z][0-9A-Za-z .\/-]*$/;
const caseNumber = z
  .string()
  .trim()
  .max(40, "validation.tooLong")
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || CASE_NUMBER.test(v), "validation.caseNumber");

const date = z.iso.date({ error: "validation.date" });
const id = z.uuid({ error: "validation.formInvalid" });

/** A period whose end lies before its start is refused on the end field. */
function endNotBeforeStart<T extends Record<string, unknown>>(
  start: keyof T & string,
  end: keyof T & string,
) {
  return (value: T, ctx: z.RefinementCtx) => {
    if (String(value[end]) < String(value[start])) {
      ctx.addIssue({ code: "custom", path: [end], message: "plan.validation.endBeforeStart" });
    }
  };
}

export const planSchema = z
  .object({
    intent: z.literal("createPlan"),
    title: requiredText(200),
    periodStart: date,
    periodEnd: date,
    description: optionalText(4000),
    f2CaseNumber: caseNumber,
    f2DocumentNumber: caseNumber,
    edocCaseNumber: caseNumber,
  })
  .superRefine(endNotBeforeStart("periodStart", "periodEnd"));

export const initiativeSchema = z
  .object({
    planId: id,
    title: requiredText(300),
    description: optionalText(8000),
    targetGroup: z.enum(targetGroups, { error: "plan.validation.targetGroup" }),
    ownerOrganisationId: z.uuid({ error: "validation.organisation" }),
    partnerOrganisationIds: z
      .array(z.uuid({ error: "validation.organisation" }))
      .max(30)
      .optional()
      .transform((v) => [...new Set(v ?? [])]),
    fundingContext: optionalText(300),
    startDate: date,
    endDate: date,
    status: z.enum(initiativeStatuses, { error: "plan.validation.status" }),
  })
  .superRefine(endNotBeforeStart("startDate", "endDate"));

/** The overview's actions: a new plan, and opening or closing a recommendation round. */
export const planActionSchema = z.discriminatedUnion("intent", [
  planSchema,
  z.object({
    intent: z.literal("openRound"),
    planId: id,
    question: requiredText(2000),
    // Copenhagen wall-clock time from <input type="datetime-local">.
    deadline: z.string({ error: "validation.required" }).min(1, "validation.required"),
  }),
  z.object({ intent: z.literal("closeRound"), roundId: id }),
]);

export const initiativeActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("addUpdate"), body: requiredText(20_000) }),
  z.object({
    intent: z.literal("recommend"),
    roundId: id,
    stance: z.enum(stances, { error: "plan.validation.stance" }),
    reason: requiredText(4000),
  }),
  z.object({ intent: z.literal("linkDocument"), documentId: id }),
  z.object({ intent: z.literal("unlinkDocument"), documentId: id }),
  z.object({
    intent: z.literal("linkMeeting"),
    // "meeting:<id>" or "agenda_item:<id>", as one select offers both.
    target: z
      .string({ error: "validation.required" })
      .regex(/^(meeting|agenda_item):[0-9a-f-]{36}$/, "validation.required"),
  }),
  z.object({
    intent: z.literal("unlinkMeeting"),
    subjectType: z.enum(["meeting", "agenda_item"]),
    subjectId: id,
  }),
  z.object({
    intent: z.literal("startDiscussion"),
    title: requiredText(200),
    body: requiredText(20_000),
  }),
]);

/** The overview's GET filters; anything unreadable is simply no filter. */
export const overviewFilterSchema = z.object({
  plan: z.uuid().optional().catch(undefined),
  targetGroup: z.enum(targetGroups).optional().catch(undefined),
  organisation: z.uuid().optional().catch(undefined),
  status: z.enum(initiativeStatuses).optional().catch(undefined),
  endingWithin: z.coerce.number().int().min(1).max(120).optional().catch(undefined),
});
