import type { Database } from "../../db/client";
import { getPlan, organisationsExist, type InitiativeInput } from "../models/plan.server";
import { initiativeSchema } from "../schemas/plan";
import { fieldErrorsOf } from "./form.server";

export type InitiativeFormResult =
  | { ok: true; input: InitiativeInput }
  | { ok: false; errors: Record<string, string[]>; values: Record<string, unknown> };

/**
 * Reads and checks the initiative form: the schema (an end date before the start is an error on
 * the end date), then that the plan and every organisation exist.
 */
export async function parseInitiativeForm(
  db: Database,
  form: FormData,
): Promise<InitiativeFormResult> {
  const raw: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue;
    if (name === "partnerOrganisationIds") {
      ((raw[name] as string[] | undefined) ?? ((raw[name] = [] as string[]) as string[])).push(
        value,
      );
    } else raw[name] = value;
  }
  const parsed = initiativeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error), values: raw };
  const input = parsed.data;
  const errors: Record<string, string[]> = {};
  if (!(await getPlan(db, { planId: input.planId }))) errors.planId = ["validation.formInvalid"];
  if (!(await organisationsExist(db, { ids: [input.ownerOrganisationId] }))) {
    errors.ownerOrganisationId = ["validation.organisation"];
  }
  if (!(await organisationsExist(db, { ids: input.partnerOrganisationIds }))) {
    errors.partnerOrganisationIds = ["validation.organisation"];
  }
  if (Object.keys(errors).length) return { ok: false, errors, values: raw };
  return { ok: true, input };
}
