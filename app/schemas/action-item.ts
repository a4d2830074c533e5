import { z } from "zod";

export const actionItemStatuses = ["open", "in_progress", "done"] as const;
export type ActionItemStatus = (typeof actionItemStatuses)[number];

export const actionItemFilters = ["open", "overdue", "done", "all"] as const;
export type ActionItemFilter = (typeof actionItemFilters)[number];

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const ASSIGNEE = new RegExp(`^(user|org):(${UUID})$`, "i");

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused, not rolled over). */
function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

const id = z.uuid({ error: "validation.formInvalid" });

/**
 * The assignee select sends "user:<id>", "org:<id>" or "" (unassigned): one of a person or an
 * organisation, never both. Whether the person is a current member is checked against the space.
 */
const assignee = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || ASSIGNEE.test(v), "actionItems.errors.assignee")
  .transform((v) => {
    const m = v ? ASSIGNEE.exec(v) : null;
    if (!m) return { userId: null, organisationId: null };
    const value = m[2]!.toLowerCase();
    return m[1]!.toLowerCase() === "user"
      ? { userId: value, organisationId: null }
      : { userId: null, organisationId: value };
  });

export const createActionItemSchema = z.object({
  intent: z.literal("create"),
  title: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(200, "validation.tooLong"),
  description: z
    .string()
    .trim()
    .max(4000, "validation.tooLong")
    .optional()
    .transform((v) => v ?? ""),
  assignee,
  dueDate: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || isCalendarDate(v), "actionItems.errors.dueDate")
    .transform((v) => (v ? v : null)),
  agendaItemId: z
    .union([id, z.literal("")])
    .optional()
    .transform((v) => (v ? v : null)),
});

export const setActionItemStatusSchema = z.object({
  intent: z.literal("setStatus"),
  actionItemId: id,
  status: z.enum(actionItemStatuses, { error: "actionItems.errors.status" }),
  // Where the form came from ("My action items" or the space's list); checked as a same-site path.
  returnTo: z.string().max(500).optional(),
});

export const actionItemActionSchema = z.discriminatedUnion("intent", [
  createActionItemSchema,
  setActionItemStatusSchema,
]);
