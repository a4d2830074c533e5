import { z } from "zod";
import { copenhagenToUtc } from "../lib/zoned-time";

/**
 * The forms of the meetings list and the meeting page. Messages are i18n keys. Times arrive as
 * `datetime-local` values in Copenhagen wall-clock time and leave as UTC instants.
 */

export const AGENDA_KINDS = ["orientation", "discussion", "decision"] as const;
export const ATTENDANCE_RESPONSES = ["attending", "absent", "maybe"] as const;
export const DURATION_MAX = 600;

const required = (max: number) =>
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

const id = z.uuid({ error: "validation.formInvalid" });

/** Only http(s): a javascript: or file: link in an invitation would be an attack, not a meeting. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && !!url.hostname;
  } catch {
    return false;
  }
}

const webUrl = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(2000, "validation.tooLong")
  .refine(isWebUrl, "meetings.validation.url");

const optionalWebUrl = z
  .string()
  .trim()
  .max(2000, "validation.tooLong")
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isWebUrl(v), "meetings.validation.url");

const localDateTime = z
  .string({ error: "meetings.validation.dateTime" })
  .trim()
  .transform((value, ctx) => {
    const utc = copenhagenToUtc(value);
    if (!utc) {
      ctx.addIssue({ code: "custom", message: "meetings.validation.dateTime" });
      return z.NEVER;
    }
    return utc;
  });

const duration = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? Number(v) : 0))
  .pipe(
    z
      .number({ error: "meetings.validation.duration" })
      .int("meetings.validation.duration")
      .min(0, "meetings.validation.duration")
      .max(DURATION_MAX, "meetings.validation.duration"),
  );

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

const meetingFields = {
  title: required(200),
  startsAt: localDateTime,
  endsAt: localDateTime,
  place: optionalText(200),
  onlineUrl: optionalWebUrl,
  description: optionalText(4000),
};

const endAfterStart = (m: { startsAt: string; endsAt: string }) => m.endsAt > m.startsAt;
const endAfterStartIssue = { path: ["endsAt"], message: "meetings.validation.endBeforeStart" };

export const meetingDetailsSchema = z
  .object(meetingFields)
  .refine(endAfterStart, endAfterStartIssue);
export type MeetingDetails = z.infer<typeof meetingDetailsSchema>;

const weekday = z.enum(["1", "2", "3", "4", "5", "6", "7"], {
  error: "meetings.validation.weekday",
});

export const seriesSchema = z
  .object({
    intent: z.literal("createSeries"),
    title: required(200),
    frequency: z.enum(["monthly", "weekly"], { error: "meetings.validation.frequency" }),
    weekday,
    nth: z
      .enum(["1", "2", "3", "4", "-1"], { error: "meetings.validation.nth" })
      .optional()
      .default("1"),
    interval: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? Number(v) : 1))
      .pipe(
        z
          .number({ error: "meetings.validation.interval" })
          .int("meetings.validation.interval")
          .min(1, "meetings.validation.interval")
          .max(8, "meetings.validation.interval"),
      ),
    startTime: z
      .string({ error: "meetings.validation.time" })
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "meetings.validation.time"),
    durationMinutes: z
      .string()
      .trim()
      .transform((v) => (v ? Number(v) : NaN))
      .pipe(
        z
          .number({ error: "meetings.validation.seriesDuration" })
          .int("meetings.validation.seriesDuration")
          .min(1, "meetings.validation.seriesDuration")
          .max(24 * 60, "meetings.validation.seriesDuration"),
      ),
    firstDate: z.iso.date({ error: "validation.date" }),
    untilDate: z.iso.date({ error: "validation.date" }),
    place: optionalText(200),
    onlineUrl: optionalWebUrl,
    description: optionalText(4000),
  })
  .refine((s) => s.untilDate >= s.firstDate, {
    path: ["untilDate"],
    message: "meetings.validation.untilBeforeFirst",
  });

export const meetingListActionSchema = z.discriminatedUnion("intent", [
  z
    .object({ intent: z.literal("create"), ...meetingFields })
    .refine(endAfterStart, endAfterStartIssue),
  seriesSchema,
]);

const agendaItemFields = {
  title: required(200),
  description: optionalText(10_000),
  presenter: optionalText(200),
  durationMinutes: duration,
  kind: z.enum(AGENDA_KINDS, { error: "meetings.validation.kind" }),
};

const accessUserIds = z.array(id).max(200).optional().default([]);

export const meetingActionSchema = z.discriminatedUnion("intent", [
  z
    .object({ intent: z.literal("edit"), ...meetingFields })
    .refine(endAfterStart, endAfterStartIssue),
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("markHeld") }),
  z.object({ intent: z.literal("cancel") }),
  z.object({ intent: z.literal("delete") }),
  z.object({
    intent: z.literal("addItem"),
    ...agendaItemFields,
    parentId: z
      .union([id, z.literal("")])
      .optional()
      .transform((v) => (v ? v : null)),
    isClosed: checkbox,
    accessUserIds,
  }),
  z.object({
    intent: z.literal("editItem"),
    itemId: id,
    ...agendaItemFields,
    isClosed: checkbox,
    accessUserIds,
  }),
  z.object({ intent: z.literal("deleteItem"), itemId: id }),
  z.object({ intent: z.enum(["moveUp", "moveDown"]), itemId: id }),
  z.object({ intent: z.literal("addDocument"), itemId: id, documentId: id }),
  z.object({ intent: z.literal("removeDocument"), itemId: id, documentId: id }),
  z.object({ intent: z.literal("addLink"), itemId: id, title: required(200), url: webUrl }),
  z.object({ intent: z.literal("removeLink"), itemId: id, linkId: id }),
  z.object({ intent: z.literal("propose"), ...agendaItemFields }),
  z.object({ intent: z.literal("accept"), itemId: id }),
  z.object({ intent: z.literal("decline"), itemId: id, reason: required(1000) }),
  z.object({
    intent: z.literal("respond"),
    response: z.enum(ATTENDANCE_RESPONSES, { error: "meetings.validation.response" }),
    note: optionalText(500),
  }),
  z.object({ intent: z.literal("remind") }),
]);
export type MeetingAction = z.infer<typeof meetingActionSchema>;
export type AgendaItemFields = {
  title: string;
  description: string;
  presenter: string;
  durationMinutes: number;
  kind: (typeof AGENDA_KINDS)[number];
};

/** A form's fields as an object; `arrays` name the fields sent more than once (checkboxes). */
export function formObject(form: FormData, arrays: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    out[key] = arrays.includes(key) ? form.getAll(key) : form.get(key);
  }
  return out;
}
