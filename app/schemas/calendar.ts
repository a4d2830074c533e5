import { z } from "zod";

/** The calendar page's two actions: a first feed URL, or a new one replacing it. */
export const calendarActionSchema = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("create") }), z.object({ intent: z.literal("renew") })],
  { error: "validation.formInvalid" },
);
