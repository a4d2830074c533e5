import { z } from "zod";

// Messages are i18n keys, translated where they are shown: one schema serves the browser,
// the route action and (later) socket handlers, in either language.
const email = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(254, "validation.tooLong")
  .pipe(z.email({ error: "validation.email" }));

const newPassword = z
  .string({ error: "validation.required" })
  .min(10, "validation.passwordTooShort")
  .max(200, "validation.passwordTooLong");

const name = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(120, "validation.tooLong");

export const loginSchema = z.object({
  email,
  password: z
    .string({ error: "validation.required" })
    .min(1, "validation.required")
    .max(200, "validation.passwordTooLong"),
  redirectTo: z.string().max(500).optional(),
});

const passwordPair = z
  .object({ password: newPassword, passwordConfirm: z.string({ error: "validation.required" }) })
  .refine((v) => v.password === v.passwordConfirm, {
    message: "validation.passwordsDiffer",
    path: ["passwordConfirm"],
  });

export const acceptInvitationSchema = z
  .object({
    name,
    password: newPassword,
    passwordConfirm: z.string({ error: "validation.required" }),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    message: "validation.passwordsDiffer",
    path: ["passwordConfirm"],
  });

export const resetPasswordSchema = passwordPair;

export const requestPasswordResetSchema = z.object({ email });

export const inviteSchema = z.object({ email });
