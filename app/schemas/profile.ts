import { z } from "zod";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

/** Comma-separated tags, trimmed, de-duplicated, at most 20 of at most 60 characters. */
const tagList = z
  .string()
  .max(1500, "validation.tooLong")
  .optional()
  .transform((v) => [
    ...new Set(
      (v ?? "")
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ])
  // Checked on the whole list, not per item: the message must land on the one field there is.
  .pipe(
    z
      .array(z.string())
      .max(20, "validation.tooManyTags")
      .refine((tags) => tags.every((tag) => tag.length <= 60), "validation.tagTooLong"),
  );

export const languageCodes = [
  "da",
  "en",
  "ar",
  "tr",
  "ur",
  "so",
  "fa",
  "ku",
  "pl",
  "de",
  "fr",
  "es",
  "sv",
  "no",
] as const;

export const profileSchema = z.object({
  name: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(120, "validation.tooLong"),
  title: optionalText(120),
  organisationId: z
    .union([z.literal(""), z.uuid({ error: "validation.organisation" })], {
      error: "validation.organisation",
    })
    .optional()
    .transform((v) => v || undefined),
  bio: z
    .string()
    .trim()
    .max(2000, "validation.tooLong")
    .optional()
    .transform((v) => v ?? ""),
  phone: optionalText(40).pipe(
    z
      .string()
      .regex(/^[+0-9 ()-]{4,40}$/, "validation.phone")
      .nullable(),
  ),
  contactVisibility: z.enum(["members", "nobody"], { error: "validation.required" }),
  expertise: tagList,
  languages: z
    .array(z.enum(languageCodes))
    .max(languageCodes.length)
    .optional()
    .transform((v) => v ?? []),
});
