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
