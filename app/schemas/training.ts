import { z } from "zod";
import { copenhagenToUtc } from "../lib/zoned-time";

const text = (max: number) =>
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

const wallClock = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .transform((v, ctx) => {
    const utc = copenhagenToUtc(v);
    if (!utc) {
      ctx.addIssue({ code: "custom", message: "activities.validation.dateTime" });
      return z.NEVER;
    }
    return utc;
  });

const id = z.uuid({ error: "validation.formInvalid" });

export const courseSchema = z.object({
  title: text(200),
  organiser: optionalText(200),
  description: optionalText(10_000),
});

export const sessionSchema = z
  .object({
    intent: z.literal("addSession"),
    startsAt: wallClock,
    endsAt: wallClock,
    place: optionalText(200),
    teachers: optionalText(300),
  })
  .superRefine((v, ctx) => {
    if (v.endsAt <= v.startsAt) {
      ctx.addIssue({
        code: "custom",
        path: ["endsAt"],
        message: "activities.validation.endBeforeStart",
      });
    }
  });

export const courseActionSchema = z.discriminatedUnion("intent", [
  sessionSchema,
  z.object({ intent: z.literal("deleteSession"), sessionId: id }),
  z.object({ intent: z.literal("addParticipant"), userId: id }),
  z.object({ intent: z.literal("removeParticipant"), userId: id }),
  z.object({
    intent: z.literal("recordAttendance"),
    sessionId: id,
    userId: id,
    status: z.enum(["present", "absent"], { error: "validation.formInvalid" }),
  }),
  z.object({ intent: z.literal("complete"), userId: id }),
  z.object({ intent: z.literal("uncomplete"), userId: id }),
]);
