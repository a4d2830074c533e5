import { redirect } from "react-router";
import { safeRedirectPath } from "../auth/guard.server";
import { readFormData } from "../lib/form.server";
import { isLanguage, defaultLanguage } from "../locales";
import { localeCookie } from "../middleware/i18next";
import type { Route } from "./+types/language";

/** The language switch: a plain form post, so it works without JavaScript. */
export async function action({ request }: Route.ActionArgs) {
  const form = await readFormData(request);
  const lng = form.get("lng");
  return redirect(safeRedirectPath(form.get("redirectTo")), {
    headers: {
      "Set-Cookie": await localeCookie.serialize(isLanguage(lng) ? lng : defaultLanguage),
    },
  });
}

export function loader() {
  return redirect("/");
}
