import { redirect } from "react-router";
import { invalidateSession, serializeBlankSessionCookie } from "../auth/session.server";
import { getHub } from "../auth/guard.server";
import { sessionContext } from "../lib/context";
import type { Route } from "./+types/logout";

export async function action({ request, context }: Route.ActionArgs) {
  const session = context.get(sessionContext);
  if (session) await invalidateSession(getHub(context).db, session.sessionId);
  const secure = new URL(request.url).protocol === "https:";
  return redirect("/login?loggedOut=1", {
    headers: { "Set-Cookie": serializeBlankSessionCookie({ secure }) },
  });
}

// Signing out changes state, so it is a POST only; a GET just goes home.
export function loader() {
  return redirect("/");
}
