import { z } from "zod";
import { copenhagenToUtc } from "../lib/zoned-time";

/** The groups an activity is for: broad groups, never individuals. */
export const targetGroups = [
  "children",
  "youth",
  "parents",
  "women",
  "men",
  "families",
  "professionals",
  "everyone",
] as const;
export type TargetGroup = (typeof targetGroups)[number];

export const ACTIVITY_DESCRIPTION_MAX = 10_000;

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

/** A datetime-local value in Copenhagen time, turned into a UTC instant. */
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

/** The fields of an activity as the create and edit forms send them. */
export const activityFieldsSchema = z
  .object({
    title: text(200),
    startsAt: wallClock,
    endsAt: wallClock,
    place: text(200),
    targetGroup: z.enum(targetGroups, { error: "activities.validation.targetGroup" }),
    organiserOrganisationId: z
      .union([z.uuid({ error: "validation.organisation" }), z.literal("")])
      .optional()
      .transform((v) => (v ? v : null)),
    contactName: optionalText(200),
    contactDetails: optionalText(200),
    description: optionalText(ACTIVITY_DESCRIPTION_MAX),
    // Sent by the second submit, after the overlap warning has been read.
    confirmOverlap: z
      .string()
      .optional()
      .transform((v) => v === "1"),
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

export type ActivityFields = z.infer<typeof activityFieldsSchema>;

export const activityIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("edit") }),
  z.object({ intent: z.literal("cancel") }),
  z.object({ intent: z.literal("reinstate") }),
  z.object({ intent: z.literal("delete") }),
]);

/** The list's query string: view, month and filters; anything odd falls back to the default. */
export const activityQuerySchema = z.object({
  view: z.enum(["list", "month"]).catch("list"),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  group: z.enum(targetGroups).optional().catch(undefined),
  organiser: z.uuid().optional().catch(undefined),
});
