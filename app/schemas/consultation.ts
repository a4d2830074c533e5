import { z } from "zod";
import { copenhagenToUtc } from "../lib/zoned-time";

export const ANSWER_MAX_LENGTH = 20_000;
export const STANCES = ["agree", "partly", "disagree", "none"] as const;
export type Stance = (typeof STANCES)[number];
export const AUDIENCES = ["all", "chosen"] as const;
export const ANSWER_VISIBILITIES = ["members", "secretariat"] as const;

const id = z.uuid({ error: "validation.formInvalid" });

const longText = (tooLong: string) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(ANSWER_MAX_LENGTH, tooLong);

/**
 * A new consultation. The deadline arrives as Copenhagen wall-clock time (datetime-local) and
 * leaves as a UTC instant; whether it lies in the future is the action's check, against its clock.
 * Checkbox lists arrive as arrays (see consultationFormValues).
 */
export const newConsultationSchema = z
  .object({
    title: z
      .string({ error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .max(200, "validation.tooLong"),
    question: longText("validation.tooLong"),
    deadline: z
      .string({ error: "consultations.deadlineInvalid" })
      .trim()
      .min(1, "consultations.deadlineInvalid")
      .transform((v, ctx) => {
        const utc = copenhagenToUtc(v);
        if (!utc) {
          ctx.addIssue({ code: "custom", message: "consultations.deadlineInvalid" });
          return z.NEVER;
        }
        return utc;
      }),
    audience: z.enum(AUDIENCES, { error: "validation.formInvalid" }),
    recipientIds: z.array(id).max(500, "validation.formInvalid").default([]),
    answerVisibility: z.enum(ANSWER_VISIBILITIES, { error: "validation.formInvalid" }),
    documentIds: z.array(id).max(50, "validation.formInvalid").default([]),
  })
  .superRefine((v, ctx) => {
    if (v.audience === "chosen" && v.recipientIds.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["recipientIds"],
        message: "consultations.recipientsRequired",
      });
    }
  });

export type NewConsultation = z.output<typeof newConsultationSchema>;

/** The fields of a submitted form, with the checkbox lists as arrays. */
export function consultationFormValues(form: FormData): Record<string, unknown> {
  return {
    ...Object.fromEntries(form),
    recipientIds: form.getAll("recipientIds"),
    documentIds: form.getAll("documentIds"),
  };
}

export const answerSchema = z.object({
  intent: z.literal("answer"),
  body: longText("consultations.answerTooLong"),
  stance: z
    // The union's own message: without it a stance outside the list reads zod's English default.
    .union([z.enum(STANCES), z.literal("")], { error: "validation.formInvalid" })
    .optional()
    .transform((v) => (v ? v : null)),
});

export const closeSchema = z.object({
  intent: z.literal("close"),
  outcome: longText("validation.tooLong"),
});

export const consultationActionSchema = z.discriminatedUnion("intent", [
  answerSchema,
  z.object({ intent: z.literal("remind") }),
  closeSchema,
]);

export const consultationIdSchema = id;
