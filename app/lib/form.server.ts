import { data } from "react-router";

/**
 * The request's form fields. A body that is not a form (wrong content type, broken multipart)
 * is the sender's mistake: it answers 400 with a message, never a 500 from inside the action.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data({ error: "formInvalid" }, { status: 400 });
  }
}

/** A zod error's messages (i18n keys) grouped by the top-level field they belong to. */
export function fieldErrorsOf(error: { issues: { path: PropertyKey[]; message: string }[] }) {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues)
    (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  return fieldErrors;
}
