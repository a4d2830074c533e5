import type { ActivityFormValues, OverlapView } from "../components/activity-form";
import type { ActivityInput, Overlap } from "../models/activity.server";
import { activityFieldsSchema } from "../schemas/activity";
import { fieldErrorsOf } from "./form.server";
import { renderPost } from "./markdown.server";

const FIELDS = [
  "title",
  "startsAt",
  "endsAt",
  "place",
  "targetGroup",
  "organiserOrganisationId",
  "contactName",
  "contactDetails",
  "description",
] as const;

/** What the person typed, to show again in the form (strings only, capped). */
export function formValuesOf(form: FormData): ActivityFormValues {
  const values: ActivityFormValues = {};
  for (const name of FIELDS) {
    const v = form.get(name);
    if (typeof v === "string") values[name] = v.slice(0, 20_000);
  }
  return values;
}

/** The activity form parsed: the model's input, or the field errors (i18n keys) to show. */
export function parseActivityForm(
  form: FormData,
):
  | { ok: true; activity: ActivityInput; confirmOverlap: boolean; values: ActivityFormValues }
  | { ok: false; fieldErrors: Record<string, string[]>; values: ActivityFormValues } {
  const values = formValuesOf(form);
  const parsed = activityFieldsSchema.safeParse({
    ...values,
    confirmOverlap: form.get("confirmOverlap") ?? undefined,
  });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  const { confirmOverlap, ...fields } = parsed.data;
  return {
    ok: true,
    confirmOverlap,
    values,
    // Markdown with raw HTML off, rendered once when written (as posts are).
    activity: { ...fields, descriptionHtml: renderPost(fields.description).html },
  };
}

export function toOverlapView(o: Overlap): OverlapView {
  return {
    id: o.id,
    title: o.title,
    startsAt: o.startsAt,
    endsAt: o.endsAt,
    place: o.place,
    organiserName: o.organiserName,
  };
}
