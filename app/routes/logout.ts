import { redirect } from "react-router";
import { invalidateSession, serializeBlankSessionCookie } from "../auth/session.server";
import { getHub } from "../auth/guard.server";
import { sessionContext } from "../lib/context";
import { disconnectSession } from "../realtime/publish.server";
import type { Route } from "./+types/logout";

export async function action({ request, context }: Route.ActionArgs) {
  const session = context.get(sessionContext);
  if (session) {
    const { db, io } = getHub(context);
    await invalidateSession(db, session.sessionId);
    disconnectSession(io, { sessionId: session.sessionId });
  }
  const secure = new URL(request.url).protocol === "https:";
  return redirect("/login?loggedOut=1", {
    headers: { "Set-Cookie": serializeBlankSessionCookie({ secure }) },
  });
}

// Signing out changes state, so it is a POST only; a GET just goes home.
export function loader() {
  return redirect("/");
}
