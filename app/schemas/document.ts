import { z } from "zod";

const optionalText = (max: number, pattern?: RegExp) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || !pattern || pattern.test(v), "validation.caseNumber");

const optionalId = z
  .union([z.uuid({ error: "validation.formInvalid" }), z.literal("")])
  .optional()
  .transform((v) => (v ? v : null));

// F2 and eDoc numbers look like "2025 - 24329", "9764425" or "2025-0370200".
const CASE_NUMBER = /^[0-9A-Za-z][0-9A-Za-z .\/-]*$/;

/** The descriptive fields of a document, as sent with an upload or an edit. */
export const documentMetadataSchema = z.object({
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
  folderId: optionalId,
  documentDate: z
    .union([z.iso.date({ error: "validation.date" }), z.literal("")])
    .optional()
    .transform((v) => (v ? v : null)),
  originOrganisationId: optionalId,
  f2CaseNumber: optionalText(40, CASE_NUMBER),
  f2DocumentNumber: optionalText(40, CASE_NUMBER),
  edocCaseNumber: optionalText(40, CASE_NUMBER),
  tags: z
    .string()
    .max(1000, "validation.tooLong")
    .optional()
    .transform((v) => [
      ...new Set(
        (v ?? "")
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ])
    .refine(
      (tags) => tags.length <= 20 && tags.every((t) => t.length <= 60),
      "validation.tagTooLong",
    ),
});

export const versionNoteSchema = z
  .string()
  .trim()
  .max(500, "validation.tooLong")
  .optional()
  .transform((v) => v ?? "");

export const folderSchema = z.object({
  intent: z.literal("createFolder"),
  name: z.string().trim().min(1, "validation.required").max(100, "validation.tooLong"),
});

const threadIdSchema = z.uuid({ error: "documents.uses.chooseThread" });

export const documentActionSchema = z.discriminatedUnion("intent", [
  documentMetadataSchema.extend({ intent: z.literal("edit") }),
  z.object({ intent: z.literal("restoreVersion"), versionId: z.uuid() }),
  z.object({ intent: z.literal("trash") }),
  z.object({ intent: z.literal("linkThread"), threadId: threadIdSchema }),
  z.object({ intent: z.literal("unlinkThread"), threadId: threadIdSchema }),
]);
