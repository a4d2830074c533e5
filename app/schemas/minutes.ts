import { z } from "zod";

/** The longest notes or decision text of one agenda item, as for posts. */
export const MINUTES_MAX_LENGTH = 20_000;

// Empty text is fine (an item may have no decision); only oversize text is refused.
const minutesText = z
  .string()
  .max(MINUTES_MAX_LENGTH, "minutes.tooLong")
  .optional()
  .transform((v) => (v ?? "").replace(/\r\n/g, "\n").trim());

// The version the form was built for: approving or changing an older version than the stored one
// is a stale form and is refused rather than silently applied to the newer text.
const version = z.coerce
  .number({ error: "validation.formInvalid" })
  .int("validation.formInvalid")
  .min(0, "validation.formInvalid")
  .max(100_000, "validation.formInvalid");

const id = z.uuid({ error: "validation.formInvalid" });

export const minutesActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("saveItem"),
    agendaItemId: id,
    notes: minutesText,
    decision: minutesText,
  }),
  z.object({ intent: z.literal("circulate"), version }),
  z.object({
    intent: z.literal("comment"),
    version,
    body: z
      .string({ error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .max(MINUTES_MAX_LENGTH, "minutes.tooLong"),
  }),
  z.object({ intent: z.literal("approve"), version }),
  z.object({ intent: z.literal("reopen"), version }),
]);

export type MinutesAction = z.infer<typeof minutesActionSchema>;
