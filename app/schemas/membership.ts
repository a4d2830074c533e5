import { z } from "zod";
import { spaceRoles } from "../auth/roles";

const id = z.string({ error: "validation.required" }).uuid({ error: "validation.required" });
const role = z.enum(spaceRoles, { error: "validation.role" });

export const inviteToSpaceSchema = z.object({
  intent: z.literal("invite"),
  email: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(254, "validation.tooLong")
    .pipe(z.email({ error: "validation.email" })),
  role,
});

export const membershipActionSchema = z.discriminatedUnion("intent", [
  inviteToSpaceSchema,
  z.object({ intent: z.literal("resend"), invitationId: id }),
  z.object({ intent: z.literal("revoke"), invitationId: id }),
  z.object({ intent: z.literal("changeRole"), membershipId: id, role }),
  z.object({ intent: z.literal("end"), membershipId: id }),
]);
